"""The overdue list: what is past its due date and not submitted, with the days overdue and a contact; the
secretariat sees every project, an adviser those of their provinces; CSV export safe for spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from crossroads.grants.selectors.overdue import overdue_rows
from tests.grants.conftest import day

pytestmark = pytest.mark.django_db


def test_rows_after_the_due_date(running, users):
    assert overdue_rows(users["secretariat"], on=day("2027-07-30")) == []
    rows = overdue_rows(users["secretariat"], on=day("2027-08-09"))
    assert [(r.kind, r.member.is_lead, r.days) for r in rows] == [
        ("report", True, 10),
        ("claim", True, 10),
        ("claim", False, 10),
    ]
    assert rows[0].contact == "applicant@test.example"
    assert [r.kind for r in overdue_rows(users["secretariat"], kind="claim", on=day("2027-08-09"))] == [
        "claim",
        "claim",
    ]


def test_advisers_see_their_provinces(running, users):
    from tests.conftest import make_user

    assert overdue_rows(users["adviser_be"], on=day("2027-08-09"))
    elsewhere = make_user("adviser-x@test.example", "adviser")
    assert overdue_rows(elsewhere, on=day("2027-08-09")) == []
    assert overdue_rows(users["applicant"], on=day("2027-08-09")) == []


def test_csv_export(client, users, running):
    from unittest import mock

    client.force_login(users["secretariat"])
    with mock.patch("crossroads.grants.selectors.overdue.today", return_value=day("2027-08-09")):
        response = client.get(reverse("grants:overdue") + "?format=csv&kind=report")
        page = client.get(reverse("grants:overdue"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == 2 and rows[1][0] == running.reference and rows[1][6] == "10"
    assert running.reference in page.content.decode()


def test_the_list_is_paged_and_counted_and_the_pages_keep_the_filters(client, users, running, monkeypatch):
    from unittest import mock

    monkeypatch.setattr("crossroads.grants.views.reports.OVERDUE_PER_PAGE", 2)
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    with mock.patch("crossroads.grants.selectors.overdue.today", return_value=day("2027-08-09")):
        first = client.get(reverse("grants:overdue"))
        second = client.get(reverse("grants:overdue"), {"page": "2"})
        beyond = client.get(reverse("grants:overdue"), {"page": "99"})  # the last page, not an error
        claims = client.get(reverse("grants:overdue"), {"kind": "claim"})
    assert [r.kind for r in first.context["rows"]] == ["report", "claim"]
    assert [r.kind for r in second.context["rows"]] == ["claim"]
    assert beyond.status_code == 200 and beyond.context["page"].number == 2
    assert "3 reports and claims are overdue." in first.content.decode()
    assert "page=2" in first.content.decode() and "Page 1 of 2" in first.content.decode()
    assert "2 reports and claims are overdue." in claims.content.decode()
    assert 'aria-label="Pages"' in first.content.decode() and 'aria-label="Pages"' not in claims.content.decode()
