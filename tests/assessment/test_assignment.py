"""Assignment of assessors: the proposal (per application the call's number of assessors, both countries, no
conflicted pair, loads respected), an infeasible pool explained in words, hand additions checked for conflicts,
invitations with due dates and e-mails, one reminder near the due date."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssessorProfile, Assignment, AssignmentStatus
from crossroads.assessment.services import assignment as services
from crossroads.core import clock
from crossroads.core.models import AuditEvent

from .conftest import at, company, invite, make_application, make_assessor, make_eligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_applications(call, application, users):  # type: ignore[no-untyped-def]
    call.assessors_per_application = 2
    call.save()
    second = make_application(
        call,
        company("Leiewater NV", "BE", user=users["applicant"]),
        company("Twentechip BV", "NL"),
        title="Chips aan de Leie",
    )
    return [make_eligible(application), make_eligible(second)]


@pytest.fixture
def pool(application, nl_partner):  # type: ignore[no-untyped-def]
    """Two BE assessors (one application each) and two NL ones (two each); nl1 works for the NL partner of
    `application`, a conflict."""
    return {
        "be1": make_assessor("be1@assessors-be.example", "BE", max_load=1, expertise="District heating."),
        "be2": make_assessor("be2@assessors-be.example", "BE", max_load=1, expertise="Semiconductors."),
        "nl1": make_assessor("nl1@assessors-nl.example", "NL", max_load=2, employer=nl_partner),
        "nl2": make_assessor("nl2@assessors-nl.example", "NL", max_load=2, expertise="Water and energy."),
    }


def test_propose_respects_count_countries_conflicts_and_loads(call, two_applications, pool, users):
    first, second = two_applications
    created = services.assignment_propose(actor=users["secretariat"], call=call)
    assignments = list(Assignment.objects.select_related("assessor__assessor_profile"))
    assert created == len(assignments) == 4
    assert all(a.status == AssignmentStatus.PROPOSED for a in assignments)
    for application in (first, second):
        mine = [a for a in assignments if a.application_id == application.pk]
        assert len(mine) == call.assessors_per_application
        assert {a.assessor.assessor_profile.country for a in mine} == {"BE", "NL"}
    assert not any(a.assessor == pool["nl1"] and a.application == first for a in assignments)
    loads = Counter(a.assessor_id for a in assignments)
    for user in pool.values():
        assert loads[user.pk] <= user.assessor_profile.max_load
    assert services.assignment_check(call) == []
    assert AuditEvent.objects.get(verb="assignment.propose").actor == users["secretariat"]


def test_propose_replaces_the_earlier_proposal(call, two_applications, pool, users):
    services.assignment_propose(actor=users["secretariat"], call=call)
    services.assignment_propose(actor=users["secretariat"], call=call)
    assert Assignment.objects.count() == 4


def test_an_infeasible_pool_is_explained_in_words(call, two_applications, users):
    make_assessor("be1@assessors-be.example", "BE")
    make_assessor("be2@assessors-be.example", "BE")
    with translation.override("en"), pytest.raises(AssessmentError) as raised:
        services.assignment_propose(actor=users["secretariat"], call=call)
    message = str(raised.value)
    assert "Netherlands" in message and "assessor" in message  # the country by its name, not its code
    assert two_applications[0].acronym in message
    assert not Assignment.objects.exists()


def test_propose_without_eligible_applications_is_refused(call, application, pool, users):
    with pytest.raises(AssessmentError):
        services.assignment_propose(actor=users["secretariat"], call=call)


def test_adding_a_conflicted_assessor_is_refused(call, client, two_applications, pool, users):
    first = two_applications[0]
    with pytest.raises(AssessmentError):
        services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["nl1"])
    with pytest.raises(AssessmentError):  # not an assessor
        services.assignment_add(actor=users["secretariat"], application=first, assessor=users["finance"])
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("assessment:assignment_action", args=[call.pk]),
        {"action": "add", "application": first.pk, "assessor": pool["nl1"].pk},
    )
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert not Assignment.objects.exists()

    added = services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["nl2"])
    assert added.status == AssignmentStatus.PROPOSED
    with pytest.raises(AssessmentError):  # twice
        services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["nl2"])


def test_invite_sets_due_dates_and_mails_each_assessor_once(
    call, two_applications, pool, users, mailoutbox, django_capture_on_commit_callbacks
):
    services.assignment_propose(actor=users["secretariat"], call=call)
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.assignment_invite(actor=users["secretariat"], call=call)
    expected_due = clock.today_brussels() + dt.timedelta(days=call.programme.assessment_days)
    assignments = list(Assignment.objects.select_related("assessor"))
    assert all(a.status == AssignmentStatus.INVITED and a.due_date == expected_due for a in assignments)
    assert all(a.invited_at is not None for a in assignments)
    people = sorted({a.assessor.email for a in assignments})
    assert invited == len(people)
    assert sorted(m.to[0] for m in mailoutbox) == people
    assert expected_due.strftime("%d-%m-%Y") in mailoutbox[0].body
    assert AuditEvent.objects.filter(verb="assignment.invite").count() == 4


def test_invite_refuses_an_incomplete_set_or_a_past_due_date(call, two_applications, pool, users, mailoutbox):
    first = two_applications[0]
    services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["be1"])
    with pytest.raises(AssessmentError):  # one assessor, no NL one, second application has none
        services.assignment_invite(actor=users["secretariat"], call=call)
    services.assignment_propose(actor=users["secretariat"], call=call)
    with pytest.raises(AssessmentError):
        services.assignment_invite(actor=users["secretariat"], call=call, due_date=clock.today_brussels())
    assert not Assignment.objects.filter(status=AssignmentStatus.INVITED).exists()
    assert mailoutbox == []


def test_invite_through_the_board(call, client, two_applications, pool, users):
    client.force_login(users["secretariat"])
    board = reverse("assessment:assignment", args=[call.pk])
    action = reverse("assessment:assignment_action", args=[call.pk])
    client.post(action, {"action": "propose"})
    assert Assignment.objects.count() == 4
    page = client.get(board)
    assert page.status_code == 200 and page.context["problems"] == []
    due = (timezone.localdate() + dt.timedelta(days=10)).strftime("%d-%m-%Y")
    assert client.post(action, {"action": "invite", "due_date": due}).status_code == 302
    assert set(Assignment.objects.values_list("status", flat=True)) == {AssignmentStatus.INVITED}


def test_reminder_once_near_the_due_date(
    application, be_lead, nl_partner, assessor, mailoutbox, django_capture_on_commit_callbacks
):
    make_eligible(application)
    soon = invite(application, assessor)
    soon.due_date = clock.today_brussels() + dt.timedelta(days=2)  # reminder days: 3
    soon.save()
    later = invite(make_eligible(make_application(application.call, be_lead, nl_partner, title="Later")), assessor)
    later.due_date = clock.today_brussels() + dt.timedelta(days=10)
    later.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind() == 1
    assert [m.to for m in mailoutbox] == [[assessor.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind() == 0  # once
    assert len(mailoutbox) == 1

    with at(timezone.now() + dt.timedelta(days=8)), django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind() == 1
    assert len(mailoutbox) == 2
    later.refresh_from_db()
    assert later.reminded_at is not None


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "application": "abc", "assessor": "1"},
        {"action": "add", "application": "1", "assessor": "x"},
        {"action": "cancel", "assignment": "1 OR 1=1"},
    ],
)
def test_malformed_ids_on_the_board_give_404_not_500(client, call, two_applications, users, data):
    client.force_login(users["secretariat"])
    assert client.post(reverse("assessment:assignment_action", args=[call.pk]), data).status_code == 404


def test_a_declined_place_is_filled_by_another_assessor(call, two_applications, pool, users):
    make_assessor("be3@assessors-be.example", "BE", max_load=1, expertise="Geothermal energy.")
    services.assignment_propose(actor=users["secretariat"], call=call)
    services.assignment_invite(actor=users["secretariat"], call=call)
    busy = set(Assignment.objects.values_list("assessor_id", flat=True))
    (spare,) = set(AssessorProfile.objects.filter(country="BE").values_list("user_id", flat=True)) - busy
    declined = Assignment.objects.filter(assessor__assessor_profile__country="BE").first()
    services.conflict_declare(
        actor=declined.assessor, assignment=declined, has_conflict=True, explanation="I advised them."
    )
    assert services.assignment_check(call)  # one place short now

    assert services.assignment_propose(actor=users["secretariat"], call=call) == 1
    replacement = Assignment.objects.get(status=AssignmentStatus.PROPOSED)
    assert (replacement.application_id, replacement.assessor_id) == (declined.application_id, spare)
    assert Assignment.objects.filter(status=AssignmentStatus.INVITED).count() == 3  # invitations kept
    assert services.assignment_check(call) == []


def test_cancel_and_add_again(call, two_applications, pool, users):
    first = two_applications[0]
    added = services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["be1"])
    services.assignment_cancel(actor=users["secretariat"], assignment=added)
    with pytest.raises(AssessmentError):  # twice
        services.assignment_cancel(actor=users["secretariat"], assignment=added)
    again = services.assignment_add(actor=users["secretariat"], application=first, assessor=pool["be1"])
    assert again.pk == added.pk and again.status == AssignmentStatus.PROPOSED
    verbs = AuditEvent.objects.filter(object_type="assessment.assignment").values_list("verb", flat=True)
    assert sorted(verbs) == ["assignment.add", "assignment.add", "assignment.cancel"]


def test_a_deactivated_assessor_does_not_break_the_board(client, call, application, users):
    call.assessors_per_application = 2
    call.save()
    make_eligible(application)
    gone = make_assessor("gone@assessors-be.example", "BE")
    invite(application, gone, declared=None)
    gone.assessor_profile.active = False
    gone.assessor_profile.save()
    make_assessor("be@assessors-be.example", "BE")
    make_assessor("nl@assessors-nl.example", "NL")
    client.force_login(users["secretariat"])
    board = client.get(reverse("assessment:assignment", args=[call.pk]))
    assert board.status_code == 200 and board.context["problems"]
    services.assignment_propose(actor=users["secretariat"], call=call)
    profileless = make_assessor("noprofile@assessors-be.example", "BE")
    profileless.assessor_profile.delete()
    with pytest.raises(AssessmentError):
        services.assignment_add(actor=users["secretariat"], application=application, assessor=profileless)


def test_a_proposal_replaces_an_invited_assessor_who_became_conflicted(call, application, nl_partner, users):
    call.assessors_per_application = 2
    call.save()
    make_eligible(application)
    be = make_assessor("be@assessors-be.example", "BE")
    nl = make_assessor("nl@assessors-nl.example", "NL")
    other_nl = make_assessor("nl2@assessors-nl.example", "NL")
    invite(application, be, declared=None)
    stale = invite(application, nl, declared=None)
    nl.assessor_profile.interests.set([nl_partner])  # a shareholding recorded after the invitation
    services.assignment_propose(actor=users["secretariat"], call=call)
    stale.refresh_from_db()
    assert stale.status == AssignmentStatus.CANCELLED
    active = Assignment.objects.filter(application=application).exclude(status=AssignmentStatus.CANCELLED)
    assert {a.assessor_id for a in active} == {be.pk, other_nl.pk}
    assert AuditEvent.objects.filter(verb="assignment.cancel_conflict", object_id=str(stale.pk)).exists()
