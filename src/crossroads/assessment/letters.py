"""The decision letter as a PDF (WeasyPrint, no network), in the decision's language: outcome, grant per partner,
the committee's scores with their rationale, the reasons and the objection route."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import override

from crossroads.core import clock

from .models import ConsensusScore, Decision, Outcome
from .rules.frozen import FrozenEntry
from .selectors import frozen_entries, frozen_entry


def _left_for_reserve(decision: Decision) -> Decimal:
    """What the frozen ranking leaves of the call budget once the applications above the line have their grant: the
    reserve letter says how much that is, not that the budget is used up."""
    entries: list[FrozenEntry] = frozen_entries(decision.ranking)
    allocated = sum((e.granted for e in entries if e.funded), Decimal("0.00"))
    return max(decision.ranking.budget - allocated, Decimal("0.00"))


def _address(company: object) -> list[str]:
    office = getattr(company, "project_establishment", None)
    if office is None:
        return []
    return [office.street, f"{office.postcode} {office.city}", str(office.get_country_display())]


def decision_letter_pdf(decision: Decision) -> bytes:
    from weasyprint import HTML

    return HTML(string=decision_letter_html(decision)).write_pdf()


def decision_letter_html(decision: Decision) -> str:
    """The letter as HTML in the decision's language (what the PDF is made of)."""
    application = decision.application
    entry = frozen_entry(decision.ranking, application)
    with override(decision.language):
        consensus = ConsensusScore.objects.filter(application=application).select_related("criterion")
        shares = []
        grant = getattr(decision, "grant", None)
        if grant is not None:
            shares = [(s.company.display_name, s.amount) for s in grant.shares.select_related("company")]
        lead = application.lead_company
        return render_to_string(
            "assessment/decision_letter.html",
            {
                "decision": decision,
                "outcome": decision.get_outcome_display(),
                "reserve": decision.outcome == Outcome.RESERVE,
                "application": application,
                "call": application.call,
                "programme": application.call.programme,
                "lead": lead,
                "lead_address": _address(lead),
                "partners": [p.company for p in application.partners.select_related("company") if p.company],
                "scores": sorted(consensus, key=lambda c: c.criterion.order),
                "weighted": entry.weighted_score if entry is not None else None,
                "rank": entry.rank if entry is not None else None,
                "requested": entry.requested if entry is not None else None,
                "left": _left_for_reserve(decision) if decision.outcome == Outcome.RESERVE else None,
                "budget": decision.ranking.budget,
                "shares": shares,
                "decided": decision.decided_at.astimezone(clock.BRUSSELS),
                "deadline": decision.objection_deadline.astimezone(clock.BRUSSELS),
                "language": decision.language,
            },
        )
