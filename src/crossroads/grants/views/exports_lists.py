"""Downloads (CSV, XLSX) of the follow-up lists. Agreements with partners and grants: the secretariat and finance
(others get the 403 of the finance pages); claims and payments: as their finance pages (finance and the
secretariat); the overdue list: as its page (the secretariat and the advisers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.exports import export_format, export_response
from crossroads.core.views import forbidden

from ..exports import (
    AGREEMENT_COLUMNS,
    CLAIM_COLUMNS,
    OVERDUE_COLUMNS,
    PAYMENT_COLUMNS,
    agreement_partner_rows,
    claim_rows,
    overdue_export_rows,
    payment_rows,
)
from .finance import finance_page

__all__ = ["urlpatterns"]


@finance_page
def agreements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    rows = agreement_partner_rows(signed_in(request), request.GET)
    return export_response(
        fmt, filename="agreements", columns=AGREEMENT_COLUMNS, rows=rows, title=_("Grant agreements")
    )


@finance_page
def claims_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    return export_response(
        fmt, filename="claims", columns=CLAIM_COLUMNS, rows=claim_rows(request.GET), title=_("Cost claims")
    )


@finance_page
def payments_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    return export_response(
        fmt, filename="payments", columns=PAYMENT_COLUMNS, rows=payment_rows(request.GET), title=_("Payments")
    )


@login_required
def overdue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The overdue reports and claims, as the overdue page: the secretariat and the advisers (their region)."""
    fmt = export_format(fmt)
    user = signed_in(request)
    if not (user.is_programme_staff or user.is_adviser):
        return forbidden(request, _("The overdue list is for the secretariat and the advisers."))
    return export_response(
        fmt,
        filename="overdue",
        columns=OVERDUE_COLUMNS,
        rows=overdue_export_rows(user, request.GET),
        title=_("Overdue reports and claims"),
    )


urlpatterns: list[URLPattern] = [
    path("export.<str:fmt>", agreements_export, name="list_export"),
    path("finance/claims/export.<str:fmt>", claims_export, name="claims_export"),
    path("finance/payments/export.<str:fmt>", payments_export, name="payments_export"),
    path("overdue/export.<str:fmt>", overdue_export, name="overdue_export"),
]
