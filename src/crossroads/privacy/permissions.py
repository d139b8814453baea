"""Who may do what with personal data; each answer says why when it is no (one function per action)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import Permission, allow, deny

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def _is_programme_staff(user: Any) -> bool:
    # Anonymous users have no role: ask who they are first.
    return bool(getattr(user, "is_authenticated", False) and user.is_programme_staff)


def _is_self(actor: Any, user: User) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.pk == user.pk)


def can_manage_erasures(user: Any) -> Permission:
    """The secretariat (and administrators) see erasure requests and carry them out."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Log in first."))
    if user.is_programme_staff:
        return allow()
    return deny(_("Only the programme secretariat handles erasure requests."))


def can_export_personal_data(actor: Any, user: User) -> Permission:
    """A person's data download goes to that person only, not even to the secretariat."""
    if _is_self(actor, user):
        return allow()
    return deny(_("Only the person themselves downloads their data."))


def can_request_erasure(actor: Any, user: User) -> Permission:
    """The person asks for their own account; the secretariat may file a request on their behalf."""
    if _is_self(actor, user) or _is_programme_staff(actor):
        return allow()
    return deny(_("You may not ask to erase somebody else's account."))


def can_erase_account(actor: Any, user: User) -> Permission:
    """The person erases their own account; the secretariat erases somebody else's (a request it carries out)."""
    if _is_self(actor, user) or _is_programme_staff(actor):
        return allow()
    return deny(_("Only the secretariat erases somebody else's account."))
