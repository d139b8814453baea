"""Writes for matchmaking: profiles, expressions of interest, introductions, saved searches, housekeeping.
Each runs in one transaction, leaves an audit event and sends e-mail only after the commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.calendar import add_months
from crossroads.core.formatting import site_url

from . import states
from .embeddings import schedule_refresh
from .models import (
    CooperationProfile,
    ExpressionOfInterest,
    InterestStatus,
    Introduction,
    ProfileStatus,
    SavedSearch,
)
from .permissions import can_introduce_pair
from .selectors import shown_by_matching


def _mail_members(company: Company, subject_and_body) -> None:  # type: ignore[no-untyped-def]
    """E-mail every member of `company` in their own language, after the transaction commits."""
    members = list(company.memberships.select_related("user"))

    def send() -> None:
        for membership in members:
            user = membership.user
            with override(user.language or "nl"):
                subject, body = subject_and_body()
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])

    transaction.on_commit(send)


# --------------------------------------------------------------------------- profiles
@transaction.atomic
def profile_save(*, actor: Any, profile: CooperationProfile, themes: Any = None) -> CooperationProfile:
    before = snapshot(CooperationProfile.objects.get(pk=profile.pk)) if profile.pk else None
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    audit_record(actor=actor, verb="profile.save", obj=profile, before=before, after=snapshot(profile))
    schedule_refresh([profile.index_key])
    return profile


@transaction.atomic
def profile_set_status(*, actor: Any, profile: CooperationProfile, status: str) -> CooperationProfile:
    """Publish (or renew: 12 more months), withdraw to draft, or expire."""
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    states.check(states.PROFILE_TRANSITIONS, profile.status, status)
    before = snapshot(profile)
    now = clock.now()
    if status == ProfileStatus.PUBLISHED:
        profile.published_at = profile.published_at if profile.status == ProfileStatus.PUBLISHED else now
        profile.expires_at = add_months(now, settings.PROFILE_VALIDITY_MONTHS)
        profile.reminder_sent_at = None
    profile.status = status
    profile.save()
    audit_record(actor=actor, verb=f"profile.{status}", obj=profile, before=before, after=snapshot(profile))
    schedule_refresh([profile.index_key])
    return profile


# ----------------------------------------------------------------- expressions of interest
class InterestError(Exception):
    pass


@transaction.atomic
def interest_send(
    *, actor: Any, sender: Company, target: Company, profile: CooperationProfile | None, message: str
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
    audit_record(actor=actor, verb="interest.send", obj=interest, after=snapshot(interest))
    link = site_url(reverse("matching:interests"))
    about = profile.title if profile else target.legal_name

    def message_for_target() -> tuple[str, str]:
        return (
            _("%(sender)s is interested in working with you") % {"sender": sender.legal_name},
            _(
                '%(sender)s (%(country)s) has expressed interest in "%(about)s":\n\n%(message)s\n\n'
                "Accept to exchange contact details, or decline. Answer within %(days)s days: %(link)s\n"
            )
            % {
                "sender": sender.legal_name,
                "country": sender.get_country_display(),
                "about": about,
                "message": message,
                "days": settings.INTEREST_VALIDITY_DAYS,
                "link": link,
            },
        )

    _mail_members(target, message_for_target)
    return interest


@transaction.atomic
def interest_answer(*, actor: Any, interest: ExpressionOfInterest, accept: bool) -> ExpressionOfInterest:
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != InterestStatus.PENDING:
        raise InterestError(_("This expression of interest has already been answered or has expired."))
    before = snapshot(interest)
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.responded_at = clock.now()
    interest.save()
    audit_record(actor=actor, verb=f"interest.{interest.status}", obj=interest, before=before, after=snapshot(interest))
    target = interest.target_company
    anonymous = interest.target_is_anonymous
    link = site_url(reverse("matching:interests"))

    def message_for_sender() -> tuple[str, str]:
        if accept:
            contact = ", ".join(m.user.email for m in target.memberships.select_related("user"))
            return (
                _("%(target)s accepted your expression of interest") % {"target": target.legal_name},
                _("Good news: %(target)s (%(city)s) wants to talk. Contact: %(contact)s\n\nDetails: %(link)s\n")
                % {"target": target.legal_name, "city": _city(target), "contact": contact, "link": link},
            )
        name = _("the anonymous profile") if anonymous else target.legal_name
        return (
            _("Your expression of interest was declined"),
            _("%(target)s has declined your expression of interest. Keep looking: %(link)s\n")
            % {"target": name, "link": link},
        )

    _mail_members(interest.sender_company, message_for_sender)
    return interest


def _city(company: Company) -> str:
    site = company.project_establishment
    return site.city if site else ""


# --------------------------------------------------------------------------- introductions
class IntroductionError(Exception):
    pass


@transaction.atomic
def introduction_propose(*, actor: Any, company_a: Company, company_b: Company, note: str) -> Introduction:
    permission = can_introduce_pair(actor, company_a, company_b, b_is_shown=shown_by_matching(company_b))
    if not permission:
        raise IntroductionError(str(permission.reason))
    intro = Introduction.objects.create(adviser=actor, company_a=company_a, company_b=company_b, note=note)
    audit_record(actor=actor, verb="introduction.propose", obj=intro, after=snapshot(intro))
    for mine, other in ((company_a, company_b), (company_b, company_a)):

        def message(mine: Company = mine, other: Company = other) -> tuple[str, str]:
            return (
                _("Introduction to %(other)s") % {"other": other.legal_name},
                _(
                    "Your CrossRoads adviser %(adviser)s introduces you to %(other)s (%(country)s):\n\n%(note)s\n\n"
                    "Reply to your adviser or contact %(other)s directly.\n"
                )
                % {
                    "adviser": actor.get_full_name() or actor.email,
                    "other": other.legal_name,
                    "country": other.get_country_display(),
                    "note": note,
                },
            )

        _mail_members(mine, message)
    return intro


@transaction.atomic
def introduction_advance(*, actor: Any, introduction: Introduction, status: str) -> Introduction:
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    states.check(states.INTRODUCTION_TRANSITIONS, introduction.status, status)
    before = snapshot(introduction)
    introduction.status = status
    introduction.save()
    audit_record(actor=actor, verb="introduction.status", obj=introduction, before=before, after=snapshot(introduction))
    return introduction


# --------------------------------------------------------------------------- saved searches
@transaction.atomic
def saved_search_create(*, actor: Any, company: Company | None, name: str, query: str, filters: dict) -> SavedSearch:
    search = SavedSearch.objects.create(
        user=actor, company=company, name=name, query=query, filters=filters, last_digest_at=clock.now()
    )
    audit_record(actor=actor, verb="saved_search.create", obj=search, after=snapshot(search))
    return search


@transaction.atomic
def saved_search_delete(*, actor: Any, search: SavedSearch) -> None:
    audit_record(actor=actor, verb="saved_search.delete", obj=search, before=snapshot(search))
    search.delete()
