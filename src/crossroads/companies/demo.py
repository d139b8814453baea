"""The demo programme: fictional companies from demo_data/companies.json and a user for every role.

Idempotent: running it again updates what is there and creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from crossroads.accounts.models import PartnerOrganisation, Role, User
from crossroads.core import clock
from crossroads.programme.models import Programme, Province
from crossroads.programme.services import programme_load_default

from .identifiers import normalise_enterprise_number
from .models import (
    Company,
    CompanyMembership,
    DeMinimisAid,
    Establishment,
    FinancialYear,
    Holding,
    MembershipRole,
    NaceCode,
)
from .rules.types import add_months
from .services import establishment_nuts3

DEMO_DATA = Path(__file__).resolve().parent / "demo_data" / "companies.json"
# Issue 15: an exempt investor, enterprises linked through a person, a partner abroad, a start-up with an estimate.
SME_CASES = Path(__file__).resolve().parent / "demo_data" / "sme_cases.json"
DEMO_PASSWORD = "crossroads-demo"
# Fixed base32 secrets so the demo's staff can add them to an authenticator app (or run `make demo-totp`).
DEMO_TOTP_SECRETS = {
    "adviser.vlaio@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA",
    "adviser.bom@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB",
    "secretariaat@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXC",
    "beoordelaar@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXD",
    "financien@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXE",
    "financien.controle@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXG",
    "admin@crossroads.example": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXF",
}


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    first_name: str
    last_name: str
    agency: str | None = None
    provinces: tuple[str, ...] = ()


DEMO_USERS = [
    DemoUser("ondernemer@crossroads.example", Role.APPLICANT, "Ineke", "Verhulst"),
    DemoUser("ondernemer.nl@crossroads.example", Role.APPLICANT, "Joost", "van Dijk"),
    DemoUser("adviser.vlaio@crossroads.example", Role.ADVISER, "Wouter", "Claes", "vlaio"),
    DemoUser("adviser.bom@crossroads.example", Role.ADVISER, "Sanne", "de Groot", "bom", ("NL41",)),
    DemoUser("secretariaat@crossroads.example", Role.SECRETARIAT, "Els", "Maes", "interreg-vl-nl"),
    DemoUser("beoordelaar@crossroads.example", Role.ASSESSOR, "Pieter", "Janssens"),
    DemoUser("financien@crossroads.example", Role.FINANCE, "Marleen", "Bakker", "interreg-vl-nl"),
    # A second finance officer: whoever verified a claim cannot approve its payment (four eyes).
    DemoUser("financien.controle@crossroads.example", Role.FINANCE, "Karel", "Jacobs", "interreg-vl-nl"),
    DemoUser("admin@crossroads.example", Role.ADMIN, "Admin", "CrossRoads"),
]


def _user(spec: DemoUser) -> User:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(spec.email, DEMO_PASSWORD)
    user.first_name, user.last_name, user.role = spec.first_name, spec.last_name, spec.role
    user.agency = PartnerOrganisation.objects.filter(code=spec.agency).first() if spec.agency else None
    user.is_superuser = spec.role == Role.ADMIN
    user.save()
    user.covered_provinces.set(Province.objects.filter(code__in=spec.provinces))
    EmailAddress.objects.update_or_create(user=user, email=spec.email, defaults={"verified": True, "primary": True})
    secret = DEMO_TOTP_SECRETS.get(spec.email)
    if secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return user


def _company(entry: dict, programme: Programme) -> Company:
    country = entry["address"]["country"] if entry.get("country") is None else entry["country"]
    number = normalise_enterprise_number(country, entry["enterprise_number"])
    company, _ = Company.objects.update_or_create(
        country=country,
        enterprise_number=number,
        defaults={
            "legal_name": entry["name"],
            "legal_form": entry["legal_form"],
            "vat_number": entry.get("vat", ""),
            "role": entry.get("role", "sme"),
            "founded_on": dt.date.fromisoformat(entry["founded"]),
            "description": entry.get("description_nl", ""),
            "description_en": entry.get("description_en", ""),
            "website": "",
            "is_fictional": True,
        },
    )
    company.themes.set(programme.themes.filter(code__in=entry.get("themes", [])))
    _establishment_and_figures(company, entry)
    for aid in entry.get("de_minimis", []):
        DeMinimisAid.objects.update_or_create(
            company=company,
            granted_on=dt.date.fromisoformat(aid["granted_on"]),
            granting_body=aid["granting_body"],
            defaults={"amount": Decimal(aid["amount"]), "description": aid.get("description", "")},
        )
    return company


def _party(entry: dict) -> Company:
    """A company or holder of the SME cases: found again by its number, its identifier abroad, or (a person) its
    name, so that loading twice creates nothing twice."""
    country, kind = entry["country"], entry["kind"]
    if entry.get("enterprise_number"):
        lookup = {
            "country": country,
            "enterprise_number": normalise_enterprise_number(country, entry["enterprise_number"]),
        }
    elif entry.get("foreign_identifier"):
        lookup = {"country": country, "foreign_identifier": entry["foreign_identifier"]}
    else:
        lookup = {"legal_name": entry["name"], "kind": kind, "is_fictional": True}
    today = clock.today_brussels()
    founded = entry.get("founded")
    company, _ = Company.objects.update_or_create(
        **lookup,
        defaults={
            "legal_name": entry["name"],
            "legal_form": entry.get("legal_form", ""),
            "kind": kind,
            "investor_type": entry.get("investor_type", ""),
            "role": entry.get("role", "sme"),
            "founded_on": (
                today - dt.timedelta(days=90)
                if founded == "estimate"
                else dt.date.fromisoformat(founded)
                if founded
                else None
            ),
            "description": entry.get("description_nl", ""),
            "description_en": entry.get("description_en", ""),
            "is_fictional": True,
        },
    )
    return company


def _establishment_and_figures(company: Company, entry: dict) -> None:
    """The registered office (when given), NACE codes and closed financial years of a demo company or holder."""
    address = entry.get("address")
    if address:
        Establishment.objects.update_or_create(
            company=company,
            is_registered_office=True,
            defaults={
                "street": address["street"],
                "postcode": address["postcode"],
                "city": address["city"],
                "country": address["country"],
                "is_project_site": True,
                "nuts3_id": establishment_nuts3(address["country"], address["postcode"]),
            },
        )
    NaceCode.objects.filter(company=company).delete()
    for index, code in enumerate(entry.get("nace", [])):
        NaceCode.objects.create(company=company, code=code, revision="2.0", is_main=index == 0)
    for year in entry.get("financials", []):
        FinancialYear.objects.update_or_create(
            company=company,
            year=year["year"],
            is_interim=False,
            defaults={
                "staff_fte": Decimal(year["fte"]),
                "annual_work_units": Decimal(year["awu"]) if year.get("awu") else None,
                "turnover": Decimal(year["turnover"]),
                "balance_sheet_total": Decimal(year["balance_total"]),
                "equity": Decimal(year["equity"]),
                "subscribed_capital": Decimal(year["subscribed_capital"]),
                "closing_date": dt.date(year["year"], 12, 31),
            },
        )


def _party_details(company: Company, entry: dict) -> None:
    _establishment_and_figures(company, entry)
    _party_aid(company, entry.get("de_minimis", []))
    estimate = entry.get("estimate")
    if estimate:  # Art. 4(3): the current year's good-faith estimate, attested
        today = clock.today_brussels()
        FinancialYear.objects.filter(company=company, is_estimate=True).exclude(year=today.year).delete()
        FinancialYear.objects.update_or_create(
            company=company,
            year=today.year,
            is_interim=False,
            defaults={
                "is_estimate": True,
                "staff_fte": Decimal(estimate["fte"]),
                "annual_work_units": Decimal(estimate["awu"]),
                "turnover": Decimal(estimate["turnover"]),
                "balance_sheet_total": Decimal(estimate["balance_total"]),
                "equity": Decimal(estimate["equity"]),
                "subscribed_capital": Decimal(estimate["subscribed_capital"]),
                "attested_on": today,
                "attested_by": estimate["attested_by"],
            },
        )


def _party_aid(company: Company, entries: list[dict]) -> None:
    """De minimis aid with its granting Member State (Reg. 2023/2831 Art. 3(2)), dated back from today so that it
    stays inside the three-year window whenever the demo is loaded."""
    today = clock.today_brussels()
    for aid in entries:
        DeMinimisAid.objects.update_or_create(
            company=company,
            granting_body=aid["granting_body"],
            member_state=aid.get("member_state", ""),
            defaults={
                "granted_on": add_months(today, -int(aid["months_ago"])),
                "amount": Decimal(aid["amount"]),
                "description": aid.get("description", ""),
            },
        )


def _sme_cases_load() -> int:
    cases = json.loads(SME_CASES.read_text(encoding="utf-8"))
    parties = {}
    for entry in cases["parties"]:
        parties[entry["key"]] = _party(entry)
        _party_details(parties[entry["key"]], entry)
    for holding in cases["holdings"]:
        Holding.objects.update_or_create(
            owner=parties[holding["owner"]],
            owned=parties[holding["owned"]],
            defaults={
                "percent": Decimal(holding["percent"]),
                "voting_percent": Decimal(holding["voting_percent"]) if holding.get("voting_percent") else None,
                "acting_jointly_group": holding.get("acting_jointly_group", ""),
                "started_on": dt.date.fromisoformat(holding["started_on"]) if holding.get("started_on") else None,
            },
        )
    return len(parties)


@transaction.atomic
def demo_load() -> dict[str, int]:
    programme = programme_load_default()
    users = {spec.email: _user(spec) for spec in DEMO_USERS}
    entries = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    by_key = {entry["key"]: _company(entry, programme) for entry in entries}
    for entry in entries:
        for holding in entry.get("holdings", []):
            Holding.objects.update_or_create(
                owner=by_key[entry["key"]],
                owned=by_key[holding["in"]],
                defaults={"percent": Decimal(holding["percent"])},
            )
    # The two demo entrepreneurs manage a Flemish and a Dutch SME.
    be_first = next(c for c in by_key.values() if c.country == "BE" and c.role == "sme")
    nl_first = next(c for c in by_key.values() if c.country == "NL" and c.role == "sme")
    for email, company in (("ondernemer@crossroads.example", be_first), ("ondernemer.nl@crossroads.example", nl_first)):
        CompanyMembership.objects.update_or_create(
            user=users[email], company=company, defaults={"role": MembershipRole.MANAGER}
        )
    cases = _sme_cases_load()
    return {"companies": len(by_key) + cases, "users": len(users)}
