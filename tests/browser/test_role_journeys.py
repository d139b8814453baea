"""Issue 12 §8: each role's journey through its pages, in Dutch (the default) and in English, at a desktop's 1280 px
and a phone's 390 px, checked with axe-core (WCAG 2.1 A/AA) and for content wider than the screen. Every problem of
a journey is listed at once (page, width, rule, elements)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from crossroads.assessment.models import Assignment, AssignmentStatus
from crossroads.companies.models import CompanyMembership
from crossroads.core import clock
from crossroads.programme.services import FIXTURES, call_create
from tests.browser.conftest import (
    axe_violations,
    describe_violations,
    login,
    login_staff,
    make_assessor,
    screened_application,
)
from tests.conftest import make_company, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 390)
# A page is wider than the screen when the document scrolls sideways; a table may scroll inside its own box.
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The elements where the overflow starts: wider than the screen while their parent is not.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const name = e => {
    const place = e.closest('[id]');
    const heading = e.querySelector('caption, th');
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (place && place !== e ? ' in #' + place.id : '') +
      (heading ? ' starting “' + heading.textContent.trim().slice(0, 30) + '”' : '');
  };
  return [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && e.parentElement
                 && e.parentElement.getBoundingClientRect().right <= width + 1)
    .slice(0, 5).map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().width) + ' px)');
}"""


def _call(programme: Any, code: str, opens: dt.date, closes: dt.date) -> Any:
    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    return call_create(
        programme=programme,
        data=data,
        call={
            "code": code,
            "name_nl": f"Oproep {code}",
            "name_en": f"Call {code}",
            "opens": f"{opens:%Y-%m-%d} 09:00",
            "closes": f"{closes:%Y-%m-%d} 17:00",
            "budget": "500000.00",
        },
    )


@pytest.fixture
def world(programme):  # type: ignore[no-untyped-def]
    """One closed call with a screened application and an assessor invited on it, one open call; a user per role."""
    today = clock.today_brussels()
    closed = _call(programme, "closed-call", today - dt.timedelta(days=60), today - dt.timedelta(days=10))
    _call(programme, "open-call", today - dt.timedelta(days=5), today + dt.timedelta(days=30))
    applicant = make_user("lead@test.example", "applicant")
    lead = make_company("Kempense Warmte BV", number="0403.019.261", postcode="2440", city="Geel")
    CompanyMembership.objects.create(user=applicant, company=lead, role="manager")
    partner = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    application = screened_application(closed, lead, partner, "Warmte over de grens", 50_000, 30_000, 5, applicant)
    assessor = make_assessor("assessor@experts.example", "BE")
    assignment = Assignment.objects.create(application=application, assessor=assessor, status=AssignmentStatus.INVITED)
    users = {
        "applicant": applicant,
        "adviser": make_user("adviser@test.example", "adviser", agency="vlaio"),
        "secretariat": make_user("secretariat@test.example", "secretariat"),
        "assessor": assessor,
    }
    a, c = application.pk, closed.pk
    pages = {
        "applicant": [
            "/dashboard/",
            "/calls/",
            "/calls/open-call/",
            "/applications/",
            f"/applications/{a}/",
            f"/companies/{lead.pk}/",
            "/partners/",
            "/partners/profiles/",
            "/privacy/my-data/",
        ],
        "adviser": ["/dashboard/", "/companies/", "/companies/import/", "/partners/", "/partners/advisers/"],
        "secretariat": [
            "/dashboard/",
            f"/assessment/calls/{c}/",
            f"/assessment/applications/{a}/screening/",
            f"/assessment/calls/{c}/assignment/",
            f"/assessment/calls/{c}/ranking/",
            f"/assessment/calls/{c}/meeting/",
            "/programme/calls/",
            f"/programme/calls/{c}/",
        ],
        "assessor": [
            "/dashboard/",
            "/assessment/mine/",
            "/assessment/mine/profile/",
            f"/assessment/assignments/{assignment.pk}/",
        ],
    }
    return users, pages


def _journey(page: Any, base: str, paths: list[str]) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(base + path)
            where = f"{path} at {width} px"
            if response is None or response.status >= 400:
                problems.append(f"{where}: HTTP {response.status if response else '?'}")
                continue
            problems.extend(f"{where}: {line}" for line in describe_violations(axe_violations(page)))
            wider = page.evaluate(OVERFLOW)
            if wider > 0:
                elements = ", ".join(page.evaluate(TOO_WIDE))
                problems.append(f"{where}: the page scrolls sideways ({wider} px wider than the screen): {elements}")
    return problems


@pytest.mark.parametrize("role", ["applicant", "adviser", "secretariat", "assessor"])
def test_role_journey_is_accessible_in_both_languages_and_widths(page, live_server, world, role):
    """Dutch first (the default), then the same pages in English after the user chose it."""
    users, pages = world
    user = users[role]
    (login if role == "applicant" else login_staff)(page, live_server.url, user.email)
    problems = []
    for language in ("nl", "en"):
        user.language = language
        user.save(update_fields=["language"])
        page.goto(live_server.url + pages[role][0])
        assert page.locator("html").get_attribute("lang") == language
        problems.extend(f"[{language}] {line}" for line in _journey(page, live_server.url, pages[role]))
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_the_vendored_axe_core_finds_violations(page):
    """The check is alive: a picture without a text alternative and an unlabelled field are found."""
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="x.png"><input></main></body>')
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= found
