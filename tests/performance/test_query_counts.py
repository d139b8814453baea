"""The number of queries of a list page does not grow with its rows: each page is measured on a small and on a
larger fixture, with the same ceiling."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crossroads.applications.selectors import application_checks, application_checks_many
from crossroads.assessment.selectors import submitted_applications

from .conftest import add_applications

pytestmark = pytest.mark.django_db


def _get(client, user, url: str, *, ceiling: int, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client.force_login(user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [2, 12])
def test_screening_overview_queries_do_not_grow(client, users, call, rows, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    add_applications(call, users, rows)
    response = _get(
        client,
        users["secretariat"],
        reverse("assessment:call", args=[call.pk]),
        ceiling=30,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert response.content.decode().count('data-testid="screening-row"') == rows


def test_bulk_checks_equal_the_single_checks(users, call):  # type: ignore[no-untyped-def]
    add_applications(call, users, 3)
    applications = list(submitted_applications(call).select_related("call__programme"))
    bulk = application_checks_many(applications)
    for application in applications:
        assert bulk[application.pk] == application_checks(application)


# --------------------------------------------------------------------------- every list page, on a generated programme
# (page, role, ceiling): the same ceiling holds on a small and on a five times larger programme.
PAGES = [
    ("core:dashboard", "secretariat", (), 110),
    ("companies:list", "secretariat", (), 15),
    ("companies:list", "adviser_be", (), 18),
    ("matching:my_profiles", "applicant", (), 20),
    ("applications:mine", "secretariat", (), 10),
    ("applications:mine", "applicant", (), 10),
    ("assessment:call", "secretariat", ("scale-2026-2",), 25),
    ("assessment:call", "secretariat", ("scale-2025-1",), 25),
    ("assessment:ranking", "secretariat", ("scale-2025-1",), 25),
    ("assessment:decisions", "secretariat", ("scale-2025-1",), 35),
    ("grants:list", "secretariat", (), 20),
    ("grants:list", "applicant", (), 20),
    ("grants:finance", "finance", (), 20),
    ("grants:payments", "finance", (), 15),
    ("grants:overdue", "secretariat", (), 12),
]


@pytest.fixture(params=[0.004, 0.02], ids=["small", "larger"])
def scaled(request, programme, users, settings):  # type: ignore[no-untyped-def]
    import datetime as dt

    from crossroads.portal.scale import generate
    from crossroads.programme.models import Call

    made = generate(programme, scale=request.param, today=dt.date(2026, 12, 3))
    calls = {c.code: c.pk for c in Call.objects.filter(code__startswith="scale-")}
    return made, calls


def _user_for(role: str, users):  # type: ignore[no-untyped-def]
    from crossroads.accounts.models import User

    if role == "applicant":  # a generated applicant whose company leads the most applications
        from django.db.models import Count

        return (
            User.objects.filter(email__startswith="scale-applicant-")
            .annotate(n=Count("memberships__company__led_applications"))
            .order_by("-n", "pk")
            .first()
        )
    return users[role]


@pytest.mark.parametrize(("name", "role", "call", "ceiling"), PAGES)
def test_list_pages_queries_do_not_grow(
    client, users, scaled, name, role, call, ceiling, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    _made, calls = scaled
    args = [calls[c] for c in call]
    _get(
        client,
        _user_for(role, users),
        reverse(name, args=args),
        ceiling=ceiling,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
