"""Who receives the programme secretariat's mail: every active secretariat account (grants, showcase)."""

from __future__ import annotations

from .models import Role, User


def secretariat_users() -> list[User]:
    return list(User.objects.filter(role=Role.SECRETARIAT, is_active=True))
