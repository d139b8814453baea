"""Daily and weekly jobs: expiring profiles and expressions of interest, reminders before that, and the weekly
digest of saved searches. Run by `manage.py matching_housekeeping` (daily) and `send_digests` (weekly)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation

from crossroads.core import clock
from crossroads.core.formatting import site_url
from crossroads.core.notifications import notify

from . import messages
from .models import CooperationProfile, Embedding, ExpressionOfInterest, InterestStatus, ProfileStatus, SavedSearch
from .search import SearchNotFound, SearchQuery, Suggestion, partner_search
from .selectors import company_members, filters_from_json
from .services import interest_expire, profile_expire

log = logging.getLogger(__name__)


@transaction.atomic
def profiles_expire_and_remind() -> tuple[int, int]:
    now = clock.now()
    expired = 0
    for profile in CooperationProfile.objects.select_for_update().filter(
        status=ProfileStatus.PUBLISHED, expires_at__lte=now
    ):
        profile_expire(profile=profile)
        expired += 1
    soon = now + dt.timedelta(days=settings.PROFILE_REMINDER_DAYS)
    reminded = 0
    for profile in (
        CooperationProfile.objects.select_for_update()
        .filter(status=ProfileStatus.PUBLISHED, expires_at__lte=soon, reminder_sent_at__isnull=True)
        .select_related("company")
    ):
        notify(
            to=company_members(profile.company), composer=messages.profile_expiring, params={"profile_id": profile.pk}
        )
        profile.reminder_sent_at = now
        profile.save(update_fields=["reminder_sent_at"])
        reminded += 1
    return expired, reminded


@transaction.atomic
def interests_expire_and_remind() -> tuple[int, int]:
    now = clock.now()
    expired = 0
    for interest in ExpressionOfInterest.objects.select_for_update().filter(
        status=InterestStatus.PENDING, expires_at__lte=now
    ):
        interest_expire(interest=interest)
        expired += 1
    soon = now + dt.timedelta(days=settings.INTEREST_REMINDER_DAYS)
    reminded = 0
    for interest in (
        ExpressionOfInterest.objects.select_for_update()
        .filter(status=InterestStatus.PENDING, expires_at__lte=soon, reminder_sent_at__isnull=True)
        .select_related("sender_company", "target_company")
    ):
        notify(
            to=company_members(interest.target_company),
            composer=messages.interest_expiring,
            params={"interest_id": interest.pk},
        )
        interest.reminder_sent_at = now
        interest.save(update_fields=["reminder_sent_at"])
        reminded += 1
    return expired, reminded


def digests_send() -> int:
    """For each saved search: profiles new or changed since the last digest that it finds; one e-mail if any."""
    sent = 0
    now = clock.now()
    for search in SavedSearch.objects.select_related("user", "company"):
        since = search.last_digest_at or search.created_at
        fresh_keys = set(Embedding.objects.filter(active=True, updated_at__gt=since).values_list("key", flat=True))
        if fresh_keys:
            with translation.override(search.user.language or settings.LANGUAGE_CODE):  # titles, in their language
                results = [r for r in _saved_search_results(search) if r.index_key in fresh_keys]
                lines = "\n".join(_digest_line(r) for r in results)
            if results:
                notify(
                    to=[search.user],
                    composer=messages.saved_search_digest,
                    params={"search_id": search.pk, "lines": lines, "count": len(results)},
                )
                sent += 1
        search.last_digest_at = now
        search.save(update_fields=["last_digest_at"])
    return sent


def _digest_line(result: Suggestion) -> str:
    where = " · ".join(filter(None, [result.country_label, result.province]))
    return f"- {result.title} ({where}): {site_url(result.profile_url or result.company_url or '/')}"


def _saved_search_results(search: SavedSearch) -> list[Suggestion]:
    query = SearchQuery(
        key=f"c:{search.company_id}" if search.company_id else None,
        text=search.query,
        filters=filters_from_json(search.filters),
    )
    try:
        return partner_search(search.user, query).suggestions
    except SearchNotFound:  # a search saved for a company the user left: skip it, keep the others going
        log.info("saved search %s skipped: its company is no longer the user's", search.pk)
        return []
