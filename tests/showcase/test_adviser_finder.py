"""Find my adviser: a postcode gives the agency of its province and the advisers who agreed to be named."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from crossroads.accounts.models import PartnerOrganisation
from crossroads.programme.models import Province
from crossroads.showcase.demo import demo_showcase_load
from crossroads.showcase.selectors.contact import find_adviser

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(users):  # type: ignore[no-untyped-def]
    adviser = users["adviser_be"]
    adviser.first_name, adviser.last_name, adviser.listed_publicly = "Wouter", "Claes", True
    adviser.save()
    demo_showcase_load()
    return adviser


def test_a_flemish_postcode_names_vlaio_and_its_listed_adviser(listed):
    result = find_adviser("BE", "2440")
    assert result.outcome == "found"
    assert [a.code for a in result.agencies] == ["vlaio"]
    assert [p.email for p in result.advisers[result.agencies[0].pk]] == ["adviser-be@test.example"]


def test_an_adviser_who_did_not_agree_is_not_named(users, programme):
    result = find_adviser("BE", "2000")
    assert result.outcome == "found" and result.advisers[result.agencies[0].pk] == ()


def test_a_dutch_postcode_names_the_agency_of_its_province(listed):
    result = find_adviser("NL", "6211 CK")
    assert result.outcome == "found" and [a.code for a in result.agencies] == ["liof"]
    brabant = find_adviser("NL", "5611AB")
    assert {a.code for a in brabant.agencies} == {"bom", "rewin"}


def test_brussels_is_outside_and_names_whom_to_ask(listed):
    result = find_adviser("BE", "1000")
    assert result.outcome == "outside"
    assert "vlaio" in [a.code for a in result.fallback]
    assert "interreg-vl-nl" in [a.code for a in result.fallback]


def test_a_dutch_postcode_outside_the_area_names_the_secretariat(listed):
    result = find_adviser("NL", "9999 ZZ")  # Groningen
    assert result.outcome == "outside" and [a.code for a in result.fallback] == ["interreg-vl-nl"]


@pytest.mark.parametrize("postcode", ["garbage", "", "12", "x" * 500, "0000 AA"])
def test_garbage_gives_a_clear_answer(listed, postcode):
    assert find_adviser("NL", postcode).outcome in ("invalid", "unknown")


@pytest.mark.parametrize(
    ("query", "outcome"),
    [("country=BE&postcode=2440", "found"), ("country=BE&postcode=1000", "outside"),
     ("country=NL&postcode=4331+AB", "found"), ("country=NL&postcode=rubbish", "invalid"),
     ("country=XX&postcode=1", None), ("postcode=" + "9" * 5000, None)],
)  # fmt: skip
def test_the_contact_page_answers(listed, query, outcome):
    with translation.override("en"):
        response = Client().get(f"/contact/?{query}", headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    if outcome:
        assert f'data-outcome="{outcome}"' in html
    assert "crossroads@vlaio.example" in html  # the agencies' table with their public contacts


def test_the_contact_page_lists_the_seven_organisations_and_their_provinces(listed):
    html = Client().get("/contact/").content.decode()
    assert PartnerOrganisation.objects.count() == 7
    for agency in PartnerOrganisation.objects.all():
        assert agency.name in html or agency.name.replace("&", "&amp;") in html
    assert Province.objects.get(code="NL34").name in html
