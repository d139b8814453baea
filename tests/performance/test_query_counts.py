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
