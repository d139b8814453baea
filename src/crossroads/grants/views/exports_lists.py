"""Downloads (CSV, XLSX) of the follow-up lists. Agreements with partners and grants: the secretariat and finance
(others get the 403 of the finance pages); claims and payments: as their finance pages (finance and the
secretariat)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.exports import export_format, export_response

from ..exports import (
    AGREEMENT_COLUMNS,
    CLAIM_COLUMNS,
    PAYMENT_COLUMNS,
    agreement_partner_rows,
    claim_rows,
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


urlpatterns: list[URLPattern] = [
    path("export.<str:fmt>", agreements_export, name="list_export"),
    path("finance/claims/export.<str:fmt>", claims_export, name="claims_export"),
    path("finance/payments/export.<str:fmt>", payments_export, name="payments_export"),
]
