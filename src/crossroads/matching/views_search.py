from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Programme, Province
from crossroads.programme.selectors import current_programme

from . import services
from .engine import Filters
from .forms import PartnerSearchForm, SavedSearchForm
from .models import SavedSearch
from .permissions import can_use_matchmaking, member_company_ids
from .search import SearchNotFound, SearchResult, key_pending, partner_search, search_options, searcher_for
from .selectors import filters_to_json

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser


def search_form(
    user: AnyUser,
    params: QueryDict,
    *,
    programme: Programme | None = None,
    options: list[tuple[str, str]] | None = None,
) -> PartnerSearchForm:
    programme = programme or current_programme()
    return PartnerSearchForm(
        params,
        options=search_options(user) if options is None else options,
        themes=list(programme.themes.values_list("code", flat=True)),
        provinces=list(Province.objects.values_list("code", flat=True)),
        countries=list(programme.countries),
    )


def parse_and_search(user: AnyUser, params: QueryDict) -> tuple[PartnerSearchForm, SearchResult]:
    """The find-partners form read from `params` and the search it asks for. A form with errors gives no
    suggestions (the bound form carries the errors); a search for a company or profile that is not the user's
    raises SearchNotFound."""
    form = search_form(user, params)
    query = form.search_query()
    if query is not None:
        return form, partner_search(user, query, options=form.options)
    searcher = searcher_for(user, form.searcher_key(), options=form.options)
    return form, SearchResult(searcher=searcher, text="", seek="", filters=Filters(), suggestions=[])


def _find_partners_context(request: HttpRequest, params: QueryDict, save_form: SavedSearchForm) -> dict[str, Any]:
    try:
        form, result = parse_and_search(request.user, params)
    except SearchNotFound as exc:
        raise Http404 from exc
    programme = current_programme()
    searcher = result.searcher
    return {
        "form": form,
        "options": form.options,
        "key": searcher.key,
        "index_key": searcher.index_key,
        "query": result.text if form.is_valid() else str(params.get("q") or "")[:500],
        "seek": result.seek,
        "searcher": searcher.profile,
        "filters": result.filters,
        "filters_json": result.filters_json,
        "suggestions": result.suggestions,
        "themes": programme.themes.all(),
        "provinces": Province.objects.filter(
            nuts3_regions__statuses__programme=programme,
            nuts3_regions__statuses__status__in=programme.eligible_region_statuses,
        )
        .distinct()
        .order_by("country", "name"),
        "save_form": save_form,
        "pending": key_pending(searcher.index_key),
    }


@login_required
def find_partners(request: HttpRequest) -> HttpResponse:
    permission = can_use_matchmaking(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    context = _find_partners_context(request, request.GET, SavedSearchForm())
    return render(request, "matching/find_partners.html", context)


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
            filters=filters_to_json(context["filters"]),
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
