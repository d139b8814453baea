"""The consortium: the lead invites partners (by registry number or e-mail), invited companies join, and the lead
confirms someone who asked to take an invitation sent to another address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.companies.models import Company
from crossroads.core.views_support import call_service

from .. import services
from ..forms import PartnerAddForm
from ..models import Application, Partner
from .common import application_page, back_to_application, closed, editable_application, my_companies


def _registered(number: str) -> Company | None:
    """A company by its enterprise (BE) or KvK (NL) number, typed with or without dots and spaces."""
    digits = number.replace(".", "").replace(" ", "")
    return Company.objects.filter(
        enterprise_number__in=[number, digits, f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"]
    ).first()


def _invite(request: HttpRequest, application: Application, form: PartnerAddForm) -> None:
    number, email = form.cleaned_data["enterprise_number"].strip(), form.cleaned_data["email"]
    if not number:
        call_service(form, lambda: services.partner_add(actor=signed_in(request), application=application, email=email))
        return
    company = _registered(number)
    if company is None:
        form.add_error(
            "enterprise_number",
            _("No company with this enterprise or KvK number is registered. Invite it by e-mail instead."),
        )
        return
    call_service(form, lambda: services.partner_add(actor=signed_in(request), application=application, company=company))


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    application, refused = editable_application(request, pk)
    if refused:
        return refused
    if response := closed(request, application):
        return response
    form = PartnerAddForm(request.POST)
    if form.is_valid():
        _invite(request, application, form)
        if not form.errors:
            messages.success(request, _("Partner invited."))
            return redirect(reverse("applications:detail", args=[pk]) + "#consortium")
    return application_page(request, application, partner_form=form, status=400)


def _join(request: HttpRequest, token: str, partner: Partner, company: Company) -> HttpResponse:
    if request.POST.get("action") == "request":
        services.partner_join_request(actor=signed_in(request), token=token, company=company)
        messages.success(request, _("The lead partner has been asked to confirm you."))
        return redirect("applications:partner_join", token=token)
    services.partner_join(actor=signed_in(request), token=token, company=company)
    return redirect("applications:partner", pk=partner.application_id, partner_pk=partner.pk)


@login_required
def partner_join(request: HttpRequest, token: str) -> HttpResponse:
    if not token.isascii() or not token.isprintable() or len(token) > 64:
        raise Http404  # tokens are URL-safe ASCII; a NUL would fail in PostgreSQL
    partner = get_object_or_404(Partner.objects.select_related("application"), invite_token=token)
    companies = my_companies(request.user)
    invited_other = bool(
        partner.company_id is None
        and partner.invited_email
        and partner.invited_email.lower() not in services.verified_emails(signed_in(request))
    )
    error = ""
    if request.method == "POST":
        company = next((c for c in companies if str(c.pk) == request.POST.get("company")), None)
        if company is None:
            error = _("Choose one of your companies.")
        else:
            try:
                return _join(request, token, partner, company)
            except services.ApplicationError as exc:  # shown on the invitation page itself, with its choices
                error = str(exc)
    return render(
        request,
        "applications/partner_join.html",
        {
            "partner": partner,
            "companies": companies,
            "invited_other": invited_other,
            "requested": partner.join_requested_by_id == request.user.pk,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
@back_to_application("#consortium")
def partner_join_decide(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    """The lead confirms or refuses someone who asked to take an invitation sent to another address."""
    application, refused = editable_application(request, pk)
    if refused:
        return refused
    partner = get_object_or_404(application.partners, pk=partner_pk)
    accept = request.POST.get("decision") == "confirm"
    services.partner_join_decide(actor=signed_in(request), partner=partner, accept=accept)
    messages.success(request, _("Partner confirmed.") if accept else _("Request refused."))
    return redirect(reverse("applications:detail", args=[pk]) + "#consortium")
