"""Demo of the assessment: a closed call with six submitted applications drawn from the labelled complementary
pairs, an assessor pool of three Flemish and three Dutch experts, five applications screened eligible, assessors
proposed by the optimiser and invited, and every assessor except the demo assessor (Pieter Janssens) has scored.
The secretariat can then consolidate, rank, run a what-if and decide; the demo assessor still has work to do.
Idempotent: nothing is added once the demo call has applications."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from decimal import Decimal

from django.db import transaction

from crossroads.accounts.models import Role, User
from crossroads.applications.models import Application, ApplicationStatus, BudgetLine, Partner, Submission
from crossroads.applications.services import submission_snapshot
from crossroads.applications.states import APPLICATION_STATES
from crossroads.companies.demo import DEMO_DATA, DEMO_PASSWORD
from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.programme.demo import demo_call
from crossroads.programme.models import Call, Theme

from .models import AssessorProfile, Assignment, Score
from .services.assignment import assignment_invite, assignment_propose, conflict_declare
from .services.scoring import consensus_record, scores_save
from .services.screening import screening_mark_complete, screening_mark_eligible

CALL_CODE = "crossroads-demo-assessment"
DEMO_ASSESSOR = "beoordelaar@crossroads.example"
POOL = [
    (
        DEMO_ASSESSOR,
        "Pieter",
        "Janssens",
        "BE",
        ["energy", "digital"],
        "Energiesystemen, warmtenetten en regeltechniek. Twintig jaar ervaring met industriële automatisering.",
    ),
    (
        "an.peeters@beoordelaars.example",
        "An",
        "Peeters",
        "BE",
        ["materials", "health"],
        "Recyclage van kunststoffen, circulaire materialen en chemische procestechnologie.",
    ),
    (
        "luc.wouters@beoordelaars.example",
        "Luc",
        "Wouters",
        "BE",
        ["digital", "health"],
        "Software, data-analyse, machine learning en medische hulpmiddelen.",
    ),
    (
        "marieke.devries@beoordelaars.example",
        "Marieke",
        "de Vries",
        "NL",
        ["energy", "materials"],
        "Waterstof, batterijen, zonne-energie en duurzame bouwmaterialen.",
    ),
    (
        "ruud.smit@beoordelaars.example",
        "Ruud",
        "Smit",
        "NL",
        ["digital", "energy"],
        "Industrie 4.0: sensoren, robotica, digitale tweelingen en voorspellend onderhoud.",
    ),
    (
        "fleur.mulder@beoordelaars.example",
        "Fleur",
        "Mulder",
        "NL",
        ["health", "materials"],
        "Voedingstechnologie, gezondheid, biotechnologie en agrofood.",
    ),
]
# (consumables lead, consumables partner) in euros: grant requests from about 45,000 to 140,000.
BUDGETS = [
    (150_000, 130_000),
    (120_000, 80_000),
    (100_000, 90_000),
    (90_000, 60_000),
    (70_000, 40_000),
    (60_000, 30_000),
]


def _call() -> Call:
    return demo_call(
        code=CALL_CODE,
        name_nl="CrossRoads oproep (demo beoordeling)",
        name_en="CrossRoads call (assessment demo)",
        opened_days_ago=120,
        closed_days_ago=30,
    )


def _pool() -> list[User]:
    users = []
    for email, first, last, country, themes, expertise in POOL:
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, DEMO_PASSWORD)
        user.first_name, user.last_name, user.role = first, last, Role.ASSESSOR
        user.save()
        profile, _created = AssessorProfile.objects.update_or_create(
            user=user,
            defaults={
                "country": country,
                "expertise": expertise,
                "languages": ["nl", "en"],
                # The demo assessor gets two applications, so three are fully scored and can be ranked.
                "max_load": 2 if email == DEMO_ASSESSOR else 4,
            },
        )
        profile.themes.set(Theme.objects.filter(code__in=themes))
        users.append(user)
    return users


def _sections(lead: Company, other: Company, why: str) -> dict[str, str]:
    return {
        "summary": f"{lead.description} {other.description}",
        "problem": (
            f"{lead.legal_name} en {other.legal_name} lopen elk apart tegen dezelfde technische grens aan; alleen "
            "bereiken ze de markt niet snel genoeg."
        ),
        "innovation": why,
        "workplan": (
            "Fase 1 (maanden 1-8): ontwerp en labotests. Fase 2 (maanden 9-18): prototype en veldproef bij beide "
            "partners. Fase 3 (maanden 19-24): validatie, kostprijsanalyse en marktintroductieplan."
        ),
        "cross_border": "Beide partners brengen complementaire kennis over de grens samen.",
        "impact": (
            "Na het project brengen beide partners het resultaat samen op de markt in Vlaanderen en Nederland; "
            "we verwachten nieuwe klanten en extra banen aan beide kanten van de grens."
        ),
    }


def _applications(call: Call) -> list[Application]:
    pairs = json.loads((DEMO_DATA.parent / "complementary_pairs.json").read_text(encoding="utf-8"))[:6]
    keys = {entry["key"]: entry for entry in json.loads(DEMO_DATA.read_text(encoding="utf-8"))}
    made = []
    for index, pair in enumerate(pairs):
        lead = Company.objects.get(legal_name=keys[pair["a"]]["name"])
        other = Company.objects.get(legal_name=keys[pair["b"]]["name"])
        owner = User.objects.filter(role=Role.SECRETARIAT).first()
        submitted = call.closes_at - dt.timedelta(hours=6 * (len(pairs) - index))
        application = Application.objects.create(
            call=call,
            lead_company=lead,
            title=f"{lead.legal_name} × {other.legal_name}",
            acronym=f"DEMO-{index + 1}",
            sections=_sections(lead, other, pair["why"]),
            # Every section the call requires is filled and the start is planned: the automatic eligibility checks
            # pass, as they must for an application the demo marks eligible.
            duration_months=24,
            planned_start=(call.closes_at + dt.timedelta(days=120)).astimezone(clock.BRUSSELS).date().replace(day=1),
            created_by=owner,
        )
        application.themes.set(call.themes.all()[: 1 + index % 2])
        lead_partner = Partner.objects.create(
            application=application, company=lead, is_lead=True, confirmed_at=submitted, order=0
        )
        partner = Partner.objects.create(application=application, company=other, confirmed_at=submitted, order=1)
        for p, amount in zip((lead_partner, partner), BUDGETS[index], strict=True):
            BudgetLine.objects.create(
                partner=p, category="consumables", description="Prototype en testopstelling", amount=Decimal(amount)
            )
        # Submitted in the past, before the demo call closed: the state table still decides the step.
        APPLICATION_STATES.move(application, ApplicationStatus.SUBMITTED)
        application.submitted_at = submitted
        application.save(update_fields=["status", "submitted_at"])
        Submission.objects.create(
            application=application,
            number=1,
            idempotency_key=f"demo-assessment-{application.pk}",
            submitted_by=owner,
            submitted_at=submitted,
            snapshot=submission_snapshot(application),
        )
        made.append(application)
    return made


def _score(application: Application, assessor: User) -> int:
    """A reproducible demo score: some applications are stronger than others, assessors differ a little."""
    return min(10, max(3, 5 + (application.pk * 7 + assessor.pk * 3) % 5))


@transaction.atomic
def demo_assessment_load() -> dict[str, int]:
    call = _call()
    if call.applications.exists():
        return {"applications": call.applications.count()}
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    pool = _pool()
    applications = _applications(call)
    for application in applications[:5]:
        screening_mark_complete(actor=secretariat, application=application)
        screening_mark_eligible(actor=secretariat, application=application)
    assignment_propose(actor=secretariat, call=call)
    assignment_invite(actor=secretariat, call=call)
    demo_assessor = pool[0]
    criteria = list(call.criteria.order_by("order"))
    for assignment in Assignment.objects.filter(application__call=call).exclude(assessor=demo_assessor):
        conflict_declare(actor=assignment.assessor, assignment=assignment, has_conflict=False)
        values = {
            c.code: (
                str(min(_score(assignment.application, assignment.assessor) + c.order % 2, c.scale_max)),
                "Onderbouwing van de demo: sterke punten en aandachtspunten voor dit criterium.",
            )
            for c in criteria
        }
        scores_save(actor=assignment.assessor, assignment=assignment, values=values, submit=True)
    for application in applications[:5]:
        if application.assignments.filter(assessor=demo_assessor).exists():
            continue  # waits for the demo assessor
        values = {}
        for criterion in criteria:
            scores = list(
                Score.objects.filter(assignment__application=application, criterion=criterion).values_list(
                    "score", flat=True
                )
            )
            values[criterion.code] = (str(statistics.median(scores)), "Consensus van de commissie (demo).")
        consensus_record(actor=secretariat, application=application, values=values)
    return {"applications": len(applications), "assessors": len(pool)}
