"""The dashboard asks each role for its follow-up work: partners accept and report, finance verifies and approves
(never a payment of a claim it verified), the secretariat reviews and chases what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from crossroads.grants.models import ClaimStatus, CostClaim, Payment

pytestmark = pytest.mark.django_db


def _dashboard(client, user):  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save()
    client.force_login(user)
    return client.get(reverse("core:dashboard"))


def test_a_partner_is_asked_to_accept_the_offered_agreement(client, agreement, users):
    page = _dashboard(client, users["applicant"])
    (step,) = page.context["grant_steps"]
    assert step.urgent and "accept" in step.action
    assert reverse("grants:detail", args=[agreement.pk]) in page.text


def test_finance_sees_claims_to_verify_and_only_payments_it_may_approve(client, running, users, second_finance):
    period = running.periods.get(number=1)
    lead = running.partners.get(is_lead=True)
    now = timezone.now()
    claim = CostClaim.objects.create(
        period=period, agreement_partner=lead, status=ClaimStatus.SUBMITTED, created_at=now, submitted_at=now
    )
    labels = [w.label for w in _dashboard(client, users["finance"]).context["waiting"]]
    assert labels == ["1 claim to verify"]
    claim.status, claim.verified_by = ClaimStatus.VERIFIED, users["finance"]
    claim.save()
    Payment.objects.create(
        agreement_partner=lead, claim=claim, kind="interim", amount="100.00", status="proposed", proposed_at=now
    )
    assert [w.label for w in _dashboard(client, users["finance"]).context["waiting"]] == []  # four eyes
    assert [w.label for w in _dashboard(client, second_finance).context["waiting"]] == ["1 payment to approve"]


def test_the_secretariat_sees_overdue_reports(client, running, users):
    running.periods.filter(number=1).update(due_on=dt.date(2026, 1, 31))
    labels = [w.label for w in _dashboard(client, users["secretariat"]).context["waiting"]]
    assert "1 overdue report or claim" in labels
