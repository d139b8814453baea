"""Browser journey of the public showcase (issue #14 §3): an anonymous visitor walks home -> projects -> a project
-> contact and finds their adviser by postcode, in Dutch and in English, on a desktop and at phone width (375 px).
Every page is checked with axe-core (WCAG 2.1 A/AA) and has one h1."""

from __future__ import annotations

from typing import Any

import pytest

from crossroads.grants.models import Agreement
from crossroads.grants.services.agreement import agreement_accept
from crossroads.showcase.demo import demo_showcase_load
from tests.assessment.conftest import company
from tests.browser.conftest import assert_accessible
from tests.grants.conftest import approve, funded_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(programme: Any, users: dict[str, Any]) -> Agreement:
    call = programme.calls.get(code="crossroads-2026-1")
    lead = company("Kempense Warmte BV", "BE", user=users["applicant"])
    partner = company("Polderdata BV", "NL", user=users["other_applicant"])
    agreement = approve(funded_application(call, lead, partner), users["secretariat"])
    for member, user in zip(
        agreement.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
    ):
        agreement_accept(actor=user, member=member, confirm=True)
    adviser = users["adviser_be"]
    adviser.first_name, adviser.last_name, adviser.listed_publicly = "Wouter", "Claes", True
    adviser.save()
    demo_showcase_load()
    return agreement


def _one_heading_and_accessible(page: Any) -> None:
    assert page.locator("h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_anonymous_visitor_walks_the_showcase(page, live_server, project, language, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/")
    _one_heading_and_accessible(page)
    assert page.get_by_test_id("offer").is_visible()
    page.locator('main a[href="/projects/"]').first.click()  # link texts: nl merges later
    page.wait_for_url("**/projects/")
    _one_heading_and_accessible(page)
    page.get_by_role("link", name="Warmte over de grens").click()
    page.wait_for_url(f"**/projects/{project.reference.lower()}/")
    _one_heading_and_accessible(page)
    assert "Polderdata BV" in page.get_by_test_id("partners").inner_text()
    page.goto(live_server.url + "/contact/")
    _one_heading_and_accessible(page)
    page.locator('input[name="country"][value="BE"]').check()
    page.locator("#id_postcode").fill("2440")
    page.locator(".finder button[type=submit]").first.click()
    result = page.get_by_test_id("finder-result")
    assert "adviser-be@test.example" in result.inner_text()
    _one_heading_and_accessible(page)
    page.goto(live_server.url + "/editions/")
    _one_heading_and_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scrolling of the page
