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
    context |= _assessment_context(user)
    return render(request, "core/dashboard.html", context)


def _assessment_context(user) -> dict:  # type: ignore[no-untyped-def]
    """What the dashboard shows of the assessment: decisions to applicants, open assessments to assessors, the
    calls to the secretariat."""
    from crossroads.assessment.models import AssignmentStatus
    from crossroads.assessment.selectors import assignments_of, decisions_visible_to
    from crossroads.programme.models import Call

    if user.role == Role.APPLICANT:
        return {"decisions": decisions_visible_to(user).order_by("-decided_at")}
    if user.role == Role.ASSESSOR:
        return {"open_assessments": assignments_of(user).filter(status=AssignmentStatus.INVITED).count()}
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return {"assessment_calls": Call.objects.order_by("-closes_at")}
    return {}


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def openapi_json(request: HttpRequest) -> JsonResponse:
    """The OpenAPI description of /api/v1: public, like any API documentation (it holds no data)."""
    from .openapi import openapi_schema

    return JsonResponse(openapi_schema(), json_dumps_params={"ensure_ascii": False})
