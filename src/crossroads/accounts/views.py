"""The admin has no login of its own: everyone signs in through allauth (password, then the one-time code)."""

from __future__ import annotations

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """GET or POST, never authenticates: sends to allauth's login, keeping where the admin wanted to go.

    allauth checks `next` against ALLOWED_HOSTS itself before following it."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
