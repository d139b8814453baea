"""One small world for the security tests: two unrelated companies (A in Antwerp, B in Maastricht), an application X
(lead L in Geel, partner P in Maastricht) that went through the whole assessment (screened, scored, ranked,
decided, letter sent, objection lodged), assessors assigned to X, not assigned, and conflicted with it, and one
actor per role. Every security test reads the same world, so a matrix row means the same thing everywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from crossroads.accounts.models import Role, User
from crossroads.companies.models import Company
from tests.conftest import TEST_TOTP_SECRET, make_user

PASSWORD = "a-long-test-password"

# The actors of the matrix, in the order the report lists them.
ACTORS = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "partner",
    "lead",
    "adviser_region",
    "adviser_other",
    "assessor_assigned",
    "assessor_unassigned",
    "assessor_conflicted",
    "secretariat",
    "finance",
    "admin",
    "staff_no_mfa",
)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Tasks run on commit, fast hashing, plain static files, files in a temporary directory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    users: dict[str, User]
    ids: dict[str, Any] = field(default_factory=dict)


def login(client: Client, user: User) -> Client:
    """Log `user` in; a staff member as one who completed the two-step login (password, then TOTP code)."""
    from tests.conftest import simulate_completed_two_step_login

    client.force_login(user)
    simulate_completed_two_step_login(client, user)  # what the autouse fixture does for force_login; explicit here
    return client


def password_only_login(client: Client, user: User) -> Client:
    """E-mail and password through the real login page, then stop before the TOTP step."""
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 302), response.status_code
    return client


def actor_client(world: World, actor: str) -> Client:
    client = Client()
    if actor == "anonymous":
        return client
    if actor == "staff_no_mfa":
        return password_only_login(client, world.users[actor])
    return login(client, world.users[actor])


def _people() -> dict[str, User]:
    from allauth.mfa.totp.internal.auth import TOTP

    users = {
        "applicant_a": make_user("anna@scheldewarmte.example", Role.APPLICANT),
        "applicant_b": make_user("bram@maasdata.example", Role.APPLICANT),
        "lead": make_user("lena@kempenwarmte.example", Role.APPLICANT),
        "partner": make_user("piet@polderdata.example", Role.APPLICANT),
        "adviser_region": make_user("adviser@vlaio.example", Role.ADVISER, agency="vlaio"),
        "adviser_other": make_user("adviser@liof.example", Role.ADVISER, agency="liof"),
        "assessor_unassigned": make_user("idle@assessors-nl.example", Role.ASSESSOR),
        "secretariat": make_user("secretariat@interreg.example", Role.SECRETARIAT, agency="interreg-vl-nl"),
        "finance": make_user("finance@interreg.example", Role.FINANCE),
        "admin": make_user("admin@interreg.example", Role.ADMIN),
        "staff_no_mfa": make_user("secretariat2@interreg.example", Role.SECRETARIAT, agency="interreg-vl-nl"),
    }
    assert TOTP.__name__  # the staff above carry a real TOTP device (make_user), secret TEST_TOTP_SECRET
    assert TEST_TOTP_SECRET
    return users


def _companies(users: dict[str, User]) -> dict[str, Company]:
    """A and B (unrelated to X), and X's lead and partner, each managed by its applicant."""
    from crossroads.companies.models import CompanyMembership
    from tests.conftest import make_company

    companies = {
        "applicant_a": make_company("Scheldewarmte BV", number="0403.019.261", postcode="2000", city="Antwerpen"),
        "applicant_b": make_company(
            "Maasdata BV", country="NL", number="12345678", postcode="6211 CK", city="Maastricht"
        ),
        "lead": make_company("Kempense Warmte BV", number="0202.239.951", postcode="2440", city="Geel"),
        "partner": make_company(
            "Polderdata BV", country="NL", number="87654321", postcode="6211 CK", city="Maastricht"
        ),
    }
    for actor, company in companies.items():
        CompanyMembership.objects.create(user=users[actor], company=company, role="manager")
    return companies


def _company_records(users: dict[str, User], company_a: Company) -> dict[str, Any]:
    """A's de minimis aid and open invitation, and an adviser's import batch."""
    from crossroads.companies.models import DeMinimisAid, ImportBatch, Invitation

    aid = DeMinimisAid.objects.create(
        company=company_a, granted_on=dt.date(2024, 3, 1), amount=Decimal("10000"), granting_body="VLAIO"
    )
    invitation = Invitation.objects.create(
        company=company_a,
        email="colleague@scheldewarmte.example",
        token="invite-token-a",
        invited_by=users["applicant_a"],
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    batch = ImportBatch.objects.create(created_by=users["adviser_region"], filename="companies.csv", rows=[])
    return {
        "establishment_a": company_a.establishments.first().pk,
        "figures_a": company_a.financial_years.first().pk,
        "aid_a": aid.pk,
        "invitation_token": invitation.token,
        "batch": batch.pk,
    }


def _matchmaking(users: dict[str, User], companies: dict[str, Company]) -> dict[str, Any]:
    """A's published profile, B's interest in it, A's saved search, an adviser's introduction of A and X's partner."""
    from crossroads.matching.models import (
        CooperationProfile,
        ExpressionOfInterest,
        Introduction,
        ProfileStatus,
        SavedSearch,
    )

    company_a = companies["applicant_a"]
    profile_a = CooperationProfile.objects.create(
        company=company_a,
        title="Warmtepompen voor kassen",
        offers="Een testopstelling voor warmtepompen.",
        seeks="Een partner voor sensoren.",
        status=ProfileStatus.PUBLISHED,
        published_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=365),
    )
    interest = ExpressionOfInterest.objects.create(
        sender_company=companies["applicant_b"],
        sender_user=users["applicant_b"],
        target_company=company_a,
        target_profile=profile_a,
        message="Samen sensoren bouwen?",
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    saved_search = SavedSearch.objects.create(user=users["applicant_a"], company=company_a, name="Sensoren")
    introduction = Introduction.objects.create(
        adviser=users["adviser_region"], company_a=company_a, company_b=companies["partner"], note="Kennismaken?"
    )
    return {
        # Profiles are addressed by an opaque reference where the code has one (sequential ids gave anonymous
        # profiles away), by their id otherwise.
        "profile_a": getattr(profile_a, "ref", profile_a.pk),
        "interest": interest.pk,
        "saved_search": saved_search.pk,
        "introduction": introduction.pk,
    }


def _application_x(users: dict[str, User], companies: dict[str, Company], call: Any) -> Any:
    """X, submitted through the application services on 10 April 2026 (the call closed on 17 April), with a work
    package, an attachment, and an invitation still open."""
    from crossroads.applications.models import Attachment, WorkPackage
    from crossroads.core.clock import BRUSSELS
    from tests.conftest import submitted_application

    application = submitted_application(
        call,
        companies["lead"],
        companies["partner"],
        title="Warmte over de grens",
        owner=users["lead"],
        partner_user=users["partner"],
        submitted_at=dt.datetime(2026, 4, 10, 12, tzinfo=BRUSSELS),
        planned_start=dt.date(2026, 9, 1),
        idempotency_key="security-world-1",
    )
    application.partners.create(order=2, invite_token="join-token-x")
    WorkPackage.objects.create(application=application, number=1, title="Pilot")
    attachment = Attachment(
        application=application,
        partner=application.partners.get(is_lead=True),
        kind="other",
        original_name="offerte.pdf",
        content_type="application/pdf",
        size=10,
        sha256="ab" * 32,
        uploaded_by=users["lead"],
    )
    attachment.file.save("offerte.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    return application


def _assessment(users: dict[str, User], application: Any, call: Any) -> dict[str, Any]:
    """X screened, with a consensus, ranked, approved, objected to; one assessor assigned, one conflicted."""
    from crossroads.assessment.models import Outcome
    from crossroads.assessment.services import decisions as decision_services
    from crossroads.assessment.services.ranking import ranking_freeze
    from tests.assessment.conftest import invite, make_assessor, make_eligible, set_consensus

    set_consensus(make_eligible(application), "8", users["secretariat"])
    ranking_freeze(actor=users["secretariat"], call=call)
    decision = decision_services.decision_record(
        actor=users["secretariat"], application=application, outcome=Outcome.APPROVE, reasons="Good."
    )
    objection = decision_services.objection_lodge(actor=users["lead"], decision=decision, grounds="Too little.")
    users["assessor_assigned"] = make_assessor("expert@assessors-be.example", "BE")
    users["assessor_conflicted"] = make_assessor("former@assessors-be.example", "BE", employer=application.lead_company)
    assigned = invite(application, users["assessor_assigned"], declared=False)
    conflicted = invite(application, users["assessor_conflicted"], declared=None)
    return {
        "decision": decision.pk,
        "objection": objection.pk,
        "assignment": assigned.pk,
        "assignment_conflicted": conflicted.pk,
    }


def build_world() -> World:
    from crossroads.matching import index_service
    from crossroads.programme.models import Call, CallDocument

    index_service.reset()
    users = _people()
    companies = _companies(users)
    records = {**_company_records(users, companies["applicant_a"]), **_matchmaking(users, companies)}
    call = Call.objects.get(code="crossroads-2026-1")
    document = CallDocument.objects.create(call=call, title="Oproeptekst")
    document.file.save("oproep.pdf", ContentFile(b"%PDF-1.4 call text"), save=True)
    application = _application_x(users, companies, call)

    world = World(users=users)
    world.ids.update(
        company_a=companies["applicant_a"].pk,
        company_b=companies["applicant_b"].pk,
        company_lead=companies["lead"].pk,
        company_partner=companies["partner"].pk,
        **records,
        call=call.pk,
        call_code=call.code,
        call_document=document.pk,
        application=application.pk,
        lead_partner=application.partners.get(is_lead=True).pk,
        invited_partner=application.partners.get(invite_token="join-token-x").pk,
        join_token="join-token-x",
        attachment=application.attachments.get(original_name="offerte.pdf").pk,
        **_assessment(users, application, call),
    )
    from .world_grants import build_grants

    world.ids.update(build_grants(users, application))
    return world


@pytest.fixture
def world(programme, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    from crossroads.matching import index_service

    with django_capture_on_commit_callbacks(execute=True):
        built = build_world()
    yield built
    index_service.reset()
