"""The one helper that turns a list into a CSV or XLSX download (issue 14 §2: every list can be exported).

A list's export is its columns (a translated header, a function that reads the value from a row, and a kind) and the
rows of the list page itself: the view that serves the export applies the same permission and the same query-string
filters as the page, then calls `export_response`. Every cell goes through `crossroads.core.spreadsheets.safe_cell`
(formula neutralisation); no other code in the project writes CSV or XLSX cells for a list.

CSV dialect (documented in docs/exports.md). The users open the file in Excel on a Belgian or Dutch PC, whose regional
settings use ";" as the list separator and "," as the decimal sign. Excel reads such a file by double-click only
when it is written for those settings, whatever the language the user reads the portal in:
- UTF-8 with a byte-order mark (Excel otherwise reads the accents of "Liège" as "LiÃ¨ge");
- ";" between fields, CRLF between records, fields quoted only when needed;
- numbers without grouping and with a decimal comma ("1250,50"), money always with two decimals;
- dates as ISO 8601 ("2027-02-01"), times in Brussels ("2027-02-01 14:00"): unambiguous, and read as dates;
- headers in the user's language; no "sep=" line (Excel then ignores the byte-order mark).
XLSX (openpyxl, write-only: memory stays flat for thousands of rows): a bold, frozen header row, column widths,
numbers as numbers, money as numbers with two decimals and a euro format, dates as real dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from io import BytesIO, StringIO
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import clock
from .money import as_decimal, to_money
from .spreadsheets import csv_writer, safe_cell

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
NUMBER_FORMATS = {"integer": "0", "decimal": "0.00", "money": EURO_FORMAT}
DATE_FORMATS = {"nl": "dd-mm-yyyy", "en": "d mmm yyyy"}
DATETIME_FORMATS = {"nl": "dd-mm-yyyy hh:mm", "en": "d mmm yyyy hh:mm"}
MAX_WIDTH = 60


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"  # a number with two decimals (a score)
    MONEY = "money"  # euro, two decimals
    DATE = "date"
    DATETIME = "datetime"  # shown in Brussels time
    BOOLEAN = "boolean"  # "Yes" / "No" in the user's language


@dataclass(frozen=True)
class Column:
    """One column of an export: `header` is a (lazy) translated string; `value(row)` reads the cell."""

    header: Any
    value: Callable[[Any], Any]
    kind: Kind = Kind.TEXT
    width: int | None = None


def export_format(text: str) -> str:
    """The format asked for in a URL ("csv" or "xlsx"); anything else is not found."""
    if text not in FORMATS:
        raise Http404
    return text


# ------------------------------------------------------------------------------------------------- values


def _typed(value: Any, kind: Kind) -> Any:
    """The value a column holds, as the spreadsheet should store it (None stays an empty cell)."""
    if value is None or (value == "" and kind is not Kind.TEXT):
        return None
    if kind is Kind.TEXT:
        return str(value)
    if kind is Kind.BOOLEAN:
        return _("Yes") if value else _("No")
    if kind is Kind.INTEGER:
        number = as_decimal(value)
        return None if number is None else int(number)
    if kind in (Kind.MONEY, Kind.DECIMAL):
        number = as_decimal(value)
        return None if number is None else to_money(number)
    if kind is Kind.DATETIME and isinstance(value, dt.datetime):
        local = value.astimezone(clock.BRUSSELS) if value.tzinfo else value
        return local.replace(tzinfo=None, second=0, microsecond=0)
    if kind is Kind.DATE and isinstance(value, dt.datetime):
        return value.astimezone(clock.BRUSSELS).date() if value.tzinfo else value.date()
    return value


class _CsvNumber(Decimal):
    """A Decimal that the csv module writes with a decimal comma: `safe_cell` passes it as a number (never prefixed
    as if "-2,50" were a formula) and `str()` gives what Belgian and Dutch Excel read as a number."""

    def __str__(self) -> str:
        return format(Decimal(self), "f").replace(".", ",")


def _csv_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _CsvNumber(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")  # ISO 8601 for a file, not a screen
    return value


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _filename(base: str, fmt: str) -> str:
    today = clock.today_brussels().isoformat()
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in base).strip("-") or "export"
    return f"{safe}-{today}.{fmt}"


# ------------------------------------------------------------------------------------------------- writers


def _csv(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    buffer = StringIO()
    buffer.write(BOM)
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(c.header) for c in columns])
    for row in rows:
        writer.writerow([_csv_value(_typed(c.value(row), c.kind)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet: Any, value: Any, kind: Kind, language: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text
        if cell.value.startswith("'"):
            cell.quotePrefix = True
    elif kind in NUMBER_FORMATS and cell.value is not None:
        cell.number_format = NUMBER_FORMATS[kind]
    elif kind is Kind.DATE and cell.value is not None:
        cell.number_format = DATE_FORMATS[language]
    elif kind is Kind.DATETIME and cell.value is not None:
        cell.number_format = DATETIME_FORMATS[language]
    return cell


def _width(column: Column, header: str) -> int:
    if column.width:
        return column.width
    defaults = {Kind.MONEY: 16, Kind.DATE: 12, Kind.DATETIME: 17, Kind.INTEGER: 10, Kind.DECIMAL: 10}
    return min(MAX_WIDTH, max(len(header) + 2, defaults.get(column.kind, 24)))


def _sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\ and no leading apostrophe."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip().lstrip("'")
    return cleaned[:31].strip() or "Export"


def _xlsx(columns: Sequence[Column], rows: Iterable[Any], title: str) -> bytes:
    language = _language()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_sheet_title(title))
    headers = [str(c.header) for c in columns]
    for index, (column, header) in enumerate(zip(columns, headers, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, header)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = _xlsx_cell(sheet, header, Kind.TEXT, language)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, _typed(c.value(row), c.kind), c.kind, language) for c in columns])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(
    fmt: str, *, filename: str, columns: Sequence[Column], rows: Iterable[Any], title: Any = ""
) -> HttpResponse:
    """The list as a download: `fmt` "csv" or "xlsx" (else 404), `filename` without date or extension (the date of
    today is added), `title` the worksheet's name (the filename when empty)."""
    fmt = export_format(fmt)
    if fmt == "csv":
        response = HttpResponse(_csv(columns, rows), content_type=CSV_TYPE)
    else:
        response = HttpResponse(_xlsx(columns, rows, str(title) or filename), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(filename, fmt)}"'
    response["Cache-Control"] = "no-store"
    return response
