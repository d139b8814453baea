"""The open-data project list and detail: shape, pagination, filters, errors."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LIST = "/api/v1/open/projects/"


def test_the_list_is_public_json_with_the_whitelisted_fields(client, public_world):
    response = client.get(reverse("open_data:projects"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "next", "previous", "results"}
    assert (body["count"], body["page"], body["page_size"], body["next"], body["previous"]) == (1, 1, 20, None, None)
    (project,) = body["results"]
    assert project["reference"] == public_world.reference
    assert project["slug"] == public_world.reference.lower()
    assert project["title"] == "Warmte over de grens"
    assert project["grant"] == str(public_world.grant.total) and "." in project["grant"]
    assert project["start_date"] == public_world.start_date.isoformat()
    assert project["status"] == "running"
    assert project["summary"] == "Restwarmte van de haven verwarmt een wijk over de grens."
    assert [p["role"] for p in project["partners"]] == ["lead", "partner"]
    assert {p["country"] for p in project["partners"]} == {"BE", "NL"}
    assert all(set(p) == {"name", "role", "country", "municipality", "nuts3"} for p in project["partners"])
    assert project["themes"] == [] or {"code", "name_nl", "name_en"} == set(project["themes"][0])
    assert project["api_url"].endswith(reverse("open_data:project", args=[project["slug"]]))


def test_the_detail_and_a_404_for_anything_not_public(client, public_world):
    slug = public_world.reference.lower()
    response = client.get(reverse("open_data:project", args=[slug]))
    assert response.status_code == 200 and response.json()["reference"] == public_world.reference
    assert client.get(reverse("open_data:project", args=[slug.upper()])).status_code == 200
    missing = client.get(reverse("open_data:project", args=["no-such-project"]))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json" and missing.json()["error"]


def test_pages_walk_the_list(client, many):
    many(3)
    first = client.get(LIST, {"page_size": 2}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (3, 2, None)
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    second = client.get(first["next"]).json()
    assert (len(second["results"]), second["next"]) == (1, None)
    assert "page=1" in second["previous"]
    seen = [p["reference"] for p in first["results"] + second["results"]]
    assert len(set(seen)) == 3


def test_a_page_past_the_end_is_empty_and_points_back_to_the_last(client, many):
    many(3)
    body = client.get(LIST, {"page_size": 2, "page": 999999}).json()
    assert body["results"] == [] and body["count"] == 3 and body["next"] is None
    assert "page=2" in body["previous"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "9" * 5000}, None),  # the whole query is refused as too long
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"year": "abc"}, "year"),
        ({"status": "secret"}, "status"),
        ({"country": "Belgium"}, "country"),
        ({"q": "x" * 300}, "q"),
    ],
)
def test_bad_parameters_answer_400_naming_the_field(client, public_world, query, field):
    response = client.get(LIST, query)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"]
    if field:
        assert list(body["fields"]) == [field]


def test_errors_speak_the_callers_language(client, public_world):
    english = client.get(LIST, {"page": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"] == "Some values are not valid."
    with translation.override("nl"):
        dutch = client.get(LIST, {"page": "0"}, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert dutch["fields"]["page"] != english.json()["fields"]["page"]


def test_filters(client, public_world, many):
    many(2)
    assert client.get(LIST).json()["count"] == 3
    assert client.get(LIST, {"q": "haven"}).json()["count"] == 1  # the approved summary is searched
    assert client.get(LIST, {"q": "Warmte over"}).json()["count"] == 1
    assert client.get(LIST, {"q": "SECRET"}).json()["count"] == 0  # the unapproved story is not
    assert client.get(LIST, {"call": public_world.grant.application.call.code}).json()["count"] == 1
    assert client.get(LIST, {"call": "no-such-call"}).json()["count"] == 0
    assert client.get(LIST, {"country": "nl"}).json()["count"] == 3
    assert client.get(LIST, {"status": "finished"}).json()["count"] == 0
    assert client.get(LIST, {"status": "running"}).json()["count"] == 3
    year = public_world.start_date.year
    assert client.get(LIST, {"year": year}).json()["count"] >= 1
    assert client.get(LIST, {"year": year - 5}).json()["count"] == 0
    assert client.get(LIST, {"theme": "no-such-theme"}).json()["count"] == 0


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_and_head(client, public_world, method):
    for name, args in (("open_data:projects", []), ("open_data:project", [public_world.reference.lower()])):
        response = getattr(client, method)(reverse(name, args=args))
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert client.head(LIST).status_code == 200


def test_a_logged_in_caller_sees_the_same(client, public_world, users):
    anonymous = client.get(LIST).json()
    client.force_login(users["applicant"])
    assert client.get(LIST).json() == anonymous
