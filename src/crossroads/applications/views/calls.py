"""Calls (public) and starting an application in one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service
from crossroads.programme.models import Call, CallDocument

from .. import services
from ..forms import StartApplicationForm
from ..permissions import can_start_application
from ..selectors import applications_visible_to
from .common import my_companies


def call_list(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    calls = Call.objects.select_related("programme").order_by("-opens_at")
    return render(
        request,
        "applications/call_list.html",
        {
            "open_calls": [c for c in calls if c.is_open(now)],
            "other_calls": [c for c in calls if not c.is_open(now)],
        },
    )


def call_detail(request: HttpRequest, code: str, *, start_form: StartApplicationForm | None = None) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    now = clock.now()
    companies = my_companies(request.user)
    return render(
        request,
        "applications/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(now),
            "seconds_left": max(0, int((call.closes_at - now).total_seconds())),
            "companies": companies,
            "start_form": start_form or StartApplicationForm(companies=companies),
            "criteria": call.criteria.all(),
            "programme": call.programme,
        },
        status=400 if start_form is not None else 200,
    )


@login_required
@require_POST
def application_start(request: HttpRequest, code: str) -> HttpResponse:
    call = get_object_or_404(Call, code=code)
    permission = can_start_application(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    companies = my_companies(request.user)
    if not any(str(c.pk) == request.POST.get("lead") for c in companies):
        raise Http404  # a company that is not one's own, or no company id at all
    form = StartApplicationForm(request.POST, companies=companies)
    if form.is_valid():
        lead = Company.objects.get(pk=form.cleaned_data["lead"])
        application = call_service(
            form,
            lambda: services.application_create(
                actor=signed_in(request), call=call, lead=lead, title=form.cleaned_data["title"]
            ),
        )
        if application is not None:
            return redirect("applications:detail", pk=application.pk)
    return call_detail(request, code, start_form=form)


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    # The secretariat sees every application of the programme (thousands): 50 a page, with the total.
    page = Paginator(applications_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "applications/my_applications.html", {"applications": page, "page": page, "query": ""})


def call_document(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """Call documents are public; they are served through here because uploads never sit in the web root."""
    document = get_object_or_404(CallDocument, pk=pk, call__code=code)
    name = document.file.name or ""
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1])
