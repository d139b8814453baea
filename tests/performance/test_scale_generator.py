"""The programme generator behind `load_demo --scale N`: a consistent programme, quickly, once."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from crossroads.applications.models import Application, ApplicationStatus
from crossroads.assessment.models import Decision, Grant, GrantShare, Outcome, Ranking
from crossroads.companies.models import Company, Establishment
from crossroads.grants.models import AgreementPartner, ClaimLine, CostClaim, Payment
from crossroads.portal.scale import generate

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def made(programme):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = generate(programme, scale=0.01, today=TODAY)
    return result, time.perf_counter() - started


def test_counts_follow_the_scale_and_it_is_quick(made):  # type: ignore[no-untyped-def]
    result, seconds = made
    assert result.created
    assert Company.objects.filter(is_fictional=True, enterprise_number__regex=r"^[19]").count() == 50
    assert Application.objects.filter(call__code__startswith="scale-").count() == 20
    assert 1 <= Grant.objects.filter(application__call__code__startswith="scale-").count() <= 5
    statuses = set(Application.objects.values_list("status", flat=True))
    assert set(ApplicationStatus.values) <= statuses
    assert seconds < 30


def test_every_establishment_lies_in_a_nuts3_region_of_the_programme(made, programme):  # type: ignore[no-untyped-def]
    inside = set(programme.region_statuses.exclude(status="outside").values_list("nuts3_id", flat=True))
    regions = set(Establishment.objects.filter(company__is_fictional=True).values_list("nuts3_id", flat=True))
    assert regions and regions <= inside


def test_money_reconciles_to_the_cent(made):  # type: ignore[no-untyped-def]
    for grant in Grant.objects.filter(application__call__code__startswith="scale-").select_related("decision"):
        shares = GrantShare.objects.filter(grant=grant).aggregate(total=Sum("amount"))["total"]
        assert shares == grant.total == grant.decision.granted
        assert grant.total <= Decimal("250000.00")
        costs = Decimal("0")
        for partner in grant.application.partners.all():
            costs += sum((line.amount for line in partner.budget_lines.all()), Decimal("0"))
        assert grant.total <= (costs / 2).quantize(Decimal("0.01"))
    for member in AgreementPartner.objects.select_related("grant_share"):
        paid = Payment.objects.filter(agreement_partner=member).exclude(status="cancelled").aggregate(
            total=Sum("amount")
        )["total"] or Decimal("0")
        assert paid <= member.grant_share.amount
    for line in ClaimLine.objects.exclude(accepted_amount=None):
        assert line.accepted_amount <= line.amount
    assert not CostClaim.objects.filter(status="approved", approved_at=None).exists()


def test_decisions_follow_the_frozen_ranking(made):  # type: ignore[no-untyped-def]
    for ranking in Ranking.objects.filter(call__code__startswith="scale-"):
        funded = {e["application"] for e in ranking.entries if e["status"] == "funded"}
        approved = set(
            Decision.objects.filter(ranking=ranking, outcome=Outcome.APPROVE).values_list("application_id", flat=True)
        )
        assert funded == approved
        assert sum(Decimal(e["granted"]) for e in ranking.entries) == ranking.budget or not funded


def test_a_second_run_adds_nothing(made, programme):  # type: ignore[no-untyped-def]
    before = Application.objects.count()
    assert not generate(programme, scale=0.01, today=TODAY).created
    assert Application.objects.count() == before


def test_load_demo_scale_option_refuses_nonsense(programme):  # type: ignore[no-untyped-def]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo", "--scale", "-1", "--logins-only")
