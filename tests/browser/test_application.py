"""Browser journey (issue #4): the lead creates an application, a partner fills its budget, the lead submits,
and the PDF is sent by e-mail. Accessibility checked with axe-core on the way."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from crossroads.companies.models import CompanyMembership
from crossroads.programme.models import Call
from tests.browser.conftest import add_budget_line, assert_accessible, login, logout, sign_declarations
from tests.conftest import make_company, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting(programme):  # type: ignore[no-untyped-def]
    lead_user = make_user("lead@test.example", "applicant")
    partner_user = make_user("partner@test.example", "applicant")
    lead = make_company("Kempense Warmte BV", number="0403.019.261", postcode="2440", city="Geel")
    CompanyMembership.objects.create(user=lead_user, company=lead, role="manager")
    partner = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    CompanyMembership.objects.create(user=partner_user, company=partner, role="manager")
    call = Call.objects.create(
        programme=programme,
        code="browser-call",
        name_nl="Browseroproep",
        name_en="Browser call",
        opens_at=timezone.now() - dt.timedelta(days=5),
        closes_at=timezone.now() + dt.timedelta(days=20),
        budget=Decimal("1000000"),
    )
    call.themes.set(programme.themes.all())
    return call


def test_lead_creates_partner_budgets_lead_submits_pdf_mailed(page, live_server, setting):
    base = live_server.url
    login(page, base, "lead@test.example")
    page.goto(f"{base}/calls/{setting.code}/")
    assert_accessible(page)
    page.get_by_label(re.compile("Projecttitel|Project title")).fill("Warmte over de grens")
    page.get_by_role("button", name=re.compile("aanvraag|application", re.I)).click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    application_url = page.url

    form = page.locator("#shared-form")
    start = (timezone.now() + dt.timedelta(days=40)).date().isoformat()
    form.get_by_label(re.compile("Geplande start|Planned start")).fill(start)
    form.get_by_label(re.compile("energie|energy", re.I)).check()
    for textarea in form.locator("textarea").all():
        textarea.fill("Een gedetailleerde beschrijving van dit onderdeel van het project.")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    # The Dutch page shows the saved date back in the date field (an "01-02-2027" value would look empty in the
    # browser, and the next save or autosave would erase it).
    saved_start = page.locator("#shared-form").get_by_label(re.compile("Geplande start|Planned start"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert saved_start.input_value() == start
    page.get_by_label(re.compile("KvK", re.I)).fill("12345678")
    page.get_by_role("button", name=re.compile("Partner uitnodigen|Invite partner")).click()
    assert "Polderdata BV" in page.locator("#consortium").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Kempense Warmte BV", exact=True).click()
    add_budget_line(page, "consumables", {"^Omschrijving|^Description": "Sensoren", "^Bedrag|^Amount": "40.000,00"})
    sign_declarations(page)
    logout(page, base)

    login(page, base, "partner@test.example")
    page.goto(application_url)
    page.get_by_role("link", name="Polderdata BV", exact=True).click()
    assert_accessible(page)
    add_budget_line(
        page,
        "personnel",
        {
            "^Omschrijving|^Description": "Data-analyse",
            "brutoloonkost|gross employment": "86.000,00",
            "^Uren|^Hours": "600",
        },
    )
    assert "30.000,00" in page.get_by_test_id("partner-costs").inner_text()  # 600 h x EUR 50.00
    sign_declarations(page)
    logout(page, base)

    login(page, base, "lead@test.example")
    page.goto(application_url)
    assert "35.000,00" in page.get_by_test_id("total-grant").inner_text()  # 50 % of 70,000
    page.locator("#submit button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    assert page.locator("#submit").get_by_text("PDF").count() == 1
    pdf_mails = [m for m in mail.outbox if m.attachments]
    assert len(pdf_mails) == 1
    assert sorted(pdf_mails[0].to) == ["lead@test.example", "partner@test.example"]
    assert pdf_mails[0].attachments[0][1].startswith(b"%PDF-")
