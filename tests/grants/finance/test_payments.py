"""Four eyes, the SEPA payment order (validated against the pain.001 schema independently of sepaxml), paid and
returned payments, the advance when an agreement starts, and the final settlement."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
import sepaxml
import xmlschema

from crossroads.grants.errors import GrantError
from crossroads.grants.models import Agreement, Payment, PaymentKind
from crossroads.grants.selectors.finance import payments_of, reconciliation
from crossroads.grants.services import payments as services
from crossroads.grants.services.agreement import agreement_accept
from crossroads.grants.services.verification import claim_verify, line_decide
from crossroads.grants.states import AGREEMENT_STATES

from .conftest import bank_account, make_claim

pytestmark = pytest.mark.django_db
D = Decimal
XSD = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")


def verified(member, user, finance, amounts, period=1):  # type: ignore[no-untyped-def]
    claim = make_claim(member, user, [("consumables", a) for a in amounts], period=period)
    for line in claim.lines.all():
        line_decide(actor=finance, line=line, decision="accepted")
    return claim_verify(actor=finance, claim=claim)


def test_four_eyes_refuses_the_verifier_and_allows_a_second_finance_user(lead, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    payment = verified(lead, users["applicant"], users["finance"], ["1000.00"])
    with pytest.raises(GrantError) as error:
        services.payment_approve(actor=users["finance"], payment=payment)
    assert error.value.status == 403
    with pytest.raises(GrantError):
        services.payment_approve(actor=users["secretariat"], payment=payment)
    services.payment_approve(actor=second_finance, payment=payment)
    payment.refresh_from_db()
    payment.claim.refresh_from_db()
    assert payment.status == "approved" and payment.approved_by == second_finance
    assert payment.claim.status == "approved" and payment.claim.approved_by == second_finance


def test_payment_order_is_a_valid_pain_001_file(lead, partner, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    bank_account(lead, users["applicant"])
    bank_account(partner, users["other_applicant"], "NL91ABNA0417164300", "ABNANL2A")
    first = verified(lead, users["applicant"], users["finance"], ["1000.01"])
    second = verified(partner, users["other_applicant"], users["finance"], ["333.33"])
    for payment in (first, second):
        services.payment_approve(actor=second_finance, payment=payment)
    from crossroads.core import clock

    today = clock.now().astimezone(clock.BRUSSELS).date()
    order = services.order_create(actor=users["finance"], payments=[first, second], execution_date=today)
    assert order.count == 2 and order.total == D("500.01") + D("166.67")
    schema = xmlschema.XMLSchema(XSD)
    schema.validate(order.xml)  # raises when invalid
    data = schema.to_dict(order.xml)
    transfers = [t for batch in data["CstmrCdtTrfInitn"]["PmtInf"] for t in batch["CdtTrfTxInf"]]
    amounts = sorted(D(str(t["Amt"]["InstdAmt"]["$"])) for t in transfers)
    assert amounts == [D("166.67"), D("500.01")]
    assert {t["CdtrAcct"]["Id"]["IBAN"] for t in transfers} == {"BE68539007547034", "NL91ABNA0417164300"}
    for payment in (first, second):
        payment.refresh_from_db()
        assert payment.status == "ordered" and payment.order == order and payment.bank_account is not None


def test_an_order_needs_approved_payments_with_an_account(lead, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    from crossroads.core import clock

    payment = verified(lead, users["applicant"], users["finance"], ["1000.00"])
    today = clock.now().astimezone(clock.BRUSSELS).date()
    with pytest.raises(GrantError):
        services.order_create(actor=users["finance"], payments=[payment], execution_date=today)  # only proposed
    services.payment_approve(actor=second_finance, payment=payment)
    with pytest.raises(GrantError):  # no bank account in use
        services.order_create(actor=users["finance"], payments=[payment], execution_date=today)
    bank_account(lead, users["applicant"])
    with pytest.raises(GrantError) as error:
        services.order_create(
            actor=users["finance"], payments=[payment], execution_date=today.replace(year=today.year - 1)
        )
    assert error.value.field == "execution_date"


def test_paid_returned_and_approved_again_after_a_new_account(lead, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    from crossroads.core import clock

    today = clock.now().astimezone(clock.BRUSSELS).date()
    old = bank_account(lead, users["applicant"])
    payment = verified(lead, users["applicant"], users["finance"], ["1000.00"])
    services.payment_approve(actor=second_finance, payment=payment)
    services.order_create(actor=users["finance"], payments=[payment], execution_date=today)
    services.payment_mark_returned(actor=users["finance"], payment=payment, returned_on=today, reason="Account closed")
    payment.refresh_from_db()
    assert payment.status == "returned" and payment.return_reason == "Account closed"
    with pytest.raises(GrantError):
        services.payment_reapprove(actor=users["finance"], payment=payment)
    old.status = "superseded"
    old.save()
    bank_account(lead, users["applicant"], "BE71096123456769", "GKCCBEBB")
    services.payment_reapprove(actor=users["finance"], payment=payment)
    services.order_create(actor=users["finance"], payments=[payment], execution_date=today)
    services.payment_mark_paid(actor=users["finance"], payment=payment, paid_on=today)
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.bank_account.iban == "BE71096123456769"
    rows = payments_of(lead)
    assert [(r.amount, r.when) for r in rows] == [(D("500.00"), today)]
    r = reconciliation(lead)
    assert (r.grant, r.paid, r.committed, r.remaining) == (D("40000.00"), D("500.00"), D("0.00"), D("39500.00"))
    assert r.reconciles


def test_an_advance_is_proposed_when_the_agreement_starts(agreement, users, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    Agreement.objects.filter(pk=agreement.pk).update(advance_share=D("0.2000"))
    with django_capture_on_commit_callbacks(execute=True):
        for member, user in zip(
            agreement.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
        ):
            agreement_accept(actor=user, member=member, confirm=True)
    advances = {p.agreement_partner.is_lead: p.amount for p in Payment.objects.filter(kind=PaymentKind.ADVANCE)}
    assert advances == {True: D("8000.00"), False: D("4000.00")}
    services.propose_advances(agreement.pk)  # a second run adds nothing
    assert Payment.objects.filter(kind=PaymentKind.ADVANCE).count() == 2


def test_no_advance_when_the_call_has_none(running) -> None:  # type: ignore[no-untyped-def]
    assert services.propose_advances(running.pk) == []


def _closing(agreement):  # type: ignore[no-untyped-def]
    AGREEMENT_STATES.move(agreement, "closing")
    agreement.save(update_fields=["status"])


def test_final_settlement_recovers_an_overpaid_advance_and_pays_a_balance(running, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    from crossroads.core import clock

    today = clock.now().astimezone(clock.BRUSSELS).date()
    lead = running.partners.get(is_lead=True)
    partner = running.partners.get(is_lead=False)
    bank_account(lead, users["applicant"])
    bank_account(partner, users["other_applicant"], "NL91ABNA0417164300", "ABNANL2A")
    # An advance of 8.000,00 to the lead, paid; the lead then claims only 10.000,00 (earns 5.000,00).
    Agreement.objects.filter(pk=running.pk).update(advance_share=D("0.2"))
    running.refresh_from_db()
    advance = next(p for p in services.propose_advances(running.pk) if p.agreement_partner_id == lead.pk)
    services.payment_approve(actor=users["finance"], payment=advance)
    services.order_create(actor=users["finance"], payments=[advance], execution_date=today)
    services.payment_mark_paid(actor=users["finance"], payment=advance, paid_on=today)
    Payment.objects.filter(kind=PaymentKind.ADVANCE, agreement_partner=partner).update(status="cancelled")
    lead_claim = verified(lead, users["applicant"], users["finance"], ["10000.00"])
    assert lead_claim.amount == D("5000.00")  # 50 % of 10.000,00, within the remaining 32.000,00
    services.payment_approve(actor=second_finance, payment=lead_claim)
    partner_payment = verified(partner, users["other_applicant"], users["finance"], ["1000.00", "999.99"])
    services.payment_approve(actor=second_finance, payment=partner_payment)
    running.refresh_from_db()
    with pytest.raises(GrantError):  # still running
        services.agreement_settle(actor=users["finance"], agreement=running)
    _closing(running)
    made = {p.agreement_partner_id: p for p in services.agreement_settle(actor=users["finance"], agreement=running)}
    # Lead: due 5.000,00, paid or committed 13.000,00 -> recover 8.000,00.
    assert (made[lead.pk].kind, made[lead.pk].status, made[lead.pk].amount) == ("recovery", "to_recover", D("8000.00"))
    # Partner: 50 % of 1.999,99 = 1.000,00 (half-up), the amount of its one payment: nothing to settle.
    assert partner.pk not in made
    with pytest.raises(GrantError):
        services.agreement_settle(actor=users["finance"], agreement=running)
    for payment in (lead_claim, partner_payment):
        services.order_create(actor=users["finance"], payments=[payment], execution_date=today)
        services.payment_mark_paid(actor=users["finance"], payment=payment, paid_on=today)
    running.refresh_from_db()
    assert running.status == "closing"
    services.recovery_mark_repaid(actor=users["finance"], payment=made[lead.pk], repaid_on=today)
    running.refresh_from_db()
    assert running.status == "closed"
    r = reconciliation(lead)
    assert (r.paid, r.released, r.remaining) == (D("5000.00"), D("35000.00"), D("0.00"))
    assert r.reconciles


def test_cancelling_a_proposed_payment_reopens_the_verification(lead, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    payment = verified(lead, users["applicant"], users["finance"], ["1000.00"])
    with pytest.raises(GrantError):
        services.payment_cancel(actor=users["finance"], payment=payment, reason="  ")
    services.payment_cancel(actor=users["finance"], payment=payment, reason="Verkeerd bedrag.")
    payment.refresh_from_db()
    payment.claim.refresh_from_db()
    assert payment.status == "cancelled" and payment.claim.status == "submitted"
    assert payment.claim.verified_by is None
    # Verified again, by another person: the new payment is proposed and the first one stays cancelled.
    again = claim_verify(actor=second_finance, claim=payment.claim)
    assert again.pk != payment.pk and again.amount == D("500.00")
    with pytest.raises(GrantError):
        services.payment_cancel(actor=users["applicant"], payment=again, reason="Nee.")


def test_a_payment_that_no_longer_fits_a_lowered_grant_is_refused(lead, users, second_finance) -> None:  # type: ignore[no-untyped-def]
    from crossroads.grants.selectors.budget import current_version

    payment = verified(lead, users["applicant"], users["finance"], ["1000.00"])
    current_version(lead.agreement).shares.filter(agreement_partner=lead).update(grant=D("400.00"))
    with pytest.raises(GrantError):
        services.payment_approve(actor=second_finance, payment=payment)
    payment.refresh_from_db()
    assert payment.status == "proposed"
