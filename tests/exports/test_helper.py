"""The one export helper (crossroads.core.exports): the CSV dialect Belgian and Dutch Excel read, typed XLSX cells,
formula neutralisation in both formats, headers in the user's language, a dated filename."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from crossroads.core.exports import Column, Kind, export_response

from .conftest import HOSTILE, csv_rows

D = Decimal
COLUMNS = [
    Column(_("Name"), lambda r: r["name"]),
    Column(_("Amount"), lambda r: r["amount"], Kind.MONEY),
    Column(_("Period"), lambda r: r["n"], Kind.INTEGER),
    Column(_("Submitted"), lambda r: r["day"], Kind.DATE),
    Column(_("Yes"), lambda r: r["flag"], Kind.BOOLEAN),
]
ROWS = [
    {"name": text, "amount": D("1250.5") * (i + 1), "n": i, "day": dt.date(2027, 2, 1), "flag": i % 2 == 0}
    for i, text in enumerate([*HOSTILE, "Liège", "-250"])
]


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas() -> None:
    with translation.override("nl"):
        response = export_response("csv", filename="test", columns=COLUMNS, rows=ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0] == ["Naam", "Bedrag", "Periode", "Ingediend", "Ja"]
    assert rows[1][1:] == ["1250,50", "0", "2027-02-01", "Ja"]
    assert rows[2][1] == "2501,00"
    assert [r[0] for r in rows[1:]] == ["'" + HOSTILE[0], "'+1", "'@SUM(A1)", "'-2", "Liège", "'-250"]


def test_a_negative_amount_stays_a_number_in_csv() -> None:
    rows = [{"name": "x", "amount": D("-12.3"), "n": 1, "day": None, "flag": False}]
    with translation.override("en"):
        parsed = csv_rows(export_response("csv", filename="t", columns=COLUMNS, rows=rows))
    assert parsed[1] == ["x", "-12,30", "1", "", "No"]


def test_xlsx_types_cells_and_neutralises_formulas() -> None:
    with translation.override("en"):
        response = export_response("xlsx", filename="test", columns=COLUMNS, rows=ROWS, title="Test")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Test"]
    assert [c.value for c in sheet[1]] == ["Name", "Amount", "Period", "Submitted", "Yes"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 10
    for row, text in zip(sheet.iter_rows(min_row=2), [*HOSTILE, "Liège", "-250"], strict=True):
        name, amount, period, day, _flag = row
        assert name.data_type == "s"
        assert name.value == (text if text == "Liège" else "'" + text)
        assert amount.data_type == "n" and "€" in amount.number_format and "0.00" in amount.number_format
        assert period.data_type == "n"
        assert day.is_date and day.value.date() == dt.date(2027, 2, 1)
    total = sum(D(str(c.value)) for c in sheet["B"][1:])
    assert total == sum(r["amount"] for r in ROWS)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_filename_has_the_date_and_an_unknown_format_is_not_found() -> None:
    response = export_response("xlsx", filename="ranking-call 1/x", columns=COLUMNS, rows=[])
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="ranking-call-1-x-20') and disposition.endswith('.xlsx"')
    with pytest.raises(Http404):
        export_response("pdf", filename="x", columns=COLUMNS, rows=[])


def test_five_thousand_rows_stay_fast_and_small() -> None:
    many = [ROWS[5]] * 5000
    response = export_response("xlsx", filename="big", columns=COLUMNS, rows=iter(many))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == 5001
