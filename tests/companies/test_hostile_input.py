"""Bad input on the company forms and the bulk import: a message at the field in the user's language, what was typed
kept, nothing half-saved, never a 500 (issue 9)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction
from django.urls import reverse

from crossroads.companies.models import Company, DeMinimisAid, FinancialYear, Holding
from tests.companies.test_import import GOOD, csv_upload

pytestmark = pytest.mark.django_db

FIGURES = {
    "year": "2025",
    "staff_fte": "12,5",
    "turnover": "1.250,50",
    "balance_sheet_total": "1250.50",
    "equity": "1 250",
    "subscribed_capital": "18.550",
}


def _figures(client, company, **changes):  # type: ignore[no-untyped-def]
    return client.post(reverse("companies:figures_add", args=[company.pk]), {**FIGURES, **changes})


def test_figures_in_dutch_notations_are_read(client, users, company_be):
    client.force_login(users["applicant"])
    response = _figures(client, company_be)
    assert response.status_code == 302
    year = company_be.financial_years.get(year=2025)
    assert (year.staff_fte, year.turnover, year.balance_sheet_total, year.equity) == (
        Decimal("12.5"),
        Decimal("1250.50"),
        Decimal("1250.50"),
        Decimal("1250"),
    )


def test_figures_in_the_english_interface(client, users, company_be):
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    response = _figures(client, company_be, turnover="1,250.50", staff_fte="12.5", subscribed_capital="18,550")
    assert response.status_code == 302
    year = company_be.financial_years.get(year=2025)
    assert year.turnover == Decimal("1250.50") and year.staff_fte == Decimal("12.5")


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("turnover", "٣"),  # an Arabic-Indic digit
        ("turnover", "1e3"),
        ("staff_fte", "١٢"),
        ("staff_fte", "1e3"),
        ("year", "٢٠٢٥"),
        ("turnover", "1" + "0" * 30),  # 1e30 written out: does not fit numeric(16, 2)
        ("turnover", "12345678901234567"),  # 17 digits
        ("staff_fte", "12345678901"),  # more than max_digits=9
        ("turnover", "-5"),
        ("turnover", "9" * 100_000),
        ("turnover", "NaN"),
    ],
)
def test_bad_figures_are_refused_at_the_field_and_shown_back(client, users, company_be, field, typed):
    client.force_login(users["applicant"])
    before = FinancialYear.objects.count()
    response = _figures(client, company_be, **{field: typed})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if len(typed) < 100:
        assert f'value="{typed}"' in response.content.decode()
    assert FinancialYear.objects.count() == before  # nothing saved


def test_holding_percent_and_other_company_id(client, users, company_be, company_nl):
    client.force_login(users["secretariat"])
    url = reverse("companies:holding_add", args=[company_be.pk])
    for other, percent, field in [
        ("9" * 40, "30", "other"),
        ("٣", "30", "other"),
        (str(company_nl.pk), "1e2", "percent"),
        (str(company_nl.pk), "100,01", "percent"),
        (str(company_nl.pk), "1" * 20, "percent"),
    ]:
        response = client.post(url, {"direction": "out", "other": other, "percent": percent})
        assert response.status_code == 200, (other, percent)
        assert field in response.context["form"].errors
    assert not Holding.objects.exists()
    response = client.post(url, {"direction": "out", "other": company_nl.pk, "percent": "33,5"})
    assert response.status_code == 302 and Holding.objects.get().percent == Decimal("33.5")


def test_de_minimis_amount_too_large_for_its_column(client, users, company_be):
    client.force_login(users["applicant"])
    url = reverse("companies:aid_add", args=[company_be.pk])
    data = {"granted_on": "2025-03-01", "granting_body": "VLAIO", "amount": "1234567890123,00"}  # 13 + 2 > 14
    response = client.post(url, data)
    assert response.status_code == 200 and "amount" in response.context["form"].errors
    assert not DeMinimisAid.objects.exists()
    assert client.post(url, {**data, "amount": "200.000"}).status_code == 302


COMPANY = {
    "legal_name": "Kempense Kringloop BV",
    "legal_form": "BV",
    "country": "BE",
    "enterprise_number": "0403.019.261",
    "role": "sme",
    "founded_on": "2012-05-01",
    "nace": "38.32",
    "nace_revision": "2.0",
}


@pytest.mark.parametrize("vat", ["XX123", "1;", "../", "\x00", "٣٣", "BE" + "9" * 200])
def test_vat_number_with_an_unknown_prefix_is_a_field_error(client, users, programme, vat):
    client.force_login(users["other_applicant"])
    response = client.post(reverse("companies:create"), {**COMPANY, "vat_number": vat})
    assert response.status_code == 200
    assert "vat_number" in response.context["form"].errors
    assert not Company.objects.filter(legal_name="Kempense Kringloop BV").exists()


def test_vat_number_without_prefix_gets_the_country(client, users, programme):
    client.force_login(users["other_applicant"])
    response = client.post(reverse("companies:create"), {**COMPANY, "vat_number": "0403.019.261"})
    assert response.status_code == 302
    assert Company.objects.get(legal_name="Kempense Kringloop BV").vat_number == "BE0403019261"


@pytest.mark.parametrize("theme", ["9" * 40, "٣", "1 OR 1=1", "-1"])
def test_malformed_theme_id_is_a_field_error(client, users, programme, theme):
    client.force_login(users["other_applicant"])
    response = client.post(reverse("companies:create"), {**COMPANY, "themes": [theme]})
    assert response.status_code == 200 and "themes" in response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "typed"),
    [("legal_name", "Naam\x00BV"), ("legal_name", "x" * 201), ("description", "a\x00b"), ("founded_on", "31-02-2020")],
)
def test_hostile_text_on_the_company_form(client, users, programme, field, typed):
    client.force_login(users["other_applicant"])
    response = client.post(reverse("companies:create"), {**COMPANY, field: typed})
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Company.objects.exists()


def test_long_unicode_description_is_kept(client, users, programme):
    client.force_login(users["other_applicant"])
    text = "Warmte ♨ over de grens — ünïcödé 🚀 " * 3000  # about 100 KB
    response = client.post(reverse("companies:create"), {**COMPANY, "description": text})
    assert response.status_code == 302
    assert Company.objects.get().description == text.strip()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_date_fields_render_iso_dates_in_both_languages(client, users, company_be, language):
    """A Dutch "01-02-2010" in an <input type=date> looks empty and the next save would erase the date."""
    users["applicant"].language = language
    users["applicant"].save()
    company_be.founded_on = dt.date(2010, 2, 1)
    company_be.save()
    year = company_be.financial_years.first()
    year.closing_date, year.attested_on = dt.date(2024, 12, 31), dt.date(2025, 3, 1)
    year.save()
    DeMinimisAid.objects.create(
        company=company_be, granted_on=dt.date(2025, 1, 2), amount=Decimal("1000"), granting_body="VLAIO"
    )
    client.force_login(users["applicant"])
    edit = client.get(reverse("companies:edit", args=[company_be.pk])).content.decode()
    assert 'value="2010-02-01"' in edit
    figures = client.get(reverse("companies:figures_edit", args=[company_be.pk, year.pk])).content.decode()
    assert 'value="2024-12-31"' in figures and 'value="2025-03-01"' in figures
    aid = company_be.de_minimis_aid.get()
    page = client.get(reverse("companies:aid_edit", args=[company_be.pk, aid.pk])).content.decode()
    assert 'value="2025-01-02"' in page


def test_saving_the_edit_form_unchanged_keeps_the_date(client, users, company_be):
    """What the browser sends back is what the date input shows: it must be a date the form reads again."""
    client.force_login(users["applicant"])
    page = client.get(reverse("companies:edit", args=[company_be.pk]))
    shown = re.search(r'name="founded_on" value="([^"]*)"', page.content.decode())
    assert shown is not None
    data = {**COMPANY, "enterprise_number": company_be.enterprise_number, "founded_on": shown.group(1)}
    response = client.post(reverse("companies:edit", args=[company_be.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    company_be.refresh_from_db()
    assert company_be.founded_on == dt.date(2010, 1, 1)


@pytest.mark.parametrize("bad", ["9" * 40, "0"])
def test_malformed_ids_in_urls_are_not_found(client, users, company_be, bad):
    client.force_login(users["secretariat"])
    assert client.get(f"/companies/{bad}/").status_code == 404
    assert client.get(f"/companies/{company_be.pk}/figures/{bad}/").status_code == 404
    assert client.post(f"/companies/{company_be.pk}/aid/{bad}/delete/").status_code == 404


# Bulk import: validated exactly as the forms


def _row(**changes: str) -> list[str]:
    from crossroads.companies.importer import COLUMNS

    row = dict(zip(COLUMNS, GOOD, strict=True))
    row.update(changes)
    return [row[c] for c in COLUMNS]


@pytest.mark.parametrize(
    ("column", "typed"),
    [
        ("turnover", "1" + "0" * 30),
        ("turnover", "12345678901234567"),
        ("staff_fte", "12345678901"),
        ("turnover", "٣"),
        ("turnover", "1e3"),
        ("legal_name", "x" * 201),
        ("city", "y" * 101),
        ("vat_number", "XX123"),
        ("vat_number", "../"),
        ("legal_name", "Naam\x00BV"),
        ("year", "٢٠٢٤"),
    ],
)
def test_import_refuses_what_the_forms_refuse_and_commits_nothing(client, users, column, typed):
    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([_row(**{column: typed})])})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert column in preview.context["batch"].errors["2"]
    assert preview.context["error_count"] == 1
    client.post(reverse("companies:import_commit", args=[preview.context["batch"].pk]))
    assert not Company.objects.exists()


def test_import_in_the_english_interface_reads_the_template_notation(client, users):
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    row = _row(
        turnover="1.800.000,00",
        staff_fte="12,5",
        balance_sheet_total="400,000",
        equity="1 250",
        subscribed_capital="18,000",
    )
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([row])})
    preview = client.get(response["Location"])
    assert preview.context["error_count"] == 0, preview.context["batch"].errors
    client.post(reverse("companies:import_commit", args=[preview.context["batch"].pk]))
    year = Company.objects.get().financial_years.get()
    assert (year.turnover, year.staff_fte, year.balance_sheet_total) == (
        Decimal("1800000"),
        Decimal("12.5"),
        Decimal("400000"),
    )


def test_company_page_survives_figures_too_large_for_their_column(client, users, company_be):
    """Stored before the import validated: SQLite kept them, and every read of the row used to raise."""
    year = company_be.financial_years.first()

    def store_unfit_figures() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE companies_financialyear SET turnover = %s, staff_fte = %s WHERE id = %s",
                ["1e30", "123456789012345678", year.pk],
            )
            cursor.execute("UPDATE companies_company SET legal_name = %s WHERE id = %s", ["x" * 5000, company_be.pk])

    if connection.vendor != "sqlite":
        # PostgreSQL refuses such a row itself, so the pages can never meet one there.
        with pytest.raises(DataError), transaction.atomic():
            store_unfit_figures()
        return
    store_unfit_figures()
    client.force_login(users["secretariat"])
    page = client.get(reverse("companies:detail", args=[company_be.pk]))
    assert page.status_code == 200
    assert page.context["verdicts"] is not None
    edit = client.get(reverse("companies:figures_edit", args=[company_be.pk, year.pk]))
    assert edit.status_code == 200
    response = client.post(
        reverse("companies:figures_edit", args=[company_be.pk, year.pk]), {**FIGURES, "year": str(year.year)}
    )
    assert response.status_code == 302  # corrected figures replace the unreadable ones
    year.refresh_from_db()
    assert year.turnover == Decimal("1250.50")
    assert client.get(reverse("companies:list")).status_code == 200


def test_company_search_with_nul_and_huge_text(client, users, company_be):
    client.force_login(users["secretariat"])
    response = client.get(reverse("companies:list"), {"q": "Schelde\x00", "page": "9" * 40})
    assert response.status_code == 200 and "Scheldewarmte BV" in response.content.decode()
    assert client.get(reverse("companies:list"), {"q": "x" * 100_000}).status_code == 200


@pytest.mark.parametrize("token", ["%00abc", "x" * 300, "%D9%A3"])
def test_malformed_invitation_token_is_not_an_error_page(client, users, token):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from crossroads.companies import services

    client.force_login(users["other_applicant"])
    response = client.post(f"/companies/invitations/{token}/")
    assert response.status_code == 302
    # A NUL byte never reaches the database (PostgreSQL raises on it instead of finding nothing).
    with CaptureQueriesContext(connection) as queries, pytest.raises(services.InvitationError):
        services.invitation_accept(user=users["other_applicant"], token="a\x00b")
    assert not [q for q in queries.captured_queries if "companies_invitation" in q["sql"]]


def test_import_with_a_nul_byte_stores_a_preview_postgresql_accepts(client, users):
    from crossroads.companies.models import ImportBatch

    client.force_login(users["secretariat"])
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([_row(description="a\x00b")])})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert "description" in batch.errors["2"]
    stored = [v for row in batch.rows for v in row.values()] + list(batch.errors["2"].values())
    assert not [v for v in stored if isinstance(v, str) and "\x00" in v]
    assert batch.rows[0]["description"] == "a\ufffdb"
    assert client.get(response["Location"]).status_code == 200
