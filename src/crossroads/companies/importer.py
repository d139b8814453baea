"""Bulk import of companies from CSV or XLSX: parse, check every row, then commit all rows or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from crossroads.core.audit import audit_record
from crossroads.core.money import parse_amount
from crossroads.core.permissions import is_id
from crossroads.programme.regions import PostcodeError, normalise_postcode, nuts3_for_postcode

from . import services
from .forms import IDENTIFIER_MESSAGES
from .identifiers import IdentifierError, normalise_enterprise_number, normalise_nace, normalise_vat
from .models import Company, CompanyRole, Establishment, FinancialYear, ImportBatch

COLUMNS = [
    "legal_name",
    "legal_form",
    "country",
    "enterprise_number",
    "vat_number",
    "role",
    "founded_on",
    "website",
    "description",
    "street",
    "postcode",
    "city",
    "nace",
    "year",
    "staff_fte",
    "turnover",
    "balance_sheet_total",
    "equity",
    "subscribed_capital",
]
REQUIRED = {"legal_name", "legal_form", "country", "enterprise_number", "founded_on", "street", "postcode", "city"}
FIGURES = ("staff_fte", "turnover", "balance_sheet_total", "equity", "subscribed_capital")
MAX_ROWS = 2000


class ImportFileError(ValueError):
    pass


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """Rows as dicts keyed by lower-case header. Raises ImportFileError for unreadable files."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("The file could not be read as an Excel workbook.")) from exc
        values = [
            ["" if v is None else str(v) if not isinstance(v, dt.datetime) else v.date().isoformat() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        header_line = text.splitlines()[0] if text.strip() else ""
        # Excel in Dutch and Flemish locales writes semicolons; pick whichever separator the header uses most.
        delimiter = max(",;\t", key=header_line.count)
        values = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not values:
        raise ImportFileError(_("The file is empty."))
    header = [h.strip().lower() for h in values[0]]
    missing = REQUIRED - set(header)
    if missing:
        raise ImportFileError(_("Columns missing: %(cols)s.") % {"cols": ", ".join(sorted(missing))})
    rows = [
        dict(zip(header, (c.strip() for c in row), strict=False)) for row in values[1:] if any(c.strip() for c in row)
    ]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("At most %(max)s rows per file.") % {"max": MAX_ROWS})
    return rows


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def check_row(row: dict[str, str], seen: set[tuple[str, str]]) -> tuple[dict[str, Any], dict[str, str]]:
    """A cleaned row and its errors per column (in the active language)."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {k: row.get(k, "") for k in COLUMNS}
    for column in REQUIRED:
        if not clean[column]:
            errors[column] = _("Required.")
    country = clean["country"].upper()
    clean["country"] = country
    if country not in {"BE", "NL"}:
        errors["country"] = _("Use BE or NL.")
    role = (clean["role"] or "sme").lower()
    clean["role"] = role
    if role not in CompanyRole.values:
        errors["role"] = _("Use sme, large or knowledge.")
    if country in {"BE", "NL"} and clean["enterprise_number"]:
        try:
            clean["enterprise_number"] = normalise_enterprise_number(country, clean["enterprise_number"])
        except IdentifierError as exc:
            errors["enterprise_number"] = str(IDENTIFIER_MESSAGES[exc.code])
        else:
            key = (country, clean["enterprise_number"])
            if key in seen:
                errors["enterprise_number"] = _("This number appears twice in the file.")
            elif Company.objects.filter(country=country, enterprise_number=key[1]).exists():
                errors["enterprise_number"] = _("A company with this number is already registered.")
            seen.add(key)
        if clean["vat_number"]:
            try:
                clean["vat_number"] = normalise_vat(country, clean["vat_number"])
            except IdentifierError as exc:
                errors["vat_number"] = str(IDENTIFIER_MESSAGES[exc.code])
        if clean["postcode"]:
            try:
                clean["postcode"] = normalise_postcode(country, clean["postcode"])
                if nuts3_for_postcode(country, clean["postcode"]) is None:
                    errors["postcode"] = _("Unknown postcode.")
            except PostcodeError:
                errors["postcode"] = _("Not a postcode of this country.")
    if clean["founded_on"]:
        try:
            clean["founded_on"] = _date(clean["founded_on"]).isoformat()
        except ValueError:
            errors["founded_on"] = _("Use a date like 2019-03-01 or 01-03-2019.")
    codes = []
    for raw in clean["nace"].replace(";", ",").split(","):
        if raw.strip():
            try:
                codes.append(normalise_nace(raw, "2.0"))
            except IdentifierError:
                errors["nace"] = str(IDENTIFIER_MESSAGES["nace_invalid"]) % {"code": raw.strip()}
    clean["nace"] = codes
    has_figures = any(clean[f] for f in FIGURES) or clean["year"]
    if has_figures:
        if not is_id(clean["year"]) or not 1900 <= int(clean["year"]) <= 2100:
            errors["year"] = _("Enter the financial year, e.g. 2024.")
        for field in FIGURES:
            try:
                value = parse_amount(clean[field])
                if value < 0 and field != "equity":
                    raise ValueError
                clean[field] = str(value)
            except ValueError:
                errors[field] = _("Enter a number, e.g. 1.250.000,00.")
    return clean, errors


def import_prepare(*, actor: Any, name: str, content: bytes) -> ImportBatch:
    rows = read_rows(name, content)
    seen: set[tuple[str, str]] = set()
    cleaned, errors = [], {}
    for index, row in enumerate(rows, start=2):  # row 1 is the header
        clean, row_errors = check_row(row, seen)
        clean["line_no"] = index
        cleaned.append(clean)
        if row_errors:
            errors[str(index)] = row_errors
    return ImportBatch.objects.create(created_by=actor, filename=name[:255], rows=cleaned, errors=errors)


class ImportNotAllowed(Exception):
    pass


@transaction.atomic
def import_commit(*, actor: Any, batch: ImportBatch) -> list[Company]:
    """Create every company of the batch, or none: any error (even one found now) rolls everything back."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.committed_at or batch.errors:
        raise ImportNotAllowed(_("This import has errors or was already committed."))
    created = []
    seen: set[tuple[str, str]] = set()
    for row in batch.rows:
        source = {k: (", ".join(v) if isinstance(v, list) else str(v)) for k, v in row.items() if k in COLUMNS}
        clean, errors = check_row(source, seen)
        if errors:  # something changed since the preview (e.g. the company was registered meanwhile)
            raise ImportNotAllowed(
                _("Line %(line)s is no longer valid: %(errors)s")
                % {"line": row["line_no"], "errors": "; ".join(f"{k}: {v}" for k, v in errors.items())}
            )
        company = Company.objects.create(
            legal_name=clean["legal_name"],
            legal_form=clean["legal_form"],
            country=clean["country"],
            enterprise_number=clean["enterprise_number"],
            vat_number=clean["vat_number"],
            role=clean["role"],
            founded_on=dt.date.fromisoformat(clean["founded_on"]),
            website=clean["website"],
            description=clean["description"],
        )
        Establishment.objects.create(
            company=company,
            street=clean["street"],
            postcode=clean["postcode"],
            city=clean["city"],
            country=clean["country"],
            is_registered_office=True,
            is_project_site=True,
            nuts3_id=services.establishment_nuts3(clean["country"], clean["postcode"]),
        )
        for index, code in enumerate(clean["nace"]):
            company.nace_codes.create(code=code, revision="2.0", is_main=index == 0)
        if clean["year"]:
            FinancialYear.objects.create(
                company=company,
                year=int(clean["year"]),
                staff_fte=clean["staff_fte"],
                turnover=clean["turnover"],
                balance_sheet_total=clean["balance_sheet_total"],
                equity=clean["equity"],
                subscribed_capital=clean["subscribed_capital"],
            )
        audit_record(actor=actor, verb="company.import", obj=company, after={"batch": batch.pk, "line": row["line_no"]})
        created.append(company)
    batch.committed_at = services.clock.now()
    batch.save(update_fields=["committed_at"])
    return created
