"""Matrix rows of the insights area: the dashboard, its CSV downloads and the yearly report. The secretariat,
administrators, advisers and finance see them; applicants and assessors get 403."""

from __future__ import annotations

from django.urls import reverse

from .matrix import ADVISERS, MANAGERS, Case, rule

VIEWERS = (*ADVISERS, *MANAGERS, "finance")
STAFF_FIGURES = rule("403", ok=VIEWERS)

ROWS: dict[str, list[Case]] = {
    "insights:dashboard": [Case(lambda ids: reverse("insights:dashboard"), STAFF_FIGURES)],
    "insights:csv": [Case(lambda ids: reverse("insights:csv", args=["funnel"]), STAFF_FIGURES)],
    "insights:report": [Case(lambda ids: reverse("insights:report", args=[2026]) + "?lang=en", STAFF_FIGURES)],
}
