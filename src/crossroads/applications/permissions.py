"""Who may see and change what in an application. Each check returns (allowed, reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import Permission, allow, deny

from .models import Application, Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from crossroads.accounts.models import User
    from crossroads.matching.models import ExpressionOfInterest

    AnyUser = User | AnonymousUser


def _companies(user: AnyUser) -> set[int]:
    return set(user.memberships.values_list("company_id", flat=True)) if user.is_authenticated else set()


def can_view_application(user: AnyUser, application: Application) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to see applications."))
    if user.is_programme_staff:
        return allow()
    if application.partners.filter(company__in=_companies(user)).exists():
        return allow()
    return deny(_("Only the partners of this application can see it."))


def can_edit_shared(user: AnyUser, application: Application) -> Permission:
    if application.lead_company_id in _companies(user):
        return allow()
    return deny(_("Only the lead partner edits the shared parts (title, description, duration, work packages)."))


def can_edit_partner(user: AnyUser, partner: Partner) -> Permission:
    if partner.company_id and partner.company_id in _companies(user):
        return allow()
    return deny(_("Each partner edits only its own part of the application."))


def can_start_application(user: AnyUser) -> Permission:
    if user.is_authenticated and _companies(user):
        return allow()
    return deny(_("Register your company first: applications are made by companies."))


def can_invite_full(user: AnyUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the secretariat invites project ideas to a full proposal."))


def can_start_from_interest(user: AnyUser, interest: ExpressionOfInterest) -> Permission:
    """Either company of an expression of interest may start the joint application (it becomes the lead)."""
    if {interest.sender_company_id, interest.target_company_id} & _companies(user):
        return allow()
    return deny(_("Only the two companies of this expression of interest can start an application from it."))
