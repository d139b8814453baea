"""The secretariat's pages for calls: the list, creating and editing a call, its documents and a preview of its
public page. Each view checks its permission function and shows the reason of a refusal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core import clock
from crossroads.core.permissions import is_id
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from . import permissions, services
from .forms import CallDocumentForm, CallForm, criterion_formset
from .labels import ATTACHMENT_LABELS, SECTION_LABELS
from .models import Call, CallDocument, CallStages, PersonnelCostMethod
from .selectors import calls_for_secretariat, current_programme, has_submissions


def _call_or_404(call_id: object) -> Call:
    if not is_id(str(call_id)):
        raise Http404
    return get_object_or_404(Call.objects.select_related("programme"), pk=call_id)


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    allowed = permissions.can_list_calls(request.user)
    if not allowed:
        return forbidden(request, allowed.reason)
    return render(request, "programme/call_list.html", {"rows": calls_for_secretariat()})


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    allowed = permissions.can_create_call(request.user)
    if not allowed:
        return forbidden(request, allowed.reason)
    return _call_form_page(request, None)


@login_required
def call_edit(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call_or_404(call_id)
    allowed = permissions.can_edit_call(request.user, call)
    if not allowed:
        return forbidden(request, allowed.reason)
    return _call_form_page(request, call)


def _call_form_page(request: HttpRequest, call: Call | None) -> HttpResponse:
    programme = call.programme if call is not None else current_programme()
    posted = request.POST if request.method == "POST" else None
    form = CallForm(posted, programme=programme, call=call)
    grid = criterion_formset(call, programme, posted)
    if posted is not None:
        if form.is_valid() & grid.is_valid():
            saved = call_service(
                form,
                lambda: services.call_save(
                    actor=signed_in(request),
                    programme=programme,
                    call=call,
                    values=form.values(),
                    themes=list(form.cleaned_data["themes"]),
                    criteria=grid.rows(),
                    reason=form.cleaned_data["reason"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The call was saved."))
                return redirect("programme:call_edit", call_id=saved.pk)
        else:
            messages.error(request, _("The call was not saved: check the fields marked below."))
    now = clock.now()
    context = {
        "call": call,
        "programme": programme,
        "form": form,
        "grid": grid,
        "opened": call is not None and call.opens_at <= now,
        "submitted": call is not None and has_submissions(call),
        "documents": call.documents.all() if call is not None else [],
        "document_form": CallDocumentForm(),
    }
    return render(request, "programme/call_form.html", context, status=400 if posted is not None else 200)


@login_required
def call_preview(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call_or_404(call_id)
    allowed = permissions.can_preview_call(request.user, call)
    if not allowed:
        return forbidden(request, allowed.reason)
    method = call.personnel_cost_method or call.programme.personnel_cost_method
    return render(
        request,
        "programme/call_preview.html",
        {
            "call": call,
            "programme": call.programme,
            "status": call.status_at(clock.now()),
            "criteria": call.criteria.order_by("order"),
            "two_stages": call.stages == CallStages.TWO,
            "method_label": PersonnelCostMethod(method).label,
            "sections": [SECTION_LABELS.get(code, code) for code in call.required_sections],
            "idea_sections": [SECTION_LABELS.get(code, code) for code in call.idea_sections],
            "attachments": [ATTACHMENT_LABELS.get(code, code) for code in call.required_attachments],
        },
    )


@login_required
@require_POST
def call_document_add(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call_or_404(call_id)
    allowed = permissions.can_manage_call_documents(request.user, call)
    if not allowed:
        return forbidden(request, allowed.reason)
    form = CallDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.call_document_add(
            actor=signed_in(request),
            call=call,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("The document was added to the call."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect("programme:call_edit", call_id=call.pk)


@login_required
@require_POST
def call_document_remove(request: HttpRequest, call_id: int, pk: int) -> HttpResponse:
    call = _call_or_404(call_id)
    if not is_id(str(pk)):
        raise Http404
    document = get_object_or_404(CallDocument, pk=pk, call=call)
    allowed = permissions.can_remove_call_document(request.user, document)
    if not allowed:
        return forbidden(request, allowed.reason)
    services.call_document_remove(actor=signed_in(request), document=document)
    messages.success(request, _("The document was removed from the call."))
    return redirect("programme:call_edit", call_id=call.pk)
