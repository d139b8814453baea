"""The follow-up lists as exports: agreements with their partners and grants (the agreements list), the claims
finance works on (the verification worklist) and the payments (the payments list). Each export reads the page's own
selector with the page's own filter form, so the file holds the rows the page shows, all pages at once."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import User
from crossroads.core import clock
from crossroads.core.exports import Column, Kind

from .forms.agreement import AgreementFilterForm
from .forms.finance import ClaimFilterForm, PaymentFilterForm
from .models import AgreementPartner, CostClaim, Payment
from .selectors.agreement import filter_agreements, visible_agreements
from .selectors.finance import explanation_text, finance_claims, finance_payments
from .selectors.overdue import OverdueRow, overdue_filters, overdue_rows


def _cleaned(form: Any) -> dict[str, Any]:
    return form.cleaned_data if form.is_valid() else {}


# ---------------------------------------------------------------------------------------------- agreements


def agreement_partner_rows(user: User, params: Any) -> QuerySet[AgreementPartner]:
    """One row per partner of each agreement the list shows `user` for the query string `params` (status, call, q);
    newest agreement first, as on the page, its lead partner first."""
    agreements = visible_agreements(user)
    form = AgreementFilterForm(params or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        agreements = filter_agreements(agreements, status=data["status"], call=data["call"], search=data["q"])
    return (
        AgreementPartner.objects.filter(agreement__in=agreements.values("pk"))
        .select_related("agreement__grant__application__call", "company", "grant_share")
        .order_by("-agreement__created_at", "-agreement_id", "-is_lead", "company__legal_name", "pk")
    )


def _share(member: AgreementPartner) -> Any:
    share = member.grant_share  # select_related; None for a partner without a share of the decision's grant
    return share.amount if share is not None else None


AGREEMENT_COLUMNS = [
    Column(_("Reference"), lambda m: m.agreement.reference, width=18),
    Column(_("Project"), lambda m: m.agreement.grant.application.title, width=48),
    Column(_("Call"), lambda m: m.agreement.grant.application.call.name, width=30),
    Column(_("Status"), lambda m: m.agreement.get_status_display()),
    Column(_("Start date"), lambda m: m.agreement.start_date, Kind.DATE),
    Column(_("End date"), lambda m: m.agreement.end_date, Kind.DATE),
    Column(_("Partner"), lambda m: m.company.display_name, width=36),
    Column(_("Country"), lambda m: m.company.get_country_display()),
    Column(_("Lead partner"), lambda m: m.is_lead, Kind.BOOLEAN, width=14),
    Column(_("Grant"), _share, Kind.MONEY),
    Column(_("Project grant"), lambda m: m.agreement.grant.total, Kind.MONEY),
]


# ---------------------------------------------------------------------------------------------- claims


def claim_rows(params: Any) -> QuerySet[CostClaim]:
    """The verification worklist's claims for the query string `params` (status, call, country, overdue)."""
    filters = _cleaned(ClaimFilterForm(params or None))
    return finance_claims(
        status=filters.get("status", ""),
        call=filters.get("call", ""),
        country=filters.get("country", ""),
        overdue=bool(filters.get("overdue")),
        today=clock.today_brussels(),
    )


CLAIM_COLUMNS = [
    Column(_("Reference"), lambda c: c.period.agreement.reference, width=18),
    Column(_("Project"), lambda c: c.period.agreement.grant.application.title, width=48),
    Column(_("Partner"), lambda c: c.agreement_partner.company.display_name, width=36),
    Column(_("Country"), lambda c: c.agreement_partner.company.get_country_display()),
    Column(_("Period"), lambda c: c.period.number, Kind.INTEGER),
    Column(_("Status"), lambda c: c.get_status_display()),
    Column(_("Submitted"), lambda c: c.submitted_at, Kind.DATE),
    Column(_("Claimed"), lambda c: getattr(c, "claimed", None) or 0, Kind.MONEY),
    Column(_("Report due on"), lambda c: c.period.due_on, Kind.DATE, width=16),
]


# ---------------------------------------------------------------------------------------------- payments


def payment_rows(params: Any) -> QuerySet[Payment]:
    """The payments list's payments for the query string `params` (status, kind, call, country)."""
    filters = _cleaned(PaymentFilterForm(params or None))
    return finance_payments(
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        call=filters.get("call", ""),
        country=filters.get("country", ""),
    )


PAYMENT_COLUMNS = [
    Column(_("Reference"), lambda p: p.agreement_partner.agreement.reference, width=18),
    Column(_("Partner"), lambda p: p.agreement_partner.company.display_name, width=36),
    Column(_("Country"), lambda p: p.agreement_partner.company.get_country_display()),
    Column(_("Kind"), lambda p: p.get_kind_display()),
    Column(_("Status"), lambda p: p.get_status_display()),
    Column(_("Amount"), lambda p: p.amount, Kind.MONEY),
    Column(_("Proposed"), lambda p: p.proposed_at, Kind.DATE),
    Column(_("Paid on"), lambda p: p.paid_on, Kind.DATE),
    Column(_("Explanation"), explanation_text, width=60),
]


# ---------------------------------------------------------------------------------------------- overdue


def overdue_export_rows(user: User, params: Any) -> list[OverdueRow]:
    """The overdue list's rows for `user` (the secretariat all, an adviser their region) and its filters (kind, q)."""
    filters = overdue_filters(params)
    return overdue_rows(user, kind=filters["kind"], q=filters["q"])


OVERDUE_COLUMNS = [
    Column(_("Project"), lambda r: r.period.agreement.reference, width=18),
    Column(_("Title"), lambda r: r.period.agreement.grant.application.title, width=48),
    Column(_("Period"), lambda r: r.period.number, Kind.INTEGER),
    Column(_("What"), lambda r: r.kind_label),
    Column(_("Partner"), lambda r: r.member.company.display_name, width=36),
    Column(_("Due"), lambda r: r.period.due_on, Kind.DATE),
    Column(_("Days overdue"), lambda r: r.days, Kind.INTEGER, width=14),
    Column(_("Contact"), lambda r: r.contact, width=36),
]
