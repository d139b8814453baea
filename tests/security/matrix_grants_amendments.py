"""Rows of the authorization matrix for the amendment pages (tests/security/matrix.py reads ROWS).

The versions are seen by whoever sees the agreement (its partners, the adviser of the region, the secretariat,
finance); the lead asks for any amendment, the partner only for a shift of its own budget; the secretariat
decides; whoever asked withdraws. Strangers learn nothing (404)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from .matrix import MANAGERS, NOT_FOUND, Case, rule, url

VIEW = rule(NOT_FOUND, ok=("lead", "partner", "adviser_region", "finance", *MANAGERS))
ASK_ANY = rule(NOT_FOUND, ok=("lead",), forbidden=("partner", "adviser_region", "finance", *MANAGERS))
ASK_SHIFT = rule(NOT_FOUND, ok=("lead", "partner"), forbidden=("adviser_region", "finance", *MANAGERS))
DECIDE = rule(NOT_FOUND, ok=MANAGERS, forbidden=("lead", "partner", "adviser_region", "finance"))
# Only the requester (the lead's manager) withdraws; the others who see the agreement are refused (403).
WITHDRAW = rule(NOT_FOUND, ok=("lead",), forbidden=("partner", "adviser_region", "finance", *MANAGERS))


def _amendment(ids: dict[str, Any]) -> int:
    """A budget shift of the lead waiting for the secretariat, made once per world (outside the per-request
    savepoint). To be replaced by an "amendment" id built in tests/security/world_grants.py."""
    if "amendment" not in ids:
        from crossroads.accounts.models import User
        from crossroads.grants.models import Agreement, AgreementPartner
        from crossroads.grants.selectors.budget import approved_budget
        from crossroads.grants.services.amendments import amendment_request

        agreement = Agreement.objects.get(pk=ids["agreement"])
        lead = AgreementPartner.objects.get(pk=ids["member_lead"])
        budget = approved_budget(lead)
        requester = User.objects.filter(memberships__company=lead.company, memberships__role="manager").first()
        amendment = amendment_request(
            actor=requester,
            agreement=agreement,
            kind="budget_shift",
            reason="Meer sensoren.",
            lines={lead.pk: {"consumables": budget["consumables"] + Decimal("1000000.00")}},
        )
        ids["amendment"] = amendment.pk
    return ids["amendment"]


def _new(kind: str) -> Any:
    return lambda ids: reverse("grants:amendment_new", args=[ids["agreement"], kind])


ROWS: dict[str, list[Case]] = {
    "grants:amendments": [Case(url("grants:amendments", "agreement"), VIEW)],
    "grants:amendment_new": [
        Case(_new("extension"), ASK_ANY, label="extension"),
        Case(_new("budget_shift"), ASK_SHIFT, label="budget shift"),
    ],
    "grants:amendment_decide": [
        Case(lambda ids: reverse("grants:amendment_decide", args=[_amendment(ids)]), DECIDE),
    ],
    "grants:amendment_withdraw": [
        Case(lambda ids: reverse("grants:amendment_withdraw", args=[_amendment(ids)]), WITHDRAW, method="POST"),
    ],
}
