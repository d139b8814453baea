"""Errors are answered in the caller's terms: JSON under /api/, the site's own page (Dutch first) elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from crossroads.core import errors

pytestmark = pytest.mark.django_db


def test_an_api_url_that_does_not_resolve_answers_json(client, users):
    client.force_login(users["secretariat"])
    for url in (
        "/api/v1/assessment/calls/null,null/ranking/",
        "/api/v1/assessment/assignments/abc/application/",
        "/api/v1/nothing-here",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]


def test_a_missing_page_has_the_site_layout_and_speaks_dutch(client):
    # No Accept-Language header and nobody logged in: the site's own language (nl) is what this test is about.
    response = client.get("/companies/999999999/nope/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'lang="nl"' in page
    assert "Pagina niet gevonden" in page


def test_a_server_error_shows_no_internals():
    request = RequestFactory().get("/companies/")
    response = errors.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Traceback" not in body and "Exception" not in body
    api = errors.server_error(RequestFactory().get("/api/v1/matching/suggestions"))
    assert api.status_code == 500 and api["Content-Type"].startswith("application/json")


def _explodes(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("secret internals /srv/crossroads/settings.py")


urlpatterns = [path("boom/", _explodes), path("api/boom/", _explodes)]
handler500 = "crossroads.core.errors.server_error"


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_an_unhandled_exception_gives_the_friendly_page_without_internals():
    client = Client(raise_request_exception=False)
    page = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="nl")  # the wording below is the Dutch page's
    assert page.status_code == 500
    assert b"secret internals" not in page.content and b"/srv/" not in page.content
    assert "Er ging iets mis" in page.content.decode()
    api = client.get("/api/boom/")
    assert api.status_code == 500 and api.json()["error"]
