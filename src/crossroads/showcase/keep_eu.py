"""The export of contracted projects in the shape keep.eu collects: one row per project partner, for the
secretariat to send to keep.eu (Interact's database of Interreg projects). keep.eu publishes what it receives, so
every column is public data; the download is still the secretariat's (programme staff), because it is the
programme's official submission.

Projects and partners come from the public whitelist (`PublicProject`): the same contracted projects the showcase
shows (agreement running, closing or closed, grant not renounced), the same partners (those who did not leave).
keep.eu also collects each project's and each partner's eligible budget and grant, which the whitelist does not
carry; `budget_figures` reads exactly those amounts from the approved budget version of the same agreements and
nothing else. Sources of the field list and the mapping: docs/open-data.md.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from crossroads.applications.labels import country_label
from crossroads.companies.naming import name_with_legal_form
from crossroads.core.permissions import Permission, allow, deny
from crossroads.core.spreadsheets import append_row, csv_writer
from crossroads.grants.models import AgreementPartner, BudgetVersion, BudgetVersionLine, BudgetVersionShare
from crossroads.grants.models.agreement import VersionStatus
from crossroads.programme.models import Nuts3

from .selectors.public import PublicProject, public_agreements, public_projects

# The programme as keep.eu names it (keep.eu programme 371, 2021-2027 Belgium-The Netherlands) and the priority and
# specific objective CrossRoads falls under (rules reference §1.1).
PROGRAMME = "Interreg VI-A Vlaanderen-Nederland"
PERIOD = "2021-2027"
PRIORITY = "A smarter Europe. Innovation and skills for smart transformation"
SPECIFIC_OBJECTIVE = (
    "RSO1.1 Developing and enhancing research and innovation capacities and the uptake of advanced technologies"
)
ZERO = Decimal("0.00")

COLUMNS = (
    gettext_lazy("Programme"),
    gettext_lazy("Programming period"),
    gettext_lazy("Priority"),
    gettext_lazy("Specific objective"),
    gettext_lazy("Project acronym"),
    gettext_lazy("Project name"),
    gettext_lazy("Project reference"),
    gettext_lazy("Call"),
    gettext_lazy("Project start date"),
    gettext_lazy("Project end date"),
    gettext_lazy("Project status"),
    gettext_lazy("Themes"),
    gettext_lazy("Project total eligible budget (EUR)"),
    gettext_lazy("Project grant (EUR)"),
    gettext_lazy("Partner name"),
    gettext_lazy("Partner role"),
    gettext_lazy("Partner country"),
    gettext_lazy("NUTS 3 code"),
    gettext_lazy("NUTS 3 region"),
    gettext_lazy("Partner city"),
    gettext_lazy("Partner eligible budget (EUR)"),
    gettext_lazy("Partner grant (EUR)"),
)


def can_export_keep_eu(user: Any) -> Permission:
    """The secretariat (or an administrator) sends the programme's data to keep.eu."""
    if not user.is_authenticated:
        return deny(gettext_lazy("Log in first."))
    if user.is_programme_staff:
        return allow()
    return deny(gettext_lazy("Only the secretariat exports the programme's projects for keep.eu."))


@dataclass(frozen=True)
class Figures:
    """Eligible budget and grant of the approved budget version, per project and per partner."""

    project_eligible: dict[str, Decimal]
    partner_eligible: dict[tuple[str, str, str], Decimal]
    partner_grant: dict[tuple[str, str, str], Decimal]


def budget_figures() -> Figures:
    """In three queries, whatever the number of projects: the latest approved version of every public agreement,
    then the sums of its lines and its shares per partner (key: reference, partner name, country)."""
    latest: dict[int, int] = {}
    versions = BudgetVersion.objects.filter(agreement__in=public_agreements(), status=VersionStatus.APPROVED)
    for agreement_id, version_id in versions.order_by("agreement_id", "number").values_list("agreement_id", "pk"):
        latest[agreement_id] = version_id  # ascending numbers: the last one wins
    members = {
        row["pk"]: (
            row["agreement__reference"],
            name_with_legal_form(row["company__legal_name"], row["company__legal_form"]),
            row["company__country"],
        )
        for row in AgreementPartner.objects.filter(agreement_id__in=latest).values(
            "pk", "agreement__reference", "company__legal_name", "company__legal_form", "company__country"
        )
    }
    project_eligible: dict[str, Decimal] = defaultdict(lambda: ZERO)
    partner_eligible: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    lines = BudgetVersionLine.objects.filter(version_id__in=latest.values()).values("agreement_partner_id")
    for row in lines.annotate(total=Sum("eligible")):
        key = members[row["agreement_partner_id"]]
        partner_eligible[key] += row["total"]
        project_eligible[key[0]] += row["total"]
    shares = BudgetVersionShare.objects.filter(version_id__in=latest.values()).values("agreement_partner_id")
    partner_grant = {members[row["agreement_partner_id"]]: row["total"] for row in shares.annotate(total=Sum("grant"))}
    return Figures(dict(project_eligible), dict(partner_eligible), partner_grant)


def _region_names(projects: Iterable[PublicProject]) -> dict[str, str]:
    codes = {partner.nuts3 for project in projects for partner in project.partners if partner.nuts3}
    return dict(Nuts3.objects.filter(code__in=codes).values_list("code", "name"))


def _status_label(status: str) -> str:
    return _("Finished") if status == "finished" else _("Running")


def keep_eu_rows(projects: list[PublicProject] | None = None) -> list[list[Any]]:
    """One row per partner of every contracted project, lead partner first."""
    projects = public_projects() if projects is None else projects
    figures = budget_figures()
    regions = _region_names(projects)
    english = (get_language() or "nl").startswith("en")
    rows = []
    for project in projects:
        themes = "; ".join(theme.name_en if english else theme.name_nl for theme in project.themes)
        head = [
            PROGRAMME,
            PERIOD,
            PRIORITY,
            SPECIFIC_OBJECTIVE,
            project.acronym,
            project.title,
            project.reference,
            project.call_code,
            project.start_date,
            project.end_date,
            _status_label(project.status),
            themes,
            figures.project_eligible.get(project.reference, ZERO),
            project.grant,
        ]
        for partner in project.partners:
            key = (project.reference, partner.name, partner.country)
            rows.append(
                [
                    *head,
                    partner.name,
                    _("Lead partner") if partner.is_lead else _("Project partner"),
                    country_label(partner.country),
                    partner.nuts3,
                    regions.get(partner.nuts3, ""),
                    partner.municipality,
                    figures.partner_eligible.get(key, ZERO),
                    figures.partner_grant.get(key, ZERO),
                ]
            )
    return rows


def _header() -> list[str]:
    return [str(column) for column in COLUMNS]


def keep_eu_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Partners")[:31]
    append_row(sheet, _header())
    for row in rows:
        append_row(sheet, row)
    money_columns = [i + 1 for i, column in enumerate(COLUMNS) if "(EUR)" in str(column)]
    date_columns = (9, 10)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if cell.column in money_columns:
                cell.number_format = "#,##0.00"
            elif cell.column in date_columns:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def keep_eu_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(_header())
    writer.writerows([[value.isoformat() if hasattr(value, "isoformat") else value for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _refused(request: HttpRequest) -> JsonResponse | None:
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"error": _("Only GET is allowed here.")}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    permission = can_export_keep_eu(request.user)
    if not permission:
        return JsonResponse({"error": str(permission.reason)}, status=403 if request.user.is_authenticated else 401)
    return None


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def keep_eu_xlsx_view(request: HttpRequest) -> HttpResponse:
    refused = _refused(request)
    if refused:
        return refused
    return _download(keep_eu_xlsx(keep_eu_rows()), XLSX, "crossroads-keep-eu.xlsx")


def keep_eu_csv_view(request: HttpRequest) -> HttpResponse:
    refused = _refused(request)
    if refused:
        return refused
    return _download(keep_eu_csv(keep_eu_rows()), "text/csv; charset=utf-8", "crossroads-keep-eu.csv")
