"""Staff roles reach nothing until THIS session has passed the second factor (TOTP or a recovery code).

Owning an authenticator app is not enough: a session must have given its code in this login (allauth's MFA
stage, re-authentication, or activating the app for the first time). Until then a staff session reaches only the
pages that let it pass the second factor, and logout; pages and exports are redirected there, the JSON API
answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .mfa import has_totp, needs_second_factor, session_passed_second_factor

# Views a staff session may open before it has passed the second factor: giving the code (at login, on
# re-authentication, or while activating an app; the code form also takes a recovery code), the password
# re-authentication allauth asks before activating an app, switching language, logging out, the health check.
SECOND_FACTOR_VIEWS = frozenset(
    {
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "account_reauthenticate",
        "account_logout",
        "set_language",
        "core:healthz",
    }
)
API_PREFIX = "/api/"


class RequireStaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if (
            not settings.CROSSROADS_REQUIRE_STAFF_MFA
            or not needs_second_factor(user)
            or session_passed_second_factor(request)
        ):
            return None
        request.second_factor_pending = True  # type: ignore[attr-defined]  # base.html shows a reduced menu
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_VIEWS:
            return None
        if request.path.startswith(API_PREFIX):
            return JsonResponse(
                {"detail": _("Confirm your login with the code from your authenticator app first.")}, status=403
            )
        if not has_totp(user):
            # Activating the app counts as giving its code; allauth then shows the recovery codes.
            messages.warning(
                request,
                _("Your role gives access to other companies' data. Set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        messages.warning(request, _("Confirm your login with the code from your authenticator app."))
        target = reverse("mfa_reauthenticate")
        if request.method != "GET":
            return redirect(target)
        return redirect(f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")


class UserLanguageMiddleware:
    """A logged-in user's saved language applies unless they picked one in this browser (language cookie)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and getattr(user, "language", None)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
