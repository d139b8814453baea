"""A small programme with figures computed by hand (see the module docstring of test_selectors.py).

Built directly in the ORM: the selectors only read, and the point is a state whose every number is known, not the
services that lead to it (those have their own tests).

Companies (make_company: 14 FTE, turnover 1.7M in 2024 -> small):
  A  BE 2000 Antwerpen (BE21)   sme        profile, embedding, sent an interest to B, coached
  B  NL 6211 Maastricht (NL42)  sme        introduced to D, follow-up survey: still cooperating
  C  BE 9000 Gent (BE23)        knowledge
  D  NL 4811 Breda (NL41)       sme
  E  BE 3500 Hasselt (BE22)     sme        profile
Projects (all of call crossroads-2026-1, all submitted):
  P1 A lead + B + C  approved, grant 60.000 (A 40.000, B 20.000)  running since 2026-06-01
     budget v1 A 80.000 B 40.000 C 10.000; v2 (current) A 90.000 B 40.000 C 10.000 -> 140.000
     submitted 2026-03-01, decided 30 days later
  P2 B lead + D      approved, grant 30.000 (B 15.000, D 15.000)  closed (accepted 2025-06-01)
     budget v1 B 30.000 D 30.000 -> 60.000; submitted 2025-01-01, decided 40 days later; RCO84 recorded: 2
  P3 D lead + E      rejected; submitted 2026-03-01, decided 50 days later
  P4 A lead + E      approved, grant 25.000 (A 10.000, E 15.000), renounced; agreement terminated;
     submitted 2026-03-01, decided 60 days later
Payments: A advance 20.000 paid; B advance 10.000 paid; D interim 5.000 returned; B recovery 2.000 recovered;
A interim 3.000 proposed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

import pytest

from crossroads.applications.models import Application, ApplicationStatus, Partner
from crossroads.assessment.models import Decision, Grant, GrantShare, Outcome, Ranking
from crossroads.companies.models import CompanyRole
from crossroads.core import clock
from crossroads.grants.models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    BudgetVersion,
    BudgetVersionLine,
    ClosureIndicator,
    CoachingContact,
    FollowUpSurvey,
    Payment,
    PaymentKind,
    PaymentStatus,
    VersionStatus,
)
from crossroads.matching.models import CooperationProfile, Embedding, ExpressionOfInterest, Introduction
from tests.conftest import make_company

_refs = count(1)


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.BRUSSELS)


def make_project(call, user, companies, *, submitted, days, outcome, ranking, themes=()):  # type: ignore[no-untyped-def]
    lead = companies[0]
    application = Application.objects.create(
        call=call,
        lead_company=lead,
        title=f"Project {lead.legal_name}",
        status=ApplicationStatus.SUBMITTED,
        created_by=user,
        submitted_at=moment(submitted),
    )
    application.themes.set(themes)
    partners = [
        Partner.objects.create(application=application, company=c, is_lead=i == 0, order=i)
        for i, c in enumerate(companies)
    ]
    decided = moment(submitted) + dt.timedelta(days=days)
    decision = Decision.objects.create(
        application=application,
        ranking=ranking,
        outcome=outcome,
        reasons="Hand-made.",
        decided_by=user,
        decided_at=decided,
        objection_deadline=decided + dt.timedelta(days=42),
    )
    return application, partners, decision


def make_grant(application, decision, partners, amounts, *, status, accepted, closed=None, renounced=None):  # type: ignore[no-untyped-def]
    grant = Grant.objects.create(
        application=application,
        decision=decision,
        total=sum(amounts, Decimal(0)),
        created_at=decision.decided_at,
        renounced_at=renounced,
    )
    agreement = Agreement.objects.create(
        grant=grant,
        reference=f"CR-T-{next(_refs)}",
        status=status,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2027, 12, 31),
        advance_share=Decimal("0.3"),
        report_interval_months=6,
        interim_report_due_months=1,
        final_report_months=3,
        created_at=decision.decided_at,
        accepted_at=accepted,
        closed_at=closed,
    )
    members = []
    for partner, amount in zip(partners, [*amounts, *([None] * len(partners))], strict=False):
        share = (
            GrantShare.objects.create(grant=grant, partner=partner, company=partner.company, amount=amount)
            if amount
            else None
        )
        members.append(
            AgreementPartner.objects.create(
                agreement=agreement,
                partner=partner,
                company=partner.company,
                grant_share=share,
                is_lead=partner.is_lead,
            )
        )
    return agreement, members


def version(agreement, number, lines, *, status=VersionStatus.APPROVED):  # type: ignore[no-untyped-def]
    v = BudgetVersion.objects.create(
        agreement=agreement, number=number, status=status, end_date=agreement.end_date, created_at=clock.now()
    )
    for member, amount in lines:
        BudgetVersionLine.objects.create(version=v, agreement_partner=member, category="consumables", eligible=amount)
    return v


def pay(member, kind, amount, status, paid_on=None):  # type: ignore[no-untyped-def]
    return Payment.objects.create(
        agreement_partner=member,
        kind=kind,
        amount=Decimal(amount),
        status=status,
        proposed_at=clock.now(),
        paid_on=paid_on,
    )


@pytest.fixture
def world(programme, users):  # type: ignore[no-untyped-def]
    call = programme.calls.get(code="crossroads-2026-1")
    secretariat = users["secretariat"]
    a = make_company("Alfa BV", number="0403.019.201")
    b = make_company("Bravo BV", country="NL", number="11111111", postcode="6211 CK", city="Maastricht")
    c = make_company(
        "Charlie Universiteit", number="0403.019.203", postcode="9000", city="Gent", role=CompanyRole.KNOWLEDGE
    )
    d = make_company("Delta BV", country="NL", number="22222222", postcode="4811 AA", city="Breda")
    e = make_company("Echo BV", number="0403.019.205", postcode="3500", city="Hasselt")
    ranking = Ranking.objects.create(
        call=call,
        budget=Decimal("1000000"),
        policy="strict",
        overall_threshold=Decimal("5"),
        frozen_by=secretariat,
        frozen_at=moment("2025-01-01T00:00"),
    )
    energy, digital = programme.themes.get(code="energy"), programme.themes.get(code="digital")
    app1, p1, d1 = make_project(
        call,
        secretariat,
        [a, b, c],
        submitted="2026-03-01T10:00",
        days=30,
        outcome=Outcome.APPROVE,
        ranking=ranking,
        themes=[energy],
    )
    app2, p2, d2 = make_project(
        call,
        secretariat,
        [b, d],
        submitted="2025-01-01T10:00",
        days=40,
        outcome=Outcome.APPROVE,
        ranking=ranking,
        themes=[energy, digital],
    )
    make_project(
        call, secretariat, [d, e], submitted="2026-03-01T10:00", days=50, outcome=Outcome.REJECT, ranking=ranking
    )
    app4, p4, d4 = make_project(
        call, secretariat, [a, e], submitted="2026-03-01T10:00", days=60, outcome=Outcome.APPROVE, ranking=ranking
    )
    ag1, (ma, mb, mc) = make_grant(
        app1,
        d1,
        p1,
        [Decimal("40000"), Decimal("20000")],
        status=AgreementStatus.RUNNING,
        accepted=moment("2026-06-01T12:00"),
    )
    ag2, (mb2, md2) = make_grant(
        app2,
        d2,
        p2,
        [Decimal("15000"), Decimal("15000")],
        status=AgreementStatus.CLOSED,
        accepted=moment("2025-06-01T12:00"),
        closed=moment("2026-02-01T12:00"),
    )
    make_grant(
        app4,
        d4,
        p4,
        [Decimal("10000"), Decimal("15000")],
        status=AgreementStatus.TERMINATED,
        accepted=None,
        renounced=moment("2026-07-01T12:00"),
    )
    version(
        ag1,
        1,
        [(ma, Decimal("80000")), (mb, Decimal("40000")), (mc, Decimal("10000"))],
        status=VersionStatus.SUPERSEDED,
    )
    version(ag1, 2, [(ma, Decimal("90000")), (mb, Decimal("40000")), (mc, Decimal("10000"))])
    version(ag1, 3, [(ma, Decimal("99000"))], status=VersionStatus.PROPOSED)
    version(ag2, 1, [(mb2, Decimal("30000")), (md2, Decimal("30000"))])
    pay(ma, PaymentKind.ADVANCE, "20000", PaymentStatus.PAID, dt.date(2026, 6, 10))
    pay(mb, PaymentKind.ADVANCE, "10000", PaymentStatus.PAID, dt.date(2026, 6, 10))
    pay(md2, PaymentKind.INTERIM, "5000", PaymentStatus.RETURNED, dt.date(2025, 9, 1))
    pay(mb2, PaymentKind.RECOVERY, "2000", PaymentStatus.RECOVERED, dt.date(2026, 3, 1))
    pay(ma, PaymentKind.INTERIM, "3000", PaymentStatus.PROPOSED)
    ClosureIndicator.objects.create(
        agreement=ag2, code="RCO84", value=Decimal("2"), recorded_by=secretariat, recorded_at=clock.now()
    )
    FollowUpSurvey.objects.create(agreement_partner=mb2, due_on=dt.date(2027, 2, 1), still_cooperating=True)
    FollowUpSurvey.objects.create(agreement_partner=md2, due_on=dt.date(2027, 2, 1), still_cooperating=False)
    CoachingContact.objects.create(
        agreement=ag1,
        company=a,
        adviser=users["adviser_be"],
        happened_on=dt.date(2026, 7, 1),
        channel="visit",
        topic="Kick-off",
        created_at=clock.now(),
    )
    CooperationProfile.objects.create(company=a, title="Warmtesensoren")
    CooperationProfile.objects.create(company=e, title="Biomaterialen")
    Embedding.objects.filter(company__in=[b, c, d, e]).update(active=False)  # a task may have made them
    Embedding.objects.update_or_create(
        key=f"c:{a.pk}",
        defaults={
            "company": a,
            "active": True,
            "encoder": "t",
            "version": "1",
            "text_hash": "x",
            "profile": {},
            "query_vectors": b"",
            "passage_vectors": b"",
        },
    )
    ExpressionOfInterest.objects.create(
        sender_company=a, target_company=b, message="Hallo", expires_at=clock.now() + dt.timedelta(days=30)
    )
    Introduction.objects.create(adviser=users["adviser_nl"], company_a=b, company_b=d, note="Kennismaking")
    return {"call": call, "a": a, "b": b, "c": c, "d": d, "e": e, "p1": ag1, "p2": ag2}
