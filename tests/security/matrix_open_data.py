"""Matrix rows of open data (/api/v1/open/): the projects and calls are public, JSON and CSV, for everyone alike
(a staff member halfway through the login is, for the site, not logged in yet: allauth keeps the password step in
the session only, so they see what anyone sees). The keep.eu export is the secretariat's: 401 for the anonymous,
403 for every other role; the half-logged-in staff member gets the login (MFA accepts a 401 or 403 from the API).

The world's agreement X is running (tests/security/world_grants.py), so its project is public."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .matrix import FORBIDDEN, MANAGERS, PUBLIC, Case, rule, url

STAFF_EXPORT = rule(FORBIDDEN, ok=MANAGERS)


def _project(ids: dict[str, Any]) -> str:
    from crossroads.grants.models import Agreement

    reference = Agreement.objects.get(pk=ids["agreement"]).reference
    return reverse("open_data:project", args=[reference.lower()])


ROWS: dict[str, list[Case]] = {
    "open_data:projects": [Case(url("open_data:projects"), PUBLIC, api=True)],
    "open_data:projects_csv": [Case(url("open_data:projects_csv"), PUBLIC, api=True)],
    "open_data:project": [Case(_project, PUBLIC, api=True)],
    "open_data:calls": [Case(url("open_data:calls"), PUBLIC, api=True)],
    "open_data:calls_csv": [Case(url("open_data:calls_csv"), PUBLIC, api=True)],
    "open_data:keep_eu_xlsx": [Case(url("open_data:keep_eu_xlsx"), STAFF_EXPORT, api=True)],
    "open_data:keep_eu_csv": [Case(url("open_data:keep_eu_csv"), STAFF_EXPORT, api=True)],
}
