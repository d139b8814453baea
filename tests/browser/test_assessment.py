"""Browser journey (issue #5): an assessor declares no conflict and scores; the secretariat consolidates, ranks,
runs a what-if and decides; the applicant reads the decision letter. Accessibility checked with axe-core."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core import mail

from crossroads.assessment.models import Assignment, AssignmentStatus
from crossroads.assessment.services.assignment import conflict_declare
from crossroads.assessment.services.scoring import consensus_record, scores_save
from crossroads.companies.models import CompanyMembership
from crossroads.core import clock
from crossroads.programme.services import FIXTURES, call_create
from tests.browser.conftest import (
    assert_accessible,
    fill_all,
    login,
    login_staff,
    logout,
    make_assessor,
    screened_application,
    visit_accessible,
)
from tests.browser.test_role_journeys import _journey
from tests.conftest import make_company, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUSTIFICATION = "Sterk uitgewerkt, met een duidelijke meerwaarde over de grens."


@pytest.fixture
def committee(programme):  # type: ignore[no-untyped-def]
    lead_user = make_user("lead@test.example", "applicant")
    lead = make_company("Kempense Warmte BV", number="0403.019.261", postcode="2440", city="Geel")
    CompanyMembership.objects.create(user=lead_user, company=lead, role="manager")
    partner = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    other = make_company("Gentse Glas BV", number="0202.239.951", postcode="9000", city="Gent")
    secretariat = make_user("secretariat@test.example", "secretariat")
    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    today = clock.today_brussels()
    call = call_create(
        programme=programme,
        data=data,
        call={
            "code": "browser-assessment",
            "name_nl": "Beoordelingsoproep",
            "name_en": "Assessment call",
            "opens": f"{today - dt.timedelta(days=60):%Y-%m-%d} 09:00",
            "closes": f"{today - dt.timedelta(days=10):%Y-%m-%d} 17:00",
            "budget": "60000.00",
        },
    )
    call.assessors_per_application = 2
    call.save()
    # Grants 40,000 (strong) and 35,000 (weaker).
    strong = screened_application(call, lead, partner, "Warmte over de grens", 50_000, 30_000, 5, lead_user)
    weaker = screened_application(call, other, partner, "Glas en data", 40_000, 30_000, 3, lead_user)
    me = make_assessor("assessor@experts.example", "BE")
    nl = make_assessor("nl-assessor@experts.example", "NL")
    be2 = make_assessor("be2-assessor@experts.example", "BE")
    criteria = list(call.criteria.order_by("order"))
    Assignment.objects.create(application=strong, assessor=me, status=AssignmentStatus.INVITED)
    for application, assessor, score in ((strong, nl, "8"), (weaker, nl, "6"), (weaker, be2, "7")):
        assignment = Assignment.objects.create(application=application, assessor=assessor, status="invited")
        conflict_declare(actor=assessor, assignment=assignment, has_conflict=False)
        scores_save(
            actor=assessor,
            assignment=assignment,
            values={c.code: (score, JUSTIFICATION) for c in criteria},
            submit=True,
        )
    consensus_record(
        actor=secretariat, application=weaker, values={c.code: ("6,5", "Gemiddeld van de twee.") for c in criteria}
    )
    return {"call": call, "strong": strong, "weaker": weaker}


def test_assessor_scores_secretariat_ranks_and_decides_applicant_reads_letter(page, live_server, committee):
    base = live_server.url
    call, strong = committee["call"], committee["strong"]
    assessor_declares_and_scores(page, base, strong)
    secretariat_consolidates_ranks_and_decides(page, base, call, strong)
    applicant_reads_the_decision_and_its_letter(page, base)


def assessor_declares_and_scores(page, base: str, strong) -> None:  # type: ignore[no-untyped-def]
    """The assessor declares no conflict of interest, then scores (decimal comma) with justifications."""
    login_staff(page, base, "assessor@experts.example")
    page.goto(f"{base}/assessment/mine/")
    page.get_by_role("link", name=re.compile("belangen|interests", re.I)).click()
    assert "Warmte over de grens" in page.content() and "Polderdata BV" in page.content()
    assert page.locator("[data-testid^=score-]").count() == 0  # nothing of the application before declaring
    assert_accessible(page)
    page.get_by_label(re.compile("geen belangenconflict|no conflict of interest", re.I)).check()
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/assessment/assignments/\d+/$"))
    fill_all(page.locator("input[name^=score-]"), "8,5")
    fill_all(page.locator("textarea[name^=justification-]"), JUSTIFICATION)
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Scores indienen|Submit my scores")).click()
    page.wait_for_url(re.compile(r"/assessment/assignments/\d+/$"))
    assert Assignment.objects.get(application=strong, assessor__email="assessor@experts.example").status == "submitted"
    visit_accessible(page, base, ("/assessment/mine/", "/assessment/mine/profile/"))
    logout(page, base)


def secretariat_consolidates_ranks_and_decides(page, base: str, call, strong) -> None:  # type: ignore[no-untyped-def]
    """The secretariat sees both assessors' scores, records the consensus, ranks, runs a what-if, freezes, decides."""
    login_staff(page, base, "secretariat@test.example")
    visit_accessible(
        page,
        base,
        (
            f"/assessment/calls/{call.pk}/",
            f"/assessment/applications/{strong.pk}/screening/",
            f"/assessment/calls/{call.pk}/assignment/",
            f"/assessment/calls/{call.pk}/meeting/",
        ),
        one_heading=True,
    )
    page.goto(f"{base}/assessment/applications/{strong.pk}/consolidation/")
    assert "8,5" in page.content() or "8.5" in page.content()
    assert_accessible(page)
    fill_all(page.locator("textarea[name^=rationale-]"), "De commissie volgt de assessoren.")
    page.get_by_role("button", name=re.compile("consensus", re.I)).click()
    page.wait_for_load_state()
    page.goto(f"{base}/assessment/calls/{call.pk}/ranking/")
    assert page.get_by_test_id("rank-funded").count() == 1 and page.get_by_test_id("rank-reserve").count() == 1
    assert_accessible(page)
    page.get_by_label(re.compile("^Budget")).fill("100.000,00")
    page.get_by_role("button", name=re.compile("^Toon|^Show")).click()
    page.wait_for_load_state()
    assert "Glas en data" in page.get_by_test_id("what-if-moves").inner_text()
    assert page.get_by_test_id("rank-funded").count() == 2  # the funding line moved; nothing saved
    page.get_by_role("link", name=re.compile("regels van de oproep|call's rules")).click()
    page.get_by_role("button", name=re.compile("bevriezen|Freeze", re.I)).click()
    page.wait_for_url(re.compile(r"/decisions/$"))
    assert_accessible(page)
    page.get_by_test_id(f"decision-{strong.pk}").get_by_role("link", name=re.compile("Beslissing nemen|Take")).click()
    page.wait_for_url(re.compile(rf"/decisions/{strong.pk}/$"))
    assert_accessible(page)
    page.get_by_label(re.compile("^Motivering|^Reasons")).fill("Sterk project boven de financieringslijn.")
    page.get_by_role("button", name=re.compile("Beslissing vastleggen|Record the decision")).click()
    page.wait_for_url(re.compile(r"/decisions/$"))
    assert page.get_by_test_id(f"decided-{strong.pk}").count() == 1
    assert_accessible(page)
    # The list and the decision page as the secretariat reads them on a phone too: axe-clean, nothing wider than it.
    decided = f"/assessment/calls/{call.pk}/decisions/{strong.pk}/"
    assert _journey(page, base, [f"/assessment/calls/{call.pk}/decisions/", decided]) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    logout(page, base)


def applicant_reads_the_decision_and_its_letter(page, base: str) -> None:  # type: ignore[no-untyped-def]
    login(page, base, "lead@test.example")
    page.get_by_test_id("dashboard-decision").get_by_role("link").click()
    assert re.search("Goedgekeurd|Approved", page.get_by_test_id("decision-outcome").inner_text())
    assert "40.000,00" in page.get_by_test_id("decision-outcome").inner_text()
    assert_accessible(page)
    letter = page.request.get(base + page.get_by_test_id("letter-link").get_attribute("href"))
    assert letter.ok and letter.body().startswith(b"%PDF-")
    letters = [m for m in mail.outbox if m.attachments and "decision" in m.attachments[0][0]]
    assert letters and "lead@test.example" in {address for m in letters for address in m.to}
