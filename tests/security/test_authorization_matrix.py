"""Every URL of the project against every actor: anonymous, applicants of unrelated companies, the partner and
the lead of an application, advisers of the region and of another region, assessors assigned, unassigned and
conflicted, the secretariat, finance, an admin, and a staff member who typed the password but not the TOTP code.
The table is in tests/security/matrix.py; a URL pattern without a row fails the first test, so a new page cannot
be added without saying who may open it."""

from __future__ import annotations

import pytest
from django.db import transaction

from .conftest import ACTORS, actor_client
from .matrix import MATRIX, SERVER_ERROR, classify, matches, matrix_for, routes

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_row_in_the_matrix():
    all_routes = list(routes())
    missing = sorted(r.route for r in all_routes if matrix_for(r) is None)
    assert not missing, f"URL patterns without a row in tests/security/matrix.py: {missing}"
    known = {r.key for r in all_routes}
    stale = sorted(set(MATRIX) - known)
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"
    # The walk reaches every family: the admin, allauth and the JSON API.
    prefixes = {r.route.split("/")[0] for r in all_routes}
    assert {"admin", "accounts", "api", "companies", "assessment"} <= prefixes


def _request(client, case, ids):  # type: ignore[no-untyped-def]
    """One request in a savepoint that is rolled back, so every actor meets the same world; the session cookie
    is put back too (a view that cycles the session must not log the next request out)."""
    target = case.url(ids)
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    try:
        with transaction.atomic():
            try:
                if case.method == "POST":
                    response = client.post(target, case.data(ids) if case.data else {})
                else:
                    response = client.get(target, HTTP_ACCEPT="application/json" if case.api else "text/html")
                got = classify(response.status_code, response.get("Location", ""), method=case.method)
                detail = f"{response.status_code} {response.get('Location', '')}".strip()
            except Exception as exc:  # a server error: reported as such, with its type
                got, detail = SERVER_ERROR, f"{type(exc).__name__}: {exc}"
            transaction.set_rollback(True)
    finally:
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
    return target, got, detail


@pytest.mark.parametrize("actor", ACTORS)
def test_each_actor_gets_what_the_matrix_says(world, actor):
    client = actor_client(world, actor)
    failures = []
    checked = 0
    for route in routes():
        for case in matrix_for(route) or []:
            expected = case.expect[actor]
            target, got, detail = _request(client, case, world.ids)
            checked += 1
            if not matches(expected, got, api=case.api, admin=route.route.startswith("admin/")):
                label = f" ({case.label})" if case.label else ""
                failures.append(f"{case.method} {target}{label}: expected {expected}, got {got} [{detail}]")
    assert checked > 150
    assert not failures, f"{actor}: {len(failures)} of {checked} requests differ:\n" + "\n".join(failures)
