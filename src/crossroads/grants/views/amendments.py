"""Pages of the follow-up: amendments. Every version of an agreement with a side-by-side comparison, a form per
kind of amendment, and the secretariat's decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core.permissions import is_id
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..forms.amendments import FORMS, BudgetShiftForm, DecisionForm, PartnerJoinForm, PartnerLeaveForm
from ..models import Agreement, AgreementStatus, Amendment, AmendmentKind, AmendmentStatus, BudgetVersion
from ..permissions import can_decide_amendment, can_view_agreement, can_write_report
from ..selectors.budget import current_version
from ..selectors.versions import compare, totals, version_table
from ..services import amendments as services


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("grant__application__call__programme"), pk=pk)
    if not can_view_agreement(request.user, agreement):
        raise Http404  # an agreement that is not yours does not exist for you
    return agreement


def _version(agreement: Agreement, text: str | None) -> BudgetVersion | None:
    if not is_id(text):
        return None
    return agreement.versions.filter(number=int(text)).first()  # type: ignore[arg-type]


def _comparison(agreement: Agreement, a: BudgetVersion | None, b: BudgetVersion | None) -> dict[str, Any]:
    rows = compare(a, b) if a and b else []
    return {"a": a, "b": b, "rows": rows, "totals": totals(rows)}


@login_required
def amendments(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    versions = list(agreement.versions.all())
    current = current_version(agreement)
    a = _version(agreement, request.GET.get("a"))
    b = _version(agreement, request.GET.get("b"))
    if a is None or b is None:
        latest = versions[-1]
        b = latest
        a = (
            current
            if latest.number != current.number
            else next((v for v in reversed(versions) if v.number < latest.number), None)
        )
    kinds = [
        (kind, label)
        for kind, label in AmendmentKind.choices
        if agreement.status == AgreementStatus.RUNNING and services.may_request(request.user, agreement, kind)
    ]
    return render(
        request,
        "grants/amendments/list.html",
        {
            "agreement": agreement,
            "versions": versions,
            "current": current,
            "table": version_table(current),
            "amendments": agreement.amendments.select_related("version", "requested_by", "decided_by"),
            "kinds": kinds,
            "can_decide": can_decide_amendment(request.user).allowed,
            "comparison": _comparison(agreement, a, b),
        },
    )


def _form(request: HttpRequest, agreement: Agreement, kind: str) -> Any:
    data = request.POST if request.method == "POST" else None
    active = list(agreement.partners.filter(left_on__isnull=True).select_related("company"))
    if kind == AmendmentKind.BUDGET_SHIFT:
        if not can_write_report(request.user, agreement):
            companies = set(signed_in(request).memberships.values_list("company_id", flat=True))
            active = [m for m in active if m.company_id in companies]
        return BudgetShiftForm(data, members=active, budget=services.version_budget(current_version(agreement)))
    if kind == AmendmentKind.PARTNER_LEAVE:
        return PartnerLeaveForm(data, members=active)
    return FORMS[kind](data)


def _request(request: HttpRequest, agreement: Agreement, kind: str, form: Any) -> Amendment | None:
    data = form.cleaned_data
    extra: dict[str, Any] = {}
    if kind == AmendmentKind.BUDGET_SHIFT:
        extra["lines"] = form.lines()
    elif kind == AmendmentKind.PARTNER_LEAVE:
        extra = {"member": form.members.get(data["member"]), "left_on": data["left_on"]}
    elif kind == AmendmentKind.PARTNER_JOIN:
        assert isinstance(form, PartnerJoinForm)
        extra = {"company": data["company"], "joined_on": data["joined_on"], "costs": form.costs()}
    else:
        extra["end_date"] = data["end_date"]
    return call_service(
        form,
        lambda: services.amendment_request(
            actor=signed_in(request), agreement=agreement, kind=kind, reason=data["reason"], **extra
        ),
    )


@login_required
def amendment_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    agreement = _agreement(request, pk)
    if kind not in AmendmentKind.values:
        raise Http404
    if not services.may_request(request.user, agreement, kind):
        return forbidden(
            request, _("The lead partner asks for amendments for the consortium; a partner may shift its own budget.")
        )
    if agreement.status != AgreementStatus.RUNNING:
        return forbidden(request, _("Only a running agreement can be amended."))
    form = _form(request, agreement, kind)
    if request.method == "POST" and form.is_valid():
        amendment = _request(request, agreement, kind, form)
        if amendment is not None:
            if amendment.status == AmendmentStatus.APPROVED:
                messages.success(request, _("The budget shift is within the free share and applies now."))
            else:
                messages.success(request, _("Your request was sent to the secretariat."))
            return redirect("grants:amendments", agreement.pk)
    pending = services.pending_amendment(agreement)
    return render(
        request,
        "grants/amendments/new.html",
        {
            "agreement": agreement,
            "form": form,
            "kind": kind,
            "kind_label": AmendmentKind(kind).label,
            "pending": pending,
            "free_share": agreement.grant.application.call.budget_shift_free_share,
            "programme": agreement.grant.application.call.programme,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = get_object_or_404(Amendment.objects.select_related("version", "requested_by"), pk=pk)
    agreement = _agreement(request, amendment.agreement_id)
    permission = can_decide_amendment(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decided = call_service(form, lambda: _decide(request, amendment, form.cleaned_data))
        if decided is not None:
            messages.success(request, _("The decision was recorded and the partners informed."))
            return redirect("grants:amendments", agreement.pk)
    base = _version(agreement, str(amendment.details.get("base_version", ""))) or current_version(agreement)
    return render(
        request,
        "grants/amendments/decide.html",
        {
            "agreement": agreement,
            "amendment": amendment,
            "form": form,
            "open": amendment.status == AmendmentStatus.REQUESTED,
            "comparison": _comparison(agreement, base, amendment.version),
        },
        status=400 if request.method == "POST" else 200,
    )


def _decide(request: HttpRequest, amendment: Amendment, data: dict[str, Any]) -> Amendment:
    if data["decision"] == "approve":
        return services.amendment_approve(actor=signed_in(request), amendment=amendment, reason=data["reason"])
    return services.amendment_reject(actor=signed_in(request), amendment=amendment, reason=data["reason"])


@login_required
@require_POST
def amendment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = get_object_or_404(Amendment, pk=pk)
    agreement = _agreement(request, amendment.agreement_id)
    if amendment.requested_by_id != request.user.pk:
        return forbidden(request, _("Only the person who asked for an amendment can withdraw it."))
    services.amendment_withdraw(actor=request.user, amendment=amendment)
    messages.success(request, _("The amendment was withdrawn."))
    return redirect("grants:amendments", agreement.pk)


urlpatterns: list[URLPattern] = [
    path("agreements/<int:pk>/amendments/", amendments, name="amendments"),
    path("agreements/<int:pk>/amendments/new/<str:kind>/", amendment_new, name="amendment_new"),
    path("amendments/<int:pk>/decide/", amendment_decide, name="amendment_decide"),
    path("amendments/<int:pk>/withdraw/", amendment_withdraw, name="amendment_withdraw"),
]
