"""Payments: approved by a second person (four eyes), ordered in a SEPA file, marked paid or returned; the advance
when an agreement starts; the final settlement that pays the balance or recovers an overpayment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_money
from crossroads.core.models import AuditEvent
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..messages.payments import payment_paid, payment_returned, recovery_requested
from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    ClaimStatus,
    CostClaim,
    Payment,
    PaymentKind,
    PaymentOrder,
    PaymentStatus,
)
from ..permissions import can_approve_payment, can_verify
from ..rules.payable import Settlement, advance_amount, settle
from ..selectors.budget import partner_grant
from ..selectors.finance import (
    IN_FLIGHT,
    WAITING_CLAIMS,
    accepted_total,
    active_account,
    explanation_data,
    grant_rate,
    net_committed,
)
from ..sepa import Transfer, credit_transfer_xml
from ..states import AGREEMENT_STATES, CLAIM_STATES, PAYMENT_STATES
from ..verbs import GrantVerb
from . import hooks

if TYPE_CHECKING:
    from crossroads.accounts.models import User

P = PaymentStatus
FIELDS = [
    "status",
    "approved_by",
    "approved_at",
    "order",
    "bank_account",
    "end_to_end_id",
    "paid_on",
    "returned_on",
    "return_reason",
]


def _finance(actor: User) -> None:
    permission = can_verify(actor)
    if not permission:
        raise GrantError(_("Only finance staff manage payments."), status=403)


def _locked(payment: Payment) -> Payment:
    # Only the payment row is locked: its claim is optional (an advance has none), and PostgreSQL refuses FOR UPDATE
    # on the nullable side of an outer join.
    return (
        Payment.objects.select_for_update(of=("self",)).select_related("claim", "agreement_partner").get(pk=payment.pk)
    )


def _members(member: AgreementPartner) -> list[User]:
    from crossroads.accounts.models import User

    return list(User.objects.filter(memberships__company_id=member.company_id, is_active=True))


def _move(actor: User, payment: Payment, new: str, verb: GrantVerb, **values: object) -> Payment:
    before = snapshot(payment, FIELDS)
    PAYMENT_STATES.move(payment, new)
    for name, value in values.items():
        setattr(payment, name, value)
    payment.save(update_fields=FIELDS)
    audit_record(actor=actor, verb=verb, obj=payment, before=before, after=snapshot(payment, FIELDS))
    return payment


@transaction.atomic
def payment_approve(*, actor: User, payment: Payment) -> Payment:
    """Four eyes: neither the person who verified the claim nor the one who proposed the payment approves it."""
    payment = _locked(payment)
    claim = CostClaim.objects.select_for_update().get(pk=payment.claim_id) if payment.claim_id else None
    permission = can_approve_payment(actor, claim)
    if not permission:
        raise GrantError(str(permission.reason), status=403)
    if payment.proposed_by_id is not None and payment.proposed_by_id == actor.pk:
        raise GrantError(_("You proposed this payment: a second person approves it."), status=403)
    if payment.status != P.PROPOSED:
        raise GrantError(_("This payment is not waiting for approval."))
    if payment.kind != PaymentKind.RECOVERY:
        # An amendment may have lowered the partner's grant since the payment was proposed: the approved version
        # decides, so a payment that no longer fits is refused (cancel it and verify again).
        member = payment.agreement_partner
        if net_committed(member) > partner_grant(member):
            raise GrantError(
                _(
                    "This payment no longer fits the partner's grant in the approved budget version "
                    "(%(grant)s). Cancel it and propose the payment again."
                )
                % {"grant": format_money(partner_grant(member))}
            )
    now = clock.now()
    _move(actor, payment, P.APPROVED, GrantVerb.PAYMENT_APPROVE, approved_by=actor, approved_at=now)
    if claim is not None and claim.status == ClaimStatus.VERIFIED:
        before = snapshot(claim, ["status", "approved_by", "approved_at"])
        CLAIM_STATES.move(claim, ClaimStatus.APPROVED)
        claim.approved_by, claim.approved_at = actor, now
        claim.save(update_fields=["status", "approved_by", "approved_at"])
        audit_record(
            actor=actor,
            verb=GrantVerb.CLAIM_APPROVE,
            obj=claim,
            before=before,
            after=snapshot(claim, ["status", "approved_by", "approved_at"]),
        )
    return payment


@transaction.atomic
def payment_reapprove(*, actor: User, payment: Payment) -> Payment:
    """A returned payment goes back to the order list once the partner has a new account in use."""
    _finance(actor)
    payment = _locked(payment)
    if payment.status != P.RETURNED:
        raise GrantError(_("Only a payment returned by the bank can be approved again."))
    account = active_account(payment.agreement_partner)
    if account is None or account.pk == payment.bank_account_id:
        raise GrantError(_("The partner has no new bank account in use yet: the payment would be returned again."))
    return _move(actor, payment, P.APPROVED, GrantVerb.PAYMENT_APPROVE, approved_by=actor, approved_at=clock.now())


@transaction.atomic
def order_create(*, actor: User, payments: list[Payment], execution_date: dt.date) -> PaymentOrder:
    """One SEPA file with the chosen approved payments, each to the partner's account in use."""
    _finance(actor)
    if execution_date < clock.now().astimezone(clock.BRUSSELS).date():
        raise GrantError(_("The execution date cannot be in the past."), field="execution_date")
    if not payments:
        raise GrantError(_("Choose at least one approved payment."), field="payments")
    locked = list(Payment.objects.select_for_update().filter(pk__in=[p.pk for p in payments]).order_by("pk"))
    transfers, accounts = [], {}
    for payment in locked:
        if payment.status != P.APPROVED or payment.kind == PaymentKind.RECOVERY or payment.amount <= 0:
            raise GrantError(_("Only approved payments can be ordered."), field="payments")
        member = AgreementPartner.objects.select_related("company", "agreement").get(pk=payment.agreement_partner_id)
        account = active_account(member)
        if account is None:
            raise GrantError(
                _("%(company)s has no bank account in use.") % {"company": member.company}, field="payments"
            )
        accounts[payment.pk] = account
        transfers.append(
            Transfer(
                name=account.holder,
                iban=account.iban,
                bic=account.bic,
                amount=payment.amount,
                description=f"{member.agreement.reference} {payment.get_kind_display()} {payment.pk}",
                end_to_end_id=f"CR-{payment.pk}",
            )
        )
    message_id, xml = credit_transfer_xml(execution_date=execution_date, transfers=transfers)
    order = PaymentOrder.objects.create(
        message_id=message_id,
        execution_date=execution_date,
        total=sum((p.amount for p in locked), start=locked[0].amount * 0),
        count=len(locked),
        xml=xml,
        created_by=actor,
        created_at=clock.now(),
    )
    for payment in locked:
        _move(
            actor,
            payment,
            P.ORDERED,
            GrantVerb.PAYMENT_ORDER,
            order=order,
            bank_account=accounts[payment.pk],
            end_to_end_id=f"CR-{payment.pk}",
        )
    return order


@transaction.atomic
def payment_mark_paid(*, actor: User, payment: Payment, paid_on: dt.date) -> Payment:
    _finance(actor)
    payment = _locked(payment)
    if payment.status != P.ORDERED:
        raise GrantError(_("Only an ordered payment can be marked as paid."))
    if paid_on > clock.now().astimezone(clock.BRUSSELS).date():
        raise GrantError(_("The payment date cannot be in the future."), field="paid_on")
    _move(actor, payment, P.PAID, GrantVerb.PAYMENT_PAID, paid_on=paid_on)
    notify(to=_members(payment.agreement_partner), composer=payment_paid, params={"payment_id": payment.pk})
    close_if_settled(actor=actor, agreement_id=payment.agreement_partner.agreement_id)
    return payment


@transaction.atomic
def payment_mark_returned(*, actor: User, payment: Payment, returned_on: dt.date, reason: str) -> Payment:
    _finance(actor)
    payment = _locked(payment)
    reason = (reason or "").strip()
    if not reason:
        raise GrantError(_("Give the bank's reason for the return."), field="reason")
    if payment.status != P.ORDERED:
        raise GrantError(_("Only an ordered payment can be returned."))
    _move(actor, payment, P.RETURNED, GrantVerb.PAYMENT_RETURNED, returned_on=returned_on, return_reason=reason)
    notify(to=_members(payment.agreement_partner), composer=payment_returned, params={"payment_id": payment.pk})
    return payment


@transaction.atomic
def payment_cancel(*, actor: User, payment: Payment, reason: str) -> Payment:
    """Finance withdraws a payment not approved yet (a wrong amount, a grant lowered by an amendment). The claim
    it pays goes back to verification: its line decisions stay and can be changed before completing it again."""
    _finance(actor)
    payment = _locked(payment)
    reason = (reason or "").strip()
    if not reason:
        raise GrantError(_("Say why the payment is cancelled."), field="reason")
    if payment.status != P.PROPOSED:
        raise GrantError(_("Only a payment waiting for approval can be cancelled."))
    _move(actor, payment, P.CANCELLED, GrantVerb.PAYMENT_CANCEL)
    audit_record(actor=actor, verb=GrantVerb.PAYMENT_CANCEL, obj=payment, after={"reason": reason})
    if payment.claim_id:
        claim = CostClaim.objects.select_for_update().get(pk=payment.claim_id)
        if claim.status == ClaimStatus.VERIFIED:
            before = snapshot(claim, ["status", "verified_by", "verified_at"])
            CLAIM_STATES.move(claim, ClaimStatus.SUBMITTED)
            claim.verified_by, claim.verified_at = None, None
            claim.save(update_fields=["status", "verified_by", "verified_at"])
            audit_record(
                actor=actor,
                verb=GrantVerb.CLAIM_REOPEN,
                obj=claim,
                before=before,
                after={**snapshot(claim, ["status", "verified_by", "verified_at"]), "reason": reason},
            )
    return payment


@transaction.atomic
def recovery_mark_repaid(*, actor: User, payment: Payment, repaid_on: dt.date) -> Payment:
    _finance(actor)
    payment = _locked(payment)
    if payment.status != P.RECOVERY_REQUESTED:
        raise GrantError(_("Only a requested repayment can be marked as repaid."))
    _move(actor, payment, P.RECOVERED, GrantVerb.RECOVERY_RECEIVED, paid_on=repaid_on)
    close_if_settled(actor=actor, agreement_id=payment.agreement_partner.agreement_id)
    return payment


# ---------------------------------------------------------------------------------------------- advance
def propose_advances(agreement_id: int) -> list[Payment]:
    """When an agreement starts and its call pays an advance: one proposed advance per partner."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
        if agreement.advance_share <= 0 or agreement.status != AgreementStatus.RUNNING:
            return []
        made = []
        for member in agreement.partners.filter(left_on__isnull=True):
            if member.payments.filter(kind=PaymentKind.ADVANCE).exists():
                continue
            grant = partner_grant(member)
            amount = advance_amount(share=agreement.advance_share, grant=grant)
            if amount <= 0:
                continue
            payment = Payment.objects.create(
                agreement_partner=member,
                kind=PaymentKind.ADVANCE,
                amount=amount,
                status=P.PROPOSED,
                explanation=explanation_data(kind="advance", share=agreement.advance_share, grant=grant),
                proposed_at=clock.now(),
            )
            audit_record(actor=None, verb=GrantVerb.PAYMENT_PROPOSE, obj=payment, after=snapshot(payment))
            made.append(payment)
        return made


def advance_on_start(agreement_id: int) -> None:
    propose_advances(agreement_id)


if advance_on_start not in hooks.ON_START:
    hooks.ON_START.append(advance_on_start)


# ---------------------------------------------------------------------------------------------- settlement
def settled(agreement: Agreement) -> bool:
    return AuditEvent.objects.filter(
        verb=GrantVerb.SETTLEMENT.value, object_type="grants.agreement", object_id=str(agreement.pk)
    ).exists()


def settlement_preview(agreement: Agreement) -> list[tuple[AgreementPartner, Settlement]]:
    rate = grant_rate(agreement)
    return [
        (
            member,
            settle(
                rate=rate,
                accepted_total=accepted_total(member),
                grant=partner_grant(member),
                paid=net_committed(member),
            ),
        )
        for member in agreement.partners.select_related("company")
    ]


def settlement_blockers(agreement: Agreement) -> list[str]:
    reasons = []
    if agreement.status != AgreementStatus.CLOSING:
        reasons.append(_("The final settlement is made when the agreement is closing (after its end date)."))
    if CostClaim.objects.filter(agreement_partner__agreement=agreement, status__in=WAITING_CLAIMS).exists():
        reasons.append(_("Some claims are still waiting for verification or payment approval."))
    if settled(agreement):
        reasons.append(_("The final settlement was already made."))
    return reasons


@transaction.atomic
def agreement_settle(*, actor: User, agreement: Agreement) -> list[Payment]:
    """Per partner: a final payment of the balance (proposed) or a recovery of the overpayment (requested)."""
    _finance(actor)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    blockers = settlement_blockers(agreement)
    if blockers:
        raise GrantError(blockers[0])
    rate = grant_rate(agreement)
    made = []
    now = clock.now()
    for member, result in settlement_preview(agreement):
        if not (result.balance or result.recovery):
            continue
        recovery = result.recovery > 0
        amount = result.recovery if recovery else result.balance
        payment = Payment.objects.create(
            agreement_partner=member,
            kind=PaymentKind.RECOVERY if recovery else PaymentKind.FINAL,
            amount=amount,
            status=P.RECOVERY_REQUESTED if recovery else P.PROPOSED,
            explanation=explanation_data(
                kind="recovery" if recovery else "final",
                rate=rate,
                accepted=accepted_total(member),
                due=result.due,
                grant=result.grant,
                paid=result.paid,
                amount=amount,
            ),
            proposed_by=actor,
            proposed_at=now,
        )
        verb = GrantVerb.RECOVERY_REQUEST if recovery else GrantVerb.PAYMENT_PROPOSE
        audit_record(actor=actor, verb=verb, obj=payment, after=snapshot(payment))
        if recovery:
            notify(to=_members(member), composer=recovery_requested, params={"payment_id": payment.pk})
        made.append(payment)
    audit_record(
        actor=actor,
        verb=GrantVerb.SETTLEMENT,
        obj=agreement,
        after={"payments": [p.pk for p in made], "amounts": [str(p.amount) for p in made]},
    )
    close_if_settled(actor=actor, agreement_id=agreement.pk)
    return made


def close_if_settled(*, actor: User | None, agreement_id: int) -> bool:
    """The agreement closes once it was settled and nothing is left to pay or to recover."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    if agreement.status != AgreementStatus.CLOSING or not settled(agreement):
        return False
    open_payments = Payment.objects.filter(
        agreement_partner__agreement=agreement, status__in=(*IN_FLIGHT, P.RECOVERY_REQUESTED)
    )
    if open_payments.exists():
        return False
    before = snapshot(agreement)
    AGREEMENT_STATES.move(agreement, AgreementStatus.CLOSED)
    agreement.closed_at = clock.now()
    agreement.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, verb=GrantVerb.AGREEMENT_CLOSE, obj=agreement, before=before, after=snapshot(agreement))
    return True
