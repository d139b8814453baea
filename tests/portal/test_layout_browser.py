"""In a real browser (Debian Chromium) at a desktop's 1280 px and a phone's 390 px: the public home and the role
landing pages fit the screen (only table regions scroll), every table sits in a named, focusable scrolling region,
and axe-core finds no WCAG 2.1 A/AA violation. Run with `make test-browser`."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import (  # noqa: F401  (fixtures: Chromium, the Dutch locale, frozen codes)
    _frozen_one_time_codes,
    assert_accessible,
    browser_context_args,
    browser_type_launch_args,
    login_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"
    unwrapped = page.evaluate(
        "() => [...document.querySelectorAll('main table')].filter(t => { const r = t.closest('.table-scroll');"
        " return !r || r.getAttribute('role') !== 'region' || !r.getAttribute('aria-label')"
        " || r.getAttribute('tabindex') !== '0'; }).length"
    )
    assert unwrapped == 0, f"{page.url}: {unwrapped} table(s) outside a named scrolling region"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_home_fits_and_shows_the_eu_emblem(page, live_server, programme, width):  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("core:home"))
    emblem = page.locator("img.eu-emblem")
    assert emblem.is_visible() and emblem.evaluate("img => img.naturalWidth") > 0
    assert page.get_by_test_id("eu-funding").is_visible()
    _fits(page)
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_call_list_and_secretariat_landing_fit(page, live_server, users, width):  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("applications:calls"))
    _fits(page)
    assert_accessible(page)
    login_staff(page, live_server.url, users["secretariat"].email)
    page.goto(live_server.url + reverse("core:dashboard"))
    _fits(page)
    assert_accessible(page)
