"""The member's cooperation profiles (the "Your cooperation profiles" page) as an export: the profiles of the
companies the user is a member of, nothing else. Anonymous profiles are the member's own: their company shows."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import User
from crossroads.core.exports import Column, Kind
from crossroads.programme.models import Theme

from .models import CooperationProfile
from .permissions import member_company_ids


def my_profile_rows(user: User) -> QuerySet[CooperationProfile]:
    """The profiles of the user's companies, in the page's order: by company name, newest change first."""
    return (
        CooperationProfile.objects.filter(company_id__in=member_company_ids(user))
        .select_related("company")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("pk")))
        .order_by("company__legal_name", "company_id", "-updated_at", "-pk")
    )


def _themes(profile: CooperationProfile) -> str:
    return ", ".join(theme.name for theme in profile.themes.all())


PROFILE_COLUMNS = [
    Column(_("Company"), lambda p: p.company.display_name, width=36),
    Column(_("Title"), lambda p: p.display_title, width=48),
    Column(_("Status"), lambda p: p.get_status_display()),
    Column(_("Anonymous"), lambda p: p.is_anonymous, Kind.BOOLEAN, width=12),
    Column(_("Themes"), _themes, width=40),
    Column(_("TRL"), lambda p: p.trl, Kind.INTEGER),
    Column(_("Published"), lambda p: p.published_at, Kind.DATE),
    Column(_("Expires"), lambda p: p.expires_at, Kind.DATE),
]
