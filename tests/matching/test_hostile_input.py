"""Bad input in matchmaking (issue 9): an error at the field (pages) or a 400 JSON error (API), never a 500, never
lost typing, never stored NUL bytes; saved searches keep what was typed."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossroads.matching.models import CooperationProfile, SavedSearch

pytestmark = pytest.mark.django_db

JUNK_IDS = ["٣", "9" * 40, "-1", "0", "1e3", "²", "abc", "1 2", "\x00", "p:1"]
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


# --------------------------------------------------------------------------- saved searches
def test_saved_search_without_a_name_comes_back_with_the_error_and_what_was_typed(client, users, market):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:saved_search_create"),
        {
            "for": market["be_profile"].public_key,
            "q": "camera-inspectie voor sorteerlijnen",
            "province": "NL41",
            "trl_min": "4",
            "name": "",
        },
    )
    assert response.status_code == 200
    assert response.context["save_form"].errors["name"] == ["Geef de zoekopdracht een naam om die te bewaren."]
    body = response.content.decode()
    assert 'id="id_name_error"' in body
    assert 'value="camera-inspectie voor sorteerlijnen"' in body  # the search itself is still there
    assert 'name="trl_min" value="4"' in body and 'name="province" value="NL41"' in body
    assert not SavedSearch.objects.exists()


def test_saved_search_with_a_nul_byte_is_refused_not_stored(client, users, market):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:saved_search_create"),
        {"for": f"c:{market['be'].pk}", "q": "camera", "name": "Came\x00ra's"},
    )
    assert response.status_code == 200 and "name" in response.context["save_form"].errors
    response = client.post(
        reverse("matching:saved_search_create"), {"for": f"c:{market['be'].pk}", "q": "came\x00ra", "name": "Camera"}
    )
    assert response.status_code == 200 and "q" in response.context["form"].errors
    assert not SavedSearch.objects.exists()


def test_saved_search_keeps_every_filter(client, users, market):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:saved_search_create"),
        {"for": f"c:{market['be'].pk}", "q": "camera", "name": "Camera's", "trl_min": "3", "trl_max": "7"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert search.company == market["be"] and search.filters["trl_min"] == 3 and search.filters["trl_max"] == 7


@pytest.mark.parametrize("junk", ["c:abc", "c:" + "9" * 40, "p:٣", "x:1"])
def test_saved_search_for_a_malformed_key_is_a_field_error(client, users, market, junk):
    client.force_login(users["applicant"])
    response = client.post(reverse("matching:saved_search_create"), {"for": junk, "name": "Zoek"})
    assert response.status_code == 200 and "for" in response.context["form"].errors
    assert not SavedSearch.objects.exists()


# --------------------------------------------------------------------------- find partners (page)
@pytest.mark.parametrize(
    ("field", "value"),
    [("trl_min", "٣"), ("trl_min", "9" * 40), ("trl_max", "-1"), ("trl_max", "0"), ("theme", "٣"), ("theme", "9" * 40),
     ("province", "XX99"), ("size", "huge"), ("nace", "٣٨"), ("q", "a\x00b"), ("q", "x" * 600)],
)  # fmt: skip
def test_find_page_puts_bad_filters_at_the_field_and_keeps_them(client, users, market, field, value):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"for": f"c:{market['be'].pk}", field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["suggestions"] == []
    assert f'id="{field}_error"' in response.content.decode()
    if field in ("trl_min", "trl_max", "nace"):
        assert f'value="{value}"' in response.content.decode()  # what was typed stays in the field


def test_the_upper_trl_cannot_be_below_the_lower(client, users, market):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"trl_min": "7", "trl_max": "3"})
    assert "trl_max" in response.context["form"].errors


# --------------------------------------------------------------------------- JSON API
def api_get(client, **params):  # type: ignore[no-untyped-def]
    response = client.get(reverse("matching_api:api_suggestions"), params)
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


@pytest.mark.parametrize(
    ("params", "field"),
    [({"trl_min": "٣"}, "trl_min"), ({"trl_max": "9" * 40}, "trl_max"), ({"theme": "٣"}, "theme"),
     ({"q": "a\x00b"}, "q"), ({"for": "p:٣"}, "for"), ({"for": "c:" + "9" * 40}, "for"), ({"nace": "\x00"}, "nace"),
     ({"size": "-1"}, "size"), ({"trl_min": "-5"}, "trl_min"), ({"q": "ж" * 600}, "q")],
)  # fmt: skip
def test_api_answers_bad_values_with_400_naming_the_field(client, users, market, params, field):
    client.force_login(users["applicant"])
    response, data = api_get(client, **params)
    assert response.status_code == 400 and field in data["fields"] and data["error"]


def test_api_refuses_a_huge_query_string_and_other_methods(client, users, market):
    client.force_login(users["applicant"])
    response, data = api_get(client, q="x" * 100_000)
    assert response.status_code == 400 and data["error"]
    response = client.post(reverse("matching_api:api_suggestions"), b"\x00" * 1000, content_type="application/xml")
    assert response.status_code == 405 and json.loads(response.content)["error"]
    response = client.post(
        reverse("matching_api:api_profile", args=[market["nl_profile"].ref]), {"x": "1"}, content_type="text/plain"
    )
    assert response.status_code == 405


def test_api_search_for_someone_elses_company_is_a_json_404(client, users, market):
    client.force_login(users["applicant"])
    response, data = api_get(client, **{"for": f"c:{market['nl'].pk}"})
    assert response.status_code == 404 and data["error"]


@pytest.mark.parametrize("junk", [*JUNK_IDS, "0" * 32, "g" * 32, "..", "%00"])
def test_api_profile_with_a_junk_id_is_a_json_404(client, users, market, junk):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching_api:api_profile", args=[junk]))
    assert response.status_code == 404 and json.loads(response.content)["error"]


PARAM_NAMES = st.sampled_from(
    ["for", "q", "seek", "theme", "province", "country", "size", "nace", "trl_min", "trl_max"]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["٣", "9" * 40, "-1", "1e3", "NaN", "\x00", "c:1", "p:" + "a" * 32, "𝟙", "", " ", "¹", "1_000"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@HYPOTHESIS
@given(params=st.lists(st.tuples(PARAM_NAMES, HOSTILE_TEXT), max_size=6))
def test_api_suggestions_never_fail_and_never_name_the_anonymous_company(client, users, market, params):
    client.force_login(users["applicant"])
    query: dict[str, list[str]] = {}
    for name, value in params:
        query.setdefault(name, []).append(value)
    response = client.get(reverse("matching_api:api_suggestions"), query)
    assert response.status_code in (200, 400, 404)
    data = json.loads(response.content)
    if response.status_code != 200:
        assert data["error"]
        return
    profile = market["nl_profile"]
    for result in data["results"]:
        assert result["key"] != profile.index_key
        if result["key"] == profile.public_key:  # the anonymous profile (its company row is public by name)
            assert result["anonymous"] and "visiolab" not in json.dumps(result).lower()


@HYPOTHESIS
@given(params=st.lists(st.tuples(PARAM_NAMES, HOSTILE_TEXT), max_size=6))
def test_find_page_never_fails(client, users, market, params):
    client.force_login(users["applicant"])
    query: dict[str, list[str]] = {}
    for name, value in params:
        query.setdefault(name, []).append(value)
    assert client.get(reverse("matching:find"), query).status_code in (200, 404)


# --------------------------------------------------------------------------- profile form
@pytest.mark.parametrize(
    ("field", "value"),
    [("themes", "٣"), ("themes", "9" * 40), ("themes", "-1"), ("trl", "٣"), ("trl", "9" * 40), ("trl", "12"),
     ("trl", "1_0"), ("title", "Ge\x00zocht"), ("offers", "Een partner voor\x00 camera-inspectie")],
)  # fmt: skip
def test_profile_form_refuses_bad_values_at_the_field(client, users, market, field, value):
    client.force_login(users["applicant"])
    data = {
        "title": "Gezocht: camera-inspectie",
        "offers": "Een sorteerlijn voor gemengd kunststofafval.",
        "seeks": "Een partner met ervaring in machine vision.",
        field: value,
    }
    response = client.post(reverse("matching:profile_create", args=[market["be"].pk]), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    kept = "Gezocht: camera-inspectie" if field == "offers" else "gemengd kunststofafval"
    assert kept in response.content.decode()  # what was typed is kept
    assert CooperationProfile.objects.count() == 2


@HYPOTHESIS
@given(
    title=st.text(max_size=200),
    offers=st.text(max_size=300),
    trl=HOSTILE_TEXT,
    themes=st.lists(HOSTILE_TEXT, max_size=3),
)
def test_profile_form_never_fails_and_never_stores_nul(client, users, market, title, offers, trl, themes):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:profile_create", args=[market["be"].pk]),
        {"title": title, "offers": offers, "seeks": "", "trl": trl, "themes": themes},
    )
    assert response.status_code in (200, 302)
    # (in Python: SQLite reads a NUL in a LIKE pattern as its end, so `__contains` would match everything)
    assert not any("\x00" in p.title + p.offers for p in CooperationProfile.objects.all())


@HYPOTHESIS
@given(message=st.text(max_size=300), sender=HOSTILE_TEXT)
def test_interest_form_never_fails_and_never_stores_nul(client, users, market, message, sender):
    from crossroads.matching.models import ExpressionOfInterest

    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:interest_create", args=[market["nl_profile"].public_key]),
        {"sender": sender, "message": message},
    )
    assert response.status_code in (200, 302)
    assert not any("\x00" in i.message for i in ExpressionOfInterest.objects.all())


# --------------------------------------------------------------------------- ids in URLs
@pytest.mark.parametrize("junk", JUNK_IDS)
def test_junk_ids_in_urls_are_not_found(client, users, market, junk):
    client.force_login(users["applicant"])
    assert client.get(reverse("matching:profile_create", args=[junk])).status_code == 404
    assert client.get(reverse("matching:profile_detail", args=[junk])).status_code == 404
    assert client.get(reverse("matching:profile_edit", args=[junk])).status_code == 404
    assert client.post(reverse("matching:profile_status", args=[junk]), {"status": "draft"}).status_code == 404
    assert client.post(reverse("matching:interest_answer", args=[junk]), {"answer": "accept"}).status_code == 404
    assert client.post(reverse("matching:saved_search_delete", args=[junk])).status_code == 404
    assert client.get(reverse("matching:interest_create", args=[f"p:{junk}"])).status_code == 404
    assert client.get(reverse("matching:interest_create", args=[f"c:{junk}"])).status_code == 404
