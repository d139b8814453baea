"""Who may see and change a company. Each check returns (allowed, reason)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import Role
from crossroads.core.permissions import Permission, allow, deny

from .models import Company, MembershipRole


def _is_member(user, company: Company) -> bool:  # type: ignore[no-untyped-def]
    return company.memberships.filter(user=user).exists()


def can_view_company(user, company: Company) -> Permission:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return deny(_("Log in to see company data."))
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return allow(_("The secretariat sees every company."))
    if _is_member(user, company):
        return allow(_("You are a member of this company."))
    if user.role == Role.ADVISER:
        provinces = user.province_codes()
        if company.establishments.filter(nuts3__province__in=provinces).exists():
            return allow(_("The company has an establishment in a province you cover."))
        return deny(_("This company has no establishment in the provinces you cover."))
    return deny(_("Only members of this company can see it."))


def can_edit_company(user, company: Company) -> Permission:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return deny(_("Log in to change company data."))
    if _is_member(user, company):
        return allow(_("You are a member of this company."))
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return allow(_("The secretariat may correct company data."))
    if user.role == Role.ADVISER:
        return deny(_("Advisers can read company data but only the company's members change it."))
    return deny(_("Only members of this company can change it."))


def can_invite_to_company(user, company: Company) -> Permission:  # type: ignore[no-untyped-def]
    if company.memberships.filter(user=user, role=MembershipRole.MANAGER).exists():
        return allow()
    if user.is_authenticated and user.role in (Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Only a manager of this company can invite colleagues."))


def can_create_company(user) -> Permission:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return deny(_("Log in to register a company."))
    if user.role in (Role.APPLICANT, Role.ADVISER, Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Your role does not register companies."))


def can_import_companies(user) -> Permission:  # type: ignore[no-untyped-def]
    if user.is_authenticated and user.role in (Role.ADVISER, Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Only advisers and the secretariat can import companies in bulk."))
