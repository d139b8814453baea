"""Every rule follows the programme data: a second scheme with another rate, cap, area and ceilings
changes the verdicts without a code change (issue #2, section 3)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from crossroads.companies.selectors import company_verdicts
from crossroads.programme.services import FIXTURES, programme_load
from tests.conftest import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_scheme(programme):  # type: ignore[no-untyped-def]
    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    other = copy.deepcopy(data)
    other.update(
        {
            "code": "grensregio-limburg-pilot",
            "name_nl": "Grensregio Limburg pilot",
            "name_en": "Border region Limburg pilot",
            "grant_rate": "0.4000",
            "max_grant_per_project": "100000.00",
            "max_duration_months": 12,
            "medium_staff_limit": "100",
            "de_minimis_ceiling": "200000.00",
            "state_aid_basis": "gber",
            # Only the two Limburgs form the area here; Antwerp is outside.
            "region_status": {"core": ["BE22", "NL42"], "extended": []},
            "themes": [{"code": "health", "name_nl": "Zorg", "name_en": "Care"}],
            "partner_organisations": [],
        }
    )
    return programme_load(other)


def test_second_scheme_numbers_are_stored(second_scheme, programme):
    assert second_scheme.grant_rate == Decimal("0.4000") and programme.grant_rate == Decimal("0.5000")
    assert second_scheme.max_grant_per_project == Decimal("100000.00")
    assert list(second_scheme.themes.values_list("code", flat=True)) == ["health"]
    assert programme.themes.count() == 4


def test_area_follows_the_scheme(second_scheme, programme):
    antwerp = make_company()  # 2000 Antwerpen
    hasselt = make_company("Hasseltse Zorgtech BV", number="0202.239.951", postcode="3500", city="Hasselt")
    assert company_verdicts(antwerp, programme=programme).eligibility.outcome == "core"
    assert company_verdicts(antwerp, programme=second_scheme).eligibility.outcome == "not_eligible"
    assert company_verdicts(hasselt, programme=second_scheme).eligibility.outcome == "core"


def test_sme_ceiling_follows_the_scheme(second_scheme, programme):
    company = make_company(
        years=[
            (2023, "150", "20000000", "15000000", "5000000", "1000000"),
            (2024, "160", "21000000", "15000000", "5000000", "1000000"),
        ]
    )
    assert company_verdicts(company, programme=programme).size.size_class == "medium"
    assert company_verdicts(company, programme=second_scheme).size.size_class == "large"


def test_state_aid_basis_decides_whether_oim_blocks(second_scheme, programme):
    company = make_company(years=[(2024, "12", "1500000", "900000", "30000", "100000")])
    under_de_minimis = company_verdicts(company, programme=programme)
    under_gber = company_verdicts(company, programme=second_scheme)
    assert under_de_minimis.difficulty.status == under_gber.difficulty.status == "in_difficulty"
    assert under_de_minimis.eligibility.outcome == "core"
    assert under_gber.eligibility.outcome == "not_eligible"


def test_de_minimis_ceiling_follows_the_scheme(second_scheme, programme):
    import datetime as dt

    from crossroads.companies.models import DeMinimisAid

    company = make_company()
    DeMinimisAid.objects.create(
        company=company, granted_on=dt.date(2026, 1, 10), amount=Decimal("150000"), granting_body="Provincie"
    )
    reference = dt.date(2026, 11, 27)
    assert company_verdicts(company, programme=programme, reference=reference).de_minimis.headroom == Decimal("150000")
    assert company_verdicts(company, programme=second_scheme, reference=reference).de_minimis.headroom == Decimal(
        "50000"
    )


def test_loading_twice_changes_nothing(programme):
    from crossroads.programme.models import Programme, RegionStatus
    from crossroads.programme.services import programme_load_default

    before = RegionStatus.objects.count()
    programme_load_default()
    assert Programme.objects.count() == 1 and RegionStatus.objects.count() == before


# A German-Dutch scheme: the company registry takes its countries from the running programme, not from the code.


@pytest.fixture
def german_dutch_scheme(programme, settings):  # type: ignore[no-untyped-def]
    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    other = copy.deepcopy(data)
    other.update(
        {
            "code": "deutschland-nederland-pilot",
            "name_nl": "Duitsland-Nederland pilot",
            "name_en": "Germany-Netherlands pilot",
            "countries": ["DE", "NL"],
            "granting_body": "Interreg Deutschland-Nederland",
            "region_status": {"core": ["NL42"], "extended": []},
            "partner_organisations": [],
            "calls": [],
        }
    )
    scheme = programme_load(other)
    settings.CROSSROADS_PROGRAMME_CODE = scheme.code
    return scheme


def test_granting_body_is_programme_data(german_dutch_scheme, programme):
    assert programme.granting_body == "CrossRoads Vlaanderen-Nederland (Interreg VI)"
    assert german_dutch_scheme.granting_body == "Interreg Deutschland-Nederland"


def test_import_takes_the_countries_of_the_running_scheme(german_dutch_scheme):
    from crossroads.companies.importer import COLUMNS, check_row

    row = {c: "" for c in COLUMNS} | {"legal_name": "Kempen BV", "country": "be"}
    countries = tuple(german_dutch_scheme.countries)
    _clean, errors = check_row(row, set(), countries)
    assert "DE, NL" in errors["country"]
    _clean, errors = check_row(row | {"country": "nl"}, set(), countries)
    assert "country" not in errors


def test_import_upload_refuses_a_country_outside_the_running_scheme(client, users, german_dutch_scheme):
    from django.urls import reverse

    from crossroads.companies.models import ImportBatch
    from tests.companies.test_import import GOOD, GOOD_BE, csv_upload

    client.force_login(users["secretariat"])
    client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD, GOOD_BE])})
    batch = ImportBatch.objects.get()
    assert set(batch.errors) == {"3"} and "country" in batch.errors["3"]


def test_company_list_filters_on_the_running_schemes_countries(client, users, german_dutch_scheme):
    from django.urls import reverse

    antwerp = make_company()
    client.force_login(users["secretariat"])
    response = client.get(reverse("companies:list"), {"country": "BE"})  # not a country of this scheme: no filter
    assert antwerp in response.context["page"].object_list
    assert [code for code, _label in response.context["countries"]] == ["DE", "NL"]
    assert antwerp not in client.get(reverse("companies:list"), {"country": "NL"}).context["page"].object_list
