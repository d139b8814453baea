"""Who may write and review a project's public story. Each check returns allow() or deny(reason).

- A manager of a company that is a partner of the agreement writes the story for the consortium and submits it,
  once the project is public (the agreement was accepted and the grant stands).
- The secretariat reviews: approves (publishes) or returns it with a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import MembershipRole
from crossroads.core.permissions import Permission, allow, deny

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser
    from crossroads.grants.models import Agreement


def manages_a_partner(user: AnyUser, agreement: Agreement) -> bool:
    if not user.is_authenticated:
        return False
    companies = user.memberships.filter(role=MembershipRole.MANAGER).values("company_id")
    partners = agreement.partners.exclude(partner__isnull=True, joined_on__isnull=True).filter(left_on__isnull=True)
    return partners.filter(company_id__in=companies).exists()


def can_write_story(user: AnyUser, agreement: Agreement) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in first."))
    if manages_a_partner(user, agreement):
        return allow()
    return deny(_("Only a manager of a partner company writes the public story of this project."))


def can_review_story(user: AnyUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the secretariat reviews the public stories of projects."))


def can_see_story(user: AnyUser, agreement: Agreement) -> Permission:
    """The draft and its review notes: the consortium's managers and the secretariat."""
    if can_review_story(user).allowed or can_write_story(user, agreement).allowed:
        return allow()
    return deny(
        _("Only the managers of the partner companies and the secretariat see the story before it is published.")
    )
