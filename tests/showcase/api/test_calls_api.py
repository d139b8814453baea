"""Calls as open data: those whose window has opened, never one still before its window (a draft)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from crossroads.core.clock import BRUSSELS
from tests.assessment.conftest import at

pytestmark = pytest.mark.django_db


def test_open_and_closed_calls_show_a_call_before_its_window_does_not(client, programme):
    with at(dt.datetime(2026, 10, 1, 12, tzinfo=BRUSSELS)):
        body = client.get(reverse("open_data:calls")).json()
    assert [(c["code"], c["status"]) for c in body["results"]] == [
        ("crossroads-2026-2", "open"),
        ("crossroads-2026-1", "closed"),
    ]
    with at(dt.datetime(2026, 5, 1, 12, tzinfo=BRUSSELS)):
        codes = [c["code"] for c in client.get(reverse("open_data:calls")).json()["results"]]
    assert codes == ["crossroads-2026-1"]  # 2026-2 opens in September: still a draft


def test_a_call_in_full(client, programme):
    with at(dt.datetime(2026, 10, 1, 12, tzinfo=BRUSSELS)):
        response = client.get(reverse("open_data:calls"), {"page_size": 1, "page": 2})
    body = response.json()
    assert (body["count"], body["next"]) == (2, None)
    (call,) = body["results"]
    assert call["code"] == "crossroads-2026-1"
    assert (call["title_nl"], call["title_en"]) == ("CrossRoads oproep 2026-1", "CrossRoads call 2026-1")
    assert call["opens_at"] == "2026-03-02T09:00:00+01:00"
    assert call["closes_at"] == "2026-04-17T17:00:00+02:00"  # summer time, with its offset
    assert call["budget"] == "1250000.00"
    assert call["themes"] and set(call["themes"][0]) == {"code", "name_nl", "name_en"}


def test_bad_pagination_and_methods(client, programme):
    assert client.get(reverse("open_data:calls"), {"page_size": "101"}).status_code == 400
    assert client.post(reverse("open_data:calls")).status_code == 405
    assert client.post(reverse("open_data:calls_csv")).status_code == 405
