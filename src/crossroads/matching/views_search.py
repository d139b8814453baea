from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.core.permissions import is_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Province
from crossroads.programme.selectors import current_programme

from . import services
from .forms import SavedSearchForm
from .index_service import get_engine
from .models import CooperationProfile, SavedSearch
from .permissions import can_use_matchmaking, member_company_ids
from .selectors import filters_from, filters_to_json, present

SIZE_CHOICES = ["micro", "small", "medium", "large"]


def searchable_as(user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The keys a user may search for: their companies and those companies' published profiles."""
    options = []
    for company in Company.objects.filter(pk__in=member_company_ids(user)).prefetch_related("cooperation_profiles"):
        options.append((f"c:{company.pk}", company.legal_name))
        for profile in company.cooperation_profiles.all():
            options.append((profile.index_key, f"{company.legal_name} – {profile.title}"))
    return options


def run_search(user, params) -> tuple[list, dict]:  # type: ignore[no-untyped-def]
    """Suggestions for the chosen company or request, or a free-text search; returns (suggestions, context)."""
    engine = get_engine()
    options = searchable_as(user)
    allowed = {key for key, _label in options}
    key = params.get("for") or (options[0][0] if options else "")
    if key and key not in allowed:
        raise Http404
    filters = filters_from(params)
    query = (params.get("q") or "").strip()[:500]
    seek = (params.get("seek") or "").strip()
    searcher = engine.profile(key) if key else None
    if query:
        matches = engine.search(query, k=10, filters=filters, searcher=searcher)
    elif searcher is not None:
        if seek and seek not in searcher.seeks:
            seek = ""
        matches = engine.suggest(key, k=10, filters=filters, seek=seek or None)
    else:
        matches = []
    context = {
        "options": options,
        "key": key,
        "query": query,
        "seek": seek,
        "searcher": searcher,
        "filters": filters,
        "filters_json": filters_to_json(filters),
    }
    return present(user, matches), context


@login_required
def find_partners(request: HttpRequest) -> HttpResponse:
    permission = can_use_matchmaking(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    suggestions, context = run_search(request.user, request.GET)
    programme = current_programme()
    context.update(
        {
            "suggestions": suggestions,
            "themes": programme.themes.all(),
            "provinces": Province.objects.filter(
                nuts3_regions__statuses__programme=programme,
                nuts3_regions__statuses__status__in=programme.eligible_region_statuses,
            )
            .distinct()
            .order_by("country", "name"),
            "sizes": SIZE_CHOICES,
            "save_form": SavedSearchForm(),
            "pending": key_pending(context["key"]),
        }
    )
    return render(request, "matching/find_partners.html", context)


def key_pending(key: str) -> bool:
    """A profile saved a moment ago may not be in the index yet (the worker encodes it)."""
    if not key.startswith("p:"):
        return False
    return get_engine().profile(key) is None and CooperationProfile.objects.filter(pk=key[2:]).exists()


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    permission = can_use_matchmaking(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    form = SavedSearchForm(request.POST)
    key = request.POST.get("for", "")
    company = None
    if key.startswith("c:") and is_id(key[2:]) and int(key[2:]) in member_company_ids(request.user):
        company = Company.objects.get(pk=key[2:])
    if form.is_valid():
        services.saved_search_create(
            actor=request.user,
            company=company,
            name=form.cleaned_data["name"],
            query=request.POST.get("q", "")[:500],
            filters=filters_to_json(filters_from(request.POST)),
        )
        messages.success(request, _("Search saved. You will get a weekly e-mail with new matching profiles."))
    else:
        messages.error(request, _("Give the search a name to save it."))
    return redirect("matching:saved_searches")


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    return render(request, "matching/saved_searches.html", {"searches": SavedSearch.objects.filter(user=request.user)})


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    services.saved_search_delete(actor=request.user, search=search)
    messages.success(request, _("Saved search deleted."))
    return redirect("matching:saved_searches")
