"""Bad input and both languages on the assessment pages: numbers through the one parser, ISO dates, ids that cannot
break a lookup, exports without formulas, every page with a frozen ranking in Dutch and English (issue 9)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from crossroads.assessment.models import AssignmentStatus, ConsensusScore, Decision, Outcome, Score
from crossroads.assessment.services import decisions as decision_services
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.assessment.services.scoring import parse_score

from .conftest import invite, make_assessor, make_eligible

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example","Klik")'


def _speaking(user, language: str):  # type: ignore[no-untyped-def]
    user.language = language
    user.save()
    return user


# Scores


@pytest.mark.parametrize("typed", ["٣", "1e3", "7e0", "NaN", "Infinity", "\x00", "7,5,0", "9" * 5000])
def test_scores_other_than_plain_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        parse_score(typed, 10)


@pytest.mark.parametrize(("typed", "language"), [("7,5", "nl"), ("7.5", "nl"), ("7.5", "en"), ("7,5", "en")])
def test_scores_in_either_notation(typed, language):
    assert parse_score(typed, 10, language=language) == Decimal("7.5")


def _score_data(application, score: str, justification: str) -> dict:  # type: ignore[no-untyped-def]
    data = {"action": "submit"}
    for criterion in application.call.criteria.all():
        data[f"score-{criterion.code}"] = score
        data[f"justification-{criterion.code}"] = justification
    return data


@pytest.mark.parametrize(("score", "justification"), [("٣", "Fine."), ("1e1", "Fine."), ("7", "Nul\x00byte")])
def test_score_form_refuses_at_the_criterion_and_keeps_what_was_typed(
    client, application, assessor, score, justification
):
    make_eligible(application)
    mine = invite(application, assessor)
    client.force_login(assessor)
    response = client.post(
        reverse("assessment:assignment_detail", args=[mine.pk]), _score_data(application, score, justification)
    )
    assert response.status_code == 400
    assert all(row["error"] for row in response.context["rows"])
    assert f'value="{score}"' in response.content.decode()
    assert not Score.objects.exists()
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.INVITED  # not submitted, nothing half-saved


def test_long_unicode_justification_is_kept(client, application, assessor):
    make_eligible(application)
    mine = invite(application, assessor)
    client.force_login(_speaking(assessor, "en"))
    text = "Sterk plan — ünïcödé ♨ 🚀 " * 4000  # about 100 KB
    response = client.post(
        reverse("assessment:assignment_detail", args=[mine.pk]), _score_data(application, "7.5", text)
    )
    assert response.status_code == 302
    assert {s.score for s in Score.objects.all()} == {Decimal("7.5")}
    assert Score.objects.first().justification == text.strip()


# What-if


@pytest.mark.parametrize(
    ("language", "params", "field"),
    [
        ("nl", {"budget": "٣"}, "budget"),
        ("nl", {"budget": "1e3"}, "budget"),
        ("en", {"budget": "1e30"}, "budget"),
        ("en", {"budget": "1" + "0" * 30}, "budget"),
        ("nl", {"budget": "-1"}, "budget"),
        ("nl", {"overall_threshold": "1e1"}, "overall_threshold"),
        ("nl", {"overall_threshold": "٥٠"}, "overall_threshold"),
        ("en", {"criterion_threshold": "99999999"}, "criterion_threshold"),
        ("nl", {"threshold_innovation": "٥"}, "threshold_innovation"),
    ],
)
def test_what_if_numbers_are_refused_at_the_field_and_kept(client, call, ranked, users, language, params, field):
    client.force_login(_speaking(users["secretariat"], language))
    response = client.get(reverse("assessment:ranking", args=[call.pk]), params)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'value="{next(iter(params.values()))}"' in response.content.decode()


@pytest.mark.parametrize(("language", "budget"), [("nl", "1.000.000,00"), ("en", "1,000,000.00"), ("nl", "1 000 000")])
def test_what_if_budget_in_the_users_notation(client, call, ranked, users, language, budget):
    client.force_login(_speaking(users["secretariat"], language))
    response = client.get(reverse("assessment:ranking", args=[call.pk]), {"budget": budget})
    assert response.status_code == 200
    assert response.context["result"].budget == Decimal("1000000")


# Dates and redirect-on-error


@pytest.mark.parametrize("language", ["nl", "en"])
def test_due_date_error_stays_at_the_field_with_what_was_typed(client, call, application, users, language):
    make_eligible(application)
    client.force_login(_speaking(users["secretariat"], language))
    url = reverse("assessment:assignment_action", args=[call.pk])
    response = client.post(url, {"action": "invite", "due_date": "31-02-2027"})
    assert response.status_code == 400
    assert "due_date" in response.context["due_form"].errors
    assert 'value="31-02-2027"' in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_due_date_renders_as_an_iso_date(client, call, users, language):
    from crossroads.assessment.forms import DueDateForm

    client.force_login(_speaking(users["secretariat"], language))
    import datetime as dt

    from django.utils import translation

    with translation.override(language):
        html = str(DueDateForm(initial={"due_date": dt.date(2027, 2, 1)})["due_date"])
    assert 'value="2027-02-01"' in html and 'type="date"' in html


# Ids


@pytest.mark.parametrize("bad", ["9" * 40, "٣", "1.5", "-1", "\x00"])
def test_malformed_posted_ids_are_not_found(client, call, application, users, bad):
    make_eligible(application)
    client.force_login(users["secretariat"])
    url = reverse("assessment:assignment_action", args=[call.pk])
    assert client.post(url, {"action": "add", "application": bad, "assessor": bad}).status_code == 404
    assert client.post(url, {"action": "cancel", "assignment": bad}).status_code == 404
    consolidation = reverse("assessment:consolidation", args=[application.pk])
    assert client.post(consolidation, {"action": "reopen", "assignment": bad}).status_code == 404


@pytest.mark.parametrize("bad", ["9" * 40, "٣", "1 OR 1=1"])
def test_malformed_theme_on_the_assessor_profile_is_a_field_error(client, programme, bad):
    assessor = make_assessor("profile@assessors-be.example", "BE")
    client.force_login(assessor)
    response = client.post(
        reverse("assessment:assessor_profile"),
        {"country": "BE", "themes": [bad], "expertise": "Heat.", "languages_text": "nl"},
    )
    assert response.status_code == 400 and "themes" in response.context["form"].errors


def test_huge_ids_in_urls_are_not_found(client, users):
    client.force_login(users["secretariat"])
    huge = "9" * 40
    for url in [
        f"/assessment/calls/{huge}/",
        f"/assessment/calls/{huge}/ranking/",
        f"/assessment/applications/{huge}/consolidation/",
        f"/assessment/decisions/{huge}/",
    ]:
        assert client.get(url).status_code == 404, url


# A frozen ranking, every page, both languages


@pytest.fixture
def frozen(call, ranked, users, assessor, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    ranked["A"].title = HOSTILE
    ranked["A"].save()
    assignment = invite(ranked["A"], assessor)
    for criterion in call.criteria.all():
        Score.objects.create(assignment=assignment, criterion=criterion, score=Decimal("8"), justification="@SUM(1+1)")
    assignment.status, assignment.submitted_at = AssignmentStatus.SUBMITTED, timezone.now()
    assignment.save()
    ranking = ranking_freeze(actor=users["secretariat"], call=call)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_services.decision_record(
            actor=users["secretariat"], application=ranked["B"], outcome=Outcome.APPROVE, reasons="Strong."
        )
    return {"ranking": ranking, "decision": decision, "assignment": assignment}


@pytest.mark.parametrize(("language", "amount"), [("nl", "€ 35.000,00"), ("en", "€35,000.00")])
def test_decisions_page_with_a_frozen_ranking_in_both_languages(client, call, frozen, users, language, amount):
    client.force_login(_speaking(users["secretariat"], language))
    response = client.get(reverse("assessment:decisions", args=[call.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert amount in body
    assert "70.000,00" in body if language == "nl" else "70,000.00" in body  # the frozen budget


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_assessment_page_renders_with_a_frozen_ranking(client, call, ranked, frozen, users, language):
    client.force_login(_speaking(users["secretariat"], language))
    decision = frozen["decision"]
    for url in [
        reverse("assessment:call", args=[call.pk]),
        reverse("assessment:screening", args=[ranked["A"].pk]),
        reverse("assessment:assignment", args=[call.pk]),
        reverse("assessment:consolidation", args=[ranked["A"].pk]),
        reverse("assessment:ranking", args=[call.pk]),
        reverse("assessment:ranking", args=[call.pk]) + "?budget=100000",
        reverse("assessment:meeting", args=[call.pk]),
        reverse("assessment:decisions", args=[call.pk]),
        reverse("assessment:decision_take", args=[call.pk, ranked["A"].pk]),
        reverse("assessment:decision_take", args=[call.pk, decision.application_id]),
        reverse("assessment:decision_detail", args=[decision.pk]),
        reverse("assessment:ranking_export", args=[call.pk]),
        f"/api/v1/assessment/calls/{call.pk}/ranking/",
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(_speaking(users["applicant"], language))
    assert client.get(reverse("assessment:decision_detail", args=[decision.pk])).status_code == 200
    client.force_login(_speaking(frozen["assignment"].assessor, language))
    for url in [
        reverse("assessment:my_assignments"),
        reverse("assessment:my_assignments_export"),
        reverse("assessment:assessor_profile"),
        reverse("assessment:assignment_detail", args=[frozen["assignment"].pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_decision_letter_context_shows_the_weighted_score_in_its_language(frozen):
    from crossroads.assessment.selectors import frozen_entry
    from crossroads.core.formatting import format_number

    entry = frozen_entry(frozen["ranking"], frozen["decision"].application)
    from django.utils import translation

    with translation.override("nl"):
        assert "," in format_number(entry.weighted_score)


# Exports


def test_ranking_xlsx_has_no_formula_in_any_sheet_and_keeps_the_text(client, call, frozen, users):
    ConsensusScore.objects.update(rationale="+31 6 1234")
    client.force_login(users["secretariat"])
    response = client.get(reverse("assessment:ranking_export", args=[call.pk]))
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    scores = book.worksheets[1]
    titles = {row[0].value for row in scores.iter_rows(min_row=2)}
    justifications = {row[4].value for row in scores.iter_rows(min_row=2)}
    assert "'" + HOSTILE in titles  # the Scores sheet too, not only the Ranking sheet
    # The hostile justification is kept as text (the panel's own justifications sit beside it).
    assert "'@SUM(1+1)" in justifications and "@SUM(1+1)" not in justifications
    assert any(c.value == "'" + HOSTILE for c in book.worksheets[0]["B"])


def test_assessor_csv_never_starts_a_formula(client, call, application, assessor):
    application.title = "＝cmd|' /C calc'!A0"  # full-width equals sign
    application.save()
    make_eligible(application)
    invite(application, assessor)
    client.force_login(assessor)
    response = client.get(reverse("assessment:my_assignments_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[1][2] == "'" + application.title
    assert not any(re.match(r"^[=+\-@\t\r]", cell) for row in rows[1:] for cell in row)


def test_nothing_half_saved_when_a_decision_is_refused(client, call, frozen, ranked, users):
    client.force_login(users["secretariat"])
    data = {"outcome": Outcome.APPROVE, "reasons": "x\x00y", "language": "nl"}
    response = client.post(reverse("assessment:decision_take", args=[call.pk, ranked["A"].pk]), data)
    assert response.status_code == 400 and response.context["form"].errors["reasons"]
    data["reasons"] = "Good."
    for application_id in ("9" * 40, str(ranked["A"].pk) + "0"):  # not in the frozen ranking: not found, no 500
        response = client.post(f"/assessment/calls/{call.pk}/decisions/{application_id}/", data)
        assert response.status_code == 404
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("budget", ["1e30", "1e9999", "99999999999999999999999999999999", "0,001", "NaN"])
def test_what_if_budgets_beyond_reason_get_a_message_not_a_500(client, call, ranked, users, budget):
    client.force_login(users["secretariat"])
    response = client.get(reverse("assessment:ranking", args=[call.pk]), {"budget": budget})
    assert response.status_code == 400 and "budget" in response.context["form"].errors
