"""The dashboard, its CSV downloads and the yearly PDF: who may see them, what they contain, and that the number of
queries does not grow with the data."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils.translation import override

from crossroads.accounts.models import Role
from tests.conftest import make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["secretariat", "admin", "adviser_be", "finance"])
def test_staff_see_the_dashboard(client, world, users, role):  # type: ignore[no-untyped-def]
    client.force_login(users[role])
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 200
    assert b'role="img"' in response.content and b"<desc" in response.content


@pytest.mark.parametrize("role", ["applicant", "assessor"])
def test_applicants_and_assessors_are_refused(client, world, users, role):  # type: ignore[no-untyped-def]
    client.force_login(users[role])
    for url in (
        reverse("insights:dashboard"),
        reverse("insights:csv", args=["funnel"]),
        reverse("insights:report", args=[2026]),
    ):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, world):  # type: ignore[no-untyped-def]
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_adviser_sees_own_agency_by_default_and_can_clear_it(client, world, users):  # type: ignore[no-untyped-def]
    client.force_login(users["adviser_nl"])  # LIOF: company B only
    response = client.get(reverse("insights:dashboard"))
    assert response.context["form"].to_filter().agency.code == "liof"
    cleared = client.get(reverse("insights:dashboard"), {"submitted": "1", "agency": ""})
    assert cleared.context["form"].to_filter().agency is None


def test_csv_matches_the_table(client, world, users):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    with override("en"):
        page = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
        chart = next(c for c in page.context["bar_charts"] if c.key == "funnel")
        response = client.get(reverse("insights:csv", args=["funnel"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == chart.columns
    assert [r[:2] for r in rows[1:]] == [[r[0], r[1]] for r in chart.rows]
    assert rows[1][1] == "5"


def test_csv_neutralises_formulas(client, world, users, programme):  # type: ignore[no-untyped-def]
    from crossroads.programme.models import Province

    Province.objects.filter(code="NL42").update(name="=HYPERLINK(1)")
    client.force_login(users["secretariat"])
    response = client.get(reverse("insights:csv", args=["provinces"]))
    assert b"\n=HYPERLINK" not in response.content and b",=HYPERLINK" not in response.content


def test_unknown_chart_is_404(client, world, users):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    assert client.get(reverse("insights:csv", args=["nope"])).status_code == 404


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_yearly_report_pdf(client, world, users, lang):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    response = client.get(reverse("insights:report", args=[2026]), {"lang": lang})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    from crossroads.insights.report import report_html
    from crossroads.programme.selectors import current_programme

    assert "2026" in report_html(current_programme(), 2026, language=lang)


def test_report_outside_the_programme_is_404(client, world, users):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    assert client.get(reverse("insights:report", args=[1999])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "abc"},
        {"call": "999999"},
        {"agency": "<script>alert(1)</script>"},
        {"date_from": "2026-05-01", "date_to": "2026-01-01"},
        {"group": "x" * 10000},
        {"call": "x" * 10000},
    ],
)
def test_absurd_filters_are_form_errors(client, world, users, query):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    response = client.get(reverse("insights:dashboard"), {"submitted": "1", **query})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    csv_response = client.get(reverse("insights:csv", args=["funnel"]), {"submitted": "1", **query})
    assert csv_response.status_code == 200


def _more(n: int) -> None:
    for i in range(n):
        make_company(f"Extra {i} BV", number=f"{30000000 + i}", country="NL", postcode="6211 CK", city="Maastricht")


def test_query_count_does_not_grow(client, world, users, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client.force_login(users["secretariat"])
    client.get(reverse("insights:dashboard"))  # warm the session and caches
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # both measured views compute the size classes (the cache would spare the first one)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("insights:dashboard"))
    _more(12)
    make_user("extra-adviser@test.example", Role.ADVISER, agency="liof")
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("insights:dashboard"))
