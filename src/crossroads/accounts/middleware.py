"""Staff roles must set up an authenticator app (TOTP) before they can use the platform."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Pages a staff member may open while setting up MFA.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


def user_has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireStaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.CROSSROADS_REQUIRE_STAFF_MFA
            and user is not None
            and user.is_authenticated
            and getattr(user, "is_staff_role", False)
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not user_has_totp(user)
        ):
            messages.warning(
                request,
                _("Your role gives access to other companies' data. Set up an authenticator app first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


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
