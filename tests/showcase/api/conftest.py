"""A programme with contracted projects and everything that must never leave it: an unapproved story, the
application's confidential sections, assessors' scores, bank accounts, people's e-mail addresses, and projects that
are not public (offered, terminated, renounced, rejected)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from crossroads.accounts.models import Role
from crossroads.assessment.models import Outcome, Score
from crossroads.grants.models import Agreement, AgreementStatus, BankAccount
from crossroads.showcase.models import ProjectStory, StoryStatus
from tests.conftest import make_user
from tests.grants.conftest import company, make_application, make_eligible, set_consensus

_people = itertools.count(1)

SECRETS = {
    "draft_story": "SECRET-UNAPPROVED-STORY",
    "section": "Confidential",  # every application section of make_application reads "Confidential <code> text."
    "score": "SECRET-ASSESSOR-JUSTIFICATION",
    "iban": "BE68539007547034",
    "offered": "SECRET-OFFERED-PROJECT",
    "terminated": "SECRET-TERMINATED-PROJECT",
    "renounced": "SECRET-RENOUNCED-PROJECT",
    "rejected": "SECRET-REJECTED-PROJECT",
    "email": "@test.example",
}


def consortium(n: int):  # type: ignore[no-untyped-def]
    """A BE lead and an NL partner, each managed by its own applicant."""
    lead_user = make_user(f"lead{n}.{next(_people)}@test.example", Role.APPLICANT)
    partner_user = make_user(f"partner{n}.{next(_people)}@test.example", Role.APPLICANT)
    lead = company(f"Lead {n} Warmte BV", "BE", user=lead_user)
    partner = company(f"Partner {n} Data BV", "NL", user=partner_user)
    return lead, partner, lead_user, partner_user


def decide(call, secretariat, outcomes: dict[str, str]) -> dict[str, Agreement | None]:  # type: ignore[no-untyped-def]
    """One application per title, scored and ranked together, then decided (approve / reject); the approved ones
    are accepted by both partners (running). Returns the agreement per title (None when rejected)."""
    from crossroads.assessment.services import decisions as decision_services
    from crossroads.assessment.services.ranking import ranking_freeze
    from crossroads.grants.services.agreement import agreement_accept

    made = {}
    for n, title in enumerate(outcomes):
        lead, partner, lead_user, partner_user = consortium(n)
        application = make_application(call, lead, partner, title=title)
        set_consensus(make_eligible(application), "8", secretariat)
        made[title] = (application, lead_user, partner_user)
    ranking_freeze(actor=secretariat, call=call)
    out: dict[str, Agreement | None] = {}
    for title, outcome in outcomes.items():
        application, lead_user, partner_user = made[title]
        decision_services.decision_record(
            actor=secretariat, application=application, outcome=outcome, reasons="Reasons.", conditions=""
        )
        if outcome != Outcome.APPROVE:
            out[title] = None
            continue
        agreement = Agreement.objects.get(grant__application=application)
        lead_member = agreement.partners.get(is_lead=True)
        other_member = agreement.partners.get(is_lead=False)
        agreement_accept(actor=lead_user, member=lead_member, confirm=True)
        agreement_accept(actor=partner_user, member=other_member, confirm=True)
        agreement.refresh_from_db()
        out[title] = agreement
    return out


@pytest.fixture
def many(programme, users):  # type: ignore[no-untyped-def]
    """`many(n)`: n running projects, in the programme's second call (the first is `public_world`'s); once per
    test (a call's ranking is frozen once)."""
    second = programme.calls.get(code="crossroads-2026-2")

    def make(n: int) -> list[Agreement]:
        made = decide(second, users["secretariat"], {f"Project {i:02d}": Outcome.APPROVE for i in range(n)})
        return [a for a in made.values() if a is not None]

    return make


@pytest.fixture
def public_world(call, users):  # type: ignore[no-untyped-def]
    """One public project with an approved story, and the secrets around it."""
    outcomes = {
        "Warmte over de grens": Outcome.APPROVE,
        SECRETS["offered"]: Outcome.APPROVE,
        SECRETS["terminated"]: Outcome.APPROVE,
        SECRETS["renounced"]: Outcome.APPROVE,
        SECRETS["rejected"]: Outcome.REJECT,
    }
    made = decide(call, users["secretariat"], outcomes)
    public = made["Warmte over de grens"]
    offered = made[SECRETS["offered"]]
    Agreement.objects.filter(pk=offered.pk).update(status=AgreementStatus.OFFERED)
    Agreement.objects.filter(pk=made[SECRETS["terminated"]].pk).update(status=AgreementStatus.TERMINATED)
    renounced = made[SECRETS["renounced"]].grant
    renounced.renounced_at = timezone.now()
    renounced.save()
    ProjectStory.objects.create(
        agreement=public,
        summary=SECRETS["draft_story"],
        story=SECRETS["draft_story"],
        results=SECRETS["draft_story"],
        status=StoryStatus.SUBMITTED,
        published_summary="Restwarmte van de haven verwarmt een wijk over de grens.",
        published_story="Twee kmo's bouwden samen een warmtenet.",
        published_results="Een proefopstelling.",
        published_at=timezone.now(),
    )
    Score.objects.filter(assignment__application=public.grant.application).update(justification=SECRETS["score"])
    member = public.partners.get(is_lead=True)
    BankAccount.objects.create(
        agreement_partner=member,
        holder=str(member.company),
        iban=SECRETS["iban"],
        bic="GKCCBEBB",
        status="active",
        registered_by=users["applicant"],
        registered_at=timezone.now(),
    )
    return public


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
