"""The follow-up demo: a running project of the demo entrepreneurs with one claim paid and one waiting for
verification, built through the services; loading it twice adds nothing."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from crossroads.assessment.demo import demo_assessment_load
from crossroads.companies.demo import demo_load
from crossroads.grants.demo import CALL_CODE, demo_grants_load
from crossroads.grants.models import Agreement, CostClaim, Payment
from crossroads.matching.signals import refresh_suppressed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(programme, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with refresh_suppressed():
        demo_load()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        demo_assessment_load()
        with django_capture_on_commit_callbacks(execute=True):
            return demo_grants_load()


def test_the_demo_has_a_running_project_with_one_claim_paid_and_one_waiting(demo):
    agreement = Agreement.objects.get(grant__application__call__code=CALL_CODE)
    assert agreement.status == "running"
    claims = {c.agreement_partner.is_lead: c for c in CostClaim.objects.filter(period__agreement=agreement)}
    assert claims[True].status == "approved"
    assert claims[False].status == "submitted"
    payment = Payment.objects.get(claim=claims[True])
    assert payment.status == "paid" and payment.amount == 6000  # 50 % of 12.000,00 accepted
    assert payment.approved_by != claims[True].verified_by  # four eyes
    assert agreement.coaching.count() == 1


def test_loading_again_adds_nothing(demo):
    again = demo_grants_load()
    assert again == {"agreements": 1, "claims": 2}
    assert Agreement.objects.filter(grant__application__call__code=CALL_CODE).count() == 1
