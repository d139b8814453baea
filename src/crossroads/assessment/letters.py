"""The decision letter as a PDF (WeasyPrint, no network), in the decision's language: outcome, grant per partner,
the committee's scores with their rationale, the reasons and the objection route."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import override

from crossroads.core import clock
from crossroads.core.formatting import format_money, format_number

from .models import ConsensusScore, Decision
from .selectors import frozen_entry


def decision_letter_pdf(decision: Decision) -> bytes:
    from weasyprint import HTML

    application = decision.application
    entry = frozen_entry(decision.ranking, application)
    weighted = entry.weighted_score if entry is not None else None
    with override(decision.language):
        consensus = ConsensusScore.objects.filter(application=application).select_related("criterion")
        shares = []
        grant = getattr(decision, "grant", None)
        if grant is not None:
            shares = [(s.company.legal_name, format_money(s.amount)) for s in grant.shares.select_related("company")]
        html = render_to_string(
            "assessment/decision_letter.html",
            {
                "decision": decision,
                "application": application,
                "call": application.call,
                "lead": application.lead_company,
                "partners": [p.company for p in application.partners.select_related("company") if p.company],
                "scores": sorted(consensus, key=lambda c: c.criterion.order),
                # The letter shows the weighted score in its own language ("82,50").
                "weighted": format_number(weighted) if weighted is not None else None,
                "rank": entry.rank if entry is not None else None,
                "granted": format_money(decision.granted),
                "shares": shares,
                "decided": decision.decided_at.astimezone(clock.BRUSSELS),
                "deadline": decision.objection_deadline.astimezone(clock.BRUSSELS),
                "language": decision.language,
            },
        )
    return HTML(string=html).write_pdf()
