"""What the browser journeys share: Debian Chromium in a closed network, the Dutch (nl-BE) browser locale, a frozen
clock for the one-time codes, the axe-core check, and the steps every journey takes (log in and out, fill and
tick, add a budget line, sign the declarations), plus the data builders of the assessment journey."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_user, submitted_application, totp_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium keeps trying to reach Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PASSWORD = "a-long-test-password"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A Flemish entrepreneur's browser: the platform answers in Dutch.
    return {**browser_context_args, "locale": "nl-BE"}


@pytest.fixture(autouse=True)
def _frozen_one_time_codes(frozen_totp_clock: Callable[[str], str]) -> None:
    """Staff logins type the code of a frozen instant (`login_staff`): no test fails on a 30-second boundary."""


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"  # vendored, see its README.md
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run the vendored axe-core on the page for WCAG 2.1 A and AA; its violations (every impact)."""
    loaded = "() => typeof window.axe !== 'undefined'"
    if not page.evaluate(loaded):
        with contextlib.suppress(Exception):  # the site's CSP may refuse an inline script tag
            page.add_script_tag(path=str(AXE))
    if not page.evaluate(loaded):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # run by the browser's debugger protocol, outside the CSP
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return list(results["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations]


def assert_accessible(page: Any) -> None:
    """axe-core (vendored): no WCAG 2.1 A/AA violation."""
    bad = axe_violations(page)
    assert not bad, page.url + "\n" + "\n".join(describe_violations(bad))


def visit_accessible(page: Any, base: str, paths: Iterable[str], *, one_heading: bool = False) -> None:
    """Open each page and check it with axe-core (and, if asked, that it has exactly one h1)."""
    for path in paths:
        page.goto(base + path)
        if one_heading:
            assert page.locator("h1").count() == 1
        assert_accessible(page)


def _password_step(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("E-?mail", re.I)).fill(email)
    page.get_by_label(re.compile("Wachtwoord|Password")).fill(PASSWORD)
    page.locator("main button[type=submit]").click()


def login(page: Any, base: str, email: str) -> None:
    """An applicant's login: e-mail and password."""
    _password_step(page, base, email)
    page.wait_for_url(re.compile(r"/dashboard/|/$"))


def login_staff(page: Any, base: str, email: str) -> None:
    """Password, then the one-time code every staff role must give (of the frozen instant, see conftest)."""
    _password_step(page, base, email)
    page.wait_for_url(re.compile(r"/2fa/authenticate/"))
    page.locator("main input[name=code]").fill(totp_code())
    page.locator("main button[type=submit]:not([form])").click()
    page.wait_for_url(re.compile(r"/dashboard/|/$"))


def logout(page: Any, base: str) -> None:
    page.locator("header form[action$='/accounts/logout/'] button").click()
    page.wait_for_load_state()


def fill_all(fields: Any, value: str) -> None:
    """Type `value` in every field the locator finds."""
    for field in fields.all():
        field.fill(value)


def add_budget_line(page: Any, category: str, fields: dict[str, str]) -> None:
    """On a partner's page: choose the category, fill the fields (label pattern -> value), add the line."""
    page.get_by_label(re.compile("^Categorie|^Category")).select_option(category)
    for label, value in fields.items():
        page.get_by_label(re.compile(label, re.I)).fill(value)
    page.locator("form:has(input[value=line]) button[type=submit]").click()
    page.wait_for_load_state()


def sign_declarations(page: Any) -> None:
    for box in page.locator("#declarations input[type=checkbox]").all():
        box.check()
    page.locator("#declarations button[type=submit]").click()


def make_assessor(email: str, country: str) -> Any:
    from crossroads.assessment.models import AssessorProfile

    user = make_user(email, "assessor")
    AssessorProfile.objects.create(user=user, country=country, expertise="Energie en warmtenetten.")
    return user


def screened_application(
    call: Any, lead: Any, partner: Any, title: str, lead_costs: int, partner_costs: int, hours_ago: int, owner: Any
) -> Any:
    """An application submitted through the services `hours_ago` hours before the call closed, screened complete
    and eligible."""
    from crossroads.assessment.models import Screening

    application = submitted_application(
        call,
        lead,
        partner,
        title=title,
        owner=owner if lead.memberships.filter(user=owner).exists() else None,
        lead_costs=lead_costs,
        partner_costs=partner_costs,
        sections={"summary": f"{title}: een gezamenlijk innovatieproject.", "innovation": "Nieuwe technologie."},
        submitted_at=call.closes_at - dt.timedelta(hours=hours_ago),
        planned_start=dt.date.today() + dt.timedelta(days=60),
    )
    Screening.objects.create(application=application, completeness="complete", eligibility="eligible")
    return application
