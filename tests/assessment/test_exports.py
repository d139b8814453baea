"""Exports of the assessment are safe for spreadsheets (no cell starts a formula) and complete: the assessor's CSV
of their own assignments and the secretariat's XLSX of a call's ranking and scores (only theirs to download)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import invite, make_application, make_assessor, make_eligible, set_consensus, submit_scores

pytestmark = pytest.mark.django_db


def test_the_xlsx_export_never_holds_a_formula(client, call, ranked, users):
    ranked["A"].title = '=HYPERLINK("http://evil","x")'
    ranked["A"].save()
    client.force_login(users["secretariat"])
    book = load_workbook(BytesIO(client.get(reverse("assessment:ranking_export", args=[call.pk])).content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + ranked["A"].title for c in cells)


def test_the_assessor_csv_never_starts_a_cell_with_a_formula(client, call, be_lead, nl_partner):
    risky = make_eligible(make_application(call, be_lead, nl_partner, title='=HYPERLINK("http://x")'))
    expert = make_assessor("csv@assessors-be.example", "BE")
    invite(risky, expert, declared=False)
    client.force_login(expert)
    body = client.get(reverse("assessment:my_assignments_export")).content.decode()
    assert "'=HYPERLINK" in body and ";=HYPERLINK" not in body


def test_the_secretariat_downloads_ranking_and_scores_as_xlsx(client, call, application, users):
    make_eligible(application)
    expert = make_assessor("xlsx@assessors-be.example", "BE")
    submit_scores(invite(application, expert, declared=False), score="7")
    set_consensus(application, "7", users["secretariat"])
    url = reverse("assessment:ranking_export", args=[call.pk])
    client.force_login(users["secretariat"])
    response = client.get(url)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    ranking, scores = book.worksheets
    rows = list(ranking.iter_rows(values_only=True))
    assert rows[1][1] == application.title and rows[1][0] == 1
    assert rows[1][-4] == 70.0  # weighted score of 7 everywhere
    assert len(list(scores.iter_rows(values_only=True))) == 1 + call.criteria.count()
    for role in ("applicant", "assessor", "adviser_be", "finance"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
