"""Defects found by the independent review of the assessment, each pinned by a test: conflicts through company
membership, money reserved for undecided funded applications, screening and consensus frozen by decisions and
rankings, unscreened applications blocking a freeze, huge what-if budgets, deactivated assessors, applications
leaving the assessment, spreadsheet formulas, worded ranking errors, rejected funded applications, objections in
the last second, score input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from crossroads.assessment.conflicts import conflicts_of
from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssignmentStatus, Decision, Outcome, Screening
from crossroads.assessment.services import assignment as assignment_services
from crossroads.assessment.services import decisions as services
from crossroads.assessment.services import screening as screening_services
from crossroads.assessment.services.ranking import ranking_freeze, ranking_preview, ranking_unfreeze
from crossroads.assessment.services.scoring import consensus_record, parse_score
from crossroads.companies.models import CompanyMembership

from .conftest import at, invite, make_application, make_assessor, make_eligible, submit_scores

pytestmark = pytest.mark.django_db


def test_a_member_of_a_partner_company_is_conflicted_even_with_a_public_mailbox(application, be_lead):
    expert = make_assessor("jan.expert@gmail.com", "BE")
    assert conflicts_of(expert, application) == []
    CompanyMembership.objects.create(user=expert, company=be_lead, role="member")
    assert [c.code for c in conflicts_of(expert, application)] == ["same_company"]


def test_promotion_never_takes_money_promised_to_an_undecided_funded_application(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    services.decision_record(actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed.")
    services.decision_record(actor=secretariat, application=ranked["C"], outcome=Outcome.RESERVE, reasons="Reserve.")
    promoted = services.grant_renounce(actor=secretariat, grant=ranked["A"].decision.grant)
    assert promoted is None  # 35,000 freed, B's 35,000 still promised: C (50,000) does not fit
    b = services.decision_record(actor=secretariat, application=ranked["B"], outcome=Outcome.APPROVE, reasons="Goed.")
    assert b.granted == Decimal("35000.00")


def test_rejecting_a_funded_application_moves_the_reserve_up(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    services.decision_record(actor=secretariat, application=ranked["E"], outcome=Outcome.RESERVE, reasons="Reserve.")
    services.decision_record(actor=secretariat, application=ranked["A"], outcome=Outcome.REJECT, reasons="Ingetrokken.")
    promoted = Decision.objects.get(application=ranked["E"])
    assert promoted.outcome == Outcome.APPROVE and promoted.granted == Decimal("35000.00")


def test_screening_cannot_change_after_a_decision(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    services.decision_record(actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed.")
    with pytest.raises(AssessmentError):
        screening_services.screening_mark_ineligible(actor=secretariat, application=ranked["A"], reason="Toch niet.")
    with pytest.raises(AssessmentError):
        screening_services.screening_request_items(
            actor=secretariat, application=ranked["A"], items="x", deadline=timezone.now() + dt.timedelta(days=3)
        )
    assert Screening.objects.get(application=ranked["A"]).eligibility == "eligible"


def test_consensus_is_frozen_with_the_ranking_until_unfrozen(call, ranked, users):
    secretariat = users["secretariat"]
    expert = make_assessor("x@assessors-be.example", "BE")
    submit_scores(invite(ranked["B"], expert))
    ranking_freeze(actor=secretariat, call=call)
    values = {c.code: ("2", "Zwak.") for c in call.criteria.all()}
    with pytest.raises(AssessmentError):
        consensus_record(actor=secretariat, application=ranked["B"], values=values)
    ranking_unfreeze(actor=secretariat, call=call)
    consensus_record(actor=secretariat, application=ranked["B"], values=values)
    assert ranking_preview(call).entry(str(ranked["B"].pk)).status == "below_threshold"
    ranking_freeze(actor=secretariat, call=call)
    services.decision_record(actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed.")
    with pytest.raises(AssessmentError):
        ranking_unfreeze(actor=secretariat, call=call)


def test_freezing_waits_for_every_submitted_application_to_be_screened(call, ranked, users, be_lead, nl_partner):
    late = make_application(call, be_lead, nl_partner, title="Nog niet gescreend")
    with pytest.raises(AssessmentError, match="Nog niet gescreend"):
        ranking_freeze(actor=users["secretariat"], call=call)
    screening_services.screening_mark_complete(actor=users["secretariat"], application=late)
    screening_services.screening_mark_ineligible(actor=users["secretariat"], application=late, reason="Buiten gebied.")
    assert ranking_freeze(actor=users["secretariat"], call=call).pk


@pytest.mark.parametrize("budget", ["1e30", "1e9999", "99999999999999999999999999999999", "0,001", "NaN"])
def test_what_if_budgets_beyond_reason_get_a_message_not_a_500(client, call, ranked, users, budget):
    client.force_login(users["secretariat"])
    response = client.get(reverse("assessment:ranking", args=[call.pk]), {"budget": budget})
    assert response.status_code == 400 and "budget" in response.context["form"].errors


def test_a_ranking_error_reaches_the_user_in_words(client, call, ranked, users):
    call.tie_breakers = ["charm", "submitted_at"]
    call.save()
    client.force_login(users["secretariat"])
    response = client.get(reverse("assessment:ranking", args=[call.pk]))
    text = [str(m) for m in response.context["messages"]]  # in the user's language (Dutch by default)
    assert any("gelijke stand" in t and "charm" in t for t in text)
    assert not any("unknown_tie_breaker" in t for t in text)


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
    assignment_services.assignment_propose(actor=users["secretariat"], call=call)
    profileless = make_assessor("noprofile@assessors-be.example", "BE")
    profileless.assessor_profile.delete()
    with pytest.raises(AssessmentError):
        assignment_services.assignment_add(actor=users["secretariat"], application=application, assessor=profileless)


def test_an_application_leaving_the_assessment_ends_its_open_assignments(call, application, users):
    make_eligible(application)
    expert = make_assessor("y@assessors-be.example", "BE")
    assignment = invite(application, expert, declared=None)
    screening_services.screening_mark_ineligible(actor=users["secretariat"], application=application, reason="Nee.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    assert assignment_services.assignment_check(call) == []


def test_the_xlsx_export_never_holds_a_formula(client, call, ranked, users):
    ranked["A"].title = '=HYPERLINK("http://evil","x")'
    ranked["A"].save()
    client.force_login(users["secretariat"])
    book = load_workbook(BytesIO(client.get(reverse("assessment:ranking_export", args=[call.pk])).content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + ranked["A"].title for c in cells)


def test_an_objection_in_the_last_second_counts(call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    decision = services.decision_record(
        actor=users["secretariat"], application=ranked["C"], outcome=Outcome.RESERVE, reasons="Reserve."
    )
    with at(decision.objection_deadline + dt.timedelta(milliseconds=500)):
        services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Te laat? Nee.")
    with at(decision.objection_deadline + dt.timedelta(seconds=1)), pytest.raises(AssessmentError):
        services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Nu wel te laat.")


@pytest.mark.parametrize("typed", ["1e-999999999", "٧", "7e0", "+7", "", " "])
def test_scores_are_plain_numbers(typed):
    with pytest.raises(ValueError):
        parse_score(typed, 10)


def test_scores_accept_decimal_comma_and_minus_zero():
    assert parse_score("7,5", 10) == Decimal("7.5") and str(parse_score("-0", 10)) == "0.0"


def test_scores_of_an_assessor_conflicted_after_submitting_do_not_count(client, application, nl_partner, users):
    make_eligible(application)
    fair = make_assessor("fair@assessors-be.example", "BE")
    late = make_assessor("late@assessors-nl.example", "NL")
    submit_scores(invite(application, fair), score="8")
    late_assignment = submit_scores(invite(application, late), score="2")
    late.assessor_profile.interests.set([nl_partner])  # a shareholding recorded after the scores
    client.force_login(users["secretariat"])
    page = client.get(reverse("assessment:consolidation", args=[application.pk]))
    assert [a.pk for a in page.context["data"]["conflicted"]] == [late_assignment.pk]
    spread = page.context["data"]["rows"][0]["spread"]
    assert spread.scores == (Decimal("8"),)  # only the fair assessor's score counts
    values = {c.code: ("8", "Zoals de onafhankelijke beoordelaar.") for c in application.call.criteria.all()}
    consensus_record(actor=users["secretariat"], application=application, values=values)
    late_assignment.refresh_from_db()
    assert late_assignment.status == AssignmentStatus.CANCELLED
