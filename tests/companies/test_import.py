"""Bulk import for advisers: a preview with per-row errors, then all rows or none (issue #2, section 4)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from crossroads.companies.importer import COLUMNS
from crossroads.companies.models import Company
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = [
    "Polderlicht BV",
    "BV",
    "NL",
    "87654321",
    "",
    "sme",
    "2016-02-01",
    "",
    "LED-verlichting voor kassen",
    "Havenweg 3",
    "4331 AB",
    "Middelburg",
    "27.40",
    "2024",
    "8,5",
    "900.000,00",
    "400.000",
    "120.000",
    "18.000",
]
GOOD_BE = [
    "Kempen Composiet BV",
    "BV",
    "BE",
    "0202.239.951",
    "",
    "sme",
    "01-03-2011",
    "",
    "Composieten",
    "Industrieweg 4",
    "2440",
    "Geel",
    "22.29",
    "2024",
    "20",
    "2500000",
    "1800000",
    "600000",
    "100000",
]
BAD = [
    "Kapot BV",
    "BV",
    "BE",
    "0403.019.262",
    "",
    "sme",
    "2016-02-31",
    "",
    "",
    "Straat 1",
    "99999",
    "Gent",
    "12.345",
    "2024",
    "x",
    "1",
    "1",
    "1",
    "1",
]


def csv_upload(rows: list[list[str]], sep: str = ";") -> SimpleUploadedFile:
    text = "\n".join(sep.join(r) for r in [COLUMNS, *rows])
    return SimpleUploadedFile("bedrijven.csv", text.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in [COLUMNS, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("bedrijven.xlsx", buffer.getvalue())


def test_valid_csv_previews_then_commits_everything(client, users):
    client.force_login(users["adviser_nl"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD, GOOD_BE])})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.context["error_count"] == 0
    assert Company.objects.count() == 0  # nothing saved before the commit
    batch = preview.context["batch"]
    client.post(reverse("companies:import_commit", args=[batch.pk]))
    assert set(Company.objects.values_list("legal_name", flat=True)) == {"Polderlicht BV", "Kempen Composiet BV"}
    polder = Company.objects.get(legal_name="Polderlicht BV")
    assert polder.establishments.get().nuts3_id == "NL342"
    assert str(polder.financial_years.get().turnover) == "900000.00"
    assert AuditEvent.objects.filter(verb="company.import").count() == 2


def test_one_bad_row_blocks_the_whole_file_and_each_error_is_shown(client, users):
    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": xlsx_upload([GOOD, BAD])})
    preview = client.get(response["Location"])
    assert preview.context["error_count"] == 1
    errors = preview.context["batch"].errors["3"]
    assert {"enterprise_number", "founded_on", "postcode", "nace", "staff_fte"} <= set(errors)
    client.post(reverse("companies:import_commit", args=[preview.context["batch"].pk]))
    assert Company.objects.count() == 0


def test_duplicate_numbers_inside_the_file_are_caught(client, users):
    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD, GOOD], sep=",")})
    preview = client.get(response["Location"])
    assert "enterprise_number" in preview.context["batch"].errors["3"]


def test_company_registered_between_preview_and_commit_rolls_back_all(client, users):
    from tests.conftest import make_company

    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD_BE, GOOD])})
    batch = client.get(response["Location"]).context["batch"]
    make_company("Al Geregistreerd BV", country="NL", number="87654321", postcode="4331 AB", city="Middelburg")
    client.post(reverse("companies:import_commit", args=[batch.pk]))
    assert not Company.objects.filter(legal_name__in=["Polderlicht BV", "Kempen Composiet BV"]).exists()


def test_unreadable_file_gets_a_message_not_a_500(client, users):
    client.force_login(users["secretariat"])
    junk = SimpleUploadedFile("bedrijven.xlsx", b"not a workbook")
    response = client.post(reverse("companies:import_upload"), {"file": junk})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    missing = SimpleUploadedFile("x.csv", b"legal_name;country\nA;BE\n")
    response = client.post(reverse("companies:import_upload"), {"file": missing})
    assert response.status_code == 200 and "file" in response.context["form"].errors


@pytest.mark.parametrize(
    ("role", "expected"),
    [("applicant", 403), ("assessor", 403), ("finance", 403), ("adviser_be", 200), ("secretariat", 200)],
)
def test_import_access_per_role(client, users, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("companies:import_upload")).status_code == expected


def test_someone_elses_batch_is_not_found(client, users):
    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD])})
    batch = client.get(response["Location"]).context["batch"]
    client.force_login(users["adviser_be"])
    assert client.get(reverse("companies:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("companies:import_commit", args=[batch.pk])).status_code == 404
    assert Company.objects.count() == 0
