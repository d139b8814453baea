"""Exactly-once e-mail for tasks that tasks_recover runs again after a crash: the submission PDF e-mail and the
decision letters go out once per recipient however often the task runs, and a failed send is sent by the retry."""

from __future__ import annotations

import io
import smtplib
from decimal import Decimal
from unittest import mock

import pytest
from django.core.mail import EmailMessage

from crossroads.applications import services as application_services
from crossroads.applications.services import render_and_send_pdf_task
from crossroads.assessment.models import Outcome
from crossroads.assessment.services import decisions
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.core.models import OutboxMail
from crossroads.core.outbox import send_once
from tests.applications import conftest as applications_fixtures
from tests.assessment.conftest import company, make_application, make_eligible, set_consensus

pytestmark = pytest.mark.django_db

# The applications' fixtures: an open call and a consortium ready to submit.
call, consortium, ready = applications_fixtures.call, applications_fixtures.consortium, applications_fixtures.ready


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Tasks run on commit in the test process; the PDFs land in a temporary directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def submitted(ready, users, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return application_services.application_submit(
            actor=users["applicant"], application=ready["application"], idempotency_key="outbox"
        )


def test_the_submission_email_goes_out_once_when_the_task_runs_again(
    ready, users, mailoutbox, django_capture_on_commit_callbacks
):
    submission = submitted(ready, users, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    render_and_send_pdf_task.call(submission.pk)  # what tasks_recover does after a worker was killed
    render_and_send_pdf_task.call(submission.pk)
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == ["applicant@test.example", "other@test.example"]
    rows = OutboxMail.objects.filter(key__startswith=f"submission:{submission.pk}:")
    assert sorted(r.recipient for r in rows if r.sent_at) == ["applicant@test.example", "other@test.example"]


def test_a_failed_send_stays_unsent_and_the_retry_sends_it(
    ready, users, mailoutbox, django_capture_on_commit_callbacks
):
    failing = mock.patch.object(EmailMessage, "send", side_effect=smtplib.SMTPServerDisconnected("gone"))
    with failing:  # the task fails (the immediate backend records it as FAILED, as the worker would)
        submitted(ready, users, django_capture_on_commit_callbacks)
    submission = ready["application"].submissions.get()
    assert mailoutbox == []
    rows = OutboxMail.objects.filter(key__startswith=f"submission:{submission.pk}:")
    assert rows.count() == 2 and all(r.sent_at is None and "gone" in r.last_error for r in rows)

    render_and_send_pdf_task.call(submission.pk)  # the retry
    assert len(mailoutbox) == 1 and sorted(mailoutbox[0].to) == ["applicant@test.example", "other@test.example"]
    assert all(r.sent_at is not None and r.attempts == 2 for r in rows.all())


def test_only_the_recipients_without_the_mail_get_it(mailoutbox):
    def build(to: list[str]) -> EmailMessage:
        return EmailMessage("Subject", "Body", "noreply@test.example", to)

    assert send_once("test:1", ["ann@test.example"], build) == ["ann@test.example"]
    assert send_once("test:1", ["Ann@test.example ", "bob@test.example"], build) == ["bob@test.example"]
    assert send_once("test:1", ["ann@test.example", "bob@test.example"], build) == []
    assert [m.to for m in mailoutbox] == [["ann@test.example"], ["bob@test.example"]]


def test_the_decision_letter_goes_out_once_per_partner_when_the_task_runs_again(
    programme, users, mailoutbox, django_capture_on_commit_callbacks
):
    closed = programme.calls.get(code="crossroads-2026-1")
    closed.budget = Decimal("70000")
    closed.save()
    be = company("Kempense Warmte BV", "BE", user=users["applicant"])
    nl = company("Polderdata BV", "NL", user=users["other_applicant"])
    application = set_consensus(
        make_eligible(make_application(closed, be, nl, title="Project A")), "9", users["secretariat"]
    )
    ranking_freeze(actor=users["secretariat"], call=closed)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.decision_record(
            actor=users["secretariat"], application=application, outcome=Outcome.APPROVE, reasons="Good project."
        )

    # The approval also offers the grant agreement (its own mail, without attachment): count the letters.
    def letters() -> list[str]:
        return sorted(m.to[0] for m in mailoutbox if m.attachments)

    assert letters() == ["applicant@test.example", "other@test.example"]

    decisions.decision_letter_task.call(decision.pk)  # re-run after a crash
    decisions.decision_letter_task.call(decision.pk)
    assert letters() == ["applicant@test.example", "other@test.example"]
    assert (
        OutboxMail.objects.filter(key__startswith=f"decision-letter:{decision.pk}:", sent_at__isnull=False).count() == 2
    )


def test_tasks_recover_retry_failed_queues_a_failed_pdf_task_again(settings):
    """After an SMTP outage the PDF and letter tasks are FAILED; --retry-failed puts them back (the outbox makes a
    re-run safe); other failed tasks stay for a person to look at."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from crossroads.assessment.services.decisions import decision_letter_task
    from crossroads.matching.embeddings import refresh_embeddings_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for result in (
        render_and_send_pdf_task.enqueue(7),
        decision_letter_task.enqueue(8),
        refresh_embeddings_task.enqueue(["c:1"]),
    ):
        DBTaskResult.objects.filter(pk=result.id).update(status="FAILED")
    call_command("tasks_recover", "--retry-failed", stdout=io.StringIO())
    status = dict(DBTaskResult.objects.values_list("task_path", "status"))
    assert {path.rsplit(".", 1)[-1]: value for path, value in status.items()} == {
        "render_and_send_pdf_task": "READY",
        "decision_letter_task": "READY",
        "refresh_embeddings_task": "FAILED",
    }
