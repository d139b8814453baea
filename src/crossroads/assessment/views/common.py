"""Small helpers shared by the assessment views."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from crossroads.applications.models import Application, ApplicationStatus
from crossroads.core.permissions import is_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Call, Criterion

from ..permissions import can_manage_assessment


def secretariat_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in and secretariat (or admin); anyone else gets a 403 page that says why."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        allowed = can_manage_assessment(request.user)
        if not allowed:
            return forbidden(request, allowed.reason)
        return view(request, *args, **kwargs)

    return wrapper


def call_or_404(call_id: int | str) -> Call:
    if not is_id(str(call_id)):
        raise Http404
    return get_object_or_404(Call.objects.select_related("programme"), pk=call_id)


def submitted_or_404(application_id: str) -> Application:
    if not is_id(str(application_id)):
        raise Http404
    return get_object_or_404(
        Application.objects.select_related("call__programme", "lead_company"),
        pk=application_id,
        status=ApplicationStatus.SUBMITTED,
    )


def posted_scores(request: HttpRequest, criteria: Iterable[Criterion], text_field: str) -> dict[str, tuple[str, str]]:
    """{criterion code: (typed score, typed text)} from the fields `score-<code>` and `<text_field>-<code>`."""
    return {
        c.code: (request.POST.get(f"score-{c.code}", ""), request.POST.get(f"{text_field}-{c.code}", ""))
        for c in criteria
    }
