"""What the role landing pages read: an assessor's assessments due, and what waits for the secretariat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.assessment.models import Outcome
from crossroads.assessment.selectors import assessments_due_for, waiting_for_secretariat
from crossroads.assessment.services import decisions as services
from crossroads.assessment.services.ranking import ranking_freeze

from .conftest import invite, make_application, make_assessor, make_eligible, submit_scores

pytestmark = pytest.mark.django_db


def test_assessments_due_lists_the_open_ones_earliest_first(call, application, be_lead, nl_partner, assessor):
    later = invite(make_eligible(application), assessor)
    later.due_date = dt.date(2026, 6, 1)
    later.save()
    other = make_application(call, be_lead, nl_partner, title="Tweede project")
    sooner = invite(make_eligible(other), assessor)
    sooner.due_date = dt.date(2026, 5, 1)
    sooner.save()
    done = make_application(call, be_lead, nl_partner, title="Al gescoord")
    submit_scores(invite(make_eligible(done), assessor))
    with translation.override("en"):
        due = assessments_due_for(assessor)
    assert [d.assignment for d in due] == [sooner, later]
    assert due[0].status == "Invited" and due[0].due_date == dt.date(2026, 5, 1)
    assert due[0].url == reverse("assessment:assignment_detail", args=[sooner.pk])


def test_waiting_for_the_secretariat_counts_each_kind_with_a_label_and_a_link(call, application, users):
    with translation.override("en"):
        items = {i.key: i for i in waiting_for_secretariat(call)}
    assert items["screening"].count == 1 and "1 application to screen" in items["screening"].label
    assert items["screening"].url == reverse("assessment:call", args=[call.pk])

    make_eligible(application)
    invite(application, make_assessor("declined@assessors-be.example", "BE"), declared=True)
    for n in range(2):
        submit_scores(invite(application, make_assessor(f"nl{n}@assessors-nl.example", "NL")))
    items = {i.key: i for i in waiting_for_secretariat(call.programme)}
    assert "screening" not in items
    assert items["conflicts"].count == 1
    assert items["consolidation"].url == reverse("assessment:consolidation", args=[application.pk])


def test_a_ranking_to_freeze_and_objections_to_resolve(call, ranked, users):
    keys = {i.key for i in waiting_for_secretariat(call)}
    assert "freeze" in keys
    ranking_freeze(actor=users["secretariat"], call=call)
    decision = services.decision_record(
        actor=users["secretariat"], application=ranked["D"], outcome=Outcome.REJECT, reasons="Te laag."
    )
    services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Oneens.")
    with translation.override("en"):
        items = {i.key: i for i in waiting_for_secretariat(call)}
    assert "freeze" not in items
    assert items["objections"].count == 1 and "1 objection to resolve" in items["objections"].label
    assert items["objections"].url == reverse("assessment:decisions", args=[call.pk])
