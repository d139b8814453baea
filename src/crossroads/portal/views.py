"""Pages that gather every area. Their URL names stay `core:home` and `core:dashboard` (config/urls.py), which
templates and links everywhere use."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import dashboard_context


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return dashboard(request)
    from crossroads.showcase.views import home_context

    return render(request, "portal/home.html", home_context())


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/dashboard.html", dashboard_context(request.user))
