"""The number of queries does not grow with the projects listed."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URLS = (
    "open_data:projects",
    "open_data:projects_csv",
    "open_data:calls",
    "open_data:keep_eu_xlsx",
    "open_data:keep_eu_csv",
)


def counts(client, django_assert_max_num_queries, limit: int) -> None:  # type: ignore[no-untyped-def]
    for name in URLS:
        with django_assert_max_num_queries(limit):
            response = client.get(reverse(name), {"page_size": 100} if name == "open_data:projects" else {})
        assert response.status_code == 200, name


@pytest.mark.parametrize("n", [2, 12])
def test_the_same_queries_for_2_and_12_projects(client, many, users, django_assert_max_num_queries, n):
    many(n)
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    assert client.get(reverse("open_data:projects"), {"page_size": 100}).json()["count"] == n
    counts(client, django_assert_max_num_queries, 12)  # measured: 6 (JSON, CSV), 11 (keep.eu)
