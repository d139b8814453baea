"""Who sees and changes which company: allowed and denied per role (issue #2, section 4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("applicant", 200),  # member of the company
        ("other_applicant", 404),  # not a member: existence not revealed
        ("adviser_be", 200),  # VLAIO covers Antwerpen
        ("adviser_nl", 404),  # LIOF covers Limburg (NL) only
        ("secretariat", 200),
        ("admin", 200),
        ("assessor", 404),
        ("finance", 404),
    ],
)
def test_company_detail_visibility_per_role(client, users, company_be, role, expected):
    response = login(client, users[role]).get(reverse("companies:detail", args=[company_be.pk]))
    assert response.status_code == expected


def test_anonymous_is_sent_to_login(client, company_be):
    response = client.get(reverse("companies:detail", args=[company_be.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("applicant", 200), ("secretariat", 200), ("adviser_be", 403), ("other_applicant", 404), ("finance", 404)],
)
def test_company_edit_per_role(client, users, company_be, role, expected):
    response = login(client, users[role]).get(reverse("companies:edit", args=[company_be.pk]))
    assert response.status_code == expected
    if expected == 403:
        assert str(response.context["reason"]) in response.content.decode().replace("&#x27;", "'")
        assert "Advisers" in str(response.context["reason"]) or "Adviseurs" in str(response.context["reason"])


def test_company_list_is_scoped(client, users, company_be, company_nl):
    body = login(client, users["adviser_nl"]).get(reverse("companies:list")).content.decode()
    assert "Maasdata BV" in body and "Scheldewarmte BV" not in body
    body = login(client, users["applicant"]).get(reverse("companies:list")).content.decode()
    assert "Scheldewarmte BV" in body and "Maasdata BV" not in body
    body = login(client, users["secretariat"]).get(reverse("companies:list")).content.decode()
    assert "Scheldewarmte BV" in body and "Maasdata BV" in body


def test_member_edits_figures_and_the_verdict_follows(client, users, company_be):
    client.force_login(users["applicant"])
    year = company_be.financial_years.get(year=2024)
    response = client.post(
        reverse("companies:figures_edit", args=[company_be.pk, year.pk]),
        {
            "year": "2024",
            "staff_fte": "260",
            "turnover": "60.000.000,00",
            "balance_sheet_total": "50.000.000",
            "equity": "400.000",
            "subscribed_capital": "100.000",
        },
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert str(year.turnover) == "60000000.00"
    event = AuditEvent.objects.get(verb="financial_year.save")
    assert event.actor == users["applicant"]
    assert event.before["turnover"] == "1700000.00" and event.after["turnover"] == "60000000.00"
    # One year over the ceilings keeps the SME status (two-consecutive-years rule) ...
    page = client.get(reverse("companies:detail", args=[company_be.pk])).content.decode()
    assert "opeenvolgende boekjaren" in page or "consecutive financial years" in page
    # ... the second year makes it large.
    older = company_be.financial_years.get(year=2023)
    client.post(
        reverse("companies:figures_edit", args=[company_be.pk, older.pk]),
        {
            "year": "2023",
            "staff_fte": "255",
            "turnover": "55000000",
            "balance_sheet_total": "45000000",
            "equity": "400000",
            "subscribed_capital": "100000",
        },
    )
    page = client.get(reverse("companies:detail", args=[company_be.pk]))
    assert page.context["verdicts"].size.size_class == "large"
    assert page.context["verdicts"].eligibility.outcome == "limited"


def test_bad_amount_keeps_the_draft_and_says_why(client, users, company_be):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("companies:figures_add", args=[company_be.pk]),
        {
            "year": "2025",
            "staff_fte": "12",
            "turnover": "veel",
            "balance_sheet_total": "1.000,50",
            "equity": "-5.000",
            "subscribed_capital": "18.550",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Geef een bedrag in" in body or "Enter an amount" in body
    assert 'value="veel"' in body and 'value="1.000,50"' in body  # nothing typed is lost
    assert not company_be.financial_years.filter(year=2025).exists()


def test_outsider_cannot_post_to_a_company(client, users, company_be):
    client.force_login(users["other_applicant"])
    year = company_be.financial_years.get(year=2024)
    response = client.post(
        reverse("companies:figures_edit", args=[company_be.pk, year.pk]), {"year": "2024", "staff_fte": "1"}
    )
    assert response.status_code == 404
    year.refresh_from_db()
    assert year.staff_fte != 1


def test_staff_without_authenticator_must_set_one_up(client, programme):
    from tests.conftest import make_user

    adviser = make_user("no-mfa@test.example", "adviser", agency="vlaio", mfa=False)
    client.force_login(adviser)
    response = client.get(reverse("companies:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_applicant_needs_no_authenticator(client, users):
    client.force_login(users["applicant"])
    assert client.get(reverse("companies:list")).status_code == 200


def test_register_company_makes_the_applicant_manager(client, users, programme):
    client.force_login(users["other_applicant"])
    response = client.post(
        reverse("companies:create"),
        {
            "legal_name": "Kempense Kringloop BV",
            "legal_form": "BV",
            "country": "BE",
            "enterprise_number": "0403.019.261",
            "vat_number": "BE0403019261",
            "role": "sme",
            "founded_on": "2012-05-01",
            "nace": "38.32, 62.01",
            "nace_revision": "2.0",
            "themes": [programme.themes.get(code="materials").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    company = users["other_applicant"].memberships.get().company
    assert company.memberships.get().role == "manager"
    assert [n.code for n in company.nace_codes.all()] == ["38.32", "62.01"]
    assert AuditEvent.objects.filter(verb="company.create", object_id=str(company.pk)).exists()


def test_register_company_rejects_invalid_numbers_at_the_field(client, users, programme):
    client.force_login(users["other_applicant"])
    response = client.post(
        reverse("companies:create"),
        {
            "legal_name": "Foutief BV",
            "legal_form": "BV",
            "country": "BE",
            "enterprise_number": "0403.019.262",
            "role": "sme",
            "founded_on": "2012-05-01",
            "nace": "99.99.9",
            "nace_revision": "2.0",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "enterprise_number" in form.errors and "nace" in form.errors


def test_postcode_that_does_not_exist_is_refused(client, users, company_be):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("companies:establishment_add", args=[company_be.pk]),
        {
            "street": "Dorp 1",
            "postcode": "0001",
            "city": "Nergens",
            "country": "BE",
            "is_project_site": "on",
        },
    )
    assert response.status_code == 200 and "postcode" in response.context["form"].errors


def test_establishment_gets_its_region_from_the_postcode(client, users, company_be):
    client.force_login(users["applicant"])
    client.post(
        reverse("companies:establishment_add", args=[company_be.pk]),
        {
            "street": "Markt 1",
            "postcode": "8900",
            "city": "Ieper",
            "country": "BE",
            "is_project_site": "on",
        },
    )
    site = company_be.establishments.get(city="Ieper")
    assert site.nuts3_id == "BE253" and site.is_project_site
    assert not company_be.establishments.exclude(pk=site.pk).filter(is_project_site=True).exists()
    page = client.get(reverse("companies:detail", args=[company_be.pk]))
    assert page.context["verdicts"].eligibility.region_status == "extended"


def test_a_holding_cannot_reclassify_a_company_the_user_does_not_manage(client, users, company_be, company_nl):
    from crossroads.companies.models import Holding

    client.force_login(users["applicant"])
    response = client.post(
        reverse("companies:holding_add", args=[company_be.pk]),
        {"direction": "out", "other": company_nl.pk, "percent": "100", "has_control": "on"},
    )
    assert response.status_code == 200 and "other" in response.context["form"].errors
    assert not Holding.objects.exists()
    assert "Maasdata BV" not in response.content.decode()  # other companies' names are not listed


def test_secretariat_may_record_any_holding(client, users, company_be, company_nl):
    from crossroads.companies.models import Holding

    client.force_login(users["secretariat"])
    client.post(
        reverse("companies:holding_add", args=[company_be.pk]),
        {"direction": "in", "other": company_nl.pk, "percent": "30"},
    )
    holding = Holding.objects.get()
    assert holding.owner == company_nl and holding.owned == company_be
    assert AuditEvent.objects.filter(verb="holding.save").exists()
