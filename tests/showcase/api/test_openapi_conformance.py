"""The open-data paths against their OpenAPI description, with schemathesis (as tests/security/
test_api_schemathesis.py does for the whole API): generated requests, valid and invalid, go through the real WSGI
application, anonymous for the public paths and as the secretariat for the keep.eu export; every answer must be no
server error and fit the status, content type and schema described. Each generated request is followed by one with
a real project's slug, so the 200 answers are checked too."""

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

from tests.security.test_api_schemathesis import _keep_the_test_connection, _wsgi_host  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _schema():  # type: ignore[no-untyped-def]
    from crossroads.config.wsgi import application
    from crossroads.core.openapi import openapi_schema

    loaded = schemathesis.openapi.from_dict(openapi_schema()).include(path_regex="^/api/v1/open/")
    loaded.app = application
    return loaded


schema = _schema()


@pytest.fixture
def staff_cookie(users):  # type: ignore[no-untyped-def]
    from django.conf import settings as django_settings
    from django.test import Client

    from tests.security.conftest import login

    client = login(Client(), users["secretariat"])
    return f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_the_open_data_keeps_to_its_description(case, public_world, staff_cookie):  # type: ignore[no-untyped-def]
    headers = {"Cookie": staff_cookie} if "keep-eu" in case.operation.path else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
    if case.path_parameters:
        case.path_parameters = {"slug": public_world.reference.lower()}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)
    if case.path_parameters and case.method.upper() == "GET" and not case.query:
        assert response.status_code == 200


def test_every_open_data_url_is_described():
    from crossroads.core.openapi import openapi_schema
    from tests.security.matrix import routes

    described = {p.split("{")[0] for p in openapi_schema()["paths"] if p.startswith("/api/v1/open/")}
    served = {"/" + r.route.split("<")[0] for r in routes() if r.route.startswith("api/v1/open/")}
    assert served == described
