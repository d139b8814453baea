"""Daily and weekly jobs: expiring profiles and expressions of interest, reminders before that, and the weekly
digest of saved searches. Run by `manage.py matching_housekeeping` (daily) and `send_digests` (weekly)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.core.formatting import site_url

from .embeddings import schedule_refresh
from .models import CooperationProfile, Embedding, ExpressionOfInterest, InterestStatus, ProfileStatus, SavedSearch
from .services import _mail_members


def _send_to(user, subject_and_body) -> None:  # type: ignore[no-untyped-def]
    with override(user.language or "nl"):
        subject, body = subject_and_body()
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def profiles_expire_and_remind() -> tuple[int, int]:
    now = clock.now()
    expired = 0
    for profile in CooperationProfile.objects.select_for_update().filter(
        status=ProfileStatus.PUBLISHED, expires_at__lte=now
    ):
        profile.status = ProfileStatus.EXPIRED
        profile.save(update_fields=["status", "updated_at"])
        audit_record(actor=None, verb="profile.expired", obj=profile, after={"status": profile.status})
        schedule_refresh([profile.index_key])
        expired += 1
    soon = now + dt.timedelta(days=settings.PROFILE_REMINDER_DAYS)
    reminded = 0
    for profile in (
        CooperationProfile.objects.select_for_update()
        .filter(status=ProfileStatus.PUBLISHED, expires_at__lte=soon, reminder_sent_at__isnull=True)
        .select_related("company")
    ):
        link = site_url(reverse("matching:profile_detail", args=[profile.ref]))

        def message(profile: CooperationProfile = profile, link: str = link) -> tuple[str, str]:
            return (
                _("Your profile “%(title)s” expires on %(date)s")
                % {"title": profile.title, "date": profile.expires_at.date().isoformat()},
                _("Renew it with one click to stay findable for another %(months)s months: %(link)s\n")
                % {"months": settings.PROFILE_VALIDITY_MONTHS, "link": link},
            )

        _mail_members(profile.company, message)
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
        interest.status = InterestStatus.EXPIRED
        interest.save(update_fields=["status"])
        audit_record(actor=None, verb="interest.expired", obj=interest, after={"status": interest.status})
        expired += 1
    soon = now + dt.timedelta(days=settings.INTEREST_REMINDER_DAYS)
    reminded = 0
    for interest in (
        ExpressionOfInterest.objects.select_for_update()
        .filter(status=InterestStatus.PENDING, expires_at__lte=soon, reminder_sent_at__isnull=True)
        .select_related("sender_company", "target_company")
    ):
        link = site_url(reverse("matching:interests"))

        def message(interest: ExpressionOfInterest = interest, link: str = link) -> tuple[str, str]:
            return (
                _("%(sender)s is still waiting for your answer") % {"sender": interest.sender_company.legal_name},
                _("Their expression of interest expires on %(date)s. Accept or decline: %(link)s\n")
                % {"date": interest.expires_at.date().isoformat(), "link": link},
            )

        _mail_members(interest.target_company, message)
        interest.reminder_sent_at = now
        interest.save(update_fields=["reminder_sent_at"])
        reminded += 1
    return expired, reminded


def digests_send() -> int:
    """For each saved search: profiles new or changed since the last digest that it finds; one e-mail if any."""
    from .views_search import run_search

    sent = 0
    now = clock.now()
    for search in SavedSearch.objects.select_related("user", "company"):
        since = search.last_digest_at or search.created_at
        fresh_keys = set(Embedding.objects.filter(active=True, updated_at__gt=since).values_list("key", flat=True))
        if fresh_keys:
            params = dict(search.filters)
            params["q"] = search.query
            if search.company_id:
                params["for"] = f"c:{search.company_id}"
            try:
                results, _context = run_search(search.user, _Params(params))
            except Exception:  # a search saved for a company the user left: skip it, keep the others going
                results = []
            results = [r for r in results if r.index_key in fresh_keys]
            if results:
                lines = "\n".join(
                    f"- {r.title} ({r.province}): {site_url(r.profile_url or r.company_url or '/')}" for r in results
                )

                def message(search: SavedSearch = search, lines: str = lines, count: int = len(results)):  # type: ignore[no-untyped-def]
                    return (
                        _("%(count)s new partner profiles for “%(name)s”") % {"count": count, "name": search.name},
                        _("New or updated profiles that match your saved search:\n\n%(lines)s\n") % {"lines": lines},
                    )

                _send_to(search.user, message)
                sent += 1
        search.last_digest_at = now
        search.save(update_fields=["last_digest_at"])
    return sent


class _Params(dict):
    def getlist(self, key: str) -> list:
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]
