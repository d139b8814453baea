"""Pages of the follow-up: the agreements a person sees, the "my grant" page of one agreement, its acceptance per
partner, the partners' bank accounts (a change approved by a second person) and the agreement as a PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core import clock
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..forms.agreement import AcceptForm, AgreementFilterForm, BankAccountForm, RefuseForm
from ..messages import agreement as _agreement_messages  # noqa: F401  (registers the start mail in ON_START)
from ..models import Agreement, AgreementPartner, AgreementStatus, BankAccount
from ..permissions import can_see_finance, can_sign_for, can_view_agreement, is_finance
from ..selectors.agreement import (
    active_account,
    filter_agreements,
    lead_name,
    member_of,
    pending_account,
    pending_accounts,
    visible_agreements,
)
from ..selectors.overview import all_figures, due_next, schedule, totals
from ..services.agreement import agreement_accept
from ..services.bank import (
    bank_account_approve,
    bank_account_refuse,
    bank_account_register,
    can_decide_account,
    format_iban,
    may_decide,
    may_withdraw,
)


def optional_url(name: str, *args: Any) -> str:
    """The address of a page another part of the follow-up provides, or "" while it does not exist (no link)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    """The agreement, or 404 for anyone who may not see it (its existence is not revealed)."""
    agreement = get_object_or_404(Agreement.objects.select_related("grant__application__call__programme"), pk=pk)
    if not can_view_agreement(request.user, agreement):
        raise Http404
    return agreement


def _member(request: HttpRequest, pk: int) -> AgreementPartner:
    member = get_object_or_404(AgreementPartner.objects.select_related("agreement", "company"), pk=pk)
    if not can_view_agreement(request.user, member.agreement):
        raise Http404
    return member


def _sees_bank(user: Any, member: AgreementPartner, mine: set[int]) -> bool:
    return member.pk in mine or is_finance(user) or user.is_programme_staff


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET or None)
    agreements = visible_agreements(request.user)
    if form.is_valid():
        data = form.cleaned_data
        agreements = filter_agreements(agreements, status=data["status"], call=data["call"], search=data["q"])
    leads = Prefetch(
        "partners", queryset=AgreementPartner.objects.filter(is_lead=True).select_related("company"), to_attr="leads"
    )
    page = Paginator(agreements.prefetch_related(leads).order_by("-created_at", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    rows = [{"agreement": a, "lead": lead_name(a), "title": a.grant.application.title} for a in page]
    user = signed_in(request)
    staff = user.is_programme_staff or is_finance(user)
    return render(
        request,
        "grants/agreement/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "staff": staff,
            "pending_accounts": staff and can_see_finance(request.user),
        },
    )


def _bank_rows(request: HttpRequest, agreement: Agreement, mine: set[int]) -> list[dict[str, Any]]:
    rows = []
    for member in agreement.partners.select_related("company"):
        if not _sees_bank(request.user, member, mine):
            continue
        active, pending = active_account(member), pending_account(member)
        rows.append(
            {
                "member": member,
                "active": active,
                "active_iban": format_iban(active.iban) if active else "",
                "pending": pending,
                "pending_iban": format_iban(pending.iban) if pending else "",
                "can_decide": pending is not None and can_decide_account(request.user, pending),
                "can_register": bool(can_sign_for(request.user, member))
                and agreement.status != AgreementStatus.CLOSED
                and agreement.status != AgreementStatus.TERMINATED,
            }
        )
    return rows


def _period_links(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        out.append(
            {
                "row": row,
                "report_url": optional_url("grants:report", row.period.pk),
                "claims": [
                    {"cell": cell, "url": optional_url("grants:claim", cell.claim.pk) if cell.claim else ""}
                    for cell in row.claims
                ],
            }
        )
    return out


def detail_context(request: HttpRequest, agreement: Agreement, accept_form: AcceptForm | None = None) -> dict:
    today = clock.now().astimezone(clock.BRUSSELS).date()
    mine = {m.pk for m in member_of(request.user, agreement)}
    periods = schedule(agreement, today)
    figures = all_figures(agreement)
    partners = [
        {
            "member": m,
            "mine": m.pk in mine,
            "can_accept": agreement.status == AgreementStatus.OFFERED
            and m.accepted_at is None
            and bool(can_sign_for(request.user, m)),
        }
        for m in agreement.partners.select_related("company", "accepted_by")
    ]
    return {
        "agreement": agreement,
        "application": agreement.grant.application,
        "call": agreement.grant.application.call,
        "partners": partners,
        "figures": figures,
        "totals": totals(figures),
        "periods": _period_links(periods),
        "next": due_next(periods) if agreement.status in (AgreementStatus.RUNNING, AgreementStatus.CLOSING) else None,
        "today": today,
        "bank_rows": _bank_rows(request, agreement, mine),
        "accept_form": accept_form or AcceptForm(),
        "blank_accept_form": AcceptForm(),
        "refuse_form": RefuseForm(),
        "links": _links(request, agreement, mine),
    }


def _links(request: HttpRequest, agreement: Agreement, mine: set[int]) -> dict[str, Any]:
    """The agreement's other pages this person may open: coaching, indicators, their company's survey, the public
    story (written by a manager of a partner company once the project is contracted, reviewed by the secretariat)."""
    from ..models import FollowUpSurvey
    from ..permissions import can_log_coaching, can_record_indicators, can_sign_for

    contracted = agreement.status in (AgreementStatus.RUNNING, AgreementStatus.CLOSING, AgreementStatus.CLOSED)
    members = [m for m in agreement.partners.all() if m.pk in mine and m.left_on is None]
    return {
        "story": contracted
        and (signed_in(request).is_programme_staff or any(can_sign_for(request.user, m) for m in members)),
        "coaching": bool(can_log_coaching(request.user, agreement)),
        "indicators": bool(can_record_indicators(request.user)),
        "surveys": list(FollowUpSurvey.objects.filter(agreement_partner__in=mine, answered_at__isnull=True)),
    }


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    return render(request, "grants/agreement/detail.html", detail_context(request, agreement))


@login_required
@require_POST
def agreement_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    allowed = can_sign_for(request.user, member)
    if not allowed:
        return forbidden(request, _("Only a manager of the company can accept the agreement for it."))
    form = AcceptForm(request.POST)
    if form.is_valid():
        actor = signed_in(request)
        done = call_service(
            form, lambda: agreement_accept(actor=actor, member=member, confirm=form.cleaned_data["confirm"])
        )
        if done is not None:
            messages.success(
                request,
                _("You accepted the agreement on behalf of %(company)s.") % {"company": member.company.display_name},
            )
            return redirect("grants:detail", member.agreement_id)
    context = detail_context(request, member.agreement, accept_form=form)
    context["accept_member"] = member.pk
    if not any(p["can_accept"] and p["member"].pk == member.pk for p in context["partners"]):
        # The form is no longer on the page (already accepted, or no longer offered): say why at the top.
        messages.error(request, _("Your company already accepted this agreement, or it can no longer be accepted."))
    return render(request, "grants/agreement/detail.html", context, status=400)


@login_required
def bank_account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    allowed = can_sign_for(request.user, member)
    if not allowed:
        return forbidden(request, _("Only a manager of the company can register its bank account."))
    form = BankAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = signed_in(request)
        account = call_service(
            form,
            lambda: bank_account_register(
                actor=actor, member=member, holder=data["holder"], iban=data["iban"], bic=data["bic"]
            ),
        )
        if account is not None:
            if account.status == "active":
                messages.success(request, _("The bank account is registered and in use."))
            else:
                messages.success(
                    request,
                    _("The change is registered. The account in use stays in use until a second person approves it."),
                )
            return redirect("grants:detail", member.agreement_id)
    active, pending = active_account(member), pending_account(member)
    return render(
        request,
        "grants/agreement/bank_account.html",
        {
            "member": member,
            "agreement": member.agreement,
            "form": form,
            "active": active,
            "active_iban": format_iban(active.iban) if active else "",
            "pending": pending,
            "pending_iban": format_iban(pending.iban) if pending else "",
        },
        status=400 if request.method == "POST" else 200,
    )


def _account(request: HttpRequest, pk: int) -> BankAccount:
    account = get_object_or_404(
        BankAccount.objects.select_related("agreement_partner__agreement", "agreement_partner__company"), pk=pk
    )
    member = account.agreement_partner
    mine = {m.pk for m in member_of(request.user, member.agreement)}
    if not (can_view_agreement(request.user, member.agreement) and _sees_bank(request.user, member, mine)):
        raise Http404
    return account


@login_required
def bank_account_list(request: HttpRequest) -> HttpResponse:
    allowed = can_see_finance(request.user)
    if not allowed:
        return forbidden(request, allowed.reason)
    rows = []
    for account in pending_accounts():
        current = active_account(account.agreement_partner)
        rows.append(
            {
                "account": account,
                "iban": format_iban(account.iban),
                "current": current,
                "current_iban": format_iban(current.iban) if current else "",
                "can_decide": can_decide_account(request.user, account),
            }
        )
    return render(request, "grants/agreement/bank_accounts.html", {"rows": rows, "refuse_form": RefuseForm()})


def _back(request: HttpRequest, account: BankAccount) -> HttpResponse:
    if request.POST.get("next") == "list" and can_see_finance(request.user):
        return redirect("grants:bank_accounts")
    return redirect("grants:detail", account.agreement_partner.agreement_id)


@login_required
@require_POST
def bank_account_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    if not may_decide(request.user, account):
        return forbidden(
            request, _("A second person approves a change of account: finance, or another manager of the company.")
        )
    bank_account_approve(actor=signed_in(request), account=account)
    messages.success(request, _("The new bank account is in use."))
    return _back(request, account)


@login_required
@require_POST
def bank_account_refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    if not (may_withdraw(request.user, account) or may_decide(request.user, account)):
        return forbidden(
            request, _("A second person decides on a change of account: finance, or another manager of the company.")
        )
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the change is refused; the company's managers read it."))
        return _back(request, account)
    bank_account_refuse(actor=signed_in(request), account=account, reason=form.cleaned_data["reason"])
    messages.success(request, _("The change of account is refused; the account in use stays in use."))
    return _back(request, account)


@login_required
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from ..pdf_agreement import agreement_pdf as render_pdf

    agreement = _agreement(request, pk)
    language = (get_language() or "nl")[:2]
    response = HttpResponse(render_pdf(agreement, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{agreement.reference}.pdf"'
    return response


urlpatterns: list[URLPattern] = [
    path("", agreement_list, name="list"),
    path("<int:pk>/", agreement_detail, name="detail"),
    path("<int:pk>/agreement.pdf", agreement_pdf, name="agreement_pdf"),
    path("partners/<int:pk>/accept/", agreement_accept_view, name="accept"),
    path("partners/<int:pk>/bank-account/", bank_account_edit, name="bank_account"),
    path("bank-accounts/", bank_account_list, name="bank_accounts"),
    path("bank-accounts/<int:pk>/approve/", bank_account_approve_view, name="bank_account_approve"),
    path("bank-accounts/<int:pk>/refuse/", bank_account_refuse_view, name="bank_account_refuse"),
]
