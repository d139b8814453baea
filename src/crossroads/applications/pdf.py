"""The PDF of a submitted application: the official record every partner receives, rendered from the immutable
snapshot with WeasyPrint (no network), in the lead's language.

`submission_document` turns the snapshot into what people read (every code labelled, every figure formatted in the
language); `submission_pdf_html` renders it; `submission_pdf` prints it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from crossroads.core.formatting import (
    format_brussels,
    format_date_long,
    format_hours,
    format_money,
    format_months,
    format_number,
)
from crossroads.core.money import as_decimal
from crossroads.core.notifications import DEFAULT_LANGUAGE

from .display import indicator_rows
from .labels import (
    DECLARATION_LABELS,
    attachment_label,
    category_label,
    country_label,
    declaration_label,
    role_label,
    section_label,
)
from .models import CostCategoryCode, Stage, Submission


def lead_language(submission: Submission) -> str:
    """The language of the person of the lead who submitted (the lead's language); Dutch when unknown."""
    language = getattr(submission.submitted_by, "language", "") or DEFAULT_LANGUAGE
    return language if language in ("nl", "en") else DEFAULT_LANGUAGE


def _in_language(data: dict[str, Any], key: str, english: bool) -> str:
    return str(data.get(f"{key}_en" if english else f"{key}_nl") or data.get(f"{key}_nl") or "")


def _date(value: str | None) -> str:
    try:
        return format_date_long(dt.date.fromisoformat(value)) if value else "–"
    except ValueError:
        return "–"


def _moment(value: str | None) -> str:
    try:
        return format_brussels(dt.datetime.fromisoformat(value)) if value else ""
    except ValueError:
        return ""


def _line(line: dict[str, Any]) -> dict[str, str]:
    """A budget line: its category label, what it is, how the amount is made up, the amount."""
    details = [line.get("person") or ""]
    hours, rate = as_decimal(line.get("hours")), as_decimal(line.get("hourly_rate"))
    if hours is not None and rate is not None:
        details.append(f"{format_hours(hours)} × {format_money(rate)}")
    if line.get("supplier"):
        details.append(_("supplier: %(supplier)s") % {"supplier": line["supplier"]})
    if line.get("quotation"):
        details.append(_("quotation %(reference)s") % {"reference": line["quotation"]})
    return {
        "category": category_label(line.get("category", "")),
        "description": line.get("description") or "–",
        "details": " · ".join(d for d in details if d),
        "amount": format_money(line.get("amount")),
    }


def _category_totals(lines: list[dict[str, Any]]) -> list[tuple[str, str]]:
    totals = {code: Decimal("0") for code in CostCategoryCode.values}
    for line in lines:
        totals[line.get("category", "")] = totals.get(line.get("category", ""), Decimal("0")) + (
            as_decimal(line.get("amount")) or Decimal("0")
        )
    return [(category_label(code), format_money(total)) for code, total in totals.items() if total]


def _partner(p: dict[str, Any]) -> dict[str, Any]:
    declarations = p.get("declarations") or {}
    return {
        "name": p.get("company") or "–",
        "is_lead": bool(p.get("is_lead")),
        "number": p.get("enterprise_number") or "",
        "country": country_label(p.get("country")),
        "role": role_label(p.get("role") or ""),
        "tasks": (p.get("tasks") or "").strip(),
        "eligible_costs": format_money(p.get("eligible_costs")),
        "grant": format_money(p.get("grant")),
        "lines": [_line(line) for line in p.get("budget") or []],
        "category_totals": _category_totals(p.get("budget") or []),
        "declarations": [
            {"text": declaration_label(code), "given": bool(declarations.get(code))}
            for code in [*DECLARATION_LABELS, *(c for c in declarations if c not in DECLARATION_LABELS)]
        ],
        "declared_at": _moment(p.get("declared_at")),
    }


def _person_months(months: Any) -> str:
    return _("%(months)s person-months") % {"months": format_number(months, None)}


def _work_packages(data: dict[str, Any]) -> list[dict[str, Any]]:
    names = {str(p.get("id")): p.get("company") or "–" for p in data.get("partners") or []}
    return [
        {
            "title": _("WP%(number)s %(title)s") % {"number": wp.get("number"), "title": wp.get("title") or ""},
            "description": (wp.get("description") or "").strip(),
            "effort": [
                (names.get(str(pid), _("a former partner")), _person_months(months))
                for pid, months in (wp.get("effort") or {}).items()
                if as_decimal(months)
            ],
        }
        for wp in data.get("work_packages") or []
    ]


def _themes(data: dict[str, Any], english: bool) -> str:
    names = data.get("theme_names") or {}
    if not names and data.get("themes"):  # a snapshot from before the names were kept: today's names
        from crossroads.programme.models import Theme

        names = {t.code: {"nl": t.name_nl, "en": t.name_en} for t in Theme.objects.filter(code__in=data["themes"])}
    shown = [
        (names.get(code) or {}).get("en" if english else "nl") or code.replace("_", " ").capitalize()
        for code in data.get("themes") or []
    ]
    return ", ".join(shown) or "–"


def submission_document(submission: Submission) -> dict[str, Any]:
    """The template's context, in the active language: nothing in it is a code, a raw number or None."""
    data = submission.snapshot
    english = (get_language() or "nl").startswith("en")
    application, call, totals = data.get("application") or {}, data.get("call") or {}, data.get("totals") or {}
    sections = application.get("sections") or {}
    codes = list(call.get("required_sections") or [])
    codes += [c for c, text in sections.items() if c not in codes and (text or "").strip()]
    application_model = submission.application
    return {
        "title": application.get("title") or "–",
        "acronym": application.get("acronym") or "",
        "programme": _in_language(call, "programme", english) or application_model.call.programme.name,
        "call": _in_language(call, "name", english) or application_model.call.name,
        "reference": f"{call.get('code') or application_model.call.code}/{application_model.pk}",
        "version": submission.number,
        "submitted": format_brussels(submission.submitted_at),
        "stage": str(Stage(data["stage"]).label) if data.get("stage") in Stage.values else "",
        "duration": format_months(application.get("duration_months")),
        "start": _date(application.get("planned_start")),
        "themes": _themes(data, english),
        "sections": [(section_label(code), (sections.get(code) or "").strip()) for code in codes],
        "partners": [_partner(p) for p in data.get("partners") or []],
        "work_packages": _work_packages(data),
        "indicators": indicator_rows(application.get("indicators") or {}),
        "attachments": [
            (attachment_label(a.get("kind", "")), a.get("name") or "–") for a in data.get("attachments") or []
        ],
        "total_costs": format_money(totals.get("costs")),
        "total_grant": format_money(totals.get("grant")),
        "by_category": [
            (category_label(code), format_money(amount))
            for code, amount in (totals.get("by_category") or {}).items()
            if as_decimal(amount)
        ],
    }


def submission_pdf_html(submission: Submission, language: str | None = None) -> str:
    """The PDF's HTML in `language` (by default the lead's)."""
    language = language or lead_language(submission)
    with override(language):
        return render_to_string(
            "applications/submission_pdf.html", {"doc": submission_document(submission), "language": language}
        )


def submission_pdf(submission: Submission, language: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=submission_pdf_html(submission, language)).write_pdf()
