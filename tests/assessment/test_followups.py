"""Behaviour settled after the first review: an incomplete application leaves the assessment, a detected conflict
hides even the declaration page, a proposal replaces invited assessors who became conflicted, exports are safe
for spreadsheets, and the secretariat's XLSX export of a call."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from crossroads.assessment.models import Assignment, AssignmentStatus, Eligibility, Screening
from crossroads.assessment.services import assignment as assignment_services
from crossroads.assessment.services.screening import screening_request_items
from crossroads.core.models import AuditEvent

from .conftest import invite, make_application, make_assessor, make_eligible, set_consensus, submit_scores

pytestmark = pytest.mark.django_db


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


def test_a_detected_conflict_hides_even_the_declaration_page(client, application, nl_partner):
    make_eligible(application)
    expert = make_assessor("detected@assessors-nl.example", "NL", employer=nl_partner)
    assignment = invite(application, expert, declared=None)  # not declared yet
    client.force_login(expert)
    response = client.get(reverse("assessment:assignment_detail", args=[assignment.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert application.title not in body and nl_partner.legal_name not in body


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
    assignment_services.assignment_propose(actor=users["secretariat"], call=call)
    stale.refresh_from_db()
    assert stale.status == AssignmentStatus.CANCELLED
    active = Assignment.objects.filter(application=application).exclude(status=AssignmentStatus.CANCELLED)
    assert {a.assessor_id for a in active} == {be.pk, other_nl.pk}
    assert AuditEvent.objects.filter(verb="assignment.cancel_conflict", object_id=str(stale.pk)).exists()


def test_the_assessor_csv_never_starts_a_cell_with_a_formula(client, call, be_lead, nl_partner):
    risky = make_eligible(make_application(call, be_lead, nl_partner, title='=HYPERLINK("http://x")'))
    expert = make_assessor("csv@assessors-be.example", "BE")
    invite(risky, expert, declared=False)
    client.force_login(expert)
    body = client.get(reverse("assessment:my_assignments_export")).content.decode()
    assert "'=HYPERLINK" in body and ";=HYPERLINK" not in body


def test_the_secretariat_downloads_ranking_and_scores_as_xlsx(client, call, application, users):
    make_eligible(application)
    expert = make_assessor("xlsx@assessors-be.example", "BE")
    submit_scores(invite(application, expert, declared=False), score="7")
    set_consensus(application, "7", users["secretariat"])
    url = reverse("assessment:ranking_export", args=[call.pk])
    client.force_login(users["secretariat"])
    response = client.get(url)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    ranking, scores = book.worksheets
    rows = list(ranking.iter_rows(values_only=True))
    assert rows[1][1] == application.title and rows[1][0] == 1
    assert rows[1][-4] == 70.0  # weighted score of 7 everywhere
    assert len(list(scores.iter_rows(values_only=True))) == 1 + call.criteria.count()
    for role in ("applicant", "assessor", "adviser_be", "finance"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
