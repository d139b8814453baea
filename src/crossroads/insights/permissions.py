"""Who sees the programme's figures: the secretariat, administrators, the advisers of the partner organisations
and finance. Applicants and assessors do not (an assessor must not see how calls are doing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import INSIGHT_ROLES
from crossroads.core.permissions import Permission, allow, deny

__all__ = ["INSIGHT_ROLES", "can_view_insights"]


def can_view_insights(user) -> Permission:
    if not user.is_authenticated:
        return deny(_("Sign in to see the programme's figures."))
    if user.role not in INSIGHT_ROLES:
        return deny(_("The programme's figures are for the secretariat, the advisers and finance."))
    return allow()
