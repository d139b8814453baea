"""The assessment demo obeys the rules it shows: every application it marks eligible passes the automatic
eligibility checks (no error), read through the applications' public selector."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from crossroads.applications.selectors import application_checks
from crossroads.assessment.demo import CALL_CODE, demo_assessment_load
from crossroads.assessment.models import Eligibility, Screening
from crossroads.companies.demo import demo_load
from crossroads.matching.signals import refresh_suppressed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(programme):  # type: ignore[no-untyped-def]
    with refresh_suppressed():
        demo_load()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        demo_assessment_load()


def test_every_demo_application_marked_eligible_has_no_error_check(demo):
    screenings = Screening.objects.filter(
        application__call__code=CALL_CODE, eligibility=Eligibility.ELIGIBLE
    ).select_related("application")
    assert screenings.exists()
    errors = {
        s.application.acronym: [
            (m.rule_id, m.section, m.params) for m in application_checks(s.application) if m.severity == "error"
        ]
        for s in screenings
    }
    assert errors == {acronym: [] for acronym in errors}


def test_every_demo_consensus_rests_on_an_assessment_that_meets_the_call_rules(demo):
    from crossroads.applications.models import Application
    from crossroads.assessment.compliance import unmet_rules

    consolidated = Application.objects.filter(call__code=CALL_CODE, consensus__isnull=False).distinct()
    assert consolidated.exists()
    assert {a.acronym: unmet_rules(a) for a in consolidated} == {a.acronym: [] for a in consolidated}
