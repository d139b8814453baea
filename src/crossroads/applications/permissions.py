"""Who may see and change what in an application. Each check returns (allowed, reason)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import Role
from crossroads.core.permissions import Permission, allow, deny

from .models import Application, Partner


def _companies(user) -> set[int]:  # type: ignore[no-untyped-def]
    return set(user.memberships.values_list("company_id", flat=True)) if user.is_authenticated else set()


def can_view_application(user, application: Application) -> Permission:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        return deny(_("Log in to see applications."))
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return allow()
    if application.partners.filter(company__in=_companies(user)).exists():
        return allow()
    return deny(_("Only the partners of this application can see it."))


def can_edit_shared(user, application: Application) -> Permission:  # type: ignore[no-untyped-def]
    if application.lead_company_id in _companies(user):
        return allow()
    return deny(_("Only the lead partner edits the shared parts (title, description, duration, work packages)."))


def can_edit_partner(user, partner: Partner) -> Permission:  # type: ignore[no-untyped-def]
    if partner.company_id and partner.company_id in _companies(user):
        return allow()
    return deny(_("Each partner edits only its own part of the application."))


def can_start_application(user) -> Permission:  # type: ignore[no-untyped-def]
    if user.is_authenticated and _companies(user):
        return allow()
    return deny(_("Register your company first: applications are made by companies."))
