"""The keep.eu export: one row per partner of each contracted project, for the secretariat only."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from crossroads.showcase.keep_eu import COLUMNS, PROGRAMME

pytestmark = pytest.mark.django_db

URLS = ("open_data:keep_eu_xlsx", "open_data:keep_eu_csv")


@pytest.mark.parametrize("name", URLS)
def test_only_programme_staff_download_it(client, public_world, users, name):
    anonymous = client.get(reverse(name))
    assert anonymous.status_code == 401 and anonymous.json()["error"]
    for role in ("applicant", "adviser_be", "assessor", "finance"):
        client.force_login(users[role])
        assert client.get(reverse(name)).status_code == 403, role
    for role in ("secretariat", "admin"):
        client.force_login(users[role])
        response = client.get(reverse(name))
        assert response.status_code == 200, role
        assert response["Cache-Control"] == "private, no-store"


def sheet_rows(client, users) -> list[tuple]:  # type: ignore[no-untyped-def]
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    response = client.get(reverse("open_data:keep_eu_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_one_row_per_partner_with_budget_and_grant(client, public_world, users):
    header, lead, partner = sheet_rows(client, users)
    assert len(header) == len(COLUMNS) and header[0] == "Programme"
    lead_row, partner_row = dict(zip(header, lead, strict=True)), dict(zip(header, partner, strict=True))
    assert lead_row["Programme"] == PROGRAMME and "RSO1.1" in lead_row["Specific objective"]
    assert lead_row["Project reference"] == public_world.reference
    assert (lead_row["Partner role"], partner_row["Partner role"]) == ("Lead partner", "Project partner")
    assert (lead_row["Partner country"], partner_row["Partner country"]) == ("Belgium", "Netherlands")
    assert lead_row["NUTS 3 code"].startswith("BE") and lead_row["NUTS 3 region"]
    assert partner_row["Partner city"] == "Maastricht"
    # make_application: 40.000,00 (BE) and 30.000,00 (NL) eligible, grant rate 50 %.
    assert Decimal(str(lead_row["Partner eligible budget (EUR)"])) == Decimal("40000.00")
    assert Decimal(str(partner_row["Partner eligible budget (EUR)"])) == Decimal("30000.00")
    assert Decimal(str(lead_row["Project total eligible budget (EUR)"])) == Decimal("70000.00")
    grants = Decimal(str(lead_row["Partner grant (EUR)"])) + Decimal(str(partner_row["Partner grant (EUR)"]))
    assert grants == Decimal(str(lead_row["Project grant (EUR)"])) == public_world.grant.total


def test_the_csv_has_the_same_rows_and_neutralises_formulas(client, public_world, users):
    application = public_world.grant.application
    application.title = '=HYPERLINK("http://evil.example","x")'
    application.save()
    client.force_login(users["secretariat"])
    response = client.get(reverse("open_data:keep_eu_csv"))
    header, *lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == 2
    title = header.index(str(COLUMNS[5]))
    assert lines[0][title] == "'" + application.title
    xlsx = load_workbook(io.BytesIO(client.get(reverse("open_data:keep_eu_xlsx")).content)).active
    cell = xlsx.cell(row=2, column=6)
    assert cell.data_type == "s" and cell.value == "'" + application.title
