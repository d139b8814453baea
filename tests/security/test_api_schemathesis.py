"""The JSON API against its own OpenAPI description (/api/v1/openapi.json), with schemathesis: generated requests
(valid and invalid values) go through the real WSGI application with a logged-in session, and every answer must
be no server error, have a status the description lists, the content type it names and a body that fits its
schema. Each generated request is followed by one with the world's real ids, so the success answers are checked
too, not only the 404s that random ids give."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import login

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Who calls which part of the API: a company's member for matchmaking, the assigned assessor for assignments, the
# secretariat (second factor passed) for the ranking.
CALLERS = {
    "/api/v1/matching/": "applicant_a",
    "/api/v1/assessment/assignments/": "assessor_assigned",
    "/api/v1/assessment/calls/": "secretariat",
    # The open data answers everyone alike; the secretariat also reaches the keep.eu export.
    "/api/v1/open/": "secretariat",
}


@pytest.fixture(autouse=True)
def _wsgi_host(settings):  # type: ignore[no-untyped-def]
    """schemathesis' WSGI transport sends Host: localhost."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """Calling the WSGI application directly fires request_started/finished, whose close_old_connections would
    close the connection that holds the test's transaction (PostgreSQL; SQLite ignores closing an in-memory
    database). Django's own test client disconnects it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def cookies(world):  # type: ignore[no-untyped-def]
    from django.conf import settings as django_settings
    from django.test import Client

    out = {}
    for prefix, actor in CALLERS.items():
        client = login(Client(), world.users[actor])
        out[prefix] = (
            f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
        )
    return out


def real_ids(world) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from crossroads.grants.models import Agreement

    agreement = Agreement.objects.filter(pk=world.ids.get("agreement")).first()
    return {
        "ref": world.ids["profile_a"],
        "assignment_id": world.ids["assignment"],
        "call_id": world.ids["call"],
        "slug": agreement.reference.lower() if agreement else "no-such-project",
    }


def _schema():  # type: ignore[no-untyped-def]
    # The same document the application serves (test_the_description_is_public... checks that); loaded here rather
    # than through a fixture because schemathesis' lazy fixture loader does not run under pytest 9.
    from crossroads.config.wsgi import application
    from crossroads.core.openapi import openapi_schema

    loaded = schemathesis.openapi.from_dict(openapi_schema())
    loaded.app = application
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_the_api_keeps_to_its_description(case, world, cookies):  # type: ignore[no-untyped-def]
    cookie = next(value for prefix, value in cookies.items() if case.operation.path.startswith(prefix))
    case.call_and_validate(headers={"Cookie": cookie}, checks=CHECKS)
    if case.path_parameters:
        ids = real_ids(world)
        case.path_parameters = {name: ids[name] for name in case.path_parameters}
    response = case.call(headers={"Cookie": cookie})
    case.validate_response(response, checks=CHECKS)


def test_the_description_is_public_and_lists_every_api_url(client):  # type: ignore[no-untyped-def]
    from .matrix import routes

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    described = {p.replace("{", "<").split("<")[0] for p in document["paths"]}
    api_routes = {
        "/" + r.route.split("<")[0] for r in routes() if r.route.startswith("api/v1/") and "openapi" not in r.route
    }
    assert api_routes == described, "every /api/v1 URL is described, and nothing else"
    from crossroads.core.openapi import openapi_schema

    assert document == openapi_schema()
