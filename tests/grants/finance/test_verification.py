"""Finance decides each line (accept, reduce or reject with a reason), then verifies the claim and proposes its
payment (50 % of the accepted costs, at most the remaining grant), or returns it to the partner."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import Payment, PaymentKind
from crossroads.grants.selectors.finance import explanation_text
from crossroads.grants.services.verification import claim_return, claim_verify, line_decide

from .conftest import make_claim

pytestmark = pytest.mark.django_db
D = Decimal


def _decide_all(claim, finance):  # type: ignore[no-untyped-def]
    lines = list(claim.lines.order_by("pk"))
    line_decide(actor=finance, line=lines[0], decision="accepted")
    line_decide(actor=finance, line=lines[1], decision="reduced", amount=D("600.00"), reason="Only part is in scope.")
    line_decide(actor=finance, line=lines[2], decision="rejected", reason="Paid before the project started.")
    return lines


def test_verification_proposes_half_of_the_accepted_costs(lead, users, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(
        lead, users["applicant"], [("consumables", "1000.00"), ("consumables", "999.99"), ("consumables", "5")]
    )
    _decide_all(claim, users["finance"])
    payment = claim_verify(actor=users["finance"], claim=claim)
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.verified_by == users["finance"]
    assert payment is not None and payment.status == "proposed" and payment.kind == PaymentKind.INTERIM
    assert payment.amount == D("800.00")  # 50 % of 1.000,00 + 600,00
    with override("en"):
        assert explanation_text(payment) == "50% of €1,600.00 accepted costs = €800.00."
    verbs = list(AuditEvent.objects.filter(object_type="grants.claimline").values_list("verb", flat=True))
    assert verbs.count("claim.line_decide") == 3
    assert AuditEvent.objects.filter(verb="claim.verify", object_id=str(claim.pk)).exists()


def test_reason_and_amount_are_required(lead, users) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, users["applicant"], [("consumables", "1000.00")])
    line = claim.lines.get()
    finance = users["finance"]
    with pytest.raises(GrantError) as error:
        line_decide(actor=finance, line=line, decision="rejected", reason="  ")
    assert error.value.field == "reason"
    with pytest.raises(GrantError) as error:
        line_decide(actor=finance, line=line, decision="reduced", amount=None, reason="Too much")
    assert error.value.field == "amount"
    for hostile in (D("1000.00"), D("2000"), D("-1"), D("0.001"), D("NaN")):
        with pytest.raises(GrantError) as error:
            line_decide(actor=finance, line=line, decision="reduced", amount=hostile, reason="Too much")
        assert error.value.field == "amount"
    line.refresh_from_db()
    assert line.decision == "pending"


def test_every_line_must_be_decided(lead, users) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, users["applicant"], [("consumables", "1000.00"), ("consumables", "10.00")])
    line_decide(actor=users["finance"], line=claim.lines.first(), decision="accepted")
    with pytest.raises(GrantError):
        claim_verify(actor=users["finance"], claim=claim)
    claim.refresh_from_db()
    assert claim.status == "submitted" and not Payment.objects.exists()


@pytest.mark.parametrize("who", ["secretariat", "applicant", "assessor"])
def test_only_finance_verifies(lead, users, who) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, users["applicant"], [("consumables", "1000.00")])
    with pytest.raises(GrantError) as error:
        line_decide(actor=users[who], line=claim.lines.get(), decision="accepted")
    assert error.value.status == 403


def test_payment_is_limited_to_the_remaining_grant(partner, users) -> None:  # type: ignore[no-untyped-def]
    # The partner's grant is 20.000,00; 50 % of 50.000,00 would be 25.000,00.
    claim = make_claim(partner, users["other_applicant"], [("consumables", "30000.00"), ("external", "20000.00")])
    for line in claim.lines.all():
        line_decide(actor=users["finance"], line=line, decision="accepted")
    payment = claim_verify(actor=users["finance"], claim=claim)
    assert payment.amount == D("20000.00")
    with override("en"):
        assert "Limited to the remaining grant of €20,000.00." in explanation_text(payment)
    # A second claim finds nothing left: verified and approved at once, no payment.
    second = make_claim(partner, users["other_applicant"], [("consumables", "100.00")], period=2)
    line_decide(actor=users["finance"], line=second.lines.get(), decision="accepted")
    assert claim_verify(actor=users["finance"], claim=second) is None
    second.refresh_from_db()
    assert second.status == "approved"
    assert sum(p.amount for p in Payment.objects.filter(agreement_partner=partner)) == D("20000.00")


def test_return_to_the_partner_with_a_reason(lead, users, mailoutbox, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, users["applicant"], [("consumables", "1000.00")])
    with pytest.raises(GrantError):
        claim_return(actor=users["finance"], claim=claim, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        claim_return(actor=users["finance"], claim=claim, reason="Add the proof of payment.")
    claim.refresh_from_db()
    assert claim.status == "returned" and claim.verification_note == "Add the proof of payment."
    assert AuditEvent.objects.filter(verb="claim.return", object_id=str(claim.pk)).exists()
