"""Issue 15 §1 and §4 through the database and the pages: foreign related enterprises without KBO/KvK, persons as
holders, the figures form asking AWU and saying what is left out, "figures needed" on the verdict page, and the
article behind each reason shown in Dutch and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from crossroads.companies.forms import CompanyForm, FinancialYearForm, HoldingForm
from crossroads.companies.models import Company, FinancialYear, Holding, NaceCode
from crossroads.companies.selectors import company_verdicts
from crossroads.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    moment = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0), clock.BRUSSELS)
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_art_6_foreign_related_enterprise_recordable_without_kbo_or_kvk(programme):
    """Art. 6 (related enterprises wherever they are): a German parent 'Rhein Holding GmbH' is recorded with its
    Handelsregister number HRB 12345 and no KBO/KvK number; two such foreign records do not clash on the empty
    number. A Belgian enterprise still needs its KBO number."""
    data = {"kind": "enterprise", "legal_name": "Rhein Holding", "legal_form": "GmbH", "country": "DE"}
    with override("en"):
        form = CompanyForm({**data, "foreign_identifier": "HRB 12345", "role": "large", "nace_revision": "2.0"})
        assert form.is_valid(), form.errors
        first = form.save()
        second = CompanyForm({**data, "legal_name": "Main Beteiligungen", "role": "large", "nace_revision": "2.0"})
        assert second.is_valid(), second.errors
        second.save()
        belgian = CompanyForm({**data, "country": "BE", "role": "sme", "nace_revision": "2.0"})
        assert not belgian.is_valid()
        assert "enterprise_number" in belgian.errors
    assert first.enterprise_number == "" and first.foreign_identifier == "HRB 12345"
    assert Company.objects.filter(enterprise_number="").count() == 2


def test_art_3_3_a_natural_person_can_hold_shares(programme, users, company_be, company_nl):
    """Art. 3(3) 4th subpar.: the person An Peeters (no number, no founding date) holds 100 % of Scheldewarmte (14
    FTE, NACE 62.01) and 100 % of Maasdata (NACE 62.02, 300 FTE): same NACE group -> linked: 314 FTE in 2024, not an
    SME."""
    with override("en"):
        form = CompanyForm({"kind": "natural_person", "legal_name": "An Peeters", "country": "BE", "role": "sme",
                            "nace_revision": "2.0"})  # fmt: skip
        assert form.is_valid(), form.errors
    person = form.save()
    NaceCode.objects.create(company=company_be, code="62.01", is_main=True)
    NaceCode.objects.create(company=company_nl, code="62.02", is_main=True)
    company_nl.financial_years.update(staff_fte=Decimal("300"))
    Holding.objects.create(owner=person, owned=company_be, percent=Decimal("100"))
    Holding.objects.create(owner=person, owned=company_nl, percent=Decimal("100"))
    verdicts = company_verdicts(company_be, programme=programme)
    assert verdicts.size.years[-1].figures.staff == Decimal("314")
    assert verdicts.size.is_sme is False
    assert "size.linked_through_person" in [r.code for r in verdicts.size.reasons]


def speak(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def test_art_5_figures_form_asks_awu_and_says_what_is_left_out(programme, client, users, company_be):
    """Art. 5: the figures form has an AWU field whose help names apprentices, students in vocational training and
    maternity and parental leave (in English and in Dutch); 9,5 AWU is stored as 9.50."""
    client.force_login(users["applicant"])
    url = reverse("companies:figures_add", args=[company_be.pk])
    for language, words in (("en", ("apprentices", "vocational training", "parental leave")), ("nl", ())):
        speak(users["applicant"], language)  # the page speaks the user's own language, whatever the browser asks
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language, headers={"Accept-Language": language})
        text = page.content.decode()
        assert 'name="annual_work_units"' in text
        for word in words:
            assert word in text
    with override("en"):
        form = FinancialYearForm(
            {
                "year": "2025",
                "closing_date": "2025-12-31",
                "staff_fte": "10,5",
                "annual_work_units": "9,5",
                "turnover": "1500000",
                "balance_sheet_total": "900000",
                "equity": "400000",
                "subscribed_capital": "100000",
            },
            company=company_be,
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["annual_work_units"] == Decimal("9.5")


def test_art_4_3_an_estimate_must_be_attested_and_for_the_current_year(programme, company_be):
    """Art. 4(3): an estimate for 2026 (the current year on 15 June 2026) without attestation is refused; for 2025 it
    is refused; attested on 1 March 2026 by the accountant it is accepted for a company without closed accounts."""
    company_be.financial_years.all().delete()
    base = {"staff_fte": "4", "turnover": "300000", "balance_sheet_total": "500000", "equity": "50000",
            "subscribed_capital": "20000", "is_estimate": "on"}  # fmt: skip
    with override("en"):
        assert not FinancialYearForm({**base, "year": "2026"}, company=company_be).is_valid()
        old = FinancialYearForm(
            {**base, "year": "2025", "attested_on": "2026-03-01", "attested_by": "Boekhouder"}, company=company_be
        )
        assert not old.is_valid() and "year" in old.errors
        ok = FinancialYearForm(
            {**base, "year": "2026", "attested_on": "2026-03-01", "attested_by": "Boekhouder"}, company=company_be
        )
        assert ok.is_valid(), ok.errors


def test_holding_form_records_voting_rights_control_and_acting_jointly(programme, users, company_be, company_nl):
    """Art. 3(2)-(3): capital 20 %, voting rights 55 %, board majority, group label 'Peeters' are all stored."""
    with override("en"):
        form = HoldingForm(
            {
                "direction": "in",
                "other": str(company_nl.pk),
                "percent": "20",
                "voting_percent": "55",
                "appoints_board_majority": "on",
                "acting_jointly_group": "Peeters",
            },
            company=company_be,
            user=users["secretariat"],
        )
        assert form.is_valid(), form.errors
    holding = form.save()
    assert (holding.percent, holding.voting_percent, holding.appoints_board_majority) == (
        Decimal("20"),
        Decimal("55"),
        True,
    )
    assert holding.acting_jointly_group == "Peeters"


def test_art_6_figures_needed_and_the_article_on_the_verdict_page(programme, client, users, company_be):
    """Art. 6: a 60 % parent 'Leeg Holding' without figures -> the page says 'Figures needed' and shows the article
    behind each reason, in English ('Rec. 2003/361 Annex Art. 6') and in Dutch."""
    parent = Company.objects.create(
        legal_name="Leeg Holding", legal_form="NV", country="BE", enterprise_number="0202.239.951"
    )
    Holding.objects.create(owner=parent, owned=company_be, percent=Decimal("60"))
    assert not FinancialYear.objects.filter(company=parent).exists()
    client.force_login(users["applicant"])
    url = reverse("companies:detail", args=[company_be.pk])
    speak(users["applicant"], "en")  # the page speaks the user's own language, whatever the browser asks
    english = client.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "Figures needed" in english
    assert "Rec. 2003/361 Annex Art. 6" in english
    assert "Leeg Holding" in english
    speak(users["applicant"], "nl")
    dutch = client.get(url, headers={"Accept-Language": "nl"}).content.decode()
    assert 'class="article' in dutch
