"""Who may see whom. An anonymous profile's company is known only to its own members, to people who may see
the company anyway (secretariat, advisers of its provinces), and to companies whose interest it accepted."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import Role
from crossroads.companies.models import Company
from crossroads.companies.permissions import can_view_company
from crossroads.core.permissions import Permission, allow, deny

from .models import CooperationProfile, ExpressionOfInterest, InterestStatus, ProfileStatus


def member_company_ids(user) -> set[int]:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return set()
    return set(user.memberships.values_list("company_id", flat=True))


def can_see_identity(user, company: Company, profile: CooperationProfile | None = None) -> bool:  # type: ignore[no-untyped-def]
    if profile is None or not profile.is_anonymous:
        return True
    if company.pk in member_company_ids(user) or can_view_company(user, company).allowed:
        return True
    return ExpressionOfInterest.objects.filter(
        target_company=company, sender_company__memberships__user=user, status=InterestStatus.ACCEPTED
    ).exists()


def can_view_profile(user, profile: CooperationProfile) -> Permission:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return deny(_("Log in to see cooperation profiles."))
    if profile.company_id in member_company_ids(user):
        return allow()
    if profile.status != ProfileStatus.PUBLISHED:
        return deny(_("This profile is not published."))
    if user.role in (Role.APPLICANT, Role.ADVISER, Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Your role does not use matchmaking."))


def can_edit_profile(user, profile: CooperationProfile) -> Permission:  # type: ignore[no-untyped-def]
    if profile.company_id in member_company_ids(user):
        return allow()
    return deny(_("Only members of the company can change its cooperation profiles."))


def can_use_matchmaking(user) -> Permission:  # type: ignore[no-untyped-def]
    if user.is_authenticated and user.role in (Role.APPLICANT, Role.ADVISER, Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Matchmaking is for companies, advisers and the secretariat."))


def can_send_interest(user, sender: Company) -> Permission:  # type: ignore[no-untyped-def]
    if sender.pk in member_company_ids(user):
        return allow()
    return deny(_("You can express interest only on behalf of a company you are a member of."))


def can_answer_interest(user, interest: ExpressionOfInterest) -> Permission:  # type: ignore[no-untyped-def]
    if interest.target_company_id in member_company_ids(user):
        return allow()
    return deny(_("Only members of the company that received this expression of interest can answer it."))


def can_introduce(user) -> Permission:  # type: ignore[no-untyped-def]
    if user.is_authenticated and user.role in (Role.ADVISER, Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Only advisers and the secretariat introduce companies to each other."))
