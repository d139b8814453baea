from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.companies.selectors import companies_visible_to
from crossroads.core.numbers import parse_int_id
from crossroads.core.transitions import TransitionError
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from . import services
from .engine import Match
from .forms import IntroductionForm, IntroductionStatusForm
from .index_service import get_engine
from .models import Embedding, Introduction, IntroductionStatus
from .permissions import can_introduce, can_introduce_pair, can_update_introduction, covers_company
from .selectors import Suggestion, present_in_place, shown_by_matching

if TYPE_CHECKING:
    from crossroads.accounts.models import User

MAX_COMPANIES = 60


def regional_matches(user: User, limit: int = 30) -> list[tuple[Company, Suggestion]]:
    """The best cross-border pairs for the companies an adviser covers (company rows, not anonymous ones)."""
    engine = get_engine()
    companies = list(companies_visible_to(user).order_by("-updated_at")[:MAX_COMPANIES])
    pairs: dict[frozenset[str], tuple[Company, Match]] = {}
    for company in companies:
        key = f"c:{company.pk}"
        if engine.profile(key) is None:
            continue
        for match in engine.suggest(key, k=3):
            if not match.id.startswith("c:"):
                continue
            pair = frozenset({key, match.id})
            if pair not in pairs or pairs[pair][1].score < match.score:
                pairs[pair] = (company, match)
    ranked = sorted(pairs.values(), key=lambda item: -item[1].score)[:limit]
    # One candidate can be suggested to several of the adviser's companies, each time for its own reasons: pair
    # each suggestion with its own match by position, never by the candidate's key.
    shown = present_in_place(user, [match for _company, match in ranked])
    return [(company, suggestion) for (company, _match), suggestion in zip(ranked, shown, strict=True) if suggestion]


def cached_regional_matches(user: User) -> list[tuple[Company, Suggestion]]:
    """The pairs take a suggestion run per company (about 40 ms each); reuse them until an embedding changes."""
    latest = Embedding.objects.aggregate(latest=Max("updated_at"))["latest"]
    key = f"adviser-pairs:{user.pk}:{latest.isoformat() if latest else '-'}"
    pairs = cache.get(key)
    if pairs is None:
        pairs = regional_matches(user)
        cache.set(key, pairs, timeout=600)
    return pairs


@login_required
def adviser_matches(request: HttpRequest) -> HttpResponse:
    permission = can_introduce(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    return render(
        request,
        "matching/adviser_matches.html",
        {
            "pairs": cached_regional_matches(request.user),
            "introductions": Introduction.objects.filter(adviser=request.user)
            .select_related("company_a", "company_b")
            .prefetch_related("replies__company"),
            "status_choices": IntroductionStatus.choices,
        },
    )


@login_required
def introduction_create(request: HttpRequest, a: str, b: str) -> HttpResponse:
    permission = can_introduce(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    pk_a, pk_b = parse_int_id(a), parse_int_id(b)
    company_a = Company.objects.filter(pk=pk_a).first() if pk_a else None
    company_b = Company.objects.filter(pk=pk_b).first() if pk_b else None
    # A company the adviser may not see is "not found" whichever side it is on: a 403 would confirm it exists.
    if company_a is None or company_b is None or not covers_company(request.user, company_a):
        raise Http404
    permission = can_introduce_pair(request.user, company_a, company_b, b_is_shown=shown_by_matching(company_b))
    if not permission:
        if not (shown_by_matching(company_b) or covers_company(request.user, company_b)):
            raise Http404
        return forbidden(request, permission.reason)
    form = IntroductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposed = call_service(
            form,
            lambda: services.introduction_propose(
                actor=request.user, company_a=company_a, company_b=company_b, note=form.cleaned_data["note"]
            ),
        )
        if proposed is not None:
            messages.success(request, _("Introduction sent to both companies."))
            return redirect("matching:adviser_matches")
    return render(
        request, "matching/introduction_form.html", {"form": form, "company_a": company_a, "company_b": company_b}
    )


@login_required
@require_POST
def introduction_update(request: HttpRequest, pk: str) -> HttpResponse:
    introduction = get_object_or_404(Introduction, pk=parse_int_id(pk) or 0)
    if not can_update_introduction(request.user, introduction):
        raise Http404
    form = IntroductionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_advance(
                actor=request.user, introduction=introduction, status=form.cleaned_data["status"]
            )
        except TransitionError:  # the page's own wording, naming the current outcome
            current = IntroductionStatus(introduction.status).label
            messages.error(request, _("From “%(current)s” that step is not possible.") % {"current": current})
        else:
            messages.success(request, _("Outcome updated."))
    else:  # a forged or outdated choice: say so instead of pretending nothing happened
        messages.error(request, _("Choose one of the listed outcomes."))
    return redirect("matching:adviser_matches")
