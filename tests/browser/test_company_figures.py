"""Browser journey: an applicant logs in, edits the company's figures and sees the SME verdict change.
Accessibility of each page is checked with axe-core."""

from __future__ import annotations

import re

import pytest

from crossroads.companies.models import CompanyMembership
from tests.browser.conftest import assert_accessible
from tests.conftest import make_company, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def applicant_with_company(programme):  # type: ignore[no-untyped-def]
    user = make_user("ineke@test.example", "applicant")
    company = make_company("Scheldewarmte BV", years=[(2024, "14", "1700000", "950000", "450000", "100000")])
    CompanyMembership.objects.create(user=user, company=company, role="manager")
    return user, company


def test_applicant_edits_figures_and_sees_the_sme_verdict_change(page, live_server, applicant_with_company):
    _user, company = applicant_with_company
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    page.get_by_label(re.compile("E-?mail", re.I)).fill("ineke@test.example")
    page.get_by_label(re.compile("Wachtwoord|Password")).fill("a-long-test-password")
    page.get_by_role("button", name=re.compile("Aanmelden|Inloggen|Sign in|Log in", re.I)).click()

    page.goto(f"{live_server.url}/companies/{company.pk}/")
    size = page.get_by_test_id("size-class")
    assert "klein" in size.inner_text().lower()
    assert page.locator("#verdict-sme .badge.ok").count() == 1
    assert_accessible(page)

    page.get_by_test_id("edit-year-2024").click()
    page.get_by_label(re.compile(r"^(Personeel \(vte\)|Staff \(FTE\))")).fill("abc")
    page.get_by_role("button", name=re.compile("Opslaan|Save")).click()
    # Bad input: a message at the field, nothing lost.
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)

    page.get_by_label(re.compile(r"^(Personeel \(vte\)|Staff \(FTE\))")).fill("310")
    page.get_by_label(re.compile("Omzet|Turnover")).fill("62.500.000,00")
    page.get_by_label(re.compile("Balanstotaal|Balance-sheet")).fill("48.000.000,00")
    page.get_by_role("button", name=re.compile("Opslaan|Save")).click()

    page.wait_for_url(re.compile(rf"/companies/{company.pk}/$"))
    assert "grote onderneming" in page.get_by_test_id("size-class").inner_text().lower()
    assert page.locator("#verdict-sme .badge.bad").count() == 1
    assert "310" in page.locator("#verdict-sme").inner_text()
