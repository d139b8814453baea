"""JSON API (v1) for matchmaking. Same permission checks and the same anonymity as the pages.

Every answer is JSON, errors included: a client sending a forged or mistyped value gets a 400 naming the field,
never an HTML error page or a 500. Profiles are identified by their opaque public id only (`key` "p:<id>"), never
by the sequential database id, which would tell who is behind an anonymous profile.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from .permissions import can_see_identity, can_use_matchmaking, can_view_profile
from .search import SearchNotFound
from .selectors import profile_by_ref, redactor
from .views_search import parse_and_search

MAX_QUERY_STRING = 8192  # the page's own query strings are far shorter; a 100 KB one is refused, not parsed


def error(message: str, status: int, fields: dict | None = None) -> JsonResponse:
    body: dict = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


def _refused(request: HttpRequest) -> JsonResponse | None:
    if request.method not in ("GET", "HEAD"):
        response = error(_("Only GET is allowed here."), 405)
        response["Allow"] = "GET, HEAD"
        return response
    if not request.user.is_authenticated:
        return error(_("Log in to use the matchmaking API."), 401)
    permission = can_use_matchmaking(request.user)
    if not permission:
        return error(str(permission.reason), 403)
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return error(_("The query is too long."), 400)
    return None


def suggestions(request: HttpRequest) -> JsonResponse:
    refused = _refused(request)
    if refused:
        return refused
    try:
        form, result = parse_and_search(request.user, request.GET)
    except SearchNotFound:
        return error(_("You can search only for your own companies and profiles."), 404, {"for": [_("Not found.")]})
    if form.errors:
        fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        return error(_("Some values are not valid."), 400, fields)
    return JsonResponse(
        {
            "for": result.searcher.key,
            "query": result.text,
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
                for s in result.suggestions
            ],
        }
    )


def profile(request: HttpRequest, ref: str) -> JsonResponse:
    refused = _refused(request)
    if refused:
        return refused
    item = profile_by_ref(request.user, ref)
    if item is None or not can_view_profile(request.user, item):
        return error(_("No such profile."), 404)
    visible = can_see_identity(request.user, item.company, item)
    redact = (lambda text: text) if visible else redactor(item.company)
    site = item.company.project_establishment
    return JsonResponse(
        {
            "id": item.ref,
            "key": item.public_key,
            "title": redact(item.display_title),
            "offers": [redact(x) for x in item.offer_list],
            "seeks": [redact(x) for x in item.seek_list],
            "idea": redact(item.idea),
            "themes": sorted(item.themes.values_list("code", flat=True)),
            "trl": item.trl,
            "anonymous": item.is_anonymous,
            "company": {"name": item.company.legal_name, "city": site.city if site else "", "id": item.company.pk}
            if visible
            else None,
            "country": item.company.country,
            "province": site.nuts3.province.name if site and site.nuts3 else "",
            "status": item.status,
        }
    )
