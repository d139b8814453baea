"""Reminders with a moved clock: nothing before `reminder_days_before`, exactly once from that day, not again on a
rerun or the next day, nothing for what was submitted; one overdue notice from the day after the due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from crossroads.grants.jobs import reminders
from tests.grants.claims.conftest import SUMMER, add_invoice, at, start
from tests.grants.conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def go(text: str) -> dict[str, int]:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.run(day(text))

    return go


def test_the_due_date_and_the_reminder_day(running):
    period = running.periods.get(number=1)
    assert period.due_on == dt.date(2027, 7, 30)
    assert running.grant.application.call.programme.reminder_days_before == 14


def test_nothing_before_then_once_then_not_again(running, run):
    assert run("2027-07-15") == {"report_due": 0, "claim_due": 0, "report_overdue": 0, "claim_overdue": 0}
    assert mail.outbox == []
    assert run("2027-07-16") == {"report_due": 1, "claim_due": 2, "report_overdue": 0, "claim_overdue": 0}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "applicant@test.example",
        "applicant@test.example",
        "other@test.example",
    ]
    sent = len(mail.outbox)
    assert sum(run("2027-07-16").values()) == 0
    assert sum(run("2027-07-25").values()) == 0
    assert len(mail.outbox) == sent


def test_overdue_once_from_the_day_after(running, run):
    assert sum(run("2027-07-30").values()) == 3  # the due day itself is still a reminder
    assert run("2027-07-31") == {"report_due": 0, "claim_due": 0, "report_overdue": 1, "claim_overdue": 2}
    assert sum(run("2027-07-31").values()) == 0
    assert sum(run("2027-08-15").values()) == 0
    assert len(mail.outbox) == 6 and len({m.subject for m in mail.outbox}) == 4  # a reminder and a notice each


def test_nothing_for_a_submitted_claim(running, users, run):
    claim, user = start(running, users)
    add_invoice(claim, user)
    from crossroads.grants.services.claims import claim_submit

    with at(SUMMER):
        claim_submit(actor=user, claim=claim)
    assert run("2027-07-16") == {"report_due": 1, "claim_due": 1, "report_overdue": 0, "claim_overdue": 0}
    assert run("2027-07-31")["claim_overdue"] == 1


def test_no_reminders_for_an_agreement_that_does_not_run(agreement, run):
    assert sum(run("2027-07-16").values()) == 0
