from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core.views import forbidden
from crossroads.programme.selectors import current_programme

from . import services
from .exports import company_list_rows
from .forms import CompanyForm, DeMinimisAidForm, EstablishmentForm, FinancialYearForm, HoldingForm, InvitationForm
from .models import Company, Country, DeMinimisAid, Establishment, FinancialYear, Holding
from .permissions import (
    becomes_member_of_new_company,
    can_create_company,
    can_edit_company,
    can_invite_to_company,
    can_view_company,
)
from .selectors import company_verdicts
from .verbs import CompanyVerb
from .verdict_text import (
    DIFFICULTY_LABELS,
    LIMITED_ROLE_LABELS,
    OUTCOME_LABELS,
    REGION_LABELS,
    SIZE_LABELS,
    describe,
)


def _company_for(request: HttpRequest, pk: int) -> Company:
    """The company, or a 404 for anyone who may not see it (its existence is not revealed)."""
    company = get_object_or_404(Company, pk=pk)
    if not can_view_company(request.user, company):
        raise Http404
    return company


def _editable_company(request: HttpRequest, pk: int) -> Company | HttpResponse:
    company = _company_for(request, pk)
    permission = can_edit_company(request.user, company)
    if not permission:
        return forbidden(request, permission.reason)
    return company


@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    # The page and its export show the same companies: one query builder (`exports.company_list_rows`).
    companies = company_list_rows(signed_in(request), request.GET)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    country = request.GET.get("country", "")
    countries = current_programme().countries
    page = Paginator(companies, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "companies/company_list.html",
        {
            "page": page,
            "query": query,
            "country": country,
            "countries": [(code, dict(Country.choices).get(code, code)) for code in countries],
            "can_create": can_create_company(request.user).allowed,
        },
    )


@login_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company_for(request, pk)
    programme = current_programme()
    verdicts = company_verdicts(company, programme=programme)
    explain = lambda reasons: [describe(r) for r in reasons]  # noqa: E731
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "verdicts": verdicts,
            "size_label": SIZE_LABELS.get(verdicts.size.size_class or "", _("unknown")),
            "size_reasons": explain(verdicts.size.reasons),
            "difficulty_label": DIFFICULTY_LABELS[verdicts.difficulty.status],
            "difficulty_reasons": explain(verdicts.difficulty.reasons),
            "de_minimis_reasons": explain(verdicts.de_minimis.reasons),
            "eligibility_label": OUTCOME_LABELS[verdicts.eligibility.outcome],
            "eligibility_reasons": explain(verdicts.eligibility.reasons),
            "limited_roles": [LIMITED_ROLE_LABELS.get(r, r) for r in verdicts.eligibility.allowed_roles],
            "region_label": REGION_LABELS[verdicts.eligibility.region_status],
            "size_years": [
                (row, SIZE_LABELS[row.raw_class], SIZE_LABELS[row.effective_class]) for row in verdicts.size.years
            ],
            "can_edit": can_edit_company(request.user, company).allowed,
            "can_invite": can_invite_to_company(request.user, company).allowed,
            "partner_holding_min": programme.partner_holding_min,
        },
    )


@login_required
def company_create(request: HttpRequest) -> HttpResponse:
    permission = can_create_company(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    programme = current_programme()
    form = CompanyForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"nace", "nace_revision", "nace_codes"}}
        company = services.company_create(
            actor=signed_in(request), data=data, make_member=becomes_member_of_new_company(signed_in(request))
        )
        services.nace_codes_set(
            actor=signed_in(request),
            company=company,
            codes=form.cleaned_data["nace_codes"],
            revision=form.cleaned_data["nace_revision"],
        )
        messages.success(request, _("Company registered. Add an establishment and the financial figures next."))
        return redirect("companies:establishment_add", pk=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": None})


@login_required
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = _editable_company(request, pk)
    if isinstance(company, HttpResponse):
        return company
    form = CompanyForm(request.POST or None, instance=company, programme=current_programme())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"nace", "nace_revision", "nace_codes"}}
        services.company_update(actor=signed_in(request), company=company, data=data)
        services.nace_codes_set(
            actor=signed_in(request),
            company=company,
            codes=form.cleaned_data["nace_codes"],
            revision=form.cleaned_data["nace_revision"],
        )
        messages.success(request, _("Company details saved."))
        return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


def _child_form_view(
    request: HttpRequest,
    pk: int,
    *,
    model: type[Establishment | FinancialYear | DeMinimisAid],
    form_class: type[forms.ModelForm],
    item_pk: int | None,
    save: Callable[..., object],
    template: str,
    title: str,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    company = _editable_company(request, pk)
    if isinstance(company, HttpResponse):
        return company
    # `is not None`: an id 0 in the URL is an id that does not exist (404), not a request for a new record.
    instance = get_object_or_404(model, pk=item_pk, company=company) if item_pk is not None else model(company=company)
    kwargs = dict(form_kwargs or {})
    if "company" in kwargs:
        kwargs["company"] = company
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.company = company
        save(actor=request.user, obj=obj)
        messages.success(request, _("Saved."))
        return redirect("companies:detail", pk=company.pk)
    return render(request, template, {"form": form, "company": company, "title": title})


@login_required
def establishment_edit(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    return _child_form_view(
        request,
        pk,
        model=Establishment,
        form_class=EstablishmentForm,
        item_pk=item_pk,
        save=lambda actor, obj: services.establishment_save(actor=actor, establishment=obj),
        template="companies/child_form.html",
        title=_("Establishment"),
    )


@login_required
def financial_year_edit(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    return _child_form_view(
        request,
        pk,
        model=FinancialYear,
        form_class=FinancialYearForm,
        item_pk=item_pk,
        save=lambda actor, obj: services.financial_year_save(actor=actor, figures=obj),
        template="companies/child_form.html",
        title=_("Financial year"),
        form_kwargs={"company": None},
    )


@login_required
def de_minimis_edit(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    return _child_form_view(
        request,
        pk,
        model=DeMinimisAid,
        form_class=DeMinimisAidForm,
        item_pk=item_pk,
        save=lambda actor, obj: services.de_minimis_aid_save(actor=actor, aid=obj),
        template="companies/child_form.html",
        title=_("De minimis aid received"),
    )


@login_required
def holding_add(request: HttpRequest, pk: int) -> HttpResponse:
    company = _editable_company(request, pk)
    if isinstance(company, HttpResponse):
        return company
    form = HoldingForm(request.POST or None, company=company, user=signed_in(request))
    if request.method == "POST" and form.is_valid():
        services.holding_save(actor=signed_in(request), holding=form.save(commit=False))
        messages.success(request, _("Holding saved."))
        return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/child_form.html", {"form": form, "company": company, "title": _("Holding")})


_DELETABLE: dict[str, tuple[type[Establishment | FinancialYear | DeMinimisAid], CompanyVerb]] = {
    "establishment": (Establishment, CompanyVerb.ESTABLISHMENT_DELETE),
    "financial-year": (FinancialYear, CompanyVerb.FINANCIAL_YEAR_DELETE),
    "aid": (DeMinimisAid, CompanyVerb.DE_MINIMIS_DELETE),
}


@login_required
@require_POST
def child_delete(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    company = _editable_company(request, pk)
    if isinstance(company, HttpResponse):
        return company
    obj: models.Model
    if kind == "holding":
        obj = get_object_or_404(Holding.objects.filter(Q(owner=company) | Q(owned=company)), pk=item_pk)
        verb = CompanyVerb.HOLDING_DELETE
    elif kind in _DELETABLE:
        model, verb = _DELETABLE[kind]
        obj = get_object_or_404(model, pk=item_pk, company=company)
    else:
        raise Http404
    services.record_delete(actor=signed_in(request), obj=obj, verb=verb)
    messages.success(request, _("Deleted."))
    return redirect("companies:detail", pk=company.pk)


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company_for(request, pk)
    permission = can_invite_to_company(request.user, company)
    if not permission:
        return forbidden(request, permission.reason)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            actor=signed_in(request),
            company=company,
            email=form.cleaned_data["email"],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("companies:detail", pk=company.pk)
    return render(
        request, "companies/child_form.html", {"form": form, "company": company, "title": _("Invite a colleague")}
    )


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=signed_in(request), token=token)
        except services.InvitationError as exc:  # to the dashboard, not back to the invitation as the middleware
            messages.error(request, str(exc))
            return redirect("core:dashboard")
        messages.success(request, _("You are now a member of %(company)s.") % {"company": membership.company})
        return redirect("companies:detail", pk=membership.company_id)
    return render(request, "companies/invitation_accept.html", {"token": token})
