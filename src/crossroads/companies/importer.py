"""Bulk import of companies from CSV or XLSX: parse, check every row, then commit all rows or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.core.errors import ServiceError
from crossroads.core.fields import current_language
from crossroads.core.formatting import format_integer
from crossroads.programme.selectors import current_programme

from . import services
from .models import Company, CompanyRole, Establishment, FinancialYear, ImportBatch
from .verbs import CompanyVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

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
# What each column of the file holds, as the preview and its messages name it (the header itself stays the key).
COLUMN_LABELS = {
    "legal_name": gettext_lazy("Legal name"),
    "legal_form": gettext_lazy("Legal form"),
    "country": gettext_lazy("Country"),
    "enterprise_number": gettext_lazy("Enterprise number"),
    "vat_number": gettext_lazy("VAT number"),
    "role": gettext_lazy("Kind of organisation"),
    "founded_on": gettext_lazy("Founding date"),
    "website": gettext_lazy("Website"),
    "description": gettext_lazy("Activities"),
    "street": gettext_lazy("Street and number"),
    "postcode": gettext_lazy("Postcode"),
    "city": gettext_lazy("City"),
    "nace": gettext_lazy("NACE codes"),
    "year": gettext_lazy("Financial year"),
    "staff_fte": gettext_lazy("Staff (FTE)"),
    "turnover": gettext_lazy("Turnover"),
    "balance_sheet_total": gettext_lazy("Balance-sheet total"),
    "equity": gettext_lazy("Equity"),
    "subscribed_capital": gettext_lazy("Subscribed capital"),
}


def column_label(column: str) -> str:
    return str(COLUMN_LABELS.get(column, column))


def labelled_errors(errors: dict[str, str]) -> list[tuple[str, str]]:
    """A row's problems in file order, each named by its column's label in the active language."""
    order = {column: index for index, column in enumerate(COLUMNS)}
    return [(column_label(c), errors[c]) for c in sorted(errors, key=lambda c: order.get(c, len(order)))]


REQUIRED = {"legal_name", "legal_form", "country", "enterprise_number", "founded_on", "street", "postcode", "city"}
FIGURES = ("staff_fte", "turnover", "balance_sheet_total", "equity", "subscribed_capital")
MAX_ROWS = 2000


class ImportFileError(ServiceError):
    """A file that cannot be read as an import; the message belongs at the upload field."""

    def __init__(self, message: object = "", *, field: str | None = "file", status: int = 400) -> None:
        super().__init__(message, field=field, status=status)


def _cell_text(value: Any) -> str:
    """An Excel cell as the text a person would have typed in the user's language. A number cell must not come out as
    "1e+20" (refused) or "400.125" (in Dutch that reads as four hundred thousand): no exponent, no grouping, and the
    decimal mark of the language the rows are checked in."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)
        text = format(number.normalize() if number == number.to_integral_value() else number, "f")
        return text.replace(".", ",") if current_language() == "nl" else text
    return str(value)


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """Rows as dicts keyed by lower-case header. Raises ImportFileError for unreadable files."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("The file could not be read as an Excel workbook.")) from exc
        values = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
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
        raise ImportFileError(
            _("Columns missing: %(cols)s.") % {"cols": ", ".join(f"{c} ({column_label(c)})" for c in sorted(missing))}
        )
    rows = [
        dict(zip(header, (c.strip() for c in row), strict=False)) for row in values[1:] if any(c.strip() for c in row)
    ]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("At most %(max)s rows per file.") % {"max": format_integer(MAX_ROWS)})
    return rows


def _form_errors(form: Any, errors: dict[str, str], *, default: str) -> None:
    """Copy a form's errors to the row's, per column (`default` for problems of the row as a whole); a column keeps
    the first problem found for it."""
    for field, messages in form.errors.items():
        column = field if field in COLUMNS else default
        errors.setdefault(column, " ".join(str(m) for m in messages))


def _plain(value: Any) -> str:
    """A cleaned value as stored in the batch: text a second check (at the commit) reads back the same in any language
    (numbers without grouping, at most two decimals, a point as the decimal mark)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check_row(
    row: dict[str, str], seen: set[tuple[str, str]], countries: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, str]]:
    """A cleaned row and its errors per column (in the active language); `countries` are the programme's.

    Every row goes through the same forms as a company registered by hand (CompanyForm, EstablishmentForm,
    FinancialYearForm): the same number parser, identifiers, lengths and database limits, so an import can never store
    what the forms would refuse (a figure too large for its column, a name over its length).
    """
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {k: str(row.get(k, "") or "") for k in COLUMNS}
    _check_required_country_role(clean, errors, countries)
    _check_company(clean, errors)
    if "enterprise_number" not in errors and clean["country"] in countries:
        key = (clean["country"], clean["enterprise_number"])
        if key in seen:
            errors["enterprise_number"] = _("This number appears twice in the file.")
        seen.add(key)
    _check_establishment(clean, errors)
    if any(clean[f] for f in FIGURES) or clean["year"]:
        _check_figures(clean, errors)
    return clean, errors


def _check_required_country_role(clean: dict[str, Any], errors: dict[str, str], countries: tuple[str, ...]) -> None:
    for column in REQUIRED:
        if not clean[column]:
            errors[column] = _("Required.")
    clean["country"] = clean["country"].upper()
    if clean["country"] not in countries:
        errors["country"] = _("Use one of: %(countries)s.") % {"countries": ", ".join(countries)}
    clean["role"] = (clean["role"] or "sme").lower()
    if clean["role"] not in CompanyRole.values:
        errors["role"] = _("Use sme, large or knowledge.")


def _check_company(clean: dict[str, Any], errors: dict[str, str]) -> None:
    from .forms import CompanyForm

    form = CompanyForm(
        data={
            **{k: clean[k] for k in ("legal_name", "legal_form", "enterprise_number", "vat_number", "website")},
            "country": clean["country"],
            "role": clean["role"],
            "founded_on": clean["founded_on"],
            "description": clean["description"],
            "description_en": "",
            "nace": clean["nace"],
            "nace_revision": "2.0",
        }
    )
    if form.is_valid():
        data = form.cleaned_data
        for key in ("legal_name", "legal_form", "enterprise_number", "vat_number", "website", "description"):
            clean[key] = _plain(data.get(key))
        clean["founded_on"] = _plain(data["founded_on"])
    else:
        _form_errors(form, errors, default="enterprise_number")
    clean["nace"] = list(form.cleaned_data.get("nace_codes") or [])


def _check_establishment(clean: dict[str, Any], errors: dict[str, str]) -> None:
    from .forms import EstablishmentForm

    form = EstablishmentForm(
        data={
            "street": clean["street"],
            "postcode": clean["postcode"],
            "city": clean["city"],
            "country": clean["country"],
            "is_registered_office": "on",
            "is_project_site": "on",
        }
    )
    if form.is_valid():
        clean["postcode"] = form.cleaned_data["postcode"]
    else:
        _form_errors(form, errors, default="street")


def _check_figures(clean: dict[str, Any], errors: dict[str, str]) -> None:
    from .forms import FinancialYearForm

    form = FinancialYearForm(data={k: clean[k] for k in ("year", *FIGURES)}, company=None)
    if form.is_valid():
        clean["year"] = _plain(form.cleaned_data["year"])
        for field in FIGURES:
            clean[field] = _plain(form.cleaned_data[field])
    else:
        _form_errors(form, errors, default="year")


def _storable(value: Any) -> Any:
    """The preview keeps rows as JSON; PostgreSQL refuses a NUL character there. A row holding one already has its
    error ("Null characters are not allowed") and is never committed, so the preview shows a replacement sign."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    return value


def import_prepare(*, actor: User, name: str, content: bytes) -> ImportBatch:
    rows = read_rows(name, content)
    countries = tuple(current_programme().countries)
    seen: set[tuple[str, str]] = set()
    cleaned, errors = [], {}
    for index, row in enumerate(rows, start=2):  # row 1 is the header
        clean, row_errors = check_row(row, seen, countries)
        clean["line_no"] = index
        cleaned.append(clean)
        if row_errors:
            errors[str(index)] = row_errors
    return ImportBatch.objects.create(
        created_by=actor, filename=_storable(name)[:255], rows=_storable(cleaned), errors=_storable(errors)
    )


class ImportNotAllowed(ServiceError):
    """A batch that cannot be committed (it has errors, was committed already, or a row is no longer valid)."""


def _saved(obj: Any) -> Any:
    """Check every limit of the model (lengths, max_digits, validators) before writing, then save."""
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj


def _create_row(clean: dict[str, Any]) -> Company:
    company = _saved(
        Company(
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
    )
    _saved(
        Establishment(
            company=company,
            street=clean["street"],
            postcode=clean["postcode"],
            city=clean["city"],
            country=clean["country"],
            is_registered_office=True,
            is_project_site=True,
            nuts3_id=services.establishment_nuts3(clean["country"], clean["postcode"]),
        )
    )
    for index, code in enumerate(clean["nace"]):
        company.nace_codes.create(code=code, revision="2.0", is_main=index == 0)
    if clean["year"]:
        _saved(
            FinancialYear(
                company=company,
                year=int(clean["year"]),
                staff_fte=Decimal(clean["staff_fte"]),
                turnover=Decimal(clean["turnover"]),
                balance_sheet_total=Decimal(clean["balance_sheet_total"]),
                equity=Decimal(clean["equity"]),
                subscribed_capital=Decimal(clean["subscribed_capital"]),
            )
        )
    return company


@transaction.atomic
def import_commit(*, actor: User, batch: ImportBatch) -> list[Company]:
    """Create every company of the batch, or none: any error (even one found now) rolls everything back."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.committed_at or batch.errors:
        raise ImportNotAllowed(_("This import has errors or was already committed."))
    created = []
    countries = tuple(current_programme().countries)
    seen: set[tuple[str, str]] = set()
    for row in batch.rows:
        source = {k: (", ".join(v) if isinstance(v, list) else str(v)) for k, v in row.items() if k in COLUMNS}
        clean, errors = check_row(source, seen, countries)
        if errors:  # something changed since the preview (e.g. the company was registered meanwhile)
            raise ImportNotAllowed(
                _("Line %(line)s is no longer valid: %(errors)s")
                % {"line": row["line_no"], "errors": "; ".join(f"{k}: {v}" for k, v in labelled_errors(errors))}
            )
        try:
            company = _create_row(clean)
        except ValidationError as exc:  # a database limit the forms did not see: nothing of the file is kept
            raise ImportNotAllowed(
                _("Line %(line)s is no longer valid: %(errors)s")
                % {"line": row["line_no"], "errors": "; ".join(exc.messages)}
            ) from exc
        audit_record(
            actor=actor, verb=CompanyVerb.COMPANY_IMPORT, obj=company, after={"batch": batch.pk, "line": row["line_no"]}
        )
        created.append(company)
    batch.committed_at = clock.now()
    batch.save(update_fields=["committed_at"])
    return created
