"""Browser journey (issue #3): company A finds company B, sends an expression of interest; B accepts; both now
see each other's identity. Accessibility of the pages on the way is checked with axe-core."""

from __future__ import annotations

import re

import pytest

from crossroads.matching import index_service
from tests.browser.conftest import assert_accessible, login, logout
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_companies(programme):  # type: ignore[no-untyped-def]
    from tests.matching.conftest import build_market  # the same data as the service tests

    users = {
        "applicant": make_user("applicant@test.example", "applicant"),
        "other_applicant": make_user("other@test.example", "applicant"),
    }
    data = build_market(users)
    index_service.reset()
    yield users, data
    index_service.reset()


def test_a_finds_b_expresses_interest_b_accepts_both_see_identities(page, live_server, two_companies):
    _users, data = two_companies
    base = live_server.url

    login(page, base, "applicant@test.example")
    page.goto(f"{base}/partners/?for={data['be_profile'].index_key}")
    first = page.get_by_test_id("suggestion").first
    assert "camera" in first.inner_text().lower()
    assert "Visiolab" not in page.content()  # anonymous until accepted
    assert_accessible(page)

    first.get_by_role("link", name=re.compile("Interesse|interest", re.I)).click()
    page.get_by_label(re.compile("Bericht|Message")).fill(
        "Wij sorteren kunststofafval in Geel en zoeken camera-inspectie voor onze sorteerlijn."
    )
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/partners/interests/$"))
    sent = page.get_by_test_id("sent-interest").first.inner_text()
    assert "Visiolab" not in sent
    logout(page, base)

    login(page, base, "other@test.example")
    page.goto(f"{base}/partners/interests/")
    received = page.get_by_test_id("received-interest").first
    assert "Kempen Kringloop BV" in received.inner_text()  # the sender is never anonymous
    assert_accessible(page)
    received.get_by_role("button", name=re.compile("Aanvaarden|Accept", re.I)).click()
    page.wait_for_url(re.compile(r"/partners/interests/$"))
    assert "applicant@test.example" in page.get_by_test_id("received-interest").first.inner_text()
    logout(page, base)

    login(page, base, "applicant@test.example")
    page.goto(f"{base}/partners/interests/")
    sent = page.get_by_test_id("sent-interest").first.inner_text()
    assert "Visiolab Eindhoven BV" in sent and "other@test.example" in sent
    page.goto(f"{base}/partners/profiles/{data['nl_profile'].pk}/")
    assert "Visiolab Eindhoven BV" in page.get_by_test_id("profile-owner").inner_text()
