"""Dates that cannot be true are refused at the field, with a message in the user's language (issue 12, section 2):
a founding date in the future, a financial year after the current one, a closing date in the future, a holding that
ends before it starts, and anything before 1800."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from crossroads.companies.forms import CompanyForm, DeMinimisAidForm, FinancialYearForm, HoldingForm
from crossroads.companies.models import FinancialYear, Holding
from crossroads.companies.selectors import company_verdicts
from crossroads.core import clock

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    moment = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0), clock.BRUSSELS)
    monkeypatch.setattr(clock, "now", lambda: moment)


def company_data(**changes):
    data = {
        "legal_name": "Kempense Warmtenet",
        "legal_form": "BV",
        "country": "BE",
        "enterprise_number": "0202.239.951",
        "role": "sme",
        "founded_on": "2012-07-18",
        "nace_revision": "2.0",
    }
    return {**data, **changes}


def figures(**changes):
    data = {
        "year": "2025",
        "closing_date": "2025-12-31",
        "staff_fte": "12",
        "turnover": "1500000",
        "balance_sheet_total": "900000",
        "equity": "400000",
        "subscribed_capital": "100000",
    }
    return {**data, **changes}


def test_a_founding_date_in_the_future_is_refused(programme):
    with override("en"):
        form = CompanyForm(company_data(founded_on="2026-06-16"))
        assert not form.is_valid()
        assert form.errors["founded_on"] == ["The founding date cannot be in the future."]
    assert CompanyForm(company_data(founded_on="2026-06-15")).is_valid()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_date_before_1800_is_refused_in_the_users_language(programme, language):
    with override(language):
        form = CompanyForm(company_data(founded_on="1799-12-31"))
        assert not form.is_valid()
        message = form.errors["founded_on"][0]
    assert message.endswith("01-01-1800." if language == "nl" else "1 Jan 1800.")
    if language == "en":
        assert message == "Enter a date on or after 1 Jan 1800."


def test_a_financial_year_after_the_current_year_is_refused(company_be):
    with override("en"):
        form = FinancialYearForm(figures(year="2027", closing_date=""), company=company_be)
        assert not form.is_valid()
        assert form.errors["year"] == ["A financial year cannot be later than the current year (2026)."]
    assert FinancialYearForm(figures(year="2025"), company=company_be).is_valid()


def test_a_closing_date_in_the_future_is_refused(company_be):
    with override("en"):
        form = FinancialYearForm(figures(year="2026", closing_date="2026-12-31"), company=company_be)
        assert not form.is_valid()
        assert form.errors["closing_date"] == ["The closing date cannot be in the future: enter closed years only."]


def test_a_closing_date_far_from_its_year_is_refused(company_be):
    with override("en"):
        form = FinancialYearForm(figures(year="2025", closing_date="2021-12-31"), company=company_be)
        assert not form.is_valid()
    assert "2025" in form.errors["closing_date"][0]


def test_the_figures_page_shows_the_message_at_the_field_and_keeps_the_input(client, users, company_be):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("companies:figures_add", args=[company_be.pk]),
        figures(year="2030", closing_date="2030-12-31"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors and "closing_date" in response.context["form"].errors
    assert 'value="2030"' in response.content.decode()
    assert not FinancialYear.objects.filter(company=company_be, year=2030).exists()


def test_aid_granted_in_the_future_is_refused(company_be):
    with override("en"):
        form = DeMinimisAidForm(
            {"granted_on": "2026-07-01", "amount": "10000", "granting_body": "VLAIO"},
            instance=None,
        )
        assert not form.is_valid()
        assert "future" in form.errors["granted_on"][0]


def holding_data(other, **changes):
    data = {"direction": "out", "other": str(other.pk), "percent": "30", "started_on": "", "ended_on": ""}
    return {**data, **changes}


def test_a_holding_cannot_end_before_it_starts(users, company_be, company_nl):
    with override("en"):
        form = HoldingForm(
            holding_data(company_nl, started_on="2020-05-01", ended_on="2019-05-01"),
            company=company_be,
            user=users["secretariat"],
        )
        assert not form.is_valid()
        assert form.errors["ended_on"] == ["The holding cannot end (1 May 2019) before it started (1 May 2020)."]
        future = HoldingForm(
            holding_data(company_nl, started_on="2027-01-01"), company=company_be, user=users["secretariat"]
        )
        assert not future.is_valid() and "started_on" in future.errors
    ok = HoldingForm(
        holding_data(company_nl, started_on="2019-05-01", ended_on="2020-05-01"),
        company=company_be,
        user=users["secretariat"],
    )
    assert ok.is_valid(), ok.errors


def test_a_holding_that_ended_no_longer_links_the_enterprises(programme, company_be, company_nl):
    """A large holder counts for the SME test only while it holds the shares."""
    company_nl.financial_years.update(staff_fte=Decimal("400"), turnover=Decimal("90000000"))
    holding = Holding.objects.create(owner=company_nl, owned=company_be, percent=Decimal("60"))
    assert company_verdicts(company_be, programme=programme).size.is_sme is False
    holding.started_on, holding.ended_on = dt.date(2015, 1, 1), dt.date(2025, 12, 31)
    holding.save()
    assert company_verdicts(company_be, programme=programme).size.is_sme is True


def test_the_holding_page_refuses_an_impossible_period(client, users, company_be, company_nl):
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("companies:holding_add", args=[company_be.pk]),
        holding_data(company_nl, started_on="2021-01-01", ended_on="2020-01-01"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and "ended_on" in response.context["form"].errors
    assert not Holding.objects.exists()


def test_an_import_row_with_a_future_founding_date_is_refused(client, users):
    from tests.companies.test_import import GOOD, csv_upload

    row = list(GOOD)
    row[6] = "2030-01-01"
    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([row])})
    preview = client.get(response["Location"])
    assert "founded_on" in preview.context["batch"].errors["2"]
