"""The application page and the lead's steps on it: the shared parts (also autosaved), work packages, submission,
withdrawal, a copy into a later call, and the secretariat's invitation to a full proposal."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core import clock
from crossroads.core.formatting import format_date
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service
from crossroads.programme.models import Call

from .. import services
from ..display import conflict_rows
from ..forms import CopyForm, SharedForm, WorkPackageForm
from ..models import Application
from ..permissions import can_edit_shared, can_invite_full
from .common import application_for, application_page, back_to_application, closed, editable_application, typed_shared


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return application_page(request, application_for(request, pk))


def _shared_form(request: HttpRequest, application: Application, *, wants_json: bool) -> SharedForm:
    posted = request.POST.copy()
    if application.planned_start and not posted.get("planned_start") and (wants_json or "planned_start" not in posted):
        # An autosave (or a partial post) without a date never erases the stored one; clearing it takes a Save.
        posted["planned_start"] = application.planned_start.isoformat()
    return SharedForm(
        posted, instance=Application.objects.get(pk=application.pk), sections=application.required_sections
    )


def _save_shared(request: HttpRequest, application: Application, form: SharedForm) -> Application:
    data = {f: form.cleaned_data[f] for f in ("title", "acronym", "duration_months", "planned_start")}
    data["sections"] = form.sections_data()
    data["indicators"] = form.indicators_data()
    return services.shared_update(
        actor=signed_in(request),
        application=application,
        data=data,
        version=form.cleaned_data["version"],
        themes=form.cleaned_data["themes"],
    )


def _refused(
    request: HttpRequest,
    application: Application,
    form: SharedForm | None,
    exc: services.ApplicationError,
    *,
    wants_json: bool,
) -> HttpResponse:
    """A refused save of the shared parts: JSON for the autosave, else the page again with what was typed (409 for
    a conflict with someone else's save)."""
    if isinstance(exc, services.ConflictError):
        if wants_json:
            current = conflict_rows(exc.current, typed_shared(form))
            return JsonResponse({"conflict": str(exc), "version": exc.version, "current": current}, status=409)
        return application_page(request, application, form=form, conflict=exc, status=409)
    if wants_json:
        return JsonResponse({"error": str(exc)}, status=400)
    if form is None:
        messages.error(request, str(exc))
        return redirect("applications:detail", pk=application.pk)
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))
    return application_page(request, application, form=form, status=400)


@login_required
@require_POST
def application_shared(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the shared parts. Also used by autosave (fetch with Accept: application/json)."""
    application = application_for(request, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    permission = can_edit_shared(request.user, application)
    if not permission:
        if wants_json:
            return JsonResponse({"error": str(permission.reason)}, status=403)
        return forbidden(request, permission.reason)
    try:
        services.ensure_editable(application)
    except services.ApplicationError as exc:
        return _refused(request, application, None, exc, wants_json=wants_json)
    form = _shared_form(request, application, wants_json=wants_json)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("Please correct the fields marked below."))
        return application_page(request, application, form=form, status=400)
    try:
        saved = _save_shared(request, application, form)
    except services.ApplicationError as exc:
        return _refused(request, application, form, exc, wants_json=wants_json)
    if wants_json:
        return JsonResponse({"saved": True, "version": saved.lock_version})
    messages.success(request, _("Saved."))
    return redirect("applications:detail", pk=pk)


def _to_the_second(moment: dt.datetime) -> str:
    """A submission's moment to the second, Brussels time: near a deadline the seconds matter."""
    local = moment.astimezone(clock.BRUSSELS)
    return f"{format_date(local)} {formats.time_format(local.time(), 'H:i:s')}"


@login_required
@require_POST
@back_to_application()
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for(request, pk)
    key = (request.POST.get("idempotency_key") or "")[:64]
    if not key or not key.isascii() or not key.isprintable():
        messages.error(request, _("Reload the page and submit again."))
        return redirect("applications:detail", pk=pk)
    submission = services.application_submit(
        actor=signed_in(request),
        application=application,
        idempotency_key=key,
        arrived_at=clock.request_arrival(request),  # a trusted proxy's stamp (REQUEST_START_HEADER), else now
    )
    messages.success(
        request,
        _("Submitted on %(time)s. Every partner receives the PDF by e-mail.")
        % {"time": _to_the_second(submission.submitted_at)},
    )
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
@back_to_application()
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    services.application_withdraw(actor=signed_in(request), application=application_for(request, pk))
    messages.success(request, _("Withdrawn. The application is a draft again."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def application_copy(request: HttpRequest, pk: int) -> HttpResponse:
    application, refused = editable_application(request, pk)
    if refused:
        return refused
    open_calls = [c for c in Call.objects.exclude(pk=application.call_id) if c.is_open(clock.now())]
    form = CopyForm(request.POST, calls=open_calls)
    if form.is_valid():
        call = Call.objects.get(code=form.cleaned_data["call"])
        copy = call_service(
            form, lambda: services.application_copy(actor=signed_in(request), application=application, call=call)
        )
        if copy is not None:
            messages.success(request, _("Copied into %(call)s as a new draft.") % {"call": call.name})
            return redirect("applications:detail", pk=copy.pk)
    return application_page(request, application, copy_form=form, status=400)


@login_required
@require_POST
def work_package_add(request: HttpRequest, pk: int) -> HttpResponse:
    application, refused = editable_application(request, pk)
    if refused:
        return refused
    if response := closed(request, application):
        return response
    partners = list(application.partners.select_related("company").filter(company__isnull=False))
    form = WorkPackageForm(request.POST, partners=partners)
    if form.is_valid():
        saved = call_service(
            form,
            lambda: services.work_package_save(
                actor=signed_in(request),
                application=application,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                effort=form.effort(),
            ),
        )
        if saved is not None:
            messages.success(request, _("Work package added."))
            return redirect(reverse("applications:detail", args=[pk]) + "#workplan")
    return application_page(request, application, wp_form=form, status=400)


@login_required
@require_POST
@back_to_application("#workplan")
def work_package_delete(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    application, refused = editable_application(request, pk)
    if refused:
        return refused
    package = get_object_or_404(application.work_packages, number=number)
    services.work_package_delete(actor=signed_in(request), package=package)
    return redirect(reverse("applications:detail", args=[pk]) + "#workplan")


@login_required
@require_POST
@back_to_application()
def application_invite_full(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for(request, pk)
    permission = can_invite_full(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    services.application_invite_full(actor=signed_in(request), application=application)
    messages.success(request, _("The lead partner is invited to write the full proposal."))
    return redirect("applications:detail", pk=pk)
