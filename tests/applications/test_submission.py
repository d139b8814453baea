"""Submission: deadline decided on the server in Europe/Brussels, idempotent, lead only, complete only, immutable
snapshot, PDF by e-mail, withdraw until the deadline (issue #4, section 5)."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.applications import services
from crossroads.applications.models import ApplicationStatus, Submission
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(moment):  # type: ignore[no-untyped-def]
    return mock.patch("crossroads.core.clock.now", return_value=moment.astimezone(dt.UTC))


def test_submits_once_with_snapshot_and_audit(ready, users):
    application = ready["application"]
    first = services.application_submit(actor=users["applicant"], application=application, idempotency_key="k1")
    again = services.application_submit(actor=users["applicant"], application=application, idempotency_key="k1")
    assert first.pk == again.pk and Submission.objects.count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    snap = first.snapshot
    assert snap["totals"] == {
        "costs": "70000.00",
        "grant": "35000.00",
        "by_category": {"personnel": "0.00", "consumables": "70000.00", "external": "0.00"},
    }
    assert [p["company"] for p in snap["partners"]] == ["Kempense Warmte BV", "Polderdata BV"]
    assert AuditEvent.objects.filter(verb="application.submit").count() == 1


def test_double_click_through_the_view_gives_one_submission(client, ready, users):
    client.force_login(users["applicant"])
    url = reverse("applications:submit", args=[ready["application"].pk])
    client.post(url, {"idempotency_key": "same-key"})
    client.post(url, {"idempotency_key": "same-key"})
    client.post(url, {"idempotency_key": "another-key"})  # a retry from another tab after success
    assert Submission.objects.count() == 1


@pytest.mark.parametrize(("hour", "minute", "second", "accepted"), [(16, 59, 59, True), (17, 0, 0, False)])
def test_deadline_is_17_00_brussels(ready, users, hour, minute, second, accepted):
    call = ready["application"].call
    close_local = call.closes_at.astimezone(BRUSSELS)
    moment = close_local.replace(hour=hour, minute=minute, second=second)
    with at(moment):
        if accepted:
            services.application_submit(actor=users["applicant"], application=ready["application"], idempotency_key="t")
        else:
            with pytest.raises(services.ApplicationError):
                services.application_submit(
                    actor=users["applicant"], application=ready["application"], idempotency_key="t"
                )
    assert Submission.objects.exists() is accepted


def test_deadline_across_a_dst_change(ready, users):
    """A call closing at 17:00 on 29 March 2027 (summer time since 28 March) closes at 15:00 UTC, not 16:00."""
    call = ready["application"].call
    call.opens_at = dt.datetime(2027, 3, 1, 9, tzinfo=BRUSSELS)
    call.closes_at = dt.datetime(2027, 3, 29, 17, 0, tzinfo=BRUSSELS)
    call.save()
    assert call.closes_at.astimezone(dt.UTC).hour == 15
    application = ready["application"]
    application.planned_start = dt.date(2027, 5, 1)
    application.save()
    too_late = dt.datetime(2027, 3, 29, 15, 30, tzinfo=dt.UTC)  # 17:30 in Brussels
    with at(too_late), pytest.raises(services.ApplicationError):
        services.application_submit(actor=users["applicant"], application=application, idempotency_key="d")
    with at(dt.datetime(2027, 3, 29, 14, 59, 59, tzinfo=dt.UTC)):  # 16:59:59 in Brussels
        services.application_submit(actor=users["applicant"], application=application, idempotency_key="d2")
    assert Submission.objects.count() == 1


def test_only_the_lead_submits(ready, users):
    with pytest.raises(services.ApplicationError):
        services.application_submit(
            actor=users["other_applicant"], application=ready["application"], idempotency_key="x"
        )
    assert not Submission.objects.exists()


def test_unsigned_partner_blocks_submission(consortium, users):
    from tests.applications.conftest import sign

    sign(consortium["lead"], users["applicant"])
    with pytest.raises(services.ApplicationError):
        services.application_submit(
            actor=users["applicant"], application=consortium["application"], idempotency_key="y"
        )


def test_changing_a_part_after_confirmation_needs_a_new_confirmation(ready, users):
    partner = ready["partner"]
    services.partner_update(
        actor=users["other_applicant"], partner=partner, data={"tasks": "Meer taken."}, version=partner.lock_version
    )
    partner.refresh_from_db()
    assert partner.confirmed_at is None
    with pytest.raises(services.ApplicationError):
        services.application_submit(actor=users["applicant"], application=ready["application"], idempotency_key="z")


def test_pdf_is_rendered_and_mailed_to_all_partners(ready, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.application_submit(
            actor=users["applicant"], application=ready["application"], idempotency_key="pdf"
        )
    submission.refresh_from_db()
    assert submission.pdf.read(5) == b"%PDF-"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["applicant@test.example", "other@test.example"]
    assert message.attachments[0][2] == "application/pdf"


def test_submitted_application_is_frozen_and_can_be_withdrawn_before_the_deadline(ready, users):
    application = ready["application"]
    services.application_submit(actor=users["applicant"], application=application, idempotency_key="w")
    with pytest.raises(services.ApplicationError):
        services.shared_update(
            actor=users["applicant"], application=application, data={"title": "Nieuw"}, version=application.lock_version
        )
    services.application_withdraw(actor=users["applicant"], application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert Submission.objects.get().withdrawn_at is not None
    assert Submission.objects.get().snapshot["application"]["title"] == "Warmte over de grens"  # immutable copy


def test_no_withdrawal_after_the_deadline(ready, users):
    application = ready["application"]
    services.application_submit(actor=users["applicant"], application=application, idempotency_key="late")
    with at(application.call.closes_at + dt.timedelta(seconds=1)), pytest.raises(services.ApplicationError):
        services.application_withdraw(actor=users["applicant"], application=application)
