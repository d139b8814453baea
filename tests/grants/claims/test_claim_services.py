"""Filing a claim through the services: one per partner per period, lines and documents while it is a draft, the
rate from the call's method, submission blocked by errors and not by warnings, audit rows, the lock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import ClaimStatus, CostClaim
from crossroads.grants.selectors.claims import claim_findings
from crossroads.grants.services import claims as services

from .conftest import SUMMER, add_invoice, add_personnel, at, checked, start

pytestmark = pytest.mark.django_db


def test_one_claim_per_partner_per_period(running, users):
    first, _ = start(running, users)
    again, _ = start(running, users)
    assert first.pk == again.pk and first.status == ClaimStatus.DRAFT
    assert CostClaim.objects.count() == 1
    assert AuditEvent.objects.filter(verb="claim.create").count() == 1


def test_a_partner_cannot_start_the_claim_of_another(running, users):
    lead = running.partners.get(is_lead=True)
    with pytest.raises(GrantError):
        services.claim_start(actor=users["other_applicant"], period=running.periods.first(), member=lead)


def test_no_claim_before_the_agreement_runs(agreement, users):
    lead = agreement.partners.get(is_lead=True)
    with pytest.raises(GrantError):
        services.claim_start(actor=users["applicant"], period=agreement.periods.first(), member=lead)


def test_personnel_amount_is_the_method_rate_times_hours(lead_claim):
    claim, user = lead_claim
    line = add_personnel(claim, user)
    assert line.hourly_rate == Decimal("50.00") and line.amount == Decimal("20000.00")
    line = add_personnel(claim, user, person="An", hours=Decimal("10"), hourly_rate=Decimal("40.00"))
    assert line.amount == Decimal("400.00")


def test_a_complete_claim_is_submitted_audited_and_finance_is_told(lead_claim, django_capture_on_commit_callbacks):
    claim, user = lead_claim
    add_invoice(claim, user)
    add_personnel(claim, user)
    claim.refresh_from_db()
    with at(SUMMER), django_capture_on_commit_callbacks(execute=True):
        services.claim_submit(actor=user, claim=claim, version=claim.lock_version)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.submitted_by == user
    assert AuditEvent.objects.filter(verb="claim.submit", object_id=str(claim.pk)).count() == 1
    assert AuditEvent.objects.filter(verb="claim.line_save").count() == 2
    assert AuditEvent.objects.filter(verb="claim.document_add").count() == 3
    assert [m.to for m in mail.outbox] == [["finance@test.example"]]
    with pytest.raises(GrantError):  # submitted: no more changes
        add_invoice(claim, user, invoice_number="F-9")


def test_errors_block_submission_and_keep_the_draft(lead_claim):
    claim, user = lead_claim
    add_invoice(claim, user, documents=False)
    with at(SUMMER), pytest.raises(GrantError):
        services.claim_submit(actor=user, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT and claim.lines.count() == 1


def test_a_warning_does_not_block(lead_claim):
    claim, user = lead_claim
    add_invoice(claim, user, amount=Decimal("41000.00"))  # above the 40.000,00 of consumables
    with at(SUMMER):
        found = claim_findings(claim, today=dt.date(2027, 7, 10))
        assert [(f.code, f.severity) for f in found] == [("claim.over_budget", "warning")]
        services.claim_submit(actor=user, claim=claim)


def test_a_stale_version_is_refused(lead_claim):
    claim, user = lead_claim
    version = claim.lock_version
    add_invoice(claim, user)
    with at(SUMMER), pytest.raises(GrantError) as refused:
        services.claim_line_save(
            actor=user, claim=claim, version=version, data={"category": "consumables", "amount": Decimal("1")}
        )
    assert refused.value.field == "version"


def test_the_same_file_twice_on_one_line_is_refused(lead_claim):
    claim, user = lead_claim
    line = add_invoice(claim, user, documents=False)
    with at(SUMMER):
        services.claim_document_add(actor=user, line=line, kind="invoice", checked=checked("same"))
        with pytest.raises(GrantError):
            services.claim_document_add(actor=user, line=line, kind="other", checked=checked("same"))


def test_deleting_a_line_is_audited(lead_claim):
    claim, user = lead_claim
    line = add_invoice(claim, user)
    with at(SUMMER):
        services.claim_line_delete(actor=user, line=line)
    assert claim.lines.count() == 0
    assert AuditEvent.objects.filter(verb="claim.line_delete").count() == 1


def test_yearly_hours_across_claims_of_the_partner(running, users):
    claim, user = start(running, users)
    add_personnel(claim, user, hours=Decimal("1000"))
    with at(SUMMER):
        services.claim_submit(actor=user, claim=claim)
    second = running.periods.get(number=2)
    with at(dt.datetime(2028, 1, 10, tzinfo=SUMMER.tzinfo)):
        claim2 = services.claim_start(actor=user, period=second, member=claim.agreement_partner)
        line = services.claim_line_save(
            actor=user,
            claim=claim2,
            data={
                "category": "personnel",
                "person": "jan  peeters",
                "work_from": dt.date(2027, 7, 1),
                "work_to": dt.date(2027, 12, 31),
                "hours": Decimal("721"),
                "annual_cost": Decimal("86000"),
            },
        )
        found = claim_findings(claim2, today=dt.date(2028, 1, 10))
    assert line.amount == Decimal("36050.00")
    assert ("claim.hours_over_year", 2027) in [(f.code, f.params.get("year")) for f in found]
