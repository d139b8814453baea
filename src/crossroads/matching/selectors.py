"""Reads for matchmaking: suggestions and searches turned into what a given viewer may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from crossroads.companies.models import Company
from crossroads.companies.permissions import can_view_company
from crossroads.core.numbers import parse_int_id
from crossroads.programme.models import Province

from .engine import Filters, Match
from .engine.index import ELIGIBLE_REGIONS
from .identity import redactor
from .index_service import get_engine
from .models import CooperationProfile, ExpressionOfInterest, InterestStatus, ProfileStatus
from .permissions import can_see_identity, member_company_ids
from .reason_text import describe_reason

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.accounts.requests import AnyUser


@dataclass
class Suggestion:
    key: str  # what pages, the API and e-mails show: "c:<company id>" or "p:<opaque profile id>"
    score: float
    mutual: bool
    title: str
    anonymous: bool
    country: str
    province: str
    company: Company | None  # None when the viewer may not know who it is
    profile: CooperationProfile | None
    summary: str
    reasons: list[str] = field(default_factory=list)
    profile_url: str = ""
    company_url: str = ""
    index_key: str = ""  # the engine's key ("p:<pk>"): internal, never rendered

    @property
    def country_label(self) -> str:
        return country_label(self.country)


# How the result list names each side of the border (Flanders is the Belgian side of this programme); another
# country is named by its code until it has a label here.
_COUNTRY_LABELS = {"BE": gettext_lazy("Flanders"), "NL": gettext_lazy("Netherlands")}


def country_label(code: str) -> str:
    return str(_COUNTRY_LABELS.get(code, code))


def filters_from(data: dict) -> Filters:
    """The engine's filters from a valid `PartnerSearchForm`'s cleaned data."""
    nace = (data.get("nace") or "").replace(" ", "")
    return Filters(
        countries=frozenset(data.get("country") or ()),
        provinces=frozenset(data.get("province") or ()),
        themes=frozenset(data.get("theme") or ()),
        nace_prefixes=tuple(p for p in nace.split(",") if p),
        size_classes=frozenset(data.get("size") or ()),
        trl_min=data.get("trl_min"),
        trl_max=data.get("trl_max"),
    )


def filters_to_json(filters: Filters) -> dict:
    return {
        "country": sorted(filters.countries),
        "province": sorted(filters.provinces),
        "theme": sorted(filters.themes),
        "nace": ",".join(filters.nace_prefixes),
        "size": sorted(filters.size_classes),
        "trl_min": filters.trl_min,
        "trl_max": filters.trl_max,
    }


def filters_from_json(data: dict[str, Any]) -> Filters:
    """The engine's filters as `filters_to_json` stored them (a saved search)."""
    return filters_from(
        {
            "country": data.get("country") or (),
            "province": data.get("province") or (),
            "theme": data.get("theme") or (),
            "nace": data.get("nace") or "",
            "size": data.get("size") or (),
            "trl_min": data.get("trl_min"),
            "trl_max": data.get("trl_max"),
        }
    )


def _summary(text: str, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def present(viewer: AnyUser, matches: list[Match]) -> list[Suggestion]:
    """Matches as the viewer may see them: anonymous profiles without name, city or company text."""
    return [s for s in present_in_place(viewer, matches) if s is not None]


def present_in_place(viewer: AnyUser, matches: list[Match]) -> list[Suggestion | None]:
    """`present`, one item per match in the same order (None where a match cannot be shown), so that a caller
    holding several matches of the same candidate keeps each one's own reasons."""
    engine = get_engine()
    profile_ids = [int(m.id[2:]) for m in matches if m.id.startswith("p:")]
    company_ids = [int(m.id[2:]) for m in matches if m.id.startswith("c:")]
    profiles = {p.pk: p for p in CooperationProfile.objects.filter(pk__in=profile_ids).select_related("company")}
    companies = {c.pk: c for c in Company.objects.filter(pk__in=company_ids)}
    provinces = dict(Province.objects.values_list("code", "name"))
    out: list[Suggestion | None] = []
    for match in matches:
        info = engine.profile(match.id)
        profile = profiles.get(int(match.id[2:])) if match.id.startswith("p:") else None
        company = profile.company if profile else companies.get(int(match.id[2:]))
        if company is None or info is None:
            out.append(None)
            continue
        visible = can_see_identity(viewer, company, profile)
        anonymous = bool(profile and profile.is_anonymous)
        if profile:
            title = profile.title if not anonymous or not visible else f"{profile.title} · {company.legal_name}"
            summary = _summary(" ".join(profile.offer_list) or profile.idea)
        else:
            title, summary = company.legal_name, _summary(company.description or company.description_en)
        sanitize = (lambda text: text) if visible or not anonymous else redactor(company)
        out.append(
            Suggestion(
                key=profile.public_key if profile else match.id,
                index_key=match.id,
                score=match.score,
                mutual=match.mutual,
                title=sanitize(title),
                anonymous=anonymous and not visible,
                country=info.country,
                province=provinces.get(info.province, ""),
                company=company if visible else None,
                profile=profile,
                summary=sanitize(summary),
                reasons=[sanitize(describe_reason(r)) for r in match.reasons],
                profile_url=reverse("matching:profile_detail", args=[profile.ref]) if profile else "",
                company_url=reverse("companies:detail", args=[company.pk])
                if visible and can_view_company(viewer, company).allowed
                else "",
            )
        )
    return out


def profile_by_ref(user: AnyUser, ref: str) -> CooperationProfile | None:
    """A profile by its opaque id. A numeric id (old links, e-mails sent before opaque ids) only finds a profile
    whose company the user may already know: for anyone else it would say which company is behind it."""
    queryset = CooperationProfile.objects.select_related("company")
    try:
        public_id = uuid.UUID(hex=ref) if isinstance(ref, str) and len(ref) in (32, 36) else None
    except ValueError:
        public_id = None
    if public_id is not None:
        return queryset.filter(public_id=public_id).first()
    pk = parse_int_id(ref)
    if pk is None:
        return None
    profile = queryset.filter(pk=pk).first()
    if profile is None or not can_see_identity(user, profile.company, profile):
        return None
    return profile


def resolve_key(user: AnyUser, key: str) -> tuple[str, Company, CooperationProfile | None] | None:
    """A public key ("c:<id>", "p:<opaque id>") as (engine key, company, profile), or None when there is none."""
    kind, _sep, ref = (key or "").partition(":")
    if kind == "p":
        profile = profile_by_ref(user, ref)
        return (profile.index_key, profile.company, profile) if profile else None
    if kind == "c":
        pk = parse_int_id(ref)
        company = Company.objects.filter(pk=pk).first() if pk else None
        return (f"c:{company.pk}", company, None) if company else None
    return None


def shown_by_matching(company: Company) -> bool:
    """Whether the matching shows this company to others: indexed, in an eligible region, allowed to take part."""
    shown = get_engine().profile(f"c:{company.pk}")
    return shown is not None and shown.region_status in ELIGIBLE_REGIONS and shown.participation != "not_eligible"


def published_profiles() -> QuerySet[CooperationProfile]:
    return CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED)


def company_members(company: Company) -> list[User]:
    """The people who hear about what happens to a company in matchmaking (its members)."""
    return [membership.user for membership in company.memberships.select_related("user")]


def interests_for(user: AnyUser) -> tuple[QuerySet[ExpressionOfInterest], QuerySet[ExpressionOfInterest]]:
    """(received, sent) by the user's companies, with what the list shows (the contacts) fetched up front."""
    companies = member_company_ids(user)
    base = ExpressionOfInterest.objects.select_related(
        "sender_company", "target_company", "target_profile"
    ).prefetch_related("sender_company__memberships__user", "target_company__memberships__user")
    return base.filter(target_company__in=companies), base.filter(sender_company__in=companies)


@dataclass(frozen=True)
class InterestRow:
    """One expression of interest as the list shows it to the viewer."""

    interest: ExpressionOfInterest
    company_name: str  # the other side's name; "" when the viewer may not know it (an anonymous addressee)
    title: str  # the profile's title as the viewer may see it ("" without a profile)
    status_label: str
    pending: bool  # still waiting for an answer: the addressee may accept or decline
    accepted: bool
    contact: str  # the other side's addresses, once accepted


def _contact(company: Company) -> str:
    return ", ".join(m.user.email for m in company.memberships.all())  # prefetched by interests_for


def interest_rows(user: AnyUser) -> tuple[list[InterestRow], list[InterestRow]]:
    """(received, sent) as rows for the interests page: labels, booleans and the contacts, no query per row
    beyond the identity check of anonymous addressees."""
    received_qs, sent_qs = interests_for(user)
    received = [
        InterestRow(
            interest=i,
            company_name=i.sender_company.legal_name,
            title=i.target_profile.title if i.target_profile else "",
            status_label=str(i.get_status_display()),
            pending=i.status == InterestStatus.PENDING,
            accepted=i.status == InterestStatus.ACCEPTED,
            contact=_contact(i.sender_company) if i.status == InterestStatus.ACCEPTED else "",
        )
        for i in received_qs
    ]
    sent = []
    for i in sent_qs:
        target = i.target_company
        visible = can_see_identity(user, target, i.target_profile, anonymous=i.target_is_anonymous)
        title = i.target_profile.title if i.target_profile else ""
        sent.append(
            InterestRow(
                interest=i,
                company_name=target.legal_name if visible else "",
                title=title if visible else redactor(target)(title),
                status_label=str(i.get_status_display()),
                pending=i.status == InterestStatus.PENDING,
                accepted=i.status == InterestStatus.ACCEPTED,
                contact=_contact(target) if i.status == InterestStatus.ACCEPTED else "",
            )
        )
    return received, sent
