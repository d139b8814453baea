"""A page takes its POST as a form: a JSON or text body gets 415 with a message and saves nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from crossroads.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/xml"])
def test_a_non_form_body_to_a_page_is_refused_with_a_message(client, users, content_type):
    client.force_login(users["applicant"])
    before = Company.objects.count()
    body = json.dumps({"legal_name": "Gehackt BV", "country": "NL"})
    response = client.post(reverse("companies:create"), body, content_type=content_type)
    assert response.status_code == 415
    assert 'role="alert"' in response.content.decode()
    assert Company.objects.count() == before


def test_forms_and_the_json_api_are_not_affected(client, users):
    client.force_login(users["applicant"])
    assert client.post(reverse("companies:create"), {"legal_name": ""}).status_code != 415
    response = client.post("/api/v1/matching/suggestions", "{}", content_type="application/json")
    assert response.status_code != 415


def test_the_message_is_in_dutch_by_default(client, users):
    client.force_login(users["applicant"])
    response = client.post(reverse("companies:create"), "{}", content_type="application/json")
    assert "Het formulier kon niet worden gelezen" in response.content.decode()
