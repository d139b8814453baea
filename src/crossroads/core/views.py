"""Ground-floor views: the 403 page that says why, the health check and the API description. Pages that gather
several areas (home, dashboard) live in `crossroads.portal`."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise


def forbidden(request: HttpRequest, reason: str | Promise) -> HttpResponse:
    """A 403 page that says why, so nobody is left guessing."""
    return render(request, "core/forbidden.html", {"reason": reason}, status=403)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def openapi_json(request: HttpRequest) -> JsonResponse:
    """The OpenAPI description of /api/v1: public, like any API documentation (it holds no data)."""
    from .openapi import openapi_schema

    return JsonResponse(openapi_schema(), json_dumps_params={"ensure_ascii": False})
