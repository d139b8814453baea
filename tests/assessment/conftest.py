"""Factories for the assessment tests: a programme call with its criteria, submitted applications (BE lead, NL
partner, budget lines), assessors with their profiles, and short-cuts through screening, invitation and scoring."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from crossroads.accounts.models import Role
from crossroads.applications.models import Application, ApplicationStatus, BudgetLine, Partner
from crossroads.assessment.models import (
    AssessorProfile,
    Assignment,
    AssignmentStatus,
    Completeness,
    ConflictDeclaration,
    ConsensusScore,
    Eligibility,
    Score,
    Screening,
)
from crossroads.companies.models import CompanyMembership
from crossroads.core.clock import BRUSSELS
from tests.conftest import make_company, make_user

_numbers = itertools.count(100)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    """The test settings (as with CROSSROADS_TESTING=1) whatever the environment: tasks run on commit, fast password
    hashing, plain static files; files (decision letters) land in a temporary directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


def at(moment: dt.datetime):  # type: ignore[no-untyped-def]
    """Move the clock of the services (crossroads.core.clock.now) to `moment`."""
    return mock.patch("crossroads.core.clock.now", return_value=moment.astimezone(dt.UTC))


@pytest.fixture
def call(programme):  # type: ignore[no-untyped-def]
    """The programme's first call of 2026 (closed 17 April 2026), with its five criteria (0-10, threshold 5)."""
    return programme.calls.get(code="crossroads-2026-1")


def company(name: str, country: str, *, user=None, website: str = ""):  # type: ignore[no-untyped-def]
    n = next(_numbers)
    if country == "BE":
        made = make_company(name, number=f"0403.019.{n:03d}")
    else:
        made = make_company(name, country="NL", number=f"12345{n:03d}", postcode="6211 CK", city="Maastricht")
    if website:
        made.website = website
        made.save()
    if user is not None:
        CompanyMembership.objects.create(user=user, company=made, role="manager")
    return made


def make_application(  # type: ignore[no-untyped-def]
    call,
    lead,
    partner,
    *,
    title: str,
    lead_costs: str = "40000",
    partner_costs: str = "30000",
    submitted_at: dt.datetime | None = None,
    status: str = ApplicationStatus.SUBMITTED,
    creator=None,
) -> Application:
    """A submitted application: `lead` (BE) and `partner` (NL), one consumables line each; grant rate 50 %."""
    application = Application.objects.create(
        call=call,
        lead_company=lead,
        title=title,
        acronym=title[:10],
        sections={code: f"Confidential {code} text." for code in call.required_sections},
        duration_months=24,
        planned_start=dt.date(2026, 9, 1),
        status=status,
        submitted_at=submitted_at or dt.datetime(2026, 4, 10, 12, tzinfo=BRUSSELS),
        created_by=creator or lead.memberships.first().user,
    )
    lead_partner = Partner.objects.create(application=application, company=lead, is_lead=True)
    other = Partner.objects.create(application=application, company=partner, order=1)
    BudgetLine.objects.create(partner=lead_partner, category="consumables", description="Sensors", amount=lead_costs)
    BudgetLine.objects.create(partner=other, category="consumables", description="Test bench", amount=partner_costs)
    return application


def make_assessor(  # type: ignore[no-untyped-def]
    email: str, country: str, *, employer=None, interests=(), max_load: int = 8, expertise: str = "Heat networks."
):
    user = make_user(email, Role.ASSESSOR)
    profile = AssessorProfile.objects.create(
        user=user, country=country, expertise=expertise, max_load=max_load, employer=employer
    )
    profile.interests.set(interests)
    return user


def make_eligible(application: Application) -> Application:
    Screening.objects.update_or_create(
        application=application,
        defaults={"completeness": Completeness.COMPLETE, "eligibility": Eligibility.ELIGIBLE},
    )
    return application


def invite(application: Application, assessor, *, declared: bool | None = False) -> Assignment:  # type: ignore[no-untyped-def]
    """An invited assignment; `declared` False = declared no conflict, True = declared one, None = not yet."""
    assignment = Assignment.objects.create(
        application=application,
        assessor=assessor,
        status=AssignmentStatus.DECLINED if declared else AssignmentStatus.INVITED,
        due_date=timezone.localdate() + dt.timedelta(days=14),
        invited_at=timezone.now(),
    )
    if declared is not None:
        ConflictDeclaration.objects.create(
            assessor=assessor,
            application=application,
            has_conflict=declared,
            explanation="Former employer." if declared else "",
            declared_at=timezone.now(),
        )
    return assignment


def submit_scores(assignment: Assignment, score: str = "8") -> Assignment:
    for criterion in assignment.application.call.criteria.all():
        Score.objects.create(assignment=assignment, criterion=criterion, score=Decimal(score), justification="Fine.")
    assignment.status, assignment.submitted_at = AssignmentStatus.SUBMITTED, timezone.now()
    assignment.save()
    return assignment


PANEL_COUNTRIES = ["BE", "NL"]


def assessed(application: Application, score: str = "7") -> Application:
    """The call's number of completed assessments (each country first, then Dutch assessors): the rules hold."""
    countries = PANEL_COUNTRIES
    needed = application.call.assessors_per_application
    for n in range(needed):
        country = countries[n] if n < len(countries) else "NL"
        email = f"panel{n}.{country.lower()}@assessors-{country.lower()}.example"
        user = AssessorProfile.objects.filter(user__email=email).first()
        expert = user.user if user else make_assessor(email, country)
        submit_scores(invite(application, expert), score)
    return application


def set_consensus(application: Application, score: str, recorded_by) -> Application:  # type: ignore[no-untyped-def]
    """The committee's consensus. A consensus rests on completed assessments: an application without any submitted
    assessment first gets the call's panel (`assessed`), so freezing and deciding meet the call's rules. One that
    has some keeps exactly those (a test of a short panel stays short)."""
    if not Assignment.objects.filter(application=application, status=AssignmentStatus.SUBMITTED).exists():
        assessed(application, score)
    for criterion in application.call.criteria.all():
        ConsensusScore.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={
                "score": Decimal(score),
                "rationale": "Agreed.",
                "recorded_by": recorded_by,
                "recorded_at": timezone.now(),
            },
        )
    return application


@pytest.fixture
def be_lead(users):  # type: ignore[no-untyped-def]
    return company("Kempense Warmte BV", "BE", user=users["applicant"])


@pytest.fixture
def nl_partner(users):  # type: ignore[no-untyped-def]
    return company("Polderdata BV", "NL", user=users["other_applicant"])


@pytest.fixture
def application(call, be_lead, nl_partner):  # type: ignore[no-untyped-def]
    """Submitted, not screened yet: grant 35.000,00 (20.000,00 BE + 15.000,00 NL)."""
    return make_application(call, be_lead, nl_partner, title="Warmte over de grens")


@pytest.fixture
def assessor(users):  # type: ignore[no-untyped-def]
    """An assessor from the pool with an address of an independent domain (not the partners' test.example)."""
    return make_assessor("expert.be@assessors-be.example", "BE")


@pytest.fixture
def ranked(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]
    """Each fully assessed (the call's three assessors, both countries).
    Budget 70.000: A (9) and B (8) funded with 35.000 each; C (7, asks 50.000) reserve 1, E (6,5, asks 35.000)
    reserve 2; D (4) below the threshold."""
    call.budget = Decimal("70000")
    call.save()
    specs = {
        "A": ("9", "40000", "30000"),
        "B": ("8", "40000", "30000"),
        "C": ("7", "60000", "40000"),
        "E": ("6.5", "40000", "30000"),
        "D": ("4", "40000", "30000"),
    }
    out = {}
    for name, (score, lead_costs, partner_costs) in specs.items():
        application = make_application(
            call, be_lead, nl_partner, title=f"Project {name}", lead_costs=lead_costs, partner_costs=partner_costs
        )
        out[name] = set_consensus(assessed(make_eligible(application)), score, users["secretariat"])
    return out
