"""JSON API (v1) for matchmaking. Same permission checks and the same anonymity as the pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from .models import CooperationProfile
from .permissions import can_see_identity, can_use_matchmaking, can_view_profile
from .selectors import redactor
from .views_search import run_search


def _login_required_json(request: HttpRequest) -> JsonResponse | None:
    if not request.user.is_authenticated:
        return JsonResponse({"error": "authentication required"}, status=401)
    permission = can_use_matchmaking(request.user)
    if not permission:
        return JsonResponse({"error": str(permission.reason)}, status=403)
    return None


def suggestions(request: HttpRequest) -> JsonResponse:
    refused = _login_required_json(request)
    if refused:
        return refused
    results, context = run_search(request.user, request.GET)
    return JsonResponse(
        {
            "for": context["key"],
            "query": context["query"],
            "results": [
                {
                    "key": s.key,
                    "score": s.score,
                    "mutual": s.mutual,
                    "title": s.title,
                    "anonymous": s.anonymous,
                    "company": s.company.legal_name if s.company else None,
                    "country": s.country,
                    "province": s.province,
                    "summary": s.summary,
                    "reasons": s.reasons,
                }
                for s in results
            ],
        }
    )


def profile(request: HttpRequest, pk: int) -> JsonResponse:
    refused = _login_required_json(request)
    if refused:
        return refused
    item = get_object_or_404(CooperationProfile.objects.select_related("company"), pk=pk)
    if not can_view_profile(request.user, item):
        raise Http404
    visible = can_see_identity(request.user, item.company, item)
    redact = (lambda text: text) if visible else redactor(item.company)
    site = item.company.project_establishment
    return JsonResponse(
        {
            "id": item.pk,
            "title": redact(item.title),
            "offers": [redact(x) for x in item.offer_list],
            "seeks": [redact(x) for x in item.seek_list],
            "idea": redact(item.idea),
            "themes": sorted(item.themes.values_list("code", flat=True)),
            "trl": item.trl,
            "anonymous": item.is_anonymous,
            "company": {"name": item.company.legal_name, "city": site.city if site else ""} if visible else None,
            "country": item.company.country,
            "province": site.nuts3.province.name if site and site.nuts3 else "",
            "status": item.status,
        }
    )
