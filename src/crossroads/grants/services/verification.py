"""Finance verifies a submitted claim: each line accepted, reduced or rejected (with a reason), then the claim is
verified and its payment proposed, or returned to the partner for completion."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.money import to_money
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..messages.payments import claim_returned, claim_verified
from ..models import (
    ClaimLine,
    ClaimStatus,
    CostClaim,
    LineDecision,
    Payment,
    PaymentKind,
    PaymentStatus,
)
from ..permissions import can_verify
from ..rules.payable import claim_payable
from ..selectors.budget import partner_grant
from ..selectors.finance import explanation_data, grant_rate, net_committed
from ..states import CLAIM_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

LINE_FIELDS = ["decision", "accepted_amount", "decision_reason", "decided_by", "decided_at"]
CLAIM_FIELDS = ["status", "verified_by", "verified_at", "verification_note", "approved_by", "approved_at"]


def _require_finance(actor: User, claim: CostClaim) -> None:
    permission = can_verify(actor, claim)
    if not permission:
        raise GrantError(str(permission.reason), status=403)


def _open_claim(claim_id: int) -> CostClaim:
    claim = CostClaim.objects.select_for_update().select_related("agreement_partner__agreement").get(pk=claim_id)
    if claim.status != ClaimStatus.SUBMITTED:
        raise GrantError(
            _("This claim is not waiting for verification (it is %(status)s).")
            % {"status": claim.get_status_display().lower()}
        )
    return claim


def _checked_decision(line: ClaimLine, decision: str, amount: Decimal | None, reason: str) -> Decimal:
    """The accepted amount of a decision, or a refusal at the field that is wrong."""
    if decision == LineDecision.ACCEPTED:
        return line.amount
    if not reason:
        raise GrantError(_("Give the reason: the partner reads it."), field="reason")
    if decision == LineDecision.REJECTED:
        return Decimal("0.00")
    if decision != LineDecision.REDUCED:
        raise GrantError(_("Choose accept, reduce or reject."), field="decision")
    if amount is None:
        raise GrantError(_("Give the accepted amount."), field="amount")
    if not amount.is_finite() or amount < 0 or to_money(amount) != amount:
        raise GrantError(_("Give an amount of zero or more, in euro and cents."), field="amount")
    if amount >= line.amount:
        raise GrantError(
            _("A reduced amount is below the amount claimed; to keep the whole amount, accept the line."),
            field="amount",
        )
    return amount


@transaction.atomic
def line_decide(
    *, actor: User, line: ClaimLine, decision: str, amount: Decimal | None = None, reason: str = ""
) -> ClaimLine:
    claim = _open_claim(line.claim_id)
    _require_finance(actor, claim)
    line = ClaimLine.objects.select_for_update().get(pk=line.pk, claim=claim)
    reason = (reason or "").strip()
    accepted = _checked_decision(line, decision, amount, reason)
    before = snapshot(line, LINE_FIELDS)
    line.decision = decision
    line.accepted_amount = accepted
    line.decision_reason = reason
    line.decided_by = actor
    line.decided_at = clock.now()
    line.save(update_fields=LINE_FIELDS)
    audit_record(
        actor=actor, verb=GrantVerb.CLAIM_LINE_DECIDE, obj=line, before=before, after=snapshot(line, LINE_FIELDS)
    )
    return line


def _members(claim: CostClaim) -> list[User]:
    from crossroads.accounts.models import User

    return list(User.objects.filter(memberships__company_id=claim.agreement_partner.company_id, is_active=True))


@transaction.atomic
def claim_verify(*, actor: User, claim: CostClaim, note: str = "") -> Payment | None:
    """Every line decided: the claim is verified and its payment proposed (rate x accepted costs, at most the
    remaining grant). When nothing is payable the claim is approved at once: there is no payment to approve."""
    claim = _open_claim(claim.pk)
    _require_finance(actor, claim)
    lines = list(claim.lines.all())
    if not lines:
        raise GrantError(_("This claim has no lines to verify."))
    if any(line.decision == LineDecision.PENDING for line in lines):
        raise GrantError(_("Decide every line before you complete the verification."))
    member = claim.agreement_partner
    accepted = sum((line.accepted_amount or Decimal("0.00") for line in lines), Decimal("0.00"))
    payable = claim_payable(
        rate=grant_rate(member.agreement),
        accepted=accepted,
        grant=partner_grant(member),
        committed=net_committed(member),
    )
    before = snapshot(claim, CLAIM_FIELDS)
    now = clock.now()
    CLAIM_STATES.move(claim, ClaimStatus.VERIFIED)
    claim.verified_by, claim.verified_at, claim.verification_note = actor, now, (note or "").strip()
    payment = None
    if payable.amount <= 0:
        CLAIM_STATES.move(claim, ClaimStatus.APPROVED)
        claim.approved_at = now
    claim.save(update_fields=CLAIM_FIELDS)
    audit_record(
        actor=actor, verb=GrantVerb.CLAIM_VERIFY, obj=claim, before=before, after=snapshot(claim, CLAIM_FIELDS)
    )
    if payable.amount > 0:
        payment = Payment.objects.create(
            agreement_partner=member,
            claim=claim,
            kind=PaymentKind.INTERIM,
            amount=payable.amount,
            status=PaymentStatus.PROPOSED,
            explanation=explanation_data(
                kind="claim",
                rate=payable.rate,
                accepted=payable.accepted,
                earned=payable.earned,
                remaining=payable.remaining,
                capped=payable.capped,
            ),
            proposed_by=actor,
            proposed_at=now,
        )
        audit_record(actor=actor, verb=GrantVerb.PAYMENT_PROPOSE, obj=payment, after=snapshot(payment))
        notify(to=_members(claim), composer=claim_verified, params={"payment_id": payment.pk})
    return payment


@transaction.atomic
def claim_return(*, actor: User, claim: CostClaim, reason: str) -> CostClaim:
    claim = _open_claim(claim.pk)
    _require_finance(actor, claim)
    reason = (reason or "").strip()
    if not reason:
        raise GrantError(_("Say what the partner must complete or correct."), field="reason")
    before = snapshot(claim, CLAIM_FIELDS)
    CLAIM_STATES.move(claim, ClaimStatus.RETURNED)
    claim.verification_note = reason
    claim.save(update_fields=["status", "verification_note"])
    audit_record(
        actor=actor, verb=GrantVerb.CLAIM_RETURN, obj=claim, before=before, after=snapshot(claim, CLAIM_FIELDS)
    )
    notify(to=_members(claim), composer=claim_returned, params={"claim_id": claim.pk, "reason": reason})
    return claim
