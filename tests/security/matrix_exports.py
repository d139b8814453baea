"""Matrix rows of the list exports (CSV and XLSX, issue 14 §2): each export has the permission of the list it
belongs to. The companies, cooperation profiles and applications lists are open to every logged-in user, who sees
only their own rows (tests/exports/ checks the rows); the call's applications, scores and frozen ranking are the
secretariat's; agreements with partners and grants, claims and payments are for finance and the secretariat;
the overdue list is for the secretariat and the advisers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .matrix import ADVISERS, ANY_USER, FORBIDDEN, MANAGERS, SECRETARIAT_ONLY, Case, rule

FINANCE_READ = rule(FORBIDDEN, ok=(*MANAGERS, "finance"))


def _export(name: str, fmt: str, *keys: str) -> Any:
    return lambda ids: reverse(name, args=[*(ids[k] for k in keys), fmt])


def _both(name: str, expect: dict[str, str], *keys: str) -> list[Case]:
    return [Case(_export(name, fmt, *keys), expect, label=fmt) for fmt in ("csv", "xlsx")]


ROWS: dict[str, list[Case]] = {
    "companies:list_export": _both("companies:list_export", ANY_USER),
    "matching:my_profiles_export": _both("matching:my_profiles_export", ANY_USER),
    "applications:mine_export": _both("applications:mine_export", ANY_USER),
    "assessment:applications_export": _both("assessment:applications_export", SECRETARIAT_ONLY, "call"),
    "assessment:scores_export": _both("assessment:scores_export", SECRETARIAT_ONLY, "call"),
    "assessment:frozen_ranking_export": _both("assessment:frozen_ranking_export", SECRETARIAT_ONLY, "call"),
    "grants:list_export": _both("grants:list_export", FINANCE_READ),
    "grants:claims_export": _both("grants:claims_export", FINANCE_READ),
    "grants:payments_export": _both("grants:payments_export", FINANCE_READ),
    # As the overdue page: the secretariat and the advisers (an adviser's file holds their region only).
    "grants:overdue_export": _both("grants:overdue_export", rule(FORBIDDEN, ok=(*ADVISERS, *MANAGERS))),
}
