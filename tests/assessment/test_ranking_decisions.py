"""Ranking with what-if (nothing written), freezing, decisions with grants, partner shares and de minimis records,
the letter as PDF by e-mail, the budget never exceeded, objections until the deadline, and a renounced grant
moving the first fitting reserve application up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import Decision, Grant, GrantShare, Objection, Outcome, Ranking
from crossroads.assessment.services import decisions as services
from crossroads.assessment.services import screening as screening_services
from crossroads.assessment.services.ranking import ranking_freeze, ranking_preview
from crossroads.companies.models import DeMinimisAid
from crossroads.core.clock import BRUSSELS
from crossroads.core.models import AuditEvent

from .conftest import assessed, at, make_application, make_eligible, set_consensus

pytestmark = pytest.mark.django_db


def status_of(result, application) -> str:  # type: ignore[no-untyped-def]
    return result.entry(str(application.pk)).status


def approve(application, actor, outcome: str = Outcome.APPROVE) -> Decision:  # type: ignore[no-untyped-def]
    return services.decision_record(actor=actor, application=application, outcome=outcome, reasons="Good project.")


def rows() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Ranking, Decision, Grant, GrantShare, DeMinimisAid, AuditEvent))


def test_preview_ranks_and_draws_the_funding_line(call, ranked):
    result = ranking_preview(call)
    assert [status_of(result, ranked[n]) for n in "ABCED"] == [
        "funded",
        "funded",
        "reserve",
        "reserve",
        "below_threshold",
    ]
    assert result.funding_line == 2 and result.allocated == Decimal("70000.00")
    assert result.entry(str(ranked["A"].pk)).weighted_score == Decimal("90.00")


def test_what_if_on_the_ranking_page_moves_the_line_and_writes_nothing(client, call, ranked, users):
    client.force_login(users["secretariat"])
    url = reverse("assessment:ranking", args=[call.pk])
    before = rows()
    base = client.get(url)
    assert base.status_code == 200 and base.context["result"].funding_line == 2

    bigger = client.get(url, {"budget": "1.000.000,00"})
    assert bigger.status_code == 200
    result = bigger.context["result"]
    assert result.budget == Decimal("1000000.00") and result.funding_line == 4
    assert {status_of(result, ranked[n]) for n in "ABCE"} == {"funded"}
    moved = {(a.pk, old, new) for a, old, new in bigger.context["moves"]}
    assert moved == {(ranked["C"].pk, "reserve", "funded"), (ranked["E"].pk, "reserve", "funded")}

    stricter = client.get(url, {"overall_threshold": "85"}).context["result"]
    assert status_of(stricter, ranked["B"]) == "below_threshold" and stricter.funding_line == 1

    per_criterion = client.get(url, {"criterion_threshold": "7,5"}).context["result"]
    assert status_of(per_criterion, ranked["C"]) == "below_threshold"

    reduce = client.get(url, {"budget": "100.000,00", "policy": "reduce"}).context["result"]
    assert status_of(reduce, ranked["C"]) == "reduced"
    assert reduce.entry(str(ranked["C"].pk)).granted == Decimal("30000.00")

    bad = client.get(url, {"budget": "veel"})
    assert bad.status_code == 400 and "budget" in bad.context["form"].errors

    assert rows() == before
    call.refresh_from_db()
    assert call.budget == Decimal("70000.00")


def test_ranking_api_for_the_secretariat(client, call, ranked, users):
    client.force_login(users["secretariat"])
    data = client.get(f"/api/v1/assessment/calls/{call.pk}/ranking/").json()
    assert data["funding_line"] == 2 and data["allocated"] == "70000.00"
    assert [e["application"] for e in data["entries"][:2]] == [ranked["A"].pk, ranked["B"].pk]


def test_freeze_refuses_unscored_applications_then_writes_a_ranking_with_audit(
    call, ranked, be_lead, nl_partner, users
):
    unscored = make_eligible(make_application(call, be_lead, nl_partner, title="Nog niet gescoord"))
    with pytest.raises(AssessmentError) as raised:
        ranking_freeze(actor=users["secretariat"], call=call)
    assert "Nog niet gescoord" in str(raised.value)
    assert not Ranking.objects.exists()

    set_consensus(assessed(unscored), "5", users["secretariat"])
    ranking = ranking_freeze(actor=users["secretariat"], call=call)
    assert ranking.budget == Decimal("70000.00") and ranking.policy == "skip"
    assert {e["application"] for e in ranking.entries} == {a.pk for a in (*ranked.values(), unscored)}
    event = AuditEvent.objects.get(verb="ranking.freeze")
    assert event.actor == users["secretariat"] and event.after["entries"] == ranking.entries

    again = ranking_freeze(actor=users["secretariat"], call=call)  # before decisions: replaced
    ranking.refresh_from_db()
    assert ranking.superseded_at is not None and again.superseded_at is None
    approve(ranked["A"], users["secretariat"])
    with pytest.raises(AssessmentError):  # after a decision: not any more
        ranking_freeze(actor=users["secretariat"], call=call)


def test_freeze_through_the_page(client, call, ranked, users):
    client.force_login(users["secretariat"])
    response = client.post(reverse("assessment:ranking_freeze", args=[call.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("assessment:decisions", args=[call.pk])
    assert Ranking.objects.count() == 1
    assert client.get(reverse("assessment:ranking_freeze", args=[call.pk])).status_code == 405


def test_approval_creates_the_grant_shares_de_minimis_and_the_letter(
    call, ranked, users, mailoutbox, django_capture_on_commit_callbacks
):
    ranking_freeze(actor=users["secretariat"], call=call)
    with django_capture_on_commit_callbacks(execute=True):
        decision = approve(ranked["A"], users["secretariat"])
    grant = Grant.objects.get(application=ranked["A"])
    assert grant.total == decision.granted == Decimal("35000.00")
    shares = {s.company.country: s.amount for s in grant.shares.select_related("company")}
    assert shares == {"BE": Decimal("20000.00"), "NL": Decimal("15000.00")}
    assert sum(shares.values()) == grant.total
    aid = {a.company.country: a.amount for a in DeMinimisAid.objects.select_related("company")}
    assert aid == shares
    assert all(s.de_minimis is not None for s in grant.shares.all())

    decision.refresh_from_db()
    assert decision.letter
    with decision.letter.open("rb") as letter:
        assert letter.read().startswith(b"%PDF")
    # The letters (the approval also offers the grant agreement, a mail of its own without attachment).
    letters = [m for m in mailoutbox if m.attachments]
    assert sorted(m.to[0] for m in letters) == ["applicant@test.example", "other@test.example"]
    assert len(mailoutbox) - len(letters) == 2
    for message in letters:
        _name, content, mimetype = message.attachments[0]
        assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert set(AuditEvent.objects.values_list("verb", flat=True)) >= {"decision.record", "grant.create"}

    with pytest.raises(AssessmentError):  # once per application
        approve(ranked["A"], users["secretariat"])


def test_a_reduced_grant_is_shared_exactly_to_the_cent(call, ranked, users):
    call.budget, call.allocation_policy = Decimal("60000"), "reduce"
    call.save()
    ranking_freeze(actor=users["secretariat"], call=call)
    approve(ranked["A"], users["secretariat"])
    approve(ranked["B"], users["secretariat"])
    grant = Grant.objects.get(application=ranked["B"])
    assert grant.total == Decimal("25000.00")
    amounts = sorted(grant.shares.values_list("amount", flat=True))
    assert amounts == [Decimal("10714.29"), Decimal("14285.71")] and sum(amounts) == grant.total
    assert services.granted_total(call) == Decimal("60000.00")


def test_reserve_and_below_line_cannot_be_approved_and_the_budget_holds(call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    for name in "CED":
        for outcome in (Outcome.APPROVE, Outcome.APPROVE_CONDITIONS):
            with pytest.raises(AssessmentError):
                services.decision_record(
                    actor=users["secretariat"],
                    application=ranked[name],
                    outcome=outcome,
                    reasons="Try.",
                    conditions="Some.",
                )
    with pytest.raises(AssessmentError):  # only reserve entries go on reserve
        services.decision_record(
            actor=users["secretariat"], application=ranked["D"], outcome=Outcome.RESERVE, reasons="No."
        )
    approve(ranked["A"], users["secretariat"])
    approve(ranked["B"], users["secretariat"])
    reserve = services.decision_record(
        actor=users["secretariat"], application=ranked["C"], outcome=Outcome.RESERVE, reasons="Reserve."
    )
    assert reserve.reserve_position == 1 and reserve.granted == Decimal("0.00")
    assert not Grant.objects.filter(application=ranked["C"]).exists()
    assert services.granted_total(call) == Decimal("70000.00") <= Ranking.objects.get().budget


def test_decisions_page_records_and_refuses(client, call, ranked, users, django_capture_on_commit_callbacks):
    ranking_freeze(actor=users["secretariat"], call=call)
    client.force_login(users["secretariat"])
    listing = client.get(reverse("assessment:decisions", args=[call.pk]))
    assert listing.status_code == 200
    take = reverse("assessment:decision_take", args=[call.pk, ranked["A"].pk])
    assert f'href="{take}"' in listing.content.decode()  # each open application links to its decision page

    def post(application, outcome):  # type: ignore[no-untyped-def]
        return client.post(
            reverse("assessment:decision_take", args=[call.pk, application.pk]),
            {"outcome": outcome, "reasons": "Committee of 1 December.", "language": "en"},
        )

    refused = post(ranked["C"], Outcome.APPROVE)
    assert refused.status_code == 400
    assert not Decision.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(ranked["A"], Outcome.APPROVE).status_code == 302
    decision = Decision.objects.get()
    assert decision.language == "en" and decision.letter
    assert post(ranked["A"], Outcome.REJECT).status_code == 400  # decided already: refused
    assert Decision.objects.get().outcome == Outcome.APPROVE
    decided = client.get(take)  # the page shows the decision taken, no form
    assert decided.context["form"] is None and 'data-testid="decided-already"' in decided.content.decode()
    listing = client.get(reverse("assessment:decisions", args=[call.pk])).content.decode()
    assert f'data-testid="decided-{ranked["A"].pk}"' in listing and f'href="{take}"' not in listing


def test_objection_deadline_is_end_of_day_in_brussels_six_weeks_later():
    # 23:30 UTC on 15 February is already 16 February in Brussels; six weeks later is after the switch to summer time.
    deadline = services.objection_deadline(dt.datetime(2026, 2, 15, 23, 30, tzinfo=dt.UTC), 6)
    assert deadline.astimezone(BRUSSELS) == dt.datetime(2026, 3, 30, 23, 59, 59, tzinfo=BRUSSELS)
    assert deadline == dt.datetime(2026, 3, 30, 21, 59, 59, tzinfo=dt.UTC)


def test_objections_until_the_deadline_and_not_after(client, call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    decided = dt.datetime(2026, 12, 1, 10, tzinfo=BRUSSELS)
    with at(decided):
        decision = approve(ranked["A"], users["secretariat"])
    assert decision.objection_deadline == dt.datetime(2027, 1, 12, 23, 59, 59, tzinfo=BRUSSELS)

    with pytest.raises(AssessmentError):  # not a partner
        services.objection_lodge(actor=users["finance"], decision=decision, grounds="Why not me?")
    with at(decision.objection_deadline):
        services.objection_lodge(actor=users["other_applicant"], decision=decision, grounds="The score is wrong.")
    with at(decision.objection_deadline + dt.timedelta(seconds=1)), pytest.raises(AssessmentError):
        services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Too late.")
    assert list(Objection.objects.values_list("grounds", flat=True)) == ["The score is wrong."]

    client.force_login(users["applicant"])
    url = reverse("assessment:decision_detail", args=[decision.pk])
    with at(decision.objection_deadline - dt.timedelta(days=1)):
        page = client.get(url)
        assert page.status_code == 200 and page.context["can_object"] is True
        assert client.post(url, {"grounds": "Reconsider innovation."}).status_code == 302
    with at(decision.objection_deadline + dt.timedelta(minutes=1)):
        assert client.get(url).context["can_object"] is False
        assert client.post(url, {"grounds": "Late."}).status_code == 400
    assert Objection.objects.count() == 2

    objection = Objection.objects.get(grounds="Reconsider innovation.")
    services.objection_resolve(
        actor=users["secretariat"], objection=objection, status="dismissed", reason="Correct.", confirmed=True
    )
    with pytest.raises(AssessmentError):
        services.objection_resolve(
            actor=users["secretariat"], objection=objection, status="upheld", reason="Wrong.", confirmed=True
        )


def test_renounced_grant_moves_the_first_fitting_reserve_up(
    call, ranked, users, mailoutbox, django_capture_on_commit_callbacks
):
    secretariat = users["secretariat"]
    ranking_freeze(actor=secretariat, call=call)
    a = approve(ranked["A"], secretariat)
    approve(ranked["B"], secretariat)
    for name in "CE":
        services.decision_record(actor=secretariat, application=ranked[name], outcome=Outcome.RESERVE, reasons="R.")
    assert DeMinimisAid.objects.count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.grant_renounce(actor=secretariat, grant=a.grant)
    # 35.000 freed: C (reserve 1) asks 50.000 and does not fit; E (reserve 2) asks 35.000 and does.
    assert promoted is not None and promoted.application == ranked["E"]
    promoted.refresh_from_db()
    assert promoted.outcome == Outcome.APPROVE and promoted.granted == Decimal("35000.00")
    assert Grant.objects.get(application=ranked["E"]).total == Decimal("35000.00")
    assert Decision.objects.get(application=ranked["C"]).outcome == Outcome.RESERVE
    a.grant.refresh_from_db()
    assert a.grant.renounced_at is not None
    assert DeMinimisAid.objects.count() == 4  # A's two records gone, E's two added
    assert services.granted_total(call) == Decimal("70000.00")
    # E's new letter to both partners, and E's grant agreement offered to both.
    assert promoted.letter and len([m for m in mailoutbox if m.attachments]) == 2 and len(mailoutbox) == 4
    assert promoted.objection_deadline > timezone.now()

    with pytest.raises(AssessmentError):
        services.grant_renounce(actor=secretariat, grant=a.grant)


def test_renounce_through_the_page(client, call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    decision = approve(ranked["A"], users["secretariat"])
    client.force_login(users["secretariat"])
    response = client.post(reverse("assessment:grant_renounce", args=[decision.pk]))
    assert response.status_code == 302
    decision.grant.refresh_from_db()
    assert decision.grant.renounced_at is not None


def test_the_letter_language_follows_the_lead_users_choice(client, call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    client.force_login(users["secretariat"])
    url = reverse("assessment:decision_take", args=[call.pk, ranked["A"].pk])
    assert client.get(url).context["form"].initial["language"] == "nl"  # Dutch by default
    users["applicant"].language = "en"  # the lead's only user chose English: a request for an English letter
    users["applicant"].save()
    assert client.get(url).context["form"].initial["language"] == "en"


def test_what_if_threshold_of_one_criterion_overrides_the_common_one(client, call, ranked, users):
    client.force_login(users["secretariat"])
    url = reverse("assessment:ranking", args=[call.pk])
    first = call.criteria.order_by("order").first()
    # 6 for all criteria, but 8,5 for the first one: only A (9 everywhere) still passes every threshold.
    result = client.get(url, {"criterion_threshold": "6", f"threshold_{first.code}": "8,5"}).context["result"]
    assert status_of(result, ranked["A"]) == "funded"
    assert status_of(result, ranked["B"]) == "below_threshold"
    assert f"criterion_below_threshold:{first.code}" in result.entry(str(ranked["B"].pk)).reasons
    assert status_of(result, ranked["E"]) == "below_threshold"  # 6,5 passes 6 but not the first criterion's 8,5
    too_high = client.get(url, {f"threshold_{first.code}": "11"})
    assert too_high.status_code == 400 and f"threshold_{first.code}" in too_high.context["form"].errors


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


def test_freezing_waits_for_every_submitted_application_to_be_screened(call, ranked, users, be_lead, nl_partner):
    late = make_application(call, be_lead, nl_partner, title="Nog niet gescreend")
    with pytest.raises(AssessmentError, match="Nog niet gescreend"):
        ranking_freeze(actor=users["secretariat"], call=call)
    screening_services.screening_mark_complete(actor=users["secretariat"], application=late)
    screening_services.screening_mark_ineligible(actor=users["secretariat"], application=late, reason="Buiten gebied.")
    assert ranking_freeze(actor=users["secretariat"], call=call).pk


def test_a_ranking_error_reaches_the_user_in_words(client, call, ranked, users):
    call.tie_breakers = ["charm", "submitted_at"]
    call.save()
    client.force_login(users["secretariat"])
    response = client.get(reverse("assessment:ranking", args=[call.pk]))
    text = [str(m) for m in response.context["messages"]]  # in the user's language (Dutch by default)
    assert any("gelijke stand" in t and "charm" in t for t in text)
    assert not any("unknown_tie_breaker" in t for t in text)


def test_an_objection_in_the_last_second_counts(call, ranked, users):
    ranking_freeze(actor=users["secretariat"], call=call)
    decision = services.decision_record(
        actor=users["secretariat"], application=ranked["C"], outcome=Outcome.RESERVE, reasons="Reserve."
    )
    with at(decision.objection_deadline + dt.timedelta(milliseconds=500)):
        services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Te laat? Nee.")
    with at(decision.objection_deadline + dt.timedelta(seconds=1)), pytest.raises(AssessmentError):
        services.objection_lodge(actor=users["applicant"], decision=decision, grounds="Nu wel te laat.")
