"""What the menu shows, from the user's role: the predicates and role sets of `accounts.models`, no role strings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from crossroads.accounts.models import COMPANY_VIEWER_ROLES, INSIGHT_ROLES, MATCHMAKING_ROLES, Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Anonymous users have no role: ask who they are first.
    signed_in = bool(user is not None and user.is_authenticated)
    role = getattr(user, "role", None) if signed_in else None
    return {
        "nav_can_import": role in COMPANY_VIEWER_ROLES,
        "nav_matchmaking": role in MATCHMAKING_ROLES,
        "nav_is_applicant": signed_in and bool(getattr(user, "is_applicant", False)),
        "nav_is_assessor": role == Role.ASSESSOR,
        # Grant follow-up: the partners, their advisers, the secretariat and finance (assessors have none).
        "nav_grants": signed_in and role not in (None, Role.ASSESSOR),
        "nav_is_finance": role == Role.FINANCE,
        "nav_insights": role in INSIGHT_ROLES,
        "nav_is_secretariat": signed_in and bool(getattr(user, "is_programme_staff", False)),
        "nav_is_admin": bool(signed_in and getattr(user, "is_superuser", False)),
        "user_role_label": Role(role).label if role else "",
    }
