"""Shared fixtures: the programme rulebook, one user per role (staff with a real TOTP device), companies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from crossroads.accounts.models import PartnerOrganisation, Role, User
from crossroads.companies.models import Company, CompanyMembership, Establishment, FinancialYear, MembershipRole
from crossroads.companies.services import establishment_nuts3
from crossroads.programme.models import Programme

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


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
