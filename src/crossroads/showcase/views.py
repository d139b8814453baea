"""Pages of the public showcase (no login): the home page's content, the funded projects, the earlier editions and
the contact page with the adviser finder; and, behind a login, the project story for the consortium and the
secretariat's review of it.

The public pages read only the whitelist (`selectors.public`); nothing here reads an application, a score or a
person's data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core import clock
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service
from crossroads.grants.models import Agreement
from crossroads.grants.permissions import can_view_agreement
from crossroads.programme.models import Call
from crossroads.programme.selectors import current_programme

from .forms import AdviserFinderForm, ProjectFilterForm, ReviewForm, StoryForm
from .models import Edition, ProjectStory, StoryStatus
from .permissions import can_review_story, can_see_story, can_write_story
from .selectors import home as home_selectors
from .selectors.contact import find_adviser, public_agencies
from .selectors.public import (
    public_agreements,
    public_filter_options,
    public_project,
    public_project_page,
    public_projects,
    public_totals,
)
from .selectors.stories import stories_waiting, story_of
from .services.stories import story_approve, story_return, story_save, story_submit, story_withdraw

PER_PAGE = 10


def home_context() -> dict[str, Any]:
    """What the public home page shows (portal.views.home renders it for anonymous visitors)."""
    programme = current_programme()
    return {
        "offer": home_selectors.offer(programme),
        "calls": home_selectors.open_calls(programme),
        "totals": home_selectors.headline(),
        "featured": home_selectors.featured(),
        "finder": AdviserFinderForm(),
        "now_moment": clock.now(),
    }


def _page_number(raw: str | None, pages: int) -> int:
    """Any text in ?page= gives a page that exists: not a number -> 1, below 1 -> 1, beyond the end -> the last."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(pages, 1))


def project_list(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    options = public_filter_options()
    calls = list(Call.objects.filter(code__in=options["calls"]).order_by("opens_at"))
    form = ProjectFilterForm(
        request.GET or None, themes=list(programme.themes.order_by("order")), calls=calls, years=options["years"]
    )
    filters = form.filters() if request.GET else {}
    total = public_project_page(page=1, per_page=0, **filters)[1]
    pages = Paginator(range(total), PER_PAGE)
    number = _page_number(request.GET.get("page"), pages.num_pages)
    projects, _total = public_project_page(page=number, per_page=PER_PAGE, **filters)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "projects": projects,
        "total": total,
        "page": pages.page(number),
        "query": query.urlencode(),
        "filtered": any(filters.values()),
    }
    return render(request, "showcase/project_list.html", context)


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = public_project(slug[:60])
    if project is None:
        raise Http404
    call = Call.objects.filter(code=project.call_code).first()
    story = None
    if request.user.is_authenticated:  # a link to the story page for those who may write or review it
        agreement = Agreement.objects.filter(reference__iexact=project.reference).first()
        if agreement is not None and can_see_story(request.user, agreement):
            story = agreement
    municipalities = sorted({(p.municipality, p.country) for p in project.partners if p.municipality})
    context = {"project": project, "call": call, "story_agreement": story, "municipalities": municipalities}
    return render(request, "showcase/project_detail.html", context)


def editions(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    return render(
        request,
        "showcase/editions.html",
        {"editions": list(Edition.objects.all()), "live": public_totals(public_projects()), "programme": programme},
    )


def contact(request: HttpRequest) -> HttpResponse:
    form = AdviserFinderForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        result = find_adviser(form.cleaned_data["country"], form.cleaned_data["postcode"])
    return render(request, "showcase/contact.html", {"agencies": public_agencies(), "form": form, "result": result})


def _story_agreement(request: HttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("grant__application"), pk=pk)
    if not can_view_agreement(request.user, agreement):
        raise Http404  # an agreement that is not yours does not exist for you
    return agreement


def _story_post(request: HttpRequest, agreement: Agreement, form: StoryForm) -> ProjectStory | None:
    data = form.cleaned_data
    service = story_submit if "submit" in request.POST else story_save
    return call_service(
        form,
        lambda: service(
            actor=request.user,  # type: ignore[arg-type]
            agreement=agreement,
            data=data,
            version=data.get("version"),
        ),
    )


@login_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _story_agreement(request, pk)
    may_see = can_see_story(request.user, agreement)
    if not may_see:
        return forbidden(request, may_see.reason)
    may_write = can_write_story(request.user, agreement)
    if request.method == "POST" and not may_write:
        return forbidden(request, may_write.reason)
    current = story_of(agreement.pk)
    initial: dict[str, object] = {"version": current.lock_version if current else None}
    if current is not None:
        initial.update(language=current.language, summary=current.summary, story=current.story, results=current.results)
    form = StoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _story_post(request, agreement, form)
        if saved is not None:
            if saved.status == StoryStatus.SUBMITTED:
                messages.success(request, _("The story was sent to the secretariat. It shows once they approve it."))
            else:
                messages.success(request, _("The story was saved. It is not public until the secretariat approves it."))
            return redirect("showcase:story", agreement.pk)
    context = {
        "agreement": agreement,
        "current": current,
        "form": form,
        "may_write": bool(may_write) and (current is None or current.status != StoryStatus.SUBMITTED),
        "may_review": bool(can_review_story(request.user)),
        "review_form": ReviewForm(),
        "is_public": public_agreements().filter(pk=agreement.pk).exists(),
    }
    return render(request, "showcase/story.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def story_review(request: HttpRequest, pk: int) -> HttpResponse:
    permission = can_review_story(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    current = get_object_or_404(ProjectStory, agreement_id=pk)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    actor = request.user
    decision = request.POST.get("decision", "")
    if decision == "approve":
        story_approve(actor=actor, story=current)  # type: ignore[arg-type]
        messages.success(request, _("The story is published on the project's public page."))
    elif decision == "return":
        story_return(actor=actor, story=current, note=note)  # type: ignore[arg-type]
        messages.success(request, _("The story was returned to the consortium with your note."))
    elif decision == "withdraw":
        story_withdraw(actor=actor, story=current, note=note)  # type: ignore[arg-type]
        messages.success(request, _("The story was taken off the public site."))
    else:
        messages.error(request, _("Choose to approve, return or withdraw the story."))
    return redirect("showcase:story", pk)


@login_required
def story_worklist(request: HttpRequest) -> HttpResponse:
    permission = can_review_story(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    return render(request, "showcase/story_worklist.html", {"stories": list(stories_waiting())})
