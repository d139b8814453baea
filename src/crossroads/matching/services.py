"""Writes for matchmaking: profiles, expressions of interest, introductions, saved searches.
Each runs in one transaction, leaves an audit event and sends e-mail only after the commit (`core.notifications`).
Every status change goes through the tables in `states`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.calendar import add_months
from crossroads.core.errors import ServiceError
from crossroads.core.notifications import notify

from . import messages, states
from .embeddings import schedule_refresh
from .models import (
    CooperationProfile,
    ExpressionOfInterest,
    InterestStatus,
    Introduction,
    IntroductionReply,
    IntroductionStatus,
    ProfileStatus,
    ReplyStatus,
    SavedSearch,
)
from .permissions import can_introduce_pair
from .selectors import company_members, shown_by_matching
from .verbs import INTEREST_STATUS_VERBS, PROFILE_STATUS_VERBS, REPLY_STATUS_VERBS, MatchingVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.programme.models import Theme


# --------------------------------------------------------------------------- profiles
@transaction.atomic
def profile_save(
    *, actor: User, profile: CooperationProfile, themes: Iterable[Theme] | None = None
) -> CooperationProfile:
    before = snapshot(CooperationProfile.objects.get(pk=profile.pk)) if profile.pk else None
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    audit_record(actor=actor, verb=MatchingVerb.PROFILE_SAVE, obj=profile, before=before, after=snapshot(profile))
    schedule_refresh([profile.index_key])
    return profile


@transaction.atomic
def profile_set_status(*, actor: User, profile: CooperationProfile, status: str) -> CooperationProfile:
    """Publish (or renew: 12 more months), withdraw to draft, or expire."""
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    before = snapshot(profile)
    previous = states.PROFILE.move(profile, status)
    now = clock.now()
    if status == ProfileStatus.PUBLISHED:
        profile.published_at = profile.published_at if previous == ProfileStatus.PUBLISHED else now
        profile.expires_at = add_months(now, settings.PROFILE_VALIDITY_MONTHS)
        profile.reminder_sent_at = None
    profile.save()
    audit_record(actor=actor, verb=PROFILE_STATUS_VERBS[status], obj=profile, before=before, after=snapshot(profile))
    schedule_refresh([profile.index_key])
    return profile


def profile_expire(*, profile: CooperationProfile) -> None:
    """The daily job: a published profile past its end date (the caller holds the row lock)."""
    states.PROFILE.move(profile, ProfileStatus.EXPIRED)
    profile.save(update_fields=["status", "updated_at"])
    audit_record(actor=None, verb=MatchingVerb.PROFILE_EXPIRED, obj=profile, after={"status": profile.status})
    schedule_refresh([profile.index_key])


# ----------------------------------------------------------------- expressions of interest
class InterestError(ServiceError):
    pass


@transaction.atomic
def interest_send(
    *, actor: User, sender: Company, target: Company, profile: CooperationProfile | None, message: str
) -> ExpressionOfInterest:
    if sender.pk == target.pk:
        raise InterestError(_("You cannot express interest in your own company."))
    if ExpressionOfInterest.objects.filter(
        sender_company=sender, target_company=target, target_profile=profile, status=InterestStatus.PENDING
    ).exists():
        raise InterestError(_("You already sent an expression of interest that is waiting for an answer."))
    interest = ExpressionOfInterest.objects.create(
        sender_company=sender,
        sender_user=actor,
        target_company=target,
        target_profile=profile,
        target_anonymous=bool(profile and profile.is_anonymous),
        message=message,
        expires_at=clock.now() + dt.timedelta(days=settings.INTEREST_VALIDITY_DAYS),
    )
    audit_record(actor=actor, verb=MatchingVerb.INTEREST_SEND, obj=interest, after=snapshot(interest))
    notify(to=company_members(target), composer=messages.interest_received, params={"interest_id": interest.pk})
    return interest


@transaction.atomic
def interest_answer(*, actor: User, interest: ExpressionOfInterest, accept: bool) -> ExpressionOfInterest:
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != InterestStatus.PENDING:
        raise InterestError(_("This expression of interest has already been answered or has expired."))
    before = snapshot(interest)
    states.INTEREST.move(interest, InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED)
    interest.responded_at = clock.now()
    interest.responded_by = actor
    interest.save()
    audit_record(
        actor=actor,
        verb=INTEREST_STATUS_VERBS[interest.status],
        obj=interest,
        before=before,
        after=snapshot(interest),
    )
    notify(
        to=company_members(interest.sender_company),
        composer=messages.interest_answered,
        params={"interest_id": interest.pk, "accept": accept},
    )
    return interest


def interest_expire(*, interest: ExpressionOfInterest) -> None:
    """The daily job: a pending expression of interest past its end date (the caller holds the row lock)."""
    states.INTEREST.move(interest, InterestStatus.EXPIRED)
    interest.save(update_fields=["status"])
    audit_record(actor=None, verb=MatchingVerb.INTEREST_EXPIRED, obj=interest, after={"status": interest.status})


# --------------------------------------------------------------------------- introductions
class IntroductionError(ServiceError):
    pass


@transaction.atomic
def introduction_propose(*, actor: User, company_a: Company, company_b: Company, note: str) -> Introduction:
    permission = can_introduce_pair(actor, company_a, company_b, b_is_shown=shown_by_matching(company_b))
    if not permission:
        raise IntroductionError(str(permission.reason))
    intro = Introduction.objects.create(adviser=actor, company_a=company_a, company_b=company_b, note=note)
    IntroductionReply.objects.bulk_create(
        [IntroductionReply(introduction=intro, company=company) for company in (company_a, company_b)]
    )
    audit_record(actor=actor, verb=MatchingVerb.INTRODUCTION_PROPOSE, obj=intro, after=snapshot(intro))
    for mine, other in ((company_a, company_b), (company_b, company_a)):
        notify(
            to=company_members(mine),
            composer=messages.introduction_made,
            params={"introduction_id": intro.pk, "other_company_id": other.pk},
        )
    return intro


@transaction.atomic
def introduction_advance(*, actor: User, introduction: Introduction, status: str) -> Introduction:
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    before = snapshot(introduction)
    states.INTRODUCTION.move(introduction, status)
    introduction.save()
    audit_record(
        actor=actor,
        verb=MatchingVerb.INTRODUCTION_STATUS,
        obj=introduction,
        before=before,
        after=snapshot(introduction),
    )
    return introduction


@transaction.atomic
def introduction_reply(
    *, actor: User, introduction: Introduction, company: Company, interested: bool, note: str = "", phone: str = ""
) -> IntroductionReply:
    """One company's answer to an introduction, given once. The adviser hears every answer; when both companies
    are interested, both receive each other's contact details and the introduction counts as "companies in
    contact"."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if company.pk not in (introduction.company_a_id, introduction.company_b_id):
        raise IntroductionError(_("This introduction is not about your company."))
    reply, _created = IntroductionReply.objects.select_for_update().get_or_create(
        introduction=introduction, company=company
    )
    if reply.status != ReplyStatus.WAITING:
        raise IntroductionError(_("Your company has already answered this introduction."))
    before = snapshot(reply)
    states.INTRODUCTION_REPLY.move(reply, ReplyStatus.INTERESTED if interested else ReplyStatus.NOT_INTERESTED)
    reply.note, reply.phone = note.strip(), phone.strip() if interested else ""
    reply.answered_by, reply.answered_at = actor, clock.now()
    reply.save()
    audit_record(actor=actor, verb=REPLY_STATUS_VERBS[reply.status], obj=reply, before=before, after=snapshot(reply))
    notify(to=[introduction.adviser], composer=messages.introduction_answered, params={"reply_id": reply.pk})
    if _both_interested(introduction):
        _introduction_agreed(actor, introduction)
    return reply


def _both_interested(introduction: Introduction) -> bool:
    statuses = list(
        IntroductionReply.objects.filter(
            introduction=introduction, company_id__in=(introduction.company_a_id, introduction.company_b_id)
        ).values_list("status", flat=True)
    )
    return len(statuses) == 2 and all(s == ReplyStatus.INTERESTED for s in statuses)


def _introduction_agreed(actor: User, introduction: Introduction) -> None:
    """Both said yes: the contact details go to both (and only now); the outcome moves on if nobody moved it."""
    if introduction.status == IntroductionStatus.PROPOSED:
        before = snapshot(introduction)
        states.INTRODUCTION.move(introduction, IntroductionStatus.CONTACTED)
        introduction.save()
        audit_record(
            actor=actor,
            verb=MatchingVerb.INTRODUCTION_STATUS,
            obj=introduction,
            before=before,
            after=snapshot(introduction),
        )
    notify(
        to=company_members(introduction.company_a) + company_members(introduction.company_b),
        composer=messages.introduction_agreed,
        params={"introduction_id": introduction.pk},
        once=f"introduction-agreed:{introduction.pk}",
    )


# --------------------------------------------------------------------------- saved searches
@transaction.atomic
def saved_search_create(
    *, actor: User, company: Company | None, name: str, query: str, filters: dict[str, Any]
) -> SavedSearch:
    search = SavedSearch.objects.create(
        user=actor, company=company, name=name, query=query, filters=filters, last_digest_at=clock.now()
    )
    audit_record(actor=actor, verb=MatchingVerb.SAVED_SEARCH_CREATE, obj=search, after=snapshot(search))
    return search


@transaction.atomic
def saved_search_delete(*, actor: User, search: SavedSearch) -> None:
    audit_record(actor=actor, verb=MatchingVerb.SAVED_SEARCH_DELETE, obj=search, before=snapshot(search))
    search.delete()
