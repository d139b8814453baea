"""Download of the applications list (CSV, XLSX): the rows of "Your applications" for the one who asks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.exports import export_format, export_response

from ..exports import APPLICATION_COLUMNS, my_application_rows


@login_required
def my_applications_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    rows = my_application_rows(signed_in(request))
    return export_response(
        fmt, filename="applications", columns=APPLICATION_COLUMNS, rows=rows, title=_("Applications")
    )
