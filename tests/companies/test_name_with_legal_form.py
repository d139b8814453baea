"""A company's name shows its legal form once: "Kempense Warmtenet BV", never "Kempense Warmtenet BV BV" (issue 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from crossroads.companies.models import Company
from crossroads.companies.naming import name_with_legal_form


@pytest.mark.parametrize(
    ("name", "form", "shown"),
    [
        ("Kempense Warmtenet BV", "BV", "Kempense Warmtenet BV"),
        ("Kempense Warmtenet B.V.", "BV", "Kempense Warmtenet B.V."),
        ("Kempense Warmtenet bv", "BV", "Kempense Warmtenet bv"),
        ("Kempense Warmtenet", "BV", "Kempense Warmtenet BV"),
        ("NV Waterstofneus", "NV", "NV Waterstofneus"),
        ("Bouwbedrijf Peeters Comm. V", "CommV", "Bouwbedrijf Peeters Comm. V"),
        ("Bvba-loos Bedrijf", "BV", "Bvba-loos Bedrijf BV"),
        ("Stichting Zorgdata", "", "Stichting Zorgdata"),
        ("  Polderwarmte  ", " BV ", "Polderwarmte BV"),
    ],
)
def test_the_legal_form_is_added_only_when_the_name_lacks_it(name, form, shown):
    assert name_with_legal_form(name, form) == shown


def test_company_str_and_display_name_show_the_form_once():
    company = Company(legal_name="Kempense Warmtenet BV", legal_form="BV")
    assert company.display_name == str(company) == "Kempense Warmtenet BV"
    assert str(Company(legal_name="Maasdata", legal_form="BV")) == "Maasdata BV"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_detail_list_and_forms_never_double_the_form(client, users, company_be, language):
    company_be.legal_name = "Kempense Warmtenet BV"
    company_be.save()
    client.force_login(users["applicant"])
    with override(language):
        pages = [
            client.get(reverse("companies:detail", args=[company_be.pk]), HTTP_ACCEPT_LANGUAGE=language),
            client.get(reverse("companies:list"), HTTP_ACCEPT_LANGUAGE=language),
            client.get(reverse("companies:edit", args=[company_be.pk]), HTTP_ACCEPT_LANGUAGE=language),
            client.get(reverse("companies:figures_add", args=[company_be.pk]), HTTP_ACCEPT_LANGUAGE=language),
        ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert "Kempense Warmtenet BV" in body
        assert "BV BV" not in body and "BV</h1>" not in body.replace("Warmtenet BV</h1>", "")


@pytest.mark.django_db
def test_a_name_without_its_form_gets_it_on_the_page(client, users, company_be):
    company_be.legal_name = "Scheldewarmte"
    company_be.save()
    client.force_login(users["applicant"])
    body = client.get(reverse("companies:detail", args=[company_be.pk])).content.decode()
    assert "<h1>Scheldewarmte BV</h1>" in body


@pytest.mark.django_db
def test_the_demo_companies_show_their_form_once(programme):
    import json

    from crossroads.companies.demo import DEMO_DATA

    for entry in json.loads(DEMO_DATA.read_text(encoding="utf-8")):
        shown = name_with_legal_form(entry["name"], entry["legal_form"])
        assert not shown.endswith(f"{entry['legal_form']} {entry['legal_form']}"), shown
