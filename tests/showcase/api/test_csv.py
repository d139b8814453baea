"""The CSV files: UTF-8 with a byte-order mark, comma-separated, the same filters, formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from crossroads.core.clock import BRUSSELS
from tests.assessment.conftest import at

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_projects_csv(client, public_world):
    response = client.get(reverse("open_data:projects_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, row = rows(response)
    assert header[:3] == ["reference", "acronym", "title"]
    record = dict(zip(header, row, strict=True))
    assert record["reference"] == public_world.reference
    assert record["grant"] == str(public_world.grant.total)
    assert record["start_date"] == public_world.start_date.isoformat()
    assert record["countries"] == "BE; NL"
    assert len(rows(client.get(reverse("open_data:projects_csv"), {"q": "no such words"}))) == 1
    assert client.get(reverse("open_data:projects_csv"), {"page": "abc"}).status_code == 400


def test_a_formula_in_a_title_stays_text(client, public_world):
    application = public_world.grant.application
    application.title = '=HYPERLINK("http://evil.example","click")'
    application.acronym = "+SUM(1)"
    application.save()
    header, row = rows(client.get(reverse("open_data:projects_csv")))
    record = dict(zip(header, row, strict=True))
    assert record["title"] == "'" + application.title
    assert record["acronym"] == "'+SUM(1)"
    # JSON is not a spreadsheet: the title is given as typed.
    assert client.get(reverse("open_data:projects")).json()["results"][0]["title"] == application.title


def test_calls_csv(client, programme):
    with at(dt.datetime(2026, 10, 1, 12, tzinfo=BRUSSELS)):
        header, *lines = rows(client.get(reverse("open_data:calls_csv")))
    assert header == ["code", "title_nl", "title_en", "status", "opens_at", "closes_at", "budget", "themes"]
    assert [line[0] for line in lines] == ["crossroads-2026-2", "crossroads-2026-1"]
    assert lines[1][6] == "1250000.00"
