"""Who may do what with personal data; each answer says why when it is no."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import Role
from crossroads.core.permissions import Permission, allow, deny


def can_manage_erasures(user: Any) -> Permission:
    """The secretariat (and administrators) see erasure requests and carry them out."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Log in first."))
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return allow()
    return deny(_("Only the programme secretariat handles erasure requests."))
