"""Shared fixtures: the programme rulebook, one user per role (staff with a real TOTP device), companies, submitted
applications built through the application services, and a frozen clock for one-time codes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from crossroads.accounts.models import PartnerOrganisation, Role, User
from crossroads.companies.models import Company, CompanyMembership, Establishment, FinancialYear, MembershipRole
from crossroads.companies.services import establishment_nuts3
from crossroads.programme.models import Programme

if TYPE_CHECKING:
    from crossroads.applications.models import Application
    from crossroads.programme.models import Call

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# The instant the one-time-code check sees under `frozen_totp_clock` (a Unix time, any fixed one will do): a code
# computed for it stays valid however long the test takes, and never straddles a 30-second step.
TOTP_FROZEN_AT = 1_790_000_000


def pytest_configure(config):  # type: ignore[no-untyped-def]
    config.addinivalue_line(
        "markers",
        "real_login: client.force_login does NOT simulate the completed two-step login (tests of the MFA gate)",
    )


def simulate_completed_two_step_login(client: Client, user: User) -> None:
    """Write what allauth writes in the session after password + one-time code (its authentication records).

    Stands for a completed two-step login; tests/accounts/test_mfa_gate.py does the real login instead."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    totp = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if totp is None:
        return  # without a device there is nothing to pass: the gate sends such staff to activate one
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()


@pytest.fixture(autouse=True)
def _two_step_force_login(request, monkeypatch):  # type: ignore[no-untyped-def]
    """`client.force_login(staff_user_with_device)` stands for a completed two-step login (unless `real_login`)."""
    if request.node.get_closest_marker("real_login"):
        return
    original = Client.force_login

    def force_login(self, user, backend=None):  # type: ignore[no-untyped-def]
        original(self, user, backend)
        if getattr(user, "is_staff_role", False) or user.is_staff or user.is_superuser:
            simulate_completed_two_step_login(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Login rate limits live in the cache: one test's failed logins must not lock out the next test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _flush_keeps_the_audit_triggers():  # type: ignore[no-untyped-def]
    """Transactional tests (live_server) end with a flush of every table; the audit table refuses DELETE and
    TRUNCATE (core migration 0004), so the flush lifts its triggers for that one statement batch and puts them
    back. Only the test database's flush does this."""
    from django.core.management.commands import flush

    original = flush.sql_flush

    def sql_flush(style, connection, *args, **kwargs):  # type: ignore[no-untyped-def]
        statements = original(style, connection, *args, **kwargs)
        if not any("core_auditevent" in statement for statement in statements):
            return statements
        if connection.vendor == "postgresql":
            return [
                "ALTER TABLE core_auditevent DISABLE TRIGGER USER;",
                *statements,
                "ALTER TABLE core_auditevent ENABLE TRIGGER USER;",
            ]
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditevent'"
                )
                triggers = cursor.fetchall()
            return [
                *(f"DROP TRIGGER {name};" for name, _sql in triggers),
                *statements,
                *(f"{sql};" for _name, sql in triggers),
            ]
        return statements

    flush.sql_flush = sql_flush
    yield
    flush.sql_flush = original


@pytest.fixture
def programme(db) -> Programme:  # type: ignore[no-untyped-def]
    from crossroads.programme.services import programme_load_default

    return programme_load_default()


def make_user(email: str, role: str, *, agency: str | None = None, mfa: bool = True) -> User:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.create_user(email, "a-long-test-password", role=role)
    if agency:
        user.agency = PartnerOrganisation.objects.get(code=agency)
        user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa and user.is_staff_role:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


@pytest.fixture
def users(programme) -> dict[str, User]:  # type: ignore[no-untyped-def]
    return {
        "applicant": make_user("applicant@test.example", Role.APPLICANT),
        "other_applicant": make_user("other@test.example", Role.APPLICANT),
        "adviser_be": make_user("adviser-be@test.example", Role.ADVISER, agency="vlaio"),
        "adviser_nl": make_user("adviser-nl@test.example", Role.ADVISER, agency="liof"),
        "secretariat": make_user("secretariat@test.example", Role.SECRETARIAT, agency="interreg-vl-nl"),
        "assessor": make_user("assessor@test.example", Role.ASSESSOR),
        "finance": make_user("finance@test.example", Role.FINANCE),
        "admin": make_user("admin@test.example", Role.ADMIN),
    }


def make_company(
    name: str = "Scheldewarmte BV",
    *,
    country: str = "BE",
    number: str = "0403.019.261",
    postcode: str = "2000",
    city: str = "Antwerpen",
    legal_form: str = "BV",
    role: str = "sme",
    founded: dt.date = dt.date(2010, 1, 1),
    years: list[tuple] | None = None,
) -> Company:
    company = Company.objects.create(
        legal_name=name,
        legal_form=legal_form,
        country=country,
        enterprise_number=number,
        role=role,
        founded_on=founded,
    )
    Establishment.objects.create(
        company=company,
        street="Kaai 1",
        postcode=postcode,
        city=city,
        country=country,
        is_registered_office=True,
        is_project_site=True,
        nuts3_id=establishment_nuts3(country, postcode),
    )
    for year, fte, turnover, balance, equity, capital in years or [
        (2023, "12", "1500000", "900000", "400000", "100000"),
        (2024, "14", "1700000", "950000", "450000", "100000"),
    ]:
        FinancialYear.objects.create(
            company=company,
            year=year,
            staff_fte=Decimal(fte),
            turnover=Decimal(turnover),
            balance_sheet_total=Decimal(balance),
            equity=Decimal(equity),
            subscribed_capital=Decimal(capital),
        )
    return company


@pytest.fixture
def company_be(programme, users) -> Company:  # type: ignore[no-untyped-def]
    company = make_company()
    CompanyMembership.objects.create(user=users["applicant"], company=company, role=MembershipRole.MANAGER)
    return company


@pytest.fixture
def company_nl(programme) -> Company:  # type: ignore[no-untyped-def]
    return make_company("Maasdata BV", country="NL", number="12345678", postcode="6211 CK", city="Maastricht")


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The one-time code of `secret` at TOTP_FROZEN_AT: the code the check accepts under `frozen_totp_clock`."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, TOTP_FROZEN_AT // app_settings.TOTP_PERIOD))


@pytest.fixture
def frozen_totp_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """Freeze the clock of allauth's one-time-code check (and only it) at TOTP_FROZEN_AT; returns `totp_code`.
    The live server runs in this process, so browser logins see the same frozen clock."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal import auth

    def counters() -> Iterator[int]:
        counter = TOTP_FROZEN_AT // app_settings.TOTP_PERIOD
        yield from range(counter - app_settings.TOTP_TOLERANCE, counter + app_settings.TOTP_TOLERANCE + 1)

    monkeypatch.setattr(auth, "yield_hotp_counters_from_time", counters)
    return totp_code


_members = itertools.count(1)
DECLARATIONS = {"sme": True, "oim": True, "de_minimis": True, "truthful": True}


def company_member(company: Company) -> User:
    """A user who manages `company`: its first member, or a new applicant made one."""
    membership = company.memberships.select_related("user").order_by("pk").first()
    if membership is not None:
        return membership.user
    user = make_user(f"member-{next(_members)}@test.example", Role.APPLICANT)
    CompanyMembership.objects.create(user=user, company=company, role=MembershipRole.MANAGER)
    return user


def submitted_application(
    call: Call,
    lead: Company,
    partner: Company,
    *,
    title: str,
    submitted_at: dt.datetime,
    owner: User | None = None,
    partner_user: User | None = None,
    lead_costs: Decimal | str | int = "40000",
    partner_costs: Decimal | str | int = "30000",
    sections: dict[str, str] | None = None,
    planned_start: dt.date | None = None,
    idempotency_key: str = "",
) -> Application:
    """A submitted application built the way its users build one, through the application services, with the
    services' clock at `submitted_at` (inside the call's window): the lead's member creates it and fills every
    required section, invites `partner`, whose member joins; one consumables line each; both sign the
    declarations; the lead submits. `sections` override the default texts."""
    from crossroads.applications import services
    from crossroads.applications.models import BudgetLine

    owner = owner or company_member(lead)
    partner_user = partner_user or company_member(partner)
    with mock.patch("crossroads.core.clock.now", return_value=submitted_at.astimezone(dt.UTC)):
        application = services.application_create(actor=owner, call=call, lead=lead, title=title)
        texts = {code: f"{title}: {code}." for code in application.required_sections} | (sections or {})
        application = services.shared_update(
            actor=owner,
            application=application,
            data={
                "acronym": title[:10],
                "sections": texts,
                "duration_months": min(24, call.programme.max_duration_months),
                "planned_start": planned_start or (submitted_at + dt.timedelta(days=150)).date(),
            },
            version=application.lock_version,
            themes=list(call.themes.all()[:1]) or list(call.programme.themes.all()[:1]),
        )
        invited = services.partner_add(actor=owner, application=application, company=partner)
        joined = services.partner_join(actor=partner_user, token=invited.invite_token, company=partner)
        lead_partner = application.partners.get(is_lead=True)
        for member, who, amount, description in (
            (owner, lead_partner, lead_costs, "Sensors"),
            (partner_user, joined, partner_costs, "Test bench"),
        ):
            line = BudgetLine(category="consumables", description=description, amount=Decimal(amount))
            services.budget_line_save(actor=member, partner=who, line=line)
        services.partner_declare(actor=owner, partner=lead_partner, declarations=DECLARATIONS)
        services.partner_declare(actor=partner_user, partner=joined, declarations=DECLARATIONS)
        services.application_submit(
            actor=owner, application=application, idempotency_key=idempotency_key or f"fixture-{application.pk}"
        )
    application.refresh_from_db()
    return application
