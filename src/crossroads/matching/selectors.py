"""Reads for matchmaking: suggestions and searches turned into what a given viewer may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from crossroads.companies.models import Company
from crossroads.companies.permissions import can_view_company
from crossroads.core.numbers import parse_int_id
from crossroads.programme.models import Province

from .contacts import ContactCard, contact_card
from .countries import country_label
from .engine import Filters, Match
from .engine.index import ELIGIBLE_REGIONS
from .identity import redactor
from .index_service import get_engine
from .models import (
    CooperationProfile,
    ExpressionOfInterest,
    InterestStatus,
    Introduction,
    IntroductionReply,
    ProfileStatus,
    ReplyStatus,
)
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
            shown_title = profile.display_title
            title = shown_title if not anonymous or not visible else f"{shown_title} · {company.legal_name}"
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
                reasons=[sanitize(text) for text in map(describe_reason, match.reasons) if text],
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
        "sender_company", "target_company", "target_profile", "sender_user", "responded_by"
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
    contact: ContactCard | None  # the other side's contact details, once accepted
    start_url: str = ""  # "Start a joint application together", once accepted (when that step exists)


def start_application_url(interest: ExpressionOfInterest) -> str:
    """Where both sides of an accepted expression of interest start a joint application; "" while the
    applications area does not offer that step (the page then simply shows no button)."""
    if interest.status != InterestStatus.ACCEPTED:
        return ""
    ref = getattr(interest, "public_id", None) or interest.pk
    try:
        return reverse("applications:start_from_interest", args=[ref])
    except NoReverseMatch:
        return ""


def _interest_row(
    interest: ExpressionOfInterest, *, company_name: str, title: str, contact: ContactCard
) -> InterestRow:
    accepted = interest.status == InterestStatus.ACCEPTED
    return InterestRow(
        interest=interest,
        company_name=company_name,
        title=title,
        status_label=str(interest.get_status_display()),
        pending=interest.status == InterestStatus.PENDING,
        accepted=accepted,
        contact=contact if accepted else None,
        start_url=start_application_url(interest),
    )


def interest_rows(user: AnyUser) -> tuple[list[InterestRow], list[InterestRow]]:
    """(received, sent) as rows for the interests page: labels, booleans and the contacts, no query per row
    beyond the identity check of anonymous addressees."""
    received_qs, sent_qs = interests_for(user)
    received = [
        _interest_row(
            i,
            company_name=i.sender_company.legal_name,
            title=i.target_profile.display_title if i.target_profile else "",
            contact=contact_card(i.sender_company, person=i.sender_user),
        )
        for i in received_qs
    ]
    sent = []
    for i in sent_qs:
        target = i.target_company
        visible = can_see_identity(user, target, i.target_profile, anonymous=i.target_is_anonymous)
        title = i.target_profile.display_title if i.target_profile else ""
        sent.append(
            _interest_row(
                i,
                company_name=target.legal_name if visible else "",
                title=title if visible else redactor(target)(title),
                contact=contact_card(target, person=i.responded_by),
            )
        )
    return received, sent


@dataclass(frozen=True)
class IntroductionRow:
    """One introduction as a member of one of the two companies sees it."""

    introduction: Introduction
    company: Company  # the viewer's company
    other_name: str
    other_country: str
    adviser_name: str
    my_status: str  # ReplyStatus value
    my_status_label: str
    other_status_label: str
    waiting: bool  # the viewer's company has not answered yet: the answer form is offered
    agreed: bool  # both interested: the contact details are shown
    contacts: tuple[ContactCard, ...] = ()


def introduction_rows(user: AnyUser) -> list[IntroductionRow]:
    """The introductions advisers made for the user's companies, newest first, one row per (introduction, own
    company); contact details only once both companies said they are interested."""
    companies = member_company_ids(user)
    introductions = (
        Introduction.objects.filter(Q(company_a__in=companies) | Q(company_b__in=companies))
        .select_related("adviser", "company_a", "company_b")
        .prefetch_related("replies__answered_by", "company_a__memberships__user", "company_b__memberships__user")
        .order_by("-created_at")
    )
    rows = []
    for intro in introductions:
        replies = {r.company_id: r for r in intro.replies.all()}
        for mine, other in ((intro.company_a, intro.company_b), (intro.company_b, intro.company_a)):
            if mine.pk in companies:
                rows.append(_introduction_row(intro, mine, other, replies))
    return rows


def _reply_status(replies: dict[int, IntroductionReply], company: Company) -> str:
    reply = replies.get(company.pk)
    return reply.status if reply else ReplyStatus.WAITING


def _introduction_row(
    intro: Introduction, mine: Company, other: Company, replies: dict[int, IntroductionReply]
) -> IntroductionRow:
    mine_status, other_status = _reply_status(replies, mine), _reply_status(replies, other)
    agreed = mine_status == other_status == ReplyStatus.INTERESTED
    contacts: tuple[ContactCard, ...] = ()
    if agreed:
        contacts = tuple(
            contact_card(c, person=replies[c.pk].answered_by, phone=replies[c.pk].phone) for c in (other, mine)
        )
    return IntroductionRow(
        introduction=intro,
        company=mine,
        other_name=other.legal_name,
        other_country=str(other.get_country_display()),
        adviser_name=intro.adviser.get_full_name() or intro.adviser.email,
        my_status=mine_status,
        my_status_label=str(ReplyStatus(mine_status).label),
        other_status_label=str(ReplyStatus(other_status).label),
        waiting=mine_status == ReplyStatus.WAITING,
        agreed=agreed,
        contacts=contacts,
    )
