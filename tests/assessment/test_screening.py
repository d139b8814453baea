"""Screening by the secretariat: complete / incomplete (items and a future deadline, applicants e-mailed), eligible
only after complete, ineligible with a reason (applicants e-mailed); other transitions refused; every step audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from crossroads.applications.models import ApplicationStatus
from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssignmentStatus, Completeness, Eligibility, Outcome, Screening
from crossroads.assessment.services import assignment as assignment_services
from crossroads.assessment.services import decisions as decision_services
from crossroads.assessment.services import screening as services
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.assessment.services.screening import screening_request_items
from crossroads.core.clock import BRUSSELS
from crossroads.core.models import AuditEvent

from .conftest import invite, make_application, make_assessor, make_eligible

pytestmark = pytest.mark.django_db

PARTNERS = ["applicant@test.example", "other@test.example"]


def recipients(outbox) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(address for message in outbox for address in message.to)


def test_complete_then_eligible_is_audited_with_actor_and_before_after(
    application, users, mailoutbox, django_capture_on_commit_callbacks
):
    secretariat = users["secretariat"]
    services.screening_mark_complete(actor=secretariat, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        screening = services.screening_mark_eligible(actor=secretariat, application=application)
    assert (screening.completeness, screening.eligibility) == (Completeness.COMPLETE, Eligibility.ELIGIBLE)
    assert recipients(mailoutbox) == PARTNERS
    assert all(application.title in m.body for m in mailoutbox)

    complete, eligible = AuditEvent.objects.filter(object_type="assessment.screening").order_by("id")
    assert (complete.verb, complete.actor, eligible.verb, eligible.actor) == (
        "screening.complete",
        secretariat,
        "screening.eligible",
        secretariat,
    )
    assert complete.before["completeness"] == "pending" and complete.after["completeness"] == "complete"
    assert eligible.before["eligibility"] == "pending" and eligible.after["eligibility"] == "eligible"


def test_incomplete_needs_items_and_a_future_deadline_and_mails_the_partners(
    application, users, mailoutbox, django_capture_on_commit_callbacks
):
    secretariat = users["secretariat"]
    with pytest.raises(AssessmentError):
        services.screening_request_items(
            actor=secretariat, application=application, items="  ", deadline=timezone.now() + dt.timedelta(days=5)
        )
    with pytest.raises(AssessmentError):
        services.screening_request_items(
            actor=secretariat, application=application, items="Quotation", deadline=timezone.now()
        )
    assert not AuditEvent.objects.filter(verb__startswith="screening.").exists()

    deadline = timezone.now() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        screening = services.screening_request_items(
            actor=secretariat, application=application, items="Signed quotation of the test bench", deadline=deadline
        )
    assert screening.completeness == Completeness.INCOMPLETE and screening.missing_deadline == deadline
    assert recipients(mailoutbox) == PARTNERS
    assert "Signed quotation of the test bench" in mailoutbox[0].body
    event = AuditEvent.objects.get(verb="screening.incomplete")
    assert event.actor == secretariat
    assert event.before["completeness"] == "pending"
    assert event.after["missing_items"] == "Signed quotation of the test bench"


def test_eligible_only_after_complete(application, users):
    with pytest.raises(AssessmentError):
        services.screening_mark_eligible(actor=users["secretariat"], application=application)
    services.screening_request_items(
        actor=users["secretariat"],
        application=application,
        items="CV",
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    with pytest.raises(AssessmentError):
        services.screening_mark_eligible(actor=users["secretariat"], application=application)
    assert Screening.objects.get(application=application).eligibility == Eligibility.PENDING
    assert not AuditEvent.objects.filter(verb="screening.eligible").exists()


def test_ineligible_needs_a_reason_and_mails_the_partners(
    application, users, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(AssessmentError):
        services.screening_mark_ineligible(actor=users["secretariat"], application=application, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.screening_mark_ineligible(
            actor=users["secretariat"], application=application, reason="The NL partner is a large company."
        )
    screening = Screening.objects.get(application=application)
    assert screening.eligibility == Eligibility.INELIGIBLE
    assert recipients(mailoutbox) == PARTNERS
    assert "The NL partner is a large company." in mailoutbox[0].body
    event = AuditEvent.objects.get(verb="screening.ineligible")
    assert event.actor == users["secretariat"]
    assert (event.before["eligibility"], event.after["eligibility"]) == ("pending", "ineligible")
    assert event.after["ineligible_reason"] == "The NL partner is a large company."


def test_refused_transitions(application, users):
    secretariat = users["secretariat"]
    services.screening_mark_complete(actor=secretariat, application=application)
    with pytest.raises(AssessmentError):  # complete twice
        services.screening_mark_complete(actor=secretariat, application=application)
    services.screening_mark_eligible(actor=secretariat, application=application)
    with pytest.raises(AssessmentError):  # eligible twice
        services.screening_mark_eligible(actor=secretariat, application=application)
    assert AuditEvent.objects.filter(verb__startswith="screening.").count() == 2


def test_draft_applications_are_not_screened(call, be_lead, nl_partner, users):
    draft = make_application(call, be_lead, nl_partner, title="Concept", status=ApplicationStatus.DRAFT)
    with pytest.raises(AssessmentError):
        services.screening_mark_complete(actor=users["secretariat"], application=draft)
    assert not Screening.objects.filter(application=draft).exists()


def test_screening_page_marks_incomplete_in_brussels_time_and_refuses_a_past_deadline(
    client, application, users, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(users["secretariat"])
    url = reverse("assessment:screening", args=[application.pk])
    assert client.get(url).status_code == 200

    past = client.post(url, {"action": "incomplete", "items": "CV", "deadline": "01-01-2020 12:00"})
    assert past.status_code == 400 and "deadline" in past.context["items_form"].errors
    assert Screening.objects.get(application=application).completeness == Completeness.PENDING

    future = (timezone.now() + dt.timedelta(days=30)).strftime("%d-%m-%Y")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "incomplete", "items": "CV", "deadline": f"{future} 17:00"})
    assert response.status_code == 302
    screening = Screening.objects.get(application=application)
    local = screening.missing_deadline.astimezone(BRUSSELS)
    assert (local.hour, local.minute) == (17, 0)
    assert len(mailoutbox) == 2

    eligible = client.post(url, {"action": "eligible"})  # still incomplete: refused, page shown again
    assert eligible.status_code == 400
    assert Screening.objects.get(application=application).eligibility == Eligibility.PENDING


@pytest.mark.parametrize("action", ["", "approve-everything", "\x00"])
def test_an_unknown_screening_verdict_is_refused_with_a_message(client, application, users, action):
    client.force_login(users["secretariat"])
    response = client.post(reverse("assessment:screening", args=[application.pk]), {"action": action})
    assert response.status_code == 400
    assert "Kies een van de screeningsbeslissingen." in response.content.decode()
    assert Screening.objects.get(application=application).completeness == Completeness.PENDING


def test_screening_cannot_change_after_a_decision(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    decision_services.decision_record(
        actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed."
    )
    with pytest.raises(AssessmentError):
        services.screening_mark_ineligible(actor=secretariat, application=ranked["A"], reason="Toch niet.")
    with pytest.raises(AssessmentError):
        services.screening_request_items(
            actor=secretariat, application=ranked["A"], items="x", deadline=timezone.now() + dt.timedelta(days=3)
        )
    assert Screening.objects.get(application=ranked["A"]).eligibility == "eligible"


def test_an_application_leaving_the_assessment_ends_its_open_assignments(call, application, users):
    make_eligible(application)
    expert = make_assessor("y@assessors-be.example", "BE")
    assignment = invite(application, expert, declared=None)
    services.screening_mark_ineligible(actor=users["secretariat"], application=application, reason="Nee.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    assert assignment_services.assignment_check(call) == []


def test_requesting_items_after_eligibility_takes_the_application_out_of_the_assessment(application, users):
    make_eligible(application)
    screening_request_items(
        actor=users["secretariat"],
        application=application,
        items="De offerte van de leverancier.",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    screening = Screening.objects.get(application=application)
    assert screening.completeness == "incomplete"
    assert screening.eligibility == Eligibility.PENDING
    event = AuditEvent.objects.filter(verb="screening.incomplete").latest("pk")
    assert event.before["eligibility"] == "eligible" and event.after["eligibility"] == "pending"
