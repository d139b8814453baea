"""Amendments of a running agreement: free shifts apply at once, others wait for the secretariat; approval
supersedes the previous version and the de minimis records follow; partners leave and join; extensions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import Payment, VersionStatus
from crossroads.grants.selectors.budget import current_version, partner_grant
from crossroads.grants.services.amendments import (
    amendment_approve,
    amendment_reject,
    amendment_request,
    amendment_withdraw,
)
from tests.conftest import make_company
from tests.grants.conftest import day

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def members(agreement):
    return agreement.partners.get(is_lead=True), agreement.partners.get(is_lead=False)


def shift(agreement, actor, lines, reason="Sensors cost more than planned."):
    return amendment_request(actor=actor, agreement=agreement, kind="budget_shift", reason=reason, lines=lines)


def test_a_shift_of_at_most_ten_percent_within_the_lead_is_applied_at_once(
    running, users, mailoutbox, django_capture_on_commit_callbacks
):
    lead, _partner = members(running)
    with django_capture_on_commit_callbacks(execute=True):
        amendment = shift(
            running, users["applicant"], {lead.pk: {"personnel": D("48000.00"), "consumables": D("32000")}}
        )
    assert amendment.status == "approved" and amendment.needs_approval is False and amendment.decided_by is None
    version = current_version(running)
    assert version.number == 2 and version.lines.get(agreement_partner=lead, category="personnel").eligible == D(
        "48000"
    )
    assert running.versions.get(number=1).status == VersionStatus.SUPERSEDED
    assert partner_grant(lead) == D("40000.00")
    assert {m.to[0] for m in mailoutbox} >= {"secretariat@test.example", "applicant@test.example"}


def test_free_shifts_are_counted_together_since_the_last_approval(running, users):
    lead, _partner = members(running)
    shift(running, users["applicant"], {lead.pk: {"personnel": D("46000"), "consumables": D("34000")}})
    second = shift(running, users["applicant"], {lead.pk: {"personnel": D("50000"), "consumables": D("30000")}})
    assert second.status == "requested" and second.needs_approval  # 10.000 moved since version 1: over 8.000


def test_more_than_ten_percent_waits_for_the_secretariat(
    running, users, mailoutbox, django_capture_on_commit_callbacks
):
    lead, _partner = members(running)
    with django_capture_on_commit_callbacks(execute=True):
        amendment = shift(
            running, users["applicant"], {lead.pk: {"personnel": D("48000.01"), "consumables": D("31999.99")}}
        )
    assert amendment.status == "requested" and amendment.version.status == VersionStatus.PROPOSED
    assert current_version(running).number == 1
    assert [m.to[0] for m in mailoutbox] == ["secretariat@test.example"]
    assert "Wijziging te beslissen" in mailoutbox[0].subject  # the secretariat's language (Dutch)


def test_a_shift_between_partners_waits_and_approval_supersedes(running, users):
    lead, partner = members(running)
    amendment = shift(
        running,
        users["applicant"],
        {lead.pk: {"consumables": D("39000")}, partner.pk: {"consumables": D("31000")}},
    )
    assert amendment.status == "requested"
    amendment_approve(actor=users["secretariat"], amendment=amendment, reason="Fine.")
    amendment.refresh_from_db()
    assert amendment.status == "approved" and amendment.decided_by == users["secretariat"]
    statuses = dict(running.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "approved"}
    # The lead's eligible costs fell to 79.000: its grant falls to 39.500; the partner's never rises.
    assert partner_grant(lead) == D("39500.00") and partner_grant(partner) == D("20000.00")
    assert AuditEvent.objects.filter(verb="budget_version.approve").exists()


def test_the_de_minimis_record_follows_the_new_grant(running, users):
    lead, _partner = members(running)
    aid = lead.grant_share.de_minimis
    assert aid is not None and aid.amount == D("40000.00")
    amendment = shift(running, users["applicant"], {lead.pk: {"consumables": D("20000")}}, reason="Less material.")
    amendment_approve(actor=users["secretariat"], amendment=amendment)
    aid.refresh_from_db()
    assert aid.amount == D("30000.00")
    event = AuditEvent.objects.get(verb="de_minimis.update", object_id=str(aid.pk))
    assert event.before["amount"] == "40000.00" and event.after["amount"] == "30000.00"


def test_a_partner_shifts_only_its_own_budget(running, users):
    lead, partner = members(running)
    own = shift(running, users["other_applicant"], {partner.pk: {"consumables": D("29000"), "external": D("11000")}})
    assert own.status == "approved"
    with pytest.raises(GrantError) as refused:
        shift(running, users["other_applicant"], {lead.pk: {"consumables": D("39000"), "personnel": D("41000")}})
    assert refused.value.status == 403


def test_the_secretariat_rejects_with_a_reason_and_the_requester_withdraws(running, users):
    lead, _partner = members(running)
    amendment = shift(running, users["applicant"], {lead.pk: {"consumables": D("10000"), "personnel": D("70000")}})
    with pytest.raises(GrantError) as no_reason:
        amendment_reject(actor=users["secretariat"], amendment=amendment, reason=" ")
    assert no_reason.value.field == "reason"
    with pytest.raises(GrantError):
        amendment_approve(actor=users["applicant"], amendment=amendment)
    with pytest.raises(GrantError):
        amendment_withdraw(actor=users["other_applicant"], amendment=amendment)
    amendment_withdraw(actor=users["applicant"], amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.status == "withdrawn" and amendment.version.status == "rejected"
    again = shift(running, users["applicant"], {lead.pk: {"consumables": D("10000"), "personnel": D("70000")}})
    amendment_reject(actor=users["secretariat"], amendment=again, reason="Not justified.")
    assert current_version(running).number == 1 and running.versions.count() == 3  # every version is kept


def test_one_amendment_waits_at_a_time(running, users):
    lead, _partner = members(running)
    shift(running, users["applicant"], {lead.pk: {"consumables": D("10000"), "personnel": D("70000")}})
    with pytest.raises(GrantError):
        amendment_request(
            actor=users["applicant"], agreement=running, kind="extension", reason="Late.", end_date=day("2028-12-31")
        )


def test_a_partner_who_leaves_keeps_what_was_approved_and_the_rest_is_released(running, users):
    lead, partner = members(running)
    Payment.objects.create(
        agreement_partner=partner, kind="interim", amount=D("7500.25"), status="paid", proposed_at=running.created_at
    )
    Payment.objects.create(
        agreement_partner=partner, kind="interim", amount=D("100.00"), status="proposed", proposed_at=running.created_at
    )
    amendment = amendment_request(
        actor=users["applicant"],
        agreement=running,
        kind="partner_leave",
        reason="Bankrupt.",
        member=partner,
        left_on=day("2027-06-30"),
    )
    assert amendment.needs_approval
    amendment_approve(actor=users["secretariat"], amendment=amendment)
    partner.refresh_from_db()
    assert partner.left_on == day("2027-06-30")
    assert partner_grant(partner) == D("7500.25") and partner_grant(lead) == D("40000.00")  # not redistributed
    aid = partner.grant_share.de_minimis
    assert aid.amount == D("7500.25")


def test_a_leaver_without_payments_loses_its_de_minimis_record(running, users):
    _lead, partner = members(running)
    aid_id = partner.grant_share.de_minimis_id
    amendment = amendment_request(
        actor=users["applicant"],
        agreement=running,
        kind="partner_leave",
        reason="Stops.",
        member=partner,
        left_on=day("2027-03-01"),
    )
    amendment_approve(actor=users["secretariat"], amendment=amendment)
    from crossroads.companies.models import DeMinimisAid

    assert not DeMinimisAid.objects.filter(pk=aid_id).exists()
    assert partner_grant(partner) == D("0.00")


def test_the_lead_cannot_leave(running, users):
    lead, _partner = members(running)
    with pytest.raises(GrantError) as refused:
        amendment_request(
            actor=users["applicant"],
            agreement=running,
            kind="partner_leave",
            reason="x",
            member=lead,
            left_on=day("2027-06-30"),
        )
    assert refused.value.field == "member"


def test_a_company_joins_with_the_released_money(running, users):
    _lead, partner = members(running)
    leave = amendment_request(
        actor=users["applicant"],
        agreement=running,
        kind="partner_leave",
        reason="Stops.",
        member=partner,
        left_on=day("2027-03-01"),
    )
    amendment_approve(actor=users["secretariat"], amendment=leave)
    newcomer = make_company("Grensbouw NV", number="0417.497.106")
    join = amendment_request(
        actor=users["applicant"],
        agreement=running,
        kind="partner_join",
        reason="Takes over the work.",
        company=newcomer,
        joined_on=day("2027-04-01"),
        costs={"personnel": D("0"), "consumables": D("50000.00"), "external": D("0")},
    )
    member = running.partners.get(company=newcomer)
    assert member.joined_on is None and member.left_on is not None  # not an active partner while it waits
    amendment_approve(actor=users["secretariat"], amendment=join)
    member.refresh_from_db()
    assert member.joined_on == day("2027-04-01") and member.left_on is None and member.accepted_at is None
    assert partner_grant(member) == D("20000.00")  # the released 20.000, below 50 % of 50.000
    assert sum(s.grant for s in current_version(running).shares.all()) == D("60000.00")
    from crossroads.companies.models import DeMinimisAid

    assert DeMinimisAid.objects.get(company=newcomer).amount == D("20000.00")


def test_an_extension_rewrites_the_periods(running, users, programme):
    programme.max_duration_months = 30
    programme.save()
    amendment = amendment_request(
        actor=users["applicant"], agreement=running, kind="extension", reason="Delay.", end_date=day("2029-06-30")
    )
    amendment_approve(actor=users["secretariat"], amendment=amendment)
    running.refresh_from_db()
    assert running.end_date == day("2029-06-30") and current_version(running).end_date == day("2029-06-30")
    final = running.periods.get(kind="final")
    assert final.ends_on == day("2029-06-30")
    assert running.periods.count() == 5


@pytest.mark.parametrize(
    ("end", "words"),
    [("2028-12-31", "after the current end"), ("2029-01-31", "at most 24 months"), ("2028-06-30", "after the current")],
)
def test_an_extension_beyond_the_limits_is_refused(running, users, end, words):
    with pytest.raises(GrantError) as refused:
        amendment_request(actor=users["applicant"], agreement=running, kind="extension", reason="x", end_date=day(end))
    assert refused.value.field == "end_date" and words in str(refused.value)


def test_an_extension_past_the_programme_is_refused(running, users, programme):
    programme.max_duration_months = 48
    programme.end_date = day("2029-03-31")
    programme.save()
    with pytest.raises(GrantError) as refused:
        amendment_request(
            actor=users["applicant"], agreement=running, kind="extension", reason="x", end_date=day("2029-04-30")
        )
    assert "programme ends" in str(refused.value)


def test_strangers_and_an_offered_agreement_are_refused(agreement, running, users):
    lead, _partner = members(running)
    with pytest.raises(GrantError) as refused:
        shift(running, users["finance"], {lead.pk: {"consumables": D("1")}})
    assert refused.value.status == 403
    with pytest.raises(GrantError) as empty_reason:
        shift(running, users["applicant"], {lead.pk: {"consumables": D("39000")}}, reason="  ")
    assert empty_reason.value.field == "reason"


@pytest.mark.parametrize("bad", [D("-1"), D("1.001"), D("NaN"), "12", None, D("1e12")])
def test_hostile_amounts_are_refused_at_their_field(running, users, bad):
    lead, _partner = members(running)
    with pytest.raises(GrantError) as refused:
        shift(running, users["applicant"], {lead.pk: {"consumables": bad}})
    assert refused.value.field == f"line_{lead.pk}_consumables"
