"""Reads for matchmaking: suggestions and searches turned into what a given viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse

from crossroads.companies.models import Company
from crossroads.companies.permissions import can_view_company
from crossroads.programme.models import Province

from .engine import Filters, Match
from .index_service import get_engine
from .models import CooperationProfile, ExpressionOfInterest, ProfileStatus
from .permissions import can_see_identity
from .reason_text import describe_reason


@dataclass
class Suggestion:
    key: str
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


def filters_from(params: dict) -> Filters:
    def many(name: str) -> frozenset[str]:
        values = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
        if isinstance(values, str):
            values = [values]
        return frozenset(v for v in values if v)

    def number(name: str) -> int | None:
        value = params.get(name)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    nace = (params.get("nace") or "").replace(" ", "")
    return Filters(
        countries=many("country"),
        provinces=many("province"),
        themes=many("theme"),
        nace_prefixes=tuple(p for p in nace.split(",") if p),
        size_classes=many("size"),
        trl_min=number("trl_min"),
        trl_max=number("trl_max"),
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


def _summary(text: str, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def present(viewer, matches: list[Match]) -> list[Suggestion]:  # type: ignore[no-untyped-def]
    """Matches as the viewer may see them: anonymous profiles without name, city or company text."""
    engine = get_engine()
    profile_ids = [int(m.id[2:]) for m in matches if m.id.startswith("p:")]
    company_ids = [int(m.id[2:]) for m in matches if m.id.startswith("c:")]
    profiles = {p.pk: p for p in CooperationProfile.objects.filter(pk__in=profile_ids).select_related("company")}
    companies = {c.pk: c for c in Company.objects.filter(pk__in=company_ids)}
    provinces = dict(Province.objects.values_list("code", "name"))
    out = []
    for match in matches:
        info = engine.profile(match.id)
        profile = profiles.get(int(match.id[2:])) if match.id.startswith("p:") else None
        company = profile.company if profile else companies.get(int(match.id[2:]))
        if company is None or info is None:
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
                key=match.id,
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
                profile_url=reverse("matching:profile_detail", args=[profile.pk]) if profile else "",
                company_url=reverse("companies:detail", args=[company.pk])
                if visible and can_view_company(viewer, company).allowed
                else "",
            )
        )
    return out


def redactor(company: Company):  # type: ignore[no-untyped-def]
    """Belt and braces: even if an owner typed their own name in an anonymous profile, it is not shown."""
    names = [company.legal_name, company.legal_name.rsplit(" ", 1)[0]]
    names = [n for n in names if len(n) >= 4]

    def redact(text: str) -> str:
        for name in names:
            text = text.replace(name, "[…]")
        return text

    return redact


def published_profiles() -> QuerySet[CooperationProfile]:
    return CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED)


def interests_for(user) -> tuple[QuerySet, QuerySet]:  # type: ignore[no-untyped-def]
    companies = user.memberships.values_list("company_id", flat=True)
    base = ExpressionOfInterest.objects.select_related("sender_company", "target_company", "target_profile")
    return base.filter(target_company__in=companies), base.filter(sender_company__in=companies)
