from django.http import HttpRequest

from crossroads.accounts.models import Role


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {
        "nav_can_import": role in (Role.ADVISER, Role.SECRETARIAT, Role.ADMIN),
        "nav_matchmaking": role in (Role.APPLICANT, Role.ADVISER, Role.SECRETARIAT, Role.ADMIN),
        "nav_is_applicant": role == Role.APPLICANT,
        "nav_is_assessor": role == Role.ASSESSOR,
        "nav_is_secretariat": role in (Role.SECRETARIAT, Role.ADMIN),
        "nav_is_admin": bool(user is not None and user.is_authenticated and user.is_superuser),
        "user_role_label": Role(role).label if role else "",
    }
