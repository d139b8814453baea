"""Resolving an objection: a written reason and a confirmation; the applicant is mailed the outcome and the reason;
an upheld objection reopens the decision, which is then taken again on the same record (the trail keeps the first)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.letters import decision_letter_html
from crossroads.assessment.models import Objection, ObjectionStatus, Outcome
from crossroads.assessment.services import decisions as services
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected(call, ranked, users, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """D (below the threshold) rejected, with an objection from its lead partner."""
    ranking_freeze(actor=users["secretariat"], call=call)
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_record(
            actor=users["secretariat"], application=ranked["D"], outcome=Outcome.REJECT, reasons="Onder de drempel."
        )
    objection = services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Score klopt niet.")
    return decision, objection


def test_a_reason_and_a_confirmation_are_required(rejected, users):
    _decision, objection = rejected
    with pytest.raises(AssessmentError) as raised:
        services.objection_resolve(actor=users["secretariat"], objection=objection, status="dismissed", confirmed=True)
    assert raised.value.field == "reason"
    with pytest.raises(AssessmentError) as raised:
        services.objection_resolve(actor=users["secretariat"], objection=objection, status="dismissed", reason="Nee.")
    assert raised.value.field == "confirm"
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED


def test_the_page_keeps_the_typed_reason_when_the_confirmation_is_missing(client, call, rejected, users):
    _decision, objection = rejected
    client.force_login(users["secretariat"])
    url = reverse("assessment:objection_resolve", args=[objection.pk])
    prefix = f"o{objection.pk}"
    response = client.post(url, {f"{prefix}-status": "dismissed", f"{prefix}-reason": "De scores zijn juist."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "De scores zijn juist." in body
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED


def test_only_programme_staff_resolve(rejected, users):
    _decision, objection = rejected
    with pytest.raises(AssessmentError):
        services.objection_resolve(
            actor=users["applicant"], objection=objection, status="upheld", reason="Ja.", confirmed=True
        )


def test_a_dismissed_objection_is_mailed_with_its_reason(
    client, rejected, users, mailoutbox, django_capture_on_commit_callbacks
):
    _decision, objection = rejected
    client.force_login(users["secretariat"])
    prefix = f"o{objection.pk}"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessment:objection_resolve", args=[objection.pk]),
            {f"{prefix}-status": "dismissed", f"{prefix}-reason": "De scores zijn juist.", f"{prefix}-confirm": "on"},
        )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED and objection.resolution_reason == "De scores zijn juist."
    assert {m.to[0] for m in mailoutbox} >= {users["applicant"].email}
    assert all("De scores zijn juist." in m.body for m in mailoutbox)
    assert AuditEvent.objects.filter(verb="objection.resolve").exists()


def test_an_upheld_objection_reopens_the_decision_and_a_new_one_is_taken(
    client, call, ranked, rejected, users, mailoutbox, django_capture_on_commit_callbacks
):
    decision, objection = rejected
    secretariat = users["secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_resolve(
            actor=secretariat, objection=objection, status="upheld", reason="Criterium fout geteld.", confirmed=True
        )
    decision.refresh_from_db()
    assert decision.reopened_at is not None
    assert AuditEvent.objects.filter(verb="decision.reopen").exists()
    assert any("Criterium fout geteld." in m.body for m in mailoutbox)

    client.force_login(secretariat)
    page = client.get(reverse("assessment:decisions", args=[call.pk]))
    rows = {row["application"].pk: row for row in page.context["rows"]}
    assert rows[ranked["D"].pk]["open"]  # back on the list of decisions to take
    assert 'data-testid="reopened"' in page.content.decode()
    again_page = client.get(reverse("assessment:decision_take", args=[call.pk, ranked["D"].pk]))
    assert again_page.context["form"] is not None and 'data-testid="reopened"' in again_page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        again = services.decision_record(
            actor=secretariat, application=ranked["D"], outcome=Outcome.REJECT, reasons="Herzien: nog steeds te laag."
        )
    again.refresh_from_db()
    assert again.pk == decision.pk and again.reopened_at is None and again.letter  # a new letter went out
    event = AuditEvent.objects.filter(verb="decision.record").order_by("-pk").first()
    assert event.before["reasons"] == "Onder de drempel." and event.after["reasons"].startswith("Herzien")
    with pytest.raises(AssessmentError):  # taken again: closed until another objection is upheld
        services.decision_record(actor=secretariat, application=ranked["D"], outcome=Outcome.REJECT, reasons="X.")


def test_a_reopened_approval_keeps_its_grant_and_can_only_approve(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    decision = services.decision_record(
        actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed."
    )
    objection = services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Voorwaarden.")
    services.objection_resolve(actor=secretariat, objection=objection, status="upheld", reason="Ok.", confirmed=True)
    with pytest.raises(AssessmentError):
        services.decision_record(actor=secretariat, application=ranked["A"], outcome=Outcome.REJECT, reasons="Nee.")
    again = services.decision_record(
        actor=secretariat,
        application=ranked["A"],
        outcome=Outcome.APPROVE_CONDITIONS,
        reasons="Goed.",
        conditions="Rapport na 6 maanden.",
    )
    assert again.granted == decision.granted and again.grant.total == decision.granted


def test_the_reserve_letter_states_what_is_left_of_the_budget(call, ranked, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    reserve = services.decision_record(
        actor=secretariat, application=ranked["C"], outcome=Outcome.RESERVE, reasons="Reserve.", language="en"
    )
    with translation.override("en"):
        html = decision_letter_html(reserve)
    assert "used up" not in html
    assert "€70,000.00" in html and "€50,000.00" in html  # the whole budget taken above; C asks 50,000
    assert "number 1 on the reserve list" in html
    assert Objection.objects.count() == 0
