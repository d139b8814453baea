"""The PDF of a submitted application, rendered from its immutable snapshot with WeasyPrint (no network)."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import override

from crossroads.core.formatting import format_money

from .models import SECTION_LABELS, Submission


def submission_pdf(submission: Submission, language: str = "nl") -> bytes:
    from weasyprint import HTML

    data = submission.snapshot
    with override(language):
        partners = [
            {
                **p,
                "eligible_costs_fmt": format_money(Decimal(p["eligible_costs"])),
                "grant_fmt": format_money(Decimal(p["grant"])),
                "budget": [{**b, "amount_fmt": format_money(Decimal(b["amount"]))} for b in p["budget"]],
            }
            for p in data["partners"]
        ]
        html = render_to_string(
            "applications/submission_pdf.html",
            {
                "submission": submission,
                "data": data,
                "partners": partners,
                "sections": [
                    (str(SECTION_LABELS.get(code, code)), data["application"]["sections"].get(code, ""))
                    for code in data["call"]["required_sections"]
                ],
                "total_costs": format_money(Decimal(data["totals"]["costs"])),
                "total_grant": format_money(Decimal(data["totals"]["grant"])),
            },
        )
        return HTML(string=html).write_pdf()
