"""The daily life cycle job with a moved clock: nothing before the end, closing after it (once, with a mail to the
lead), a follow-up survey per partner made once, its reminders once before the due date and once on it; the survey
answered once by a member of that partner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.core.audit import AuditEvent
from crossroads.core.clock import BRUSSELS
from crossroads.grants.errors import GrantError
from crossroads.grants.jobs import lifecycle
from crossroads.grants.models import ClosureIndicator, FollowUpSurvey
from crossroads.grants.services.results import survey_answer
from tests.assessment.conftest import at
from tests.grants.conftest import day

pytestmark = pytest.mark.django_db


def _run(today, capture):  # type: ignore[no-untyped-def]
    with at(dt.datetime.combine(today, dt.time(6), tzinfo=BRUSSELS)), capture(execute=True):
        return lifecycle.run(today)


def _to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if address in m.to]


def test_nothing_happens_on_the_last_day_of_the_project(running, django_capture_on_commit_callbacks):
    done = _run(day("2028-12-31"), django_capture_on_commit_callbacks)
    running.refresh_from_db()
    assert running.status == "running"
    assert done["agreements moved to closing"] == 0
    assert not FollowUpSurvey.objects.exists()


def test_the_day_after_the_end_the_agreement_closes_once_with_a_survey_per_partner(
    running, users, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    done = _run(day("2029-01-01"), django_capture_on_commit_callbacks)
    running.refresh_from_db()
    assert running.status == "closing"
    assert done["agreements moved to closing"] == 1
    assert AuditEvent.objects.filter(verb="agreement.closing", object_id=str(running.pk)).count() == 1
    surveys = FollowUpSurvey.objects.filter(agreement_partner__agreement=running)
    assert surveys.count() == 2
    assert {s.due_on for s in surveys} == {day("2029-12-31")}  # 12 months after the end (the programme's number)
    # The lead is told when the final report is due (3 months after the end); the partner is not.
    lead_mail = [m for m in mail.outbox if users["applicant"].email in m.to]
    assert len(lead_mail) == 1
    assert "31-03-2029" in lead_mail[0].body or "31 maart 2029" in lead_mail[0].body
    assert not _to(users["other_applicant"].email)
    again = _run(day("2029-01-02"), django_capture_on_commit_callbacks)
    assert again["agreements moved to closing"] == 0 and again["follow-up surveys made later"] == 0
    assert FollowUpSurvey.objects.count() == 2
    assert len([m for m in mail.outbox if users["applicant"].email in m.to]) == 1


def test_survey_reminders_go_out_once_before_and_once_on_the_due_date(
    running, users, django_capture_on_commit_callbacks
):
    _run(day("2029-01-01"), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert _run(day("2029-12-16"), django_capture_on_commit_callbacks)["survey reminders"] == 0
    assert not mail.outbox
    first = _run(day("2029-12-17"), django_capture_on_commit_callbacks)  # 14 days before (programme setting)
    assert first["survey reminders"] == 2
    assert len(_to(users["applicant"].email)) == 1 and len(_to(users["other_applicant"].email)) == 1
    assert _run(day("2029-12-18"), django_capture_on_commit_callbacks)["survey reminders"] == 0
    assert len(mail.outbox) == 2
    # The partner answers; only the lead gets the due-date reminder, once.
    survey = FollowUpSurvey.objects.get(agreement_partner__is_lead=False)
    with at(dt.datetime(2029, 12, 20, 9, tzinfo=BRUSSELS)):
        survey_answer(actor=users["other_applicant"], survey=survey, still_cooperating=True)
    due = _run(day("2029-12-31"), django_capture_on_commit_callbacks)
    assert due["survey due reminders"] == 1
    assert len(_to(users["applicant"].email)) == 2 and len(_to(users["other_applicant"].email)) == 1
    assert _run(day("2030-01-01"), django_capture_on_commit_callbacks)["survey due reminders"] == 0
    assert len(mail.outbox) == 3


def test_the_survey_is_answered_once_by_a_member_and_records_rcr84(running, users, django_capture_on_commit_callbacks):
    _run(day("2029-01-01"), django_capture_on_commit_callbacks)
    survey = FollowUpSurvey.objects.get(agreement_partner__is_lead=True)
    with at(dt.datetime(2029, 6, 1, 9, tzinfo=BRUSSELS)), pytest.raises(GrantError):
        survey_answer(actor=users["applicant"], survey=survey, still_cooperating=True)  # not open yet
    with at(dt.datetime(2029, 12, 20, 9, tzinfo=BRUSSELS)):
        with pytest.raises(GrantError) as stranger:
            survey_answer(actor=users["other_applicant"], survey=survey, still_cooperating=True)
        assert stranger.value.status == 403
        survey_answer(actor=users["applicant"], survey=survey, still_cooperating=False, notes="Partner stopped.")
        with pytest.raises(GrantError):
            survey_answer(actor=users["applicant"], survey=survey, still_cooperating=True)
    survey.refresh_from_db()
    assert survey.still_cooperating is False and survey.answered_by == users["applicant"]
    value = ClosureIndicator.objects.get(agreement=running, code="RCR84", company=survey.agreement_partner.company)
    assert value.value == 0
    assert AuditEvent.objects.filter(verb="survey.answer", object_id=str(survey.pk)).count() == 1


def test_survey_page_for_that_partners_members_only(client, running, users, django_capture_on_commit_callbacks):
    _run(day("2029-01-01"), django_capture_on_commit_callbacks)
    survey = FollowUpSurvey.objects.get(agreement_partner__is_lead=True)
    url = reverse("grants:survey", args=[survey.pk])
    with at(dt.datetime(2029, 12, 20, 9, tzinfo=BRUSSELS)):
        for name, status in (("other_applicant", 403), ("secretariat", 403), ("assessor", 404)):
            client.force_login(users[name])
            assert client.get(url).status_code == status, name
        client.force_login(users["applicant"])
        assert client.get(url).status_code == 200
        assert client.post(url, {"notes": "no choice"}).status_code == 400
        assert client.post(url, {"still_cooperating": "yes"}).status_code == 302
        assert 'data-testid="survey-answered"' in client.get(url).content.decode()
    survey.refresh_from_db()
    assert survey.still_cooperating is True
