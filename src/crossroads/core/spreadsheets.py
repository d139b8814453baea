"""The one place that makes text safe for a spreadsheet (CSV and XLSX exports): formula injection.

A cell whose text starts with "=", "+", "-", "@" (or a tab or carriage return before one, or the full-width forms
of these signs that some spreadsheet programs fold to ASCII) is run as a formula by Excel, LibreOffice and Google Sheets
when the file is opened: an application title "=HYPERLINK(...)" typed by an applicant would become a live link in the
secretariat's committee papers. Every text cell of every export goes through `safe_cell`; the text is kept, with an
apostrophe in front (the spreadsheet's own sign for "this is text"). In XLSX the cell is also forced to a string
cell with Excel's quote prefix, so that not even editing the cell turns it into a formula.

Numbers, dates and None pass unchanged: they are values, not text, and must stay summable in the spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

# Characters that start a formula, in ASCII and in the forms a spreadsheet may fold to ASCII (full-width, small
# form variants, the minus sign), plus the control characters some programs skip before reading a formula.
FORMULA_STARTS = frozenset(
    "=+-@\t\r\n"
    "\uff1d\uff0b\uff0d\uff20"  # full-width equals, plus, hyphen-minus, at
    "\ufe66\ufe62\ufe63\ufe6b"  # small form variants of the same
    "\u2212"  # the minus sign
)
# Leading characters a spreadsheet ignores before it decides whether the cell is a formula.
_IGNORED_LEAD = " \u00a0\u3000\ufeff"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (also after leading blanks it strips)."""
    if not text:
        return False
    if text[0] in FORMULA_STARTS:
        return True
    stripped = text.lstrip(_IGNORED_LEAD)
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def safe_text(text: str) -> str:
    """Text shown as typed, never run: an apostrophe in front of anything that could start a formula."""
    return "'" + text if is_formula_like(text) else text


def safe_cell(value: Any) -> Any:
    """A cell value for an export: numbers, dates, booleans and None as they are; anything else as safe text."""
    if value is None or isinstance(value, (bool, int, float, Decimal, dt.date, dt.datetime, dt.time)):
        return value
    return safe_text(str(value))


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append` for an openpyxl worksheet with every text cell neutralised and typed as a string.

    openpyxl itself turns any string starting with "=" into a formula cell (data_type "f"); forcing "s" keeps even a
    text that slipped past `safe_text` a plain string.
    """
    row = safe_row(values)
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith("'"):
                cell.quotePrefix = True


class SafeCsvWriter:
    """A `csv.writer` whose every text cell is neutralised; same `writerow`/`writerows` interface."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: Any, **kwargs: Any) -> SafeCsvWriter:
    """The writer every CSV export uses (kwargs as for `csv.writer`, e.g. delimiter=";")."""
    return SafeCsvWriter(stream, **kwargs)
