"""Building the engine's view (MatchProfile) of companies and cooperation profiles from the database."""

from __future__ import annotations

from crossroads.companies.models import Company
from crossroads.companies.rules.size import linked_group
from crossroads.companies.rules.types import Link
from crossroads.companies.selectors import CompanyVerdicts, _group_company_ids, company_verdicts
from crossroads.programme.models import Programme
from crossroads.programme.selectors import current_programme

from .engine import MatchProfile
from .identity import redactor
from .models import CooperationProfile, ProfileStatus

# Persons and public bodies are recorded as holders of enterprises (Rec. 2003/361 Annex Art. 3): they are no
# partners themselves, and the index never offers them as candidates.
HOLDER = "holder"


def company_key(company: Company) -> str:
    return f"c:{company.pk}"


def _company_facts(company: Company, programme: Programme, verdicts: CompanyVerdicts | None) -> dict:
    verdicts = verdicts or company_verdicts(company, programme=programme)
    _ids, holdings = _group_company_ids(company)
    links = [Link(h.owner_id, h.owned_id, h.percent, h.has_control) for h in holdings]
    group = linked_group(company.pk, links, programme.rules())
    site = company.project_establishment
    return {
        "company_id": f"company:{company.pk}",
        "group_ids": frozenset(f"company:{pk}" for pk in group if pk != company.pk),
        "country": site.country if site else company.country,
        "region_status": verdicts.eligibility.region_status,
        "province": site.nuts3.province_id if site and site.nuts3 else "",
        "nace": tuple(n.code for n in company.nace_codes.all()),
        "size_class": verdicts.size.size_class,
        "participation": verdicts.eligibility.outcome if company.kind == "enterprise" else HOLDER,
    }


def company_match_profile(
    company: Company, *, programme: Programme | None = None, verdicts: CompanyVerdicts | None = None
) -> MatchProfile:
    programme = programme or current_programme()
    return MatchProfile(
        id=company_key(company),
        name=company.legal_name,
        description=company.description or company.description_en,
        themes=frozenset(company.themes.values_list("code", flat=True)),
        kind="company",
        **_company_facts(company, programme, verdicts),
    )


def cooperation_match_profile(
    profile: CooperationProfile, *, programme: Programme | None = None, verdicts: CompanyVerdicts | None = None
) -> MatchProfile:
    """An anonymous profile is matched on its own words only: the company description would give it away. Its
    words are indexed with the company's name, website and numbers blanked, so that searching for "Visiolab" does
    not bring up Visiolab's anonymous profile (nor a shared term "visiolab" among the reasons)."""
    programme = programme or current_programme()
    company = profile.company
    description = profile.idea
    offers, seeks = profile.offer_list, profile.seek_list
    if not profile.is_anonymous:
        description = " ".join(filter(None, [profile.idea, company.description or company.description_en]))
    else:
        redact = redactor(company)
        description, offers, seeks = redact(description), [redact(x) for x in offers], [redact(x) for x in seeks]
    return MatchProfile(
        id=profile.index_key,
        name="" if profile.is_anonymous else company.legal_name,
        description=description,
        offers=tuple(offers),
        seeks=tuple(seeks),
        themes=frozenset(profile.themes.values_list("code", flat=True)),
        trl=profile.trl,
        kind="profile",
        **_company_facts(company, programme, verdicts),
    )


def is_matchable(profile: CooperationProfile) -> bool:
    return profile.status == ProfileStatus.PUBLISHED
