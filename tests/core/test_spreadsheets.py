"""core.spreadsheets: no text cell of an export can become a formula; the text itself is kept."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from crossroads.core.spreadsheets import append_row, csv_writer, safe_cell, safe_text

HOSTILE = [
    '=HYPERLINK("http://evil.example","Klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign
    "﹦1+1",
    "  =1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Warmte over de grens", "", "Project = goed", "e-mail", "Ön ∑"])
def test_plain_text_is_unchanged(text: str) -> None:
    assert safe_text(text) == text


@pytest.mark.parametrize("value", [None, 3, -5, 7.5, Decimal("-12.50"), dt.date(2027, 2, 1), True])
def test_values_that_are_not_text_stay_values(value: object) -> None:
    assert safe_cell(value) is value


def test_xlsx_has_no_formula_and_keeps_the_text() -> None:
    book = Workbook()
    sheet = book.active
    for text in HOSTILE:
        append_row(sheet, [text, Decimal("-3"), 4])
    buffer = io.BytesIO()
    book.save(buffer)
    reread = load_workbook(io.BytesIO(buffer.getvalue()))
    cells = [row for row in reread.active.iter_rows()]
    for text, (title, negative, number) in zip(HOSTILE, cells, strict=True):
        assert title.data_type == "s"
        assert title.value == ("'" + text).replace("\r", "\n")  # XML itself stores a CR as a line feed
        assert negative.value == -3 and number.value == 4
    # Nothing anywhere in the file is a formula.
    assert all(cell.data_type != "f" for row in reread.active.iter_rows() for cell in row)


def test_csv_cells_never_start_a_formula() -> None:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerows([[text, -3] for text in HOSTILE])
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert [row[0] for row in rows] == ["'" + text for text in HOSTILE]
    assert all(row[1] == "-3" for row in rows)
