from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise

from crossroads.accounts.models import Role
from crossroads.companies.selectors import companies_visible_to


def forbidden(request: HttpRequest, reason: str | Promise) -> HttpResponse:
    """A 403 page that says why, so nobody is left guessing."""
    return render(request, "core/forbidden.html", {"reason": reason}, status=403)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return dashboard(request)
    return render(request, "core/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    companies = companies_visible_to(user).prefetch_related("establishments__nuts3")
    context = {
        "my_companies": companies.filter(memberships__user=user) if user.role == Role.APPLICANT else None,
        "visible_count": companies.count(),
        "recent": companies.order_by("-updated_at")[:10],
        "provinces": sorted(user.province_codes()) if user.role == Role.ADVISER else [],
    }
    return render(request, "core/dashboard.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
