"""A refused step becomes one kind of answer everywhere: JSON for the API, a message on the page otherwise."""

from __future__ import annotations

import json

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from crossroads.core.errors import ServiceError, service_error_response


def _request(path: str, method: str = "post", **headers: str):  # type: ignore[no-untyped-def]
    request = getattr(RequestFactory(), method)(path, **headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_api_gets_json_with_the_status_of_the_error() -> None:
    response = service_error_response(_request("/api/v1/x"), ServiceError("Nope", status=409))
    assert response.status_code == 409
    assert json.loads(response.content) == {"error": "Nope"}


def test_a_page_post_goes_back_to_where_it_came_from_with_the_message() -> None:
    request = _request("/applications/3/submit/", HTTP_REFERER="http://testserver/applications/3/")
    response = service_error_response(request, ServiceError("Not now"))
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/applications/3/"
    assert [str(m) for m in get_messages(request)] == ["Not now"]


def test_a_foreign_referer_is_not_followed() -> None:
    request = _request("/applications/3/submit/", HTTP_REFERER="https://evil.example/")
    response = service_error_response(request, ServiceError("Not now"))
    assert response["Location"] == "/applications/3/submit/"
