"""The "my grant" page: per partner the approved budget, what was claimed, accepted and paid, and the rest; the
numbers reconcile to the cent (budget = claimed + unclaimed; grant = paid + committed + remaining); the schedule
marks what is overdue."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from crossroads.core import clock
from crossroads.grants.models import ClaimLine, CostClaim, Payment
from crossroads.grants.selectors.overview import all_figures, due_next, schedule, totals
from tests.grants.conftest import at

pytestmark = pytest.mark.django_db


def _claim(member, period, status, lines):  # type: ignore[no-untyped-def]
    claim = CostClaim.objects.create(period=period, agreement_partner=member, status=status, created_at=clock.now())
    for category, amount, decision, accepted in lines:
        ClaimLine.objects.create(
            claim=claim,
            category=category,
            description="x",
            amount=Decimal(amount),
            decision=decision,
            accepted_amount=Decimal(accepted) if accepted is not None else None,
        )
    return claim


def _pay(member, kind, amount, status, claim=None):  # type: ignore[no-untyped-def]
    return Payment.objects.create(
        agreement_partner=member, claim=claim, kind=kind, amount=Decimal(amount), status=status, proposed_at=clock.now()
    )


@pytest.fixture
def money(running):  # type: ignore[no-untyped-def]
    lead = running.partners.get(is_lead=True)
    partner = running.partners.get(is_lead=False)
    first = running.periods.get(number=1)
    claim = _claim(
        lead,
        first,
        "verified",
        [("personnel", "10000.00", "accepted", None), ("consumables", "5000.00", "reduced", "4000.00")],
    )
    _pay(lead, "interim", "7000.00", "paid", claim)
    _pay(lead, "advance", "2000.00", "approved")
    _pay(lead, "recovery", "500.00", "recovered")
    _pay(lead, "interim", "300.00", "cancelled")
    _claim(partner, first, "draft", [("consumables", "3000.00", "pending", None)])
    _pay(partner, "interim", "1000.00", "proposed")
    return running


def test_the_figures_reconcile_per_partner_and_for_the_project(money):
    lead, partner = all_figures(money)
    assert (lead.approved, lead.claimed, lead.unclaimed, lead.accepted) == (
        Decimal("80000.00"),
        Decimal("15000.00"),
        Decimal("65000.00"),
        Decimal("14000.00"),
    )
    assert (lead.grant, lead.paid, lead.committed, lead.remaining) == (
        Decimal("40000.00"),
        Decimal("6500.00"),
        Decimal("2000.00"),
        Decimal("31500.00"),
    )
    # The draft claim of the partner is not claimed yet.
    assert (partner.claimed, partner.unclaimed, partner.committed, partner.remaining) == (
        Decimal("0.00"),
        Decimal("40000.00"),
        Decimal("1000.00"),
        Decimal("19000.00"),
    )
    for f in (lead, partner):
        assert f.approved == f.claimed + f.unclaimed
        assert f.grant == f.paid + f.committed + f.remaining
        assert f.approved == sum(r.approved for r in f.rows)
    total = totals([lead, partner])
    assert total.grant == total.paid + total.committed + total.remaining == Decimal("60000.00")
    assert total.approved == total.claimed + total.unclaimed == Decimal("120000.00")


def _number(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">([^<]+)<', page)
    assert found, testid
    return found.group(1)


def test_the_page_shows_the_same_numbers_in_the_users_language(money, users):
    lead = money.partners.get(is_lead=True)
    client = Client()
    client.force_login(users["applicant"])
    page = client.get(reverse("grants:detail", args=[money.pk])).text
    assert _number(page, f"approved-{lead.pk}") == "€ 80.000,00"
    assert _number(page, f"claimed-{lead.pk}") == "€ 15.000,00"
    assert _number(page, f"unclaimed-{lead.pk}") == "€ 65.000,00"
    assert _number(page, f"paid-{lead.pk}") == "€ 6.500,00"
    assert _number(page, f"committed-{lead.pk}") == "€ 2.000,00"
    assert _number(page, f"remaining-{lead.pk}") == "€ 31.500,00"
    assert "personnel" not in page and "consumables" not in page and "None" not in page


def test_an_overdue_period_is_marked_and_comes_first(money, users):
    with at(dt.datetime(2027, 8, 15, 12, tzinfo=clock.BRUSSELS)):
        rows = schedule(money, dt.date(2027, 8, 15))
        assert rows[0].overdue and not rows[1].overdue
        assert due_next(rows) is rows[0]
        client = Client()
        client.force_login(users["other_applicant"])
        with override("en"):
            page = client.get(reverse("grants:detail", args=[money.pk])).text
    assert 'data-testid="overdue-1"' in page and 'data-testid="overdue-2"' not in page
    assert 'data-testid="due-next-overdue"' in page


def test_before_the_due_date_nothing_is_overdue(money):
    rows = schedule(money, dt.date(2027, 3, 1))
    assert not any(r.overdue for r in rows)
    assert due_next(rows) is rows[0]
    cells = {c.member.is_lead: c for c in rows[0].claims}
    assert cells[True].done and not cells[False].done


def test_nothing_is_overdue_or_due_before_the_agreement_runs(agreement, users):
    rows = schedule(agreement, dt.date(2027, 8, 15))
    assert not any(r.overdue for r in rows)
    client = Client()
    client.force_login(users["applicant"])
    page = client.get(reverse("grants:detail", args=[agreement.pk])).text
    assert 'data-testid="due-next"' not in page
    assert f'data-testid="accept-{agreement.partners.get(is_lead=True).pk}"' in page
