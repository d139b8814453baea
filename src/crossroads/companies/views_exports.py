"""Downloads of the companies list (CSV, XLSX): who may see the list sees the same companies in the file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.exports import export_format, export_response

from .exports import COMPANY_COLUMNS, company_list_rows


@login_required
def company_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    rows = company_list_rows(signed_in(request), request.GET)
    return export_response(fmt, filename="companies", columns=COMPANY_COLUMNS, rows=rows, title=_("Companies"))
