"""The progress report: the lead keeps a draft, submits when every work package has its text and the prototype
status is given; the secretariat accepts it or returns it with a comment, and the lead hears of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from crossroads.applications.models import WorkPackage
from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import ProgressReport, ReportStatus
from crossroads.grants.services import reports as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(running):  # type: ignore[no-untyped-def]
    application = running.grant.application
    WorkPackage.objects.create(application=application, number=1, title="Pilot")
    WorkPackage.objects.create(application=application, number=2, title="Demonstration")
    return running.periods.get(number=1)


DATA = {
    "work_done": {"1": "Pilot built.", "2": "Demo planned."},
    "deviations": "None.",
    "milestones": "M1",
    "prototype_status": "building",
    "indicator_values": {"jobs": Decimal("1.5"), "new_products": 2, "turnover": None},
}


def test_a_draft_keeps_everything_even_incomplete(period, users):
    report = services.report_save(
        actor=users["applicant"], period=period, data={"work_done": {"1": "Half", "9": "not a WP"}}
    )
    assert report.status == ReportStatus.DRAFT and report.work_done == {"1": "Half"}
    report = services.report_save(actor=users["applicant"], period=period, data=DATA, version=report.lock_version)
    assert report.indicator_values == {"jobs": "1.5", "new_products": "2"}
    assert AuditEvent.objects.filter(verb="report.save").count() == 2


def test_submission_needs_every_work_package_and_the_prototype_status(period, users):
    with pytest.raises(GrantError) as refused:
        services.report_submit(actor=users["applicant"], period=period, data={**DATA, "work_done": {"1": "x"}})
    assert refused.value.field == "wp_2"
    with pytest.raises(GrantError) as refused:
        services.report_submit(actor=users["applicant"], period=period, data={**DATA, "prototype_status": ""})
    assert refused.value.field == "prototype_status"
    assert not ProgressReport.objects.filter(period=period).exists()  # a refused request writes nothing
    report = services.report_submit(actor=users["applicant"], period=period, data=DATA)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == users["applicant"]


def test_only_the_lead_writes_it(period, users):
    with pytest.raises(GrantError):
        services.report_save(actor=users["other_applicant"], period=period, data=DATA)


def test_a_stale_version_is_refused(period, users):
    report = services.report_save(actor=users["applicant"], period=period, data=DATA)
    with pytest.raises(GrantError) as refused:
        services.report_save(actor=users["applicant"], period=period, data=DATA, version=report.lock_version - 1)
    assert refused.value.field == "version"


def test_review_returns_with_a_comment_and_accepts(period, users, django_capture_on_commit_callbacks):
    services.report_submit(actor=users["applicant"], period=period, data=DATA)
    with pytest.raises(GrantError):
        services.report_review(actor=users["secretariat"], period=period, accept=False, comment=" ")
    with pytest.raises(GrantError):
        services.report_review(actor=users["finance"], period=period, accept=True, comment="")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_review(
            actor=users["secretariat"], period=period, accept=False, comment="Describe WP2 in more detail."
        )
    assert report.status == ReportStatus.RETURNED
    assert mail.outbox[-1].to == ["applicant@test.example"] and "WP2" in mail.outbox[-1].body
    services.report_submit(actor=users["applicant"], period=period, data=DATA)
    report = services.report_review(actor=users["secretariat"], period=period, accept=True, comment="")
    assert report.status == ReportStatus.ACCEPTED
    with pytest.raises(GrantError):  # accepted: closed for editing
        services.report_save(actor=users["applicant"], period=period, data=DATA)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"report.submit", "report.return", "report.accept"} <= verbs
