"""Pages of finance: the verification worklist and a claim's verification, payment approval (four eyes), payment
orders (SEPA), paid / returned, the payments list with its reconciliation, the final settlement; and for the
partner its payment statement. Finance acts; the secretariat reads; a partner sees only its own documents and
statements."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core import clock
from crossroads.core.formatting import format_date
from crossroads.core.permissions import is_id
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..forms.finance import (
    CancelForm,
    ClaimFilterForm,
    LineDecisionForm,
    OrderForm,
    PaidForm,
    PaymentFilterForm,
    RepaidForm,
    ReturnedForm,
    ReturnForm,
    VerifyForm,
)
from ..models import Agreement, ClaimLine, ClaimStatus, CostClaim, Payment, PaymentOrder, PaymentStatus
from ..pdf_payment import payment_statement_pdf
from ..permissions import can_approve_payment, can_see_finance, can_verify, is_finance
from ..selectors.finance import (
    claim_findings,
    claims_prepared,
    explanation_text,
    finance_claims,
    finance_payments,
    orderable_payments,
    reconciliation,
    reconciliations,
)
from ..services import payments as payment_services
from ..services import verification as verification_services

PAYMENTS_PER_PAGE = 50
CLAIMS_PER_PAGE = 25


def finance_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Finance and the secretariat see; anyone else gets a 403 that says why. POSTs are for finance only."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        allowed = can_see_finance(request.user)
        if not allowed:
            return forbidden(request, allowed.reason)
        if request.method == "POST":
            acting = can_verify(request.user)
            if not acting:
                return forbidden(request, acting.reason)
        return view(request, *args, **kwargs)

    return wrapper


def _today() -> Any:
    return clock.now().astimezone(clock.BRUSSELS).date()


# ---------------------------------------------------------------------------------------------- worklist


def _moved_export(request: HttpRequest, name: str) -> HttpResponse | None:
    """`?format=csv|xlsx` was the list's export before every list had one export address: old links and bookmarks
    still arrive, with the list's filters."""
    kind = request.GET.get("format", "")
    if kind not in ("csv", "xlsx"):
        return None
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    target = reverse(name, args=[kind])
    return redirect(f"{target}?{query.urlencode()}" if query else target)


@finance_page
def worklist(request: HttpRequest) -> HttpResponse:
    form = ClaimFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = finance_claims(
        status=filters.get("status", ""),
        call=filters.get("call", ""),
        country=filters.get("country", ""),
        overdue=bool(filters.get("overdue")),
        today=_today(),
    )
    moved = _moved_export(request, "grants:claims_export")
    if moved is not None:
        return moved
    # One page at a time; the findings of the page's claims read in bulk (queries do not grow with the rows).
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page)
    prepared = claims_prepared(shown)
    rows = [(claim, claim_findings(claim, today=_today(), prepared=prepared[claim.pk])) for claim in shown]
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    return render(
        request,
        "grants/finance/worklist.html",
        {"form": form, "rows": rows, "page": page, "query": query.urlencode(), "today": _today()},
    )


# ---------------------------------------------------------------------------------------------- verification
def _claim(pk: int) -> CostClaim:
    return get_object_or_404(
        CostClaim.objects.select_related(
            "period__agreement__grant__application", "agreement_partner__company", "verified_by"
        ),
        pk=pk,
    )


def _verify_context(request: HttpRequest, claim: CostClaim, **forms: Any) -> dict[str, Any]:
    findings = claim_findings(claim, today=_today())
    acting = bool(is_finance(request.user)) and claim.status == ClaimStatus.SUBMITTED
    bound = forms.pop("line_forms", {})
    lines = [
        (f, bound.get(f.line.pk) or LineDecisionForm(prefix=f"line{f.line.pk}", initial=_initial(f.line)))
        for f in findings.lines
    ]
    return {
        "claim": claim,
        "agreement": claim.period.agreement,
        "findings": findings,
        "lines": lines,
        "acting": acting,
        "verify_form": forms.get("verify_form") or VerifyForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "payments": [(p, explanation_text(p)) for p in claim.payments.all()],
        "accepted": sum((line.accepted_amount or 0 for line in claim.lines.all()), start=0),
    }


def _initial(line: ClaimLine) -> dict[str, Any]:
    if line.decision == "pending":
        return {}
    return {"decision": line.decision, "amount": line.accepted_amount, "reason": line.decision_reason}


@finance_page
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    if claim.status == ClaimStatus.DRAFT:
        raise Http404
    if request.method == "POST":
        line_id = request.POST.get("line", "")
        if not is_id(line_id):
            raise Http404
        line = get_object_or_404(ClaimLine, pk=line_id, claim=claim)
        form = LineDecisionForm(request.POST, prefix=f"line{line.pk}")
        if form.is_valid():
            done = call_service(
                form,
                lambda: verification_services.line_decide(
                    actor=signed_in(request),
                    line=line,
                    decision=form.cleaned_data["decision"],
                    amount=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                ),
            )
            if done is not None:
                messages.success(request, _("The line's decision is saved."))
                return redirect(f"{request.path}#line-{line.pk}")
        context = _verify_context(request, claim, line_forms={line.pk: form})
        return render(request, "grants/finance/verify.html", context, status=400)
    return render(request, "grants/finance/verify.html", _verify_context(request, claim))


@require_POST
@finance_page
def verify_complete(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = VerifyForm(request.POST)
    if form.is_valid():
        actor = signed_in(request)
        done = call_service(
            form,
            lambda: (
                verification_services.claim_verify(
                    actor=actor,
                    claim=claim,
                    note=form.cleaned_data["note"],
                )
                or True
            ),
        )
        if done is not None:
            messages.success(request, _("The claim is verified; its payment waits for a second person's approval."))
            return redirect("grants:verify", pk=claim.pk)
    return render(request, "grants/finance/verify.html", _verify_context(request, claim, verify_form=form), status=400)


@require_POST
@finance_page
def claim_return(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            lambda: verification_services.claim_return(
                actor=signed_in(request),
                claim=claim,
                reason=form.cleaned_data["reason"],
            ),
        )
        if done is not None:
            messages.success(request, _("The claim is returned to the partner."))
            return redirect("grants:finance")
    return render(request, "grants/finance/verify.html", _verify_context(request, claim, return_form=form), status=400)


# ---------------------------------------------------------------------------------------------- payments
def _payment(pk: int) -> Payment:
    return get_object_or_404(
        Payment.objects.select_related(
            "agreement_partner__company", "agreement_partner__agreement__grant__application", "claim__period", "order"
        ),
        pk=pk,
    )


def _payment_context(request: HttpRequest, payment: Payment, **forms: Any) -> dict[str, Any]:
    approvable = can_approve_payment(request.user, payment.claim)
    return {
        "payment": payment,
        "explanation": explanation_text(payment),
        "reconciliation": reconciliation(payment.agreement_partner),
        "acting": is_finance(request.user),
        "approvable": approvable,
        "four_eyes_blocked": payment.proposed_by_id == request.user.pk,
        "paid_form": forms.get("paid_form") or PaidForm(initial={"paid_on": _today()}),
        "returned_form": forms.get("returned_form") or ReturnedForm(initial={"returned_on": _today()}),
        "repaid_form": forms.get("repaid_form") or RepaidForm(initial={"repaid_on": _today()}),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }


@finance_page
def payment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(pk)
    return render(request, "grants/finance/payment.html", _payment_context(request, payment))


@require_POST
@finance_page
def payment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(pk)
    allowed = can_approve_payment(request.user, payment.claim)
    if not allowed:
        return forbidden(request, allowed.reason)
    if payment.proposed_by_id == request.user.pk:
        return forbidden(request, _("You proposed this payment: a second person approves it."))
    payment_services.payment_approve(actor=signed_in(request), payment=payment)
    messages.success(request, _("The payment is approved; it goes into the next payment order."))
    return redirect("grants:payment", pk=payment.pk)


@require_POST
@finance_page
def payment_reapprove(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(pk)
    payment_services.payment_reapprove(actor=signed_in(request), payment=payment)
    messages.success(request, _("The payment is approved again; it goes into the next payment order."))
    return redirect("grants:payment", pk=payment.pk)


def _dated_action(
    request: HttpRequest, pk: int, form_class: type, key: str, act: Callable[[Payment, dict[str, Any]], Any], done: str
) -> HttpResponse:
    payment = _payment(pk)
    form = form_class(request.POST)
    if form.is_valid() and call_service(form, lambda: act(payment, form.cleaned_data)) is not None:
        messages.success(request, done)
        return redirect("grants:payment", pk=payment.pk)
    return render(request, "grants/finance/payment.html", _payment_context(request, payment, **{key: form}), status=400)


@require_POST
@finance_page
def payment_paid(request: HttpRequest, pk: int) -> HttpResponse:
    return _dated_action(
        request,
        pk,
        PaidForm,
        "paid_form",
        lambda p, data: payment_services.payment_mark_paid(
            actor=signed_in(request), payment=p, paid_on=data["paid_on"]
        ),
        _("The payment is marked as paid."),
    )


@require_POST
@finance_page
def payment_returned(request: HttpRequest, pk: int) -> HttpResponse:
    return _dated_action(
        request,
        pk,
        ReturnedForm,
        "returned_form",
        lambda p, data: payment_services.payment_mark_returned(
            actor=signed_in(request),
            payment=p,
            returned_on=data["returned_on"],
            reason=data["reason"],
        ),
        _("The payment is marked as returned by the bank."),
    )


@require_POST
@finance_page
def payment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _dated_action(
        request,
        pk,
        CancelForm,
        "cancel_form",
        lambda p, data: payment_services.payment_cancel(actor=signed_in(request), payment=p, reason=data["reason"]),
        _("The payment is cancelled; its claim is back in verification."),
    )


@require_POST
@finance_page
def recovery_repaid(request: HttpRequest, pk: int) -> HttpResponse:
    return _dated_action(
        request,
        pk,
        RepaidForm,
        "repaid_form",
        lambda p, data: payment_services.recovery_mark_repaid(
            actor=signed_in(request), payment=p, repaid_on=data["repaid_on"]
        ),
        _("The repayment is recorded."),
    )


@finance_page
def payments(request: HttpRequest) -> HttpResponse:
    form = PaymentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = finance_payments(
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        call=filters.get("call", ""),
        country=filters.get("country", ""),
    )
    moved = _moved_export(request, "grants:payments_export")
    if moved is not None:
        return moved
    # Thousands of payments at programme scale: one page at a time, the reconciliation of the partners on it
    # computed together (queries do not grow with the rows).
    page = Paginator(found, PAYMENTS_PER_PAGE).get_page(request.GET.get("page"))
    members = {p.agreement_partner_id: p.agreement_partner for p in page}
    reconciled = reconciliations(list(members.values()))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    return render(
        request,
        "grants/finance/payments.html",
        {
            "form": form,
            "payments": [(p, explanation_text(p)) for p in page],
            "page": page,
            "reconciliations": [(m, reconciled[m.pk]) for m in members.values()],
            "orders": PaymentOrder.objects.all()[:20],
            "query": query.urlencode(),
        },
    )


@finance_page
def payment_order(request: HttpRequest) -> HttpResponse:
    candidates = orderable_payments()
    choices = [(p.pk, f"{p.agreement_partner.agreement.reference} · {p.agreement_partner.company}") for p in candidates]
    form = OrderForm(request.POST or None, choices=choices, initial={"execution_date": _today()})
    if request.method == "POST" and form.is_valid():
        chosen = [p for p in candidates if str(p.pk) in form.cleaned_data["payments"]]
        order = call_service(
            form,
            lambda: payment_services.order_create(
                actor=signed_in(request),
                payments=chosen,
                execution_date=form.cleaned_data["execution_date"],
            ),
        )
        if order is not None:
            messages.success(request, _("The payment order is made: download its SEPA file below."))
            return redirect("grants:payments")
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/finance/order.html", {"form": form, "candidates": candidates}, status=status)


@finance_page
def payment_order_file(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(PaymentOrder, pk=pk)
    response = HttpResponse(order.xml.encode("utf-8"), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{order.message_id}.xml"'
    return response


@login_required
def payment_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner's statement of one payment, in its language: finance, the secretariat and the partner."""
    payment = _payment(pk)
    user = signed_in(request)
    member = payment.agreement_partner
    own = member.company_id in set(user.memberships.values_list("company_id", flat=True))
    if not (own or can_see_finance(user)):
        raise Http404
    if payment.status == PaymentStatus.CANCELLED:
        raise Http404
    language = getattr(user, "language", "") or "nl"
    pdf = payment_statement_pdf(payment, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{member.agreement.reference}-{payment.pk}-{format_date(payment.proposed_at)}.pdf".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------------------------------------- settlement
@finance_page
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("grant__application"), pk=pk)
    if request.method == "POST":
        payment_services.agreement_settle(actor=signed_in(request), agreement=agreement)
        messages.success(request, _("The final settlement is made."))
        return redirect("grants:settle", pk=agreement.pk)
    return render(
        request,
        "grants/finance/settle.html",
        {
            "agreement": agreement,
            "preview": payment_services.settlement_preview(agreement),
            "blockers": payment_services.settlement_blockers(agreement),
            "settled": payment_services.settled(agreement),
            "acting": is_finance(request.user),
        },
    )


urlpatterns: list[URLPattern] = [
    path("finance/", worklist, name="finance"),
    path("finance/claims/<int:pk>/", verify, name="verify"),
    path("finance/claims/<int:pk>/verified/", verify_complete, name="verify_complete"),
    path("finance/claims/<int:pk>/return/", claim_return, name="claim_return"),
    path("finance/payments/", payments, name="payments"),
    path("finance/payments/<int:pk>/", payment_detail, name="payment"),
    path("finance/payments/<int:pk>/approve/", payment_approve, name="payment_approve"),
    path("finance/payments/<int:pk>/approve-again/", payment_reapprove, name="payment_reapprove"),
    path("finance/payments/<int:pk>/cancel/", payment_cancel, name="payment_cancel"),
    path("finance/payments/<int:pk>/paid/", payment_paid, name="payment_paid"),
    path("finance/payments/<int:pk>/returned/", payment_returned, name="payment_returned"),
    path("finance/payments/<int:pk>/repaid/", recovery_repaid, name="recovery_repaid"),
    path("finance/orders/new/", payment_order, name="payment_order"),
    path("finance/orders/<int:pk>/sepa.xml", payment_order_file, name="payment_order_file"),
    path("payments/<int:pk>/statement.pdf", payment_statement, name="payment_statement"),
    path("finance/agreements/<int:pk>/settle/", settle, name="settle"),
]
