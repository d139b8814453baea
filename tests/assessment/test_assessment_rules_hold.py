"""The call's assessment rules hold where the secretariat acts: an application left with two Dutch assessors after a
Belgian one declared a conflict (the call asks three, each country represented) is refused at consolidation,
freezing and decision, unless programme staff record an override with a reason (audited, shown in the meeting view)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssessmentOverride, ConsensusScore, Outcome
from crossroads.assessment.services import decisions as decision_services
from crossroads.assessment.services.overrides import assessment_override_record
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.assessment.services.scoring import consensus_record
from crossroads.core.models import AuditEvent

from .conftest import invite, make_assessor, make_eligible, submit_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_dutch(application):  # type: ignore[no-untyped-def]
    """The Belgian assessor declared a conflict; the two Dutch assessors submitted."""
    make_eligible(application)
    invite(application, make_assessor("be.conflict@assessors-be.example", "BE"), declared=True)
    for n in range(2):
        submit_scores(invite(application, make_assessor(f"nl{n}@assessors-nl.example", "NL")), "7")
    return application


def values(application, score: str = "7") -> dict:  # type: ignore[no-untyped-def]
    return {c.code: (score, "Agreed.") for c in application.call.criteria.all()}


def test_consolidation_is_refused_when_a_country_and_an_assessment_are_missing(two_dutch, users):
    with translation.override("en"), pytest.raises(AssessmentError) as raised:
        consensus_record(actor=users["secretariat"], application=two_dutch, values=values(two_dutch))
    text = str(raised.value)
    assert "2 completed assessment(s), the call asks 3" in text
    assert "Belgium" in text and "override" in text
    assert not ConsensusScore.objects.exists()


def test_the_consolidation_page_names_the_shortfalls_and_offers_the_override(client, two_dutch, users):
    client.force_login(users["secretariat"])
    with translation.override("en"):
        page = client.get(reverse("assessment:consolidation", args=[two_dutch.pk]))
    body = page.content.decode()
    assert 'data-testid="shortfalls"' in body and reverse("assessment:override", args=[two_dutch.pk]) in body


def test_an_override_needs_a_reason(client, two_dutch, users):
    with pytest.raises(AssessmentError) as raised:
        assessment_override_record(actor=users["secretariat"], application=two_dutch, reason="   ")
    assert raised.value.field == "reason"
    client.force_login(users["secretariat"])
    response = client.post(reverse("assessment:override", args=[two_dutch.pk]), {"reason": ""})
    assert response.status_code == 400 and response.context["override_form"].errors["reason"]
    assert not AssessmentOverride.objects.exists()


@pytest.mark.parametrize("role", ["applicant", "assessor", "finance", "adviser_be"])
def test_only_programme_staff_record_an_override(client, two_dutch, users, role):
    with pytest.raises(AssessmentError):
        assessment_override_record(actor=users[role], application=two_dutch, reason="Wij willen verder.")
    client.force_login(users[role])
    response = client.post(reverse("assessment:override", args=[two_dutch.pk]), {"reason": "Wij willen verder."})
    assert response.status_code == 403
    assert not AssessmentOverride.objects.exists()


def test_no_override_when_the_rules_hold(ranked, users):
    with pytest.raises(AssessmentError):
        assessment_override_record(actor=users["secretariat"], application=ranked["A"], reason="Voor de zekerheid.")


def test_with_an_override_consolidation_freezing_and_decision_go_through(client, call, two_dutch, users):
    secretariat = users["secretariat"]
    client.force_login(secretariat)
    reason = "Geen andere Belgische beoordelaar zonder belangenconflict beschikbaar."
    response = client.post(reverse("assessment:override", args=[two_dutch.pk]), {"reason": reason})
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="assessment.override")
    assert event.actor == secretariat and event.after["reason"] == reason and len(event.after["shortfalls"]) == 2

    consensus_record(actor=secretariat, application=two_dutch, values=values(two_dutch, "8"))
    meeting = client.get(reverse("assessment:meeting", args=[call.pk])).content.decode()
    assert reason in meeting and f'data-testid="override-{two_dutch.pk}"' in meeting
    ranking_freeze(actor=secretariat, call=call)
    decision = decision_services.decision_record(
        actor=secretariat, application=two_dutch, outcome=Outcome.APPROVE, reasons="Sterk project."
    )
    assert decision.approved


def test_freezing_is_refused_while_an_assessment_does_not_meet_the_rules(call, ranked, two_dutch, users):
    from .conftest import set_consensus

    set_consensus(two_dutch, "7", users["secretariat"])  # written around the service: the freeze still checks
    with pytest.raises(AssessmentError) as raised:
        ranking_freeze(actor=users["secretariat"], call=call)
    assert two_dutch.acronym in str(raised.value) or two_dutch.title in str(raised.value)
    assessment_override_record(actor=users["secretariat"], application=two_dutch, reason="Besproken in comité.")
    assert ranking_freeze(actor=users["secretariat"], call=call)


def test_a_decision_is_refused_when_a_conflict_found_after_freezing_leaves_a_country_out(call, ranked, be_lead, users):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    belgian = ranked["A"].assignments.get(assessor__assessor_profile__country="BE").assessor
    belgian.assessor_profile.interests.set([be_lead])  # a shareholding recorded after the freeze
    with pytest.raises(AssessmentError):
        decision_services.decision_record(
            actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed."
        )
    assessment_override_record(actor=secretariat, application=ranked["A"], reason="Score zonder hem ongewijzigd.")
    decision = decision_services.decision_record(
        actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed."
    )
    assert decision.approved
