"""The partner organisations' public contact details and the adviser finder ("find my adviser").

Only what an organisation publishes (its name, website, public e-mail and phone, the provinces it serves) and the
advisers who agreed to be named (`listed_publicly`, with their work e-mail address) are read here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from crossroads.accounts.models import PartnerOrganisation, Role, User
from crossroads.programme.models import Nuts3, Province, RegionStatus
from crossroads.programme.regions import PostcodeError, normalise_postcode, nuts3_for_postcode, nuts3_table


@dataclass(frozen=True)
class PublicAdviser:
    name: str
    email: str


@dataclass(frozen=True)
class AdviserResult:
    """What the finder answers. `outcome`: "found" (agencies serve the province), "outside" (a real postcode
    outside the area the agencies serve), "unknown" (no such postcode) or "invalid" (not a postcode)."""

    outcome: str
    postcode: str = ""
    country: str = ""
    region: str = ""  # NUTS3 name
    province: str = ""
    region_status: str = ""  # core / extended / outside for the current programme, if known
    agencies: tuple[PartnerOrganisation, ...] = ()
    advisers: dict[int, tuple[PublicAdviser, ...]] = field(default_factory=dict)
    fallback: tuple[PartnerOrganisation, ...] = ()  # whom to ask instead


def _advisers() -> QuerySet[User]:
    return User.objects.filter(role=Role.ADVISER, is_active=True, listed_publicly=True).prefetch_related(
        "covered_provinces"
    )


def public_agencies() -> list[PartnerOrganisation]:
    """The seven partner organisations with the provinces each serves (two queries)."""
    provinces = Prefetch("provinces", queryset=Province.objects.order_by("country", "name"))
    return list(PartnerOrganisation.objects.prefetch_related(provinces).order_by("country", "name"))


def programme_wide(agencies: list[PartnerOrganisation]) -> tuple[PartnerOrganisation, ...]:
    """The organisations that serve no single province: the programme's secretariat."""
    return tuple(a for a in agencies if not a.provinces.all())


def guess_country(text: str) -> str:
    """A postcode with letters is Dutch; four digits alone could be either country."""
    return "NL" if any(c.isalpha() for c in (text or "").upper().replace("NL", "").replace("B-", "")) else ""


def _province_of(code: str) -> tuple[str, str, str]:
    """(NUTS3 name, province code, province name) of a NUTS3 code, from the database or the shipped table."""
    nuts3 = Nuts3.objects.select_related("province").filter(code=code).first()
    if nuts3 is not None:
        return nuts3.name, nuts3.province_id, nuts3.province.name
    row = nuts3_table().get(code, {})
    return row.get("name", ""), row.get("nuts2", ""), row.get("nuts2_name", "")


def _region_status(code: str) -> str:
    from crossroads.programme.selectors import current_programme

    try:
        programme = current_programme()
    except Exception:
        return ""
    status = RegionStatus.objects.filter(programme=programme, nuts3_id=code).values_list("status", flat=True).first()
    return status or nuts3_table().get(code, {}).get("region_status", "")


def _advisers_for(agencies: tuple[PartnerOrganisation, ...], province: str) -> dict[int, tuple[PublicAdviser, ...]]:
    found: dict[int, list[PublicAdviser]] = {a.pk: [] for a in agencies}
    serving = {a.pk: {p.code for p in a.provinces.all()} for a in agencies}
    for adviser in _advisers().filter(agency__in=[a.pk for a in agencies]).order_by("last_name", "first_name"):
        agency_id = adviser.agency_id
        assert agency_id is not None  # filtered on agency__in
        own = {p.code for p in adviser.covered_provinces.all()} or serving[agency_id]
        if province in own:
            name = adviser.get_full_name() or adviser.email
            found[agency_id].append(PublicAdviser(name=name, email=adviser.email))
    return {pk: tuple(people) for pk, people in found.items()}


def find_adviser(country: str, postcode: str) -> AdviserResult:
    """The agencies (and advisers who agreed to be named) for the province of a Belgian or Dutch postcode."""
    agencies = public_agencies()
    fallback = programme_wide(agencies)
    country = (country or guess_country(postcode)).upper()
    try:
        normal = normalise_postcode(country, postcode)
        code = nuts3_for_postcode(country, postcode)
    except PostcodeError:
        return AdviserResult("invalid", postcode=postcode[:20], country=country, fallback=fallback)
    if code is None:
        return AdviserResult("unknown", postcode=normal, country=country, fallback=fallback)
    region, province, province_name = _province_of(code)
    status = _region_status(code)
    serving = tuple(a for a in agencies if province in {p.code for p in a.provinces.all()})
    base: dict[str, Any] = {"postcode": normal, "country": country, "region": region, "province": province_name}
    if not serving:
        # Brussels or Wallonia: the Flemish agency is the nearest; the Dutch agencies each serve one province only.
        nearest = tuple(a for a in agencies if country == "BE" and a.country == "BE" and a.provinces.all())
        return AdviserResult("outside", region_status=status, fallback=nearest[:1] + fallback, **base)
    return AdviserResult(
        "found",
        region_status=status,
        agencies=serving,
        advisers=_advisers_for(serving, province),
        fallback=fallback,
        **base,
    )
