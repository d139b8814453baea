"""Who may see and change a company: one function per action, each returning (allowed, reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import COMPANY_VIEWER_ROLES
from crossroads.core.permissions import Permission, allow, deny

from .models import Company, MembershipRole

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from crossroads.accounts.models import User


def _is_member(user: User | AnonymousUser, company: Company) -> bool:
    return user.is_authenticated and company.memberships.filter(user=user).exists()


def can_view_company(user: User | AnonymousUser, company: Company) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to see company data."))
    if user.is_programme_staff:
        return allow(_("The secretariat sees every company."))
    if _is_member(user, company):
        return allow(_("You are a member of this company."))
    if user.is_adviser:
        provinces = user.province_codes()
        if company.establishments.filter(nuts3__province__in=provinces).exists():
            return allow(_("The company has an establishment in a province you cover."))
        return deny(_("This company has no establishment in the provinces you cover."))
    return deny(_("Only members of this company can see it."))


def can_edit_company(user: User | AnonymousUser, company: Company) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to change company data."))
    if _is_member(user, company):
        return allow(_("You are a member of this company."))
    if user.is_programme_staff:
        return allow(_("The secretariat may correct company data."))
    if user.is_adviser:
        return deny(_("Advisers can read company data but only the company's members change it."))
    return deny(_("Only members of this company can change it."))


def can_invite_to_company(user: User | AnonymousUser, company: Company) -> Permission:
    if not user.is_authenticated:
        return deny(_("Only a manager of this company can invite colleagues."))
    if company.memberships.filter(user=user, role=MembershipRole.MANAGER).exists():
        return allow()
    if user.is_programme_staff:
        return allow()
    return deny(_("Only a manager of this company can invite colleagues."))


def can_create_company(user: User | AnonymousUser) -> Permission:
    """Applicants register their own company; advisers and programme staff register on a company's behalf."""
    if not user.is_authenticated:
        return deny(_("Log in to register a company."))
    if user.is_applicant or user.role in COMPANY_VIEWER_ROLES:
        return allow()
    return deny(_("Your role does not register companies."))


def can_import_companies(user: User | AnonymousUser) -> Permission:
    if user.is_authenticated and user.role in COMPANY_VIEWER_ROLES:
        return allow()
    return deny(_("Only advisers and the secretariat can import companies in bulk."))


def can_record_holding_with_any_company(user: User | AnonymousUser) -> Permission:
    """A holding changes the other enterprise's SME test too: members link only companies they manage."""
    if user.is_authenticated and user.is_programme_staff:
        return allow(_("The secretariat may correct company data."))
    return deny(
        _(
            "Only companies you manage are listed. Ask the programme secretariat to record a holding in or by "
            "another enterprise."
        )
    )


def becomes_member_of_new_company(user: User) -> bool:
    """An applicant who registers a company manages it; staff registering one on a company's behalf do not."""
    return user.is_applicant
