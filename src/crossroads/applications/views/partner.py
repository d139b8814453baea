"""A partner's own part: role and tasks, budget lines and declarations. The page takes four POST actions, each a
small function in `ACTIONS`; a refused step shows the page again with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden

from .. import services
from ..display import conflict_rows
from ..forms import BudgetLineForm, DeclarationsForm, PartnerForm
from ..models import Application, BudgetLine, Partner
from ..permissions import can_edit_partner
from ..selectors import application_state, line_too_large
from .common import application_for, rendered_checks


def _line_of(partner: Partner, raw: object) -> BudgetLine:
    line_pk = parse_int_id(raw)
    if line_pk is None:
        raise Http404
    return get_object_or_404(BudgetLine, pk=line_pk, partner=partner)


@dataclass
class PartnerPage:
    """The page's state while a POST is handled: the forms (posted or fresh) and a conflict, if any."""

    application: Application
    partner: Partner
    part_form: PartnerForm
    line_form: BudgetLineForm
    editing: BudgetLine | None
    fixed_rate: bool
    conflict: services.ConflictError | None = None


def _save_part(request: HttpRequest, page: PartnerPage) -> HttpResponse | None:
    page.part_form = PartnerForm(request.POST, instance=Partner.objects.get(pk=page.partner.pk))
    if not page.part_form.is_valid():
        return None
    data = page.part_form.cleaned_data
    services.partner_update(
        actor=signed_in(request),
        partner=page.partner,
        version=data["version"],
        data={"role": data["role"], "tasks": data["tasks"]},
    )
    messages.success(request, _("Saved."))
    return redirect("applications:partner", pk=page.application.pk, partner_pk=page.partner.pk)


def _save_line(request: HttpRequest, page: PartnerPage) -> HttpResponse | None:
    page.editing = _line_of(page.partner, request.POST["line"]) if request.POST.get("line") else None
    form = page.line_form = BudgetLineForm(request.POST, instance=page.editing, fixed_rate=page.fixed_rate)
    if not form.is_valid():
        return None
    try:
        services.budget_line_save(actor=signed_in(request), partner=page.partner, line=form.save(commit=False))
    except services.FieldErrors as exc:  # each refusal at its field, with what was typed
        for field, message in exc.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return None
    except services.ApplicationError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, _("Budget line saved.") if page.editing else _("Budget line added."))
    return redirect(f"{request.path}#budget")


def _delete_line(request: HttpRequest, page: PartnerPage) -> HttpResponse | None:
    services.budget_line_delete(actor=signed_in(request), line=_line_of(page.partner, request.POST.get("line", "")))
    messages.success(request, _("Budget line deleted."))
    return redirect(f"{request.path}#budget")


def _declare(request: HttpRequest, page: PartnerPage) -> HttpResponse | None:
    form = DeclarationsForm(request.POST)
    form.is_valid()
    services.partner_declare(actor=signed_in(request), partner=page.partner, declarations=form.cleaned_data)
    signed = Partner.objects.get(pk=page.partner.pk).signed_all
    messages.success(
        request, _("Declarations saved.") if signed else _("Saved; sign all declarations to confirm your part.")
    )
    return redirect("applications:partner", pk=page.application.pk, partner_pk=page.partner.pk)


ACTIONS: dict[str, Callable[[HttpRequest, PartnerPage], HttpResponse | None]] = {
    "part": _save_part,
    "line": _save_line,
    "delete_line": _delete_line,
    "declare": _declare,
}


def _post(request: HttpRequest, page: PartnerPage) -> HttpResponse | None:
    """Run the posted action; None when the page is to be shown again (400, or 409 for a conflict)."""
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return None
    try:
        return action(request, page)
    except services.ConflictError as exc:
        page.conflict = exc
    except services.ApplicationError as exc:  # shown above the page's forms, which keep what was typed
        messages.error(request, str(exc))
    return None


def _typed_part(form: PartnerForm) -> dict[str, object] | None:
    if not hasattr(form, "cleaned_data"):
        return None
    return {f: form.cleaned_data.get(f) for f in ("role", "tasks")}


def _render(request: HttpRequest, page: PartnerPage, *, can_edit: bool, status: int) -> HttpResponse:
    _checks, allocation, summaries = rendered_checks(page.application)
    lines = list(page.partner.budget_lines.all())
    for line in lines:
        line.too_large = line_too_large(line)  # type: ignore[attr-defined]  # a flag for the template
    context = {
        "application": page.application,
        "partner": page.partner,
        "can_edit": can_edit,
        "part_form": page.part_form,
        "line_form": page.line_form,
        "editing": page.editing,
        "lines": lines,
        "summary": next((s for s in summaries if s.partner.pk == page.partner.pk), None),
        "allocation": allocation,
        "declarations_form": DeclarationsForm(initial=page.partner.declarations),
        "conflict": page.conflict,
        "conflict_rows": conflict_rows(page.conflict.current, _typed_part(page.part_form)) if page.conflict else [],
    }
    return render(request, "applications/partner_detail.html", context, status=409 if page.conflict else status)


@login_required
def partner_detail(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    application = application_for(request, pk)
    partner = get_object_or_404(Partner.objects.select_related("company"), pk=partner_pk, application=application)
    permission = can_edit_partner(request.user, partner)
    can_edit = permission.allowed and application_state(application).is_draft
    fixed_rate = application.call.method == "fixed_rate"
    editing = _line_of(partner, request.GET["edit"]) if can_edit and "edit" in request.GET else None
    page = PartnerPage(
        application=application,
        partner=partner,
        part_form=PartnerForm(instance=partner),
        line_form=BudgetLineForm(instance=editing, fixed_rate=fixed_rate),
        editing=editing,
        fixed_rate=fixed_rate,
    )
    if request.method != "POST":
        return _render(request, page, can_edit=can_edit, status=200)
    if not can_edit:
        return forbidden(request, permission.reason)
    return _post(request, page) or _render(request, page, can_edit=can_edit, status=400)
