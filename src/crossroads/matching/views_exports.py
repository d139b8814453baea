"""Download of the member's own cooperation profiles (CSV, XLSX), the same list as "Your cooperation profiles"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.exports import export_format, export_response

from .exports import PROFILE_COLUMNS, my_profile_rows


@login_required
def my_profiles_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    rows = my_profile_rows(signed_in(request))
    return export_response(
        fmt, filename="cooperation-profiles", columns=PROFILE_COLUMNS, rows=rows, title=_("Cooperation profiles")
    )
