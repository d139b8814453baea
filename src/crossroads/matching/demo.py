"""Demo matchmaking: a published cooperation profile for every demo company that offers or seeks something
(about one in seven anonymous), one pending expression of interest, and the vectors for all of them."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.db import transaction

from crossroads.companies.demo import DEMO_DATA
from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.calendar import add_months

from .embeddings import company_keys, embeddings_refresh
from .models import CooperationProfile, ExpressionOfInterest, ProfileStatus, TitleKind
from .signals import refresh_suppressed


def _title(entry: dict) -> tuple[str, str]:
    """(title, kind): the first request or offer; what it announces ("Wanted: ", "Gezocht: ") is the kind, shown
    in the reader's language, never stored in the title."""
    text = (entry.get("seeks") or entry.get("offers") or [""])[0].rstrip(".")
    kind = TitleKind.SEEK if entry.get("seeks") else TitleKind.OFFER
    return text[:157] + ("…" if len(text) > 157 else ""), kind


def demo_matching_load() -> dict[str, int]:
    entries = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    companies = {c.legal_name: c for c in Company.objects.filter(is_fictional=True)}
    now = clock.now()
    with refresh_suppressed(), transaction.atomic():
        for index, entry in enumerate(entries):
            company = companies.get(entry["name"])
            if company is None or not (entry.get("offers") or entry.get("seeks")):
                continue
            title, kind = _title(entry)
            profile, created = CooperationProfile.objects.get_or_create(
                company=company,
                title=title,
                defaults={
                    "title_kind": kind,
                    "offers": "\n".join(entry.get("offers") or []),
                    "seeks": "\n".join(entry.get("seeks") or []),
                    "is_anonymous": index % 7 == 3,
                    "status": ProfileStatus.PUBLISHED,
                    "published_at": now,
                    "expires_at": add_months(now, settings.PROFILE_VALIDITY_MONTHS),
                    "languages": ["nl", "en"],
                },
            )
            if created:
                profile.themes.set(company.themes.all())
        demo_interest()
    keys = [
        key for company in Company.objects.prefetch_related("cooperation_profiles") for key in company_keys(company)
    ]
    encoded = embeddings_refresh(keys)
    return {"profiles": CooperationProfile.objects.count(), "encoded": encoded, "keys": len(keys)}


def demo_interest() -> None:
    """The Dutch demo entrepreneur has expressed interest in the Flemish demo entrepreneur's company."""
    from crossroads.accounts.models import User

    be_user = User.objects.filter(email="ondernemer@crossroads.example").first()
    nl_user = User.objects.filter(email="ondernemer.nl@crossroads.example").first()
    if not be_user or not nl_user:
        return
    be_company = be_user.memberships.first().company
    nl_company = nl_user.memberships.first().company
    if not ExpressionOfInterest.objects.filter(sender_company=nl_company, target_company=be_company).exists():
        ExpressionOfInterest.objects.create(
            sender_company=nl_company,
            sender_user=nl_user,
            target_company=be_company,
            message="Wij zien een mooie aanvulling tussen onze bedrijven en willen graag kennismaken.",
            expires_at=clock.now() + dt.timedelta(days=settings.INTEREST_VALIDITY_DAYS),
        )
