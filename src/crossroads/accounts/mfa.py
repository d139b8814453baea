"""Has THIS session passed the second factor? Read from allauth's own record of how the session authenticated.

allauth keeps, per session and per user, a list of the authentication steps completed in this login
(`get_authentication_records`): {"method": "password", ...}, then {"method": "mfa", "type": "totp", ...} once the
one-time code (or a recovery code) was given, at login or on re-authentication. The record disappears with the
session (logout, a new login of another user), so it answers "passed in this login", not "owns a device".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

MFA_METHOD = "mfa"


def needs_second_factor(user: Any) -> bool:
    """Staff roles work with other people's data; Django staff and superusers open the admin."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (getattr(user, "is_staff_role", False) or user.is_staff or user.is_superuser)
    )


def has_totp(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request: HttpRequest) -> bool:
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, getattr(request, "user", None))
    return any(isinstance(record, dict) and record.get("method") == MFA_METHOD for record in records)


def record_totp_activation(request: HttpRequest, user: Any, authenticator: Any) -> None:
    """Activating an authenticator app proves its code here and now: it counts as the second factor passed."""
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, MFA_METHOD, id=authenticator.pk, type=authenticator.type, activated=True)
