from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Province
from crossroads.programme.selectors import current_programme

from . import services
from .forms import PartnerSearchForm, SavedSearchForm
from .index_service import get_engine
from .models import CooperationProfile, SavedSearch
from .permissions import can_use_matchmaking, member_company_ids
from .selectors import filters_from, filters_to_json, present


class SearchNotFound(Exception):
    """The search is for a company or profile the user may not search for (or that does not exist)."""


def searchable_as(user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The keys a user may search for: their companies and those companies' profiles (by their public key)."""
    options = []
    for company in Company.objects.filter(pk__in=member_company_ids(user)).prefetch_related("cooperation_profiles"):
        options.append((f"c:{company.pk}", company.legal_name))
        for profile in company.cooperation_profiles.all():
            options.append((profile.public_key, f"{company.legal_name} – {profile.title}"))
    return options


def _engine_keys(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Public key -> engine key for what the user may search for; a profile's numeric key ("p:12", old links
    and bookmarks) is accepted too: the profile is the user's own."""
    keys: dict[str, str] = {}
    for company in Company.objects.filter(pk__in=member_company_ids(user)).prefetch_related("cooperation_profiles"):
        keys[f"c:{company.pk}"] = f"c:{company.pk}"
        for profile in company.cooperation_profiles.all():
            keys[profile.public_key] = profile.index_key
            keys[profile.index_key] = profile.index_key
    return keys


def search_form(user, params, *, programme=None) -> PartnerSearchForm:  # type: ignore[no-untyped-def]
    programme = programme or current_programme()
    return PartnerSearchForm(
        params,
        options=searchable_as(user),
        themes=list(programme.themes.values_list("code", flat=True)),
        provinces=list(Province.objects.values_list("code", flat=True)),
    )


def run_search(user, params) -> tuple[list, dict]:  # type: ignore[no-untyped-def]
    """Suggestions for the chosen company or request, or a free-text search; returns (suggestions, context).
    Invalid input gives no suggestions and the bound form with its errors (`context["form"]`); a search for a
    company or profile that is not the user's raises SearchNotFound."""
    engine = get_engine()
    form = search_form(user, params)
    options = form.options
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    engine_keys = _engine_keys(user)
    typed_key = (params.get("for") or "") if hasattr(params, "get") else ""
    key = data.get("for") or ("" if typed_key else (options[0][0] if options else ""))
    if key and key not in engine_keys:
        raise SearchNotFound(key)
    index_key = engine_keys.get(key, "")
    if key.startswith("p:") and key[2:].isdigit():  # an old numeric link to one's own profile: show the public key
        key = next(public for public, internal in engine_keys.items() if internal == index_key and public != key)
    filters = filters_from(data)
    query = (data.get("q") or "").strip()
    seek = (data.get("seek") or "").strip()
    searcher = engine.profile(index_key) if index_key else None
    if not valid:
        matches = []
    elif query:
        matches = engine.search(query, k=10, filters=filters, searcher=searcher)
    elif searcher is not None:
        if seek and seek not in searcher.seeks:
            seek = ""
        matches = engine.suggest(index_key, k=10, filters=filters, seek=seek or None)
    else:
        matches = []
    context = {
        "form": form,
        "options": options,
        "key": key,
        "index_key": index_key,
        "query": query if valid else str(params.get("q") or "")[:500],
        "seek": seek,
        "searcher": searcher,
        "filters": filters,
        "filters_json": filters_to_json(filters),
    }
    return present(user, matches), context


def _find_partners_context(request: HttpRequest, params, save_form: SavedSearchForm) -> dict:  # type: ignore[no-untyped-def]
    try:
        suggestions, context = run_search(request.user, params)
    except SearchNotFound as exc:
        raise Http404 from exc
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
            "save_form": save_form,
            "pending": key_pending(context["index_key"]),
        }
    )
    return context


@login_required
def find_partners(request: HttpRequest) -> HttpResponse:
    permission = can_use_matchmaking(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    context = _find_partners_context(request, request.GET, SavedSearchForm())
    return render(request, "matching/find_partners.html", context)


def key_pending(index_key: str) -> bool:
    """A profile saved a moment ago may not be in the index yet (the worker encodes it)."""
    if not index_key.startswith("p:"):
        return False
    return get_engine().profile(index_key) is None and CooperationProfile.objects.filter(pk=index_key[2:]).exists()


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Saves the search shown on the find-partners page. When the name (or a filter) is refused, the same page
    comes back with the error at the field and everything typed still in place."""
    permission = can_use_matchmaking(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    form = SavedSearchForm(request.POST)
    context = _find_partners_context(request, request.POST, form)
    search = context["form"]
    if form.is_valid() and search.is_valid():
        index_key = context["index_key"]
        company = None
        if index_key.startswith("c:") and int(index_key[2:]) in member_company_ids(request.user):
            company = Company.objects.get(pk=index_key[2:])
        services.saved_search_create(
            actor=request.user,
            company=company,
            name=form.cleaned_data["name"],
            query=search.cleaned_data["q"],
            filters=filters_to_json(filters_from(search.cleaned_data)),
        )
        messages.success(request, _("Search saved. You will get a weekly e-mail with new matching profiles."))
        return redirect("matching:saved_searches")
    return render(request, "matching/find_partners.html", context)


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    return render(request, "matching/saved_searches.html", {"searches": SavedSearch.objects.filter(user=request.user)})


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: str) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=parse_int_id(pk) or 0, user=request.user)
    services.saved_search_delete(actor=request.user, search=search)
    messages.success(request, _("Saved search deleted."))
    return redirect("matching:saved_searches")
