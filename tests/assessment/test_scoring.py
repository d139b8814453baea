"""Scores: 0 to the scale's maximum in half points (decimal comma accepted), a justification for each on submit, a
draft keeps what was typed; scores stay hidden until every assessor submitted; the consensus needs all scores in
and a rationale per criterion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssignmentStatus, ConsensusScore, Outcome, Score
from crossroads.assessment.services import decisions as decision_services
from crossroads.assessment.services.ranking import ranking_freeze, ranking_preview, ranking_unfreeze
from crossroads.assessment.services.scoring import (
    ScoreErrors,
    assignment_reopen,
    consensus_record,
    parse_score,
    scores_save,
)
from crossroads.core.models import AuditEvent

from .conftest import invite, make_assessor, make_eligible, submit_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(application, assessor):  # type: ignore[no-untyped-def]
    """The call asks two assessors here: one from each country, as the panel has."""
    application.call.assessors_per_application = 2
    application.call.save()
    make_eligible(application)
    return [invite(application, assessor), invite(application, make_assessor("nl@assessors-nl.example", "NL"))]


def codes(application) -> list[str]:  # type: ignore[no-untyped-def]
    return list(application.call.criteria.order_by("order").values_list("code", flat=True))


def full(application, score: str = "7,5", justification: str = "Sound plan.") -> dict:  # type: ignore[no-untyped-def]
    return {code: (score, justification) for code in codes(application)}


@pytest.mark.parametrize(
    ("text", "value"), [("0", "0.0"), ("-0", "0.0"), ("7,5", "7.5"), (" 7.5 ", "7.5"), ("10", "10.0"), ("3,0", "3.0")]
)
def test_scores_in_half_points_with_a_decimal_comma(text, value):
    assert str(parse_score(text, 10)) == value


@pytest.mark.parametrize("text", ["7,3", "10,5", "-0,5", "abc", "NaN", "Infinity", "11"])
def test_scores_outside_the_scale_or_not_in_halves_are_refused(text):
    with pytest.raises(ValueError):
        parse_score(text, 10)


def test_submit_needs_a_justification_for_every_score_and_saves_nothing_otherwise(application, panel):
    mine = panel[0]
    values = full(application)
    values["impact"] = ("8", "  ")
    with pytest.raises(ScoreErrors) as raised:
        scores_save(actor=mine.assessor, assignment=mine, values=values, submit=True)
    assert list(raised.value.errors) == ["impact"]
    assert not Score.objects.exists()
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.INVITED

    scores_save(actor=mine.assessor, assignment=mine, values=full(application), submit=True)
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.SUBMITTED and mine.submitted_at is not None
    assert set(Score.objects.values_list("score", flat=True)) == {Decimal("7.5")}
    assert AuditEvent.objects.get(verb="scores.submit").actor == mine.assessor
    with pytest.raises(AssessmentError):  # submitted: no more changes
        scores_save(actor=mine.assessor, assignment=mine, values=full(application, "9"), submit=False)


def test_a_draft_keeps_what_was_typed(application, panel):
    mine = panel[0]
    scores_save(
        actor=mine.assessor,
        assignment=mine,
        values={"innovation": ("6,5", ""), "impact": ("", "Half a thought.")},
        submit=False,
    )
    assert list(Score.objects.values_list("criterion__code", "score", "justification")) == [
        ("innovation", Decimal("6.5"), "")
    ]
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.INVITED


def test_score_page_shows_errors_with_the_posted_values(client, application, panel):
    mine = panel[0]
    client.force_login(mine.assessor)
    url = reverse("assessment:assignment_detail", args=[mine.pk])
    data = {"action": "save"}
    for code in codes(application):
        data[f"score-{code}"] = "8"
        data[f"justification-{code}"] = f"Why {code}."
    data["score-innovation"] = "7,3"
    data["score-impact"] = "twelve"
    data["justification-impact"] = "Typed but not lost."
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="7,3"' in html and 'value="twelve"' in html and "Typed but not lost." in html
    errors = {row["criterion"].code: row["error"] for row in response.context["rows"]}
    assert errors["innovation"] and errors["impact"] and not errors["transition"]
    assert not Score.objects.exists()

    submit = {k: v for k, v in data.items() if not k.startswith("justification-")} | {"action": "submit"}
    submit.update({"score-innovation": "7,5", "score-impact": "6"})
    response = client.post(url, submit)
    assert response.status_code == 400
    assert all(row["error"] for row in response.context["rows"])  # every justification missing

    data.update({"score-innovation": "7,5", "score-impact": "6", "action": "submit"})
    assert client.post(url, data).status_code == 302
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.SUBMITTED
    assert Score.objects.get(criterion__code="innovation").score == Decimal("7.5")


def test_scores_stay_hidden_until_every_assessor_submitted(client, application, panel, users):
    first, second = panel
    scores_save(actor=first.assessor, assignment=first, values=full(application, "9", "Secret reasoning."), submit=True)

    # The other assessor sees only their own (empty) form, also through the API.
    client.force_login(second.assessor)
    html = client.get(reverse("assessment:assignment_detail", args=[second.pk])).content.decode()
    assert "Secret reasoning." not in html
    api = client.get(f"/api/v1/assessment/assignments/{second.pk}/application/").json()
    assert api["scores"] == {}

    client.force_login(users["secretariat"])
    url = reverse("assessment:consolidation", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["ready"] is False
    assert "Secret reasoning." not in page.content.decode()
    assert page.context["data"]["rows"] == []

    submit_scores(second, "5")
    page = client.get(url)
    assert page.context["ready"] is True
    assert "Secret reasoning." in page.content.decode()


def test_consensus_only_after_all_submitted_and_with_a_rationale(client, application, panel, users):
    first, second = panel
    secretariat = users["secretariat"]
    submit_scores(first, "8")
    with pytest.raises(AssessmentError):
        consensus_record(actor=secretariat, application=application, values=full(application))
    client.force_login(secretariat)
    url = reverse("assessment:consolidation", args=[application.pk])
    post = {f"score-{c}": "7" for c in codes(application)} | {f"rationale-{c}": "Agreed." for c in codes(application)}
    client.post(url, post)
    assert not ConsensusScore.objects.exists()

    submit_scores(second, "6")
    values = full(application, "7", "Agreed.")
    values["consortium"] = ("7", "")
    with pytest.raises(ScoreErrors) as raised:
        consensus_record(actor=secretariat, application=application, values=values)
    assert list(raised.value.errors) == ["consortium"]
    assert not ConsensusScore.objects.exists()

    missing = dict(post, **{"rationale-consortium": ""})
    response = client.post(url, missing)
    assert response.status_code == 400
    assert not ConsensusScore.objects.exists()

    assert client.post(url, post).status_code == 302
    assert ConsensusScore.objects.filter(application=application).count() == len(codes(application))
    event = AuditEvent.objects.get(verb="consensus.record")
    assert event.actor == secretariat and event.after["consensus"]["innovation"] == ["7.0", "Agreed."]


def test_malformed_assignment_id_on_the_consolidation_page_gives_404(client, application, panel, users):
    client.force_login(users["secretariat"])
    url = reverse("assessment:consolidation", args=[application.pk])
    assert client.post(url, {"action": "reopen", "assignment": "abc"}).status_code == 404


def test_reopen_gives_scores_back_until_the_consensus(application, panel, users):
    first, second = panel
    submit_scores(first)
    reopened = assignment_reopen(actor=users["secretariat"], assignment=first)
    assert reopened.status == AssignmentStatus.INVITED and reopened.submitted_at is None
    scores_save(actor=first.assessor, assignment=first, values=full(application, "6"), submit=True)
    submit_scores(second)
    consensus_record(actor=users["secretariat"], application=application, values=full(application, "6"))
    with pytest.raises(AssessmentError):
        assignment_reopen(actor=users["secretariat"], assignment=first)


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
    decision_services.decision_record(
        actor=secretariat, application=ranked["A"], outcome=Outcome.APPROVE, reasons="Goed."
    )
    with pytest.raises(AssessmentError):
        ranking_unfreeze(actor=secretariat, call=call)


@pytest.mark.parametrize("typed", ["1e-999999999", "٧", "7e0", "+7", "", " "])
def test_scores_are_plain_numbers(typed):
    with pytest.raises(ValueError):
        parse_score(typed, 10)


def test_scores_accept_decimal_comma_and_minus_zero():
    assert parse_score("7,5", 10) == Decimal("7.5") and str(parse_score("-0", 10)) == "0.0"
