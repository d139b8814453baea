"""A Dutch sign-up shows every password error in Dutch (and an English one in English)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _errors(language: str, password: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.get("/accounts/signup/")
    response = client.post(
        "/accounts/signup/",
        {
            "email": "nieuw@bedrijf.example",
            "password1": password,
            "password2": password,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 200  # the form again, with the errors at the field
    html = response.content.decode()
    block = re.search(r'<ul class="errorlist"[^>]*id="id_password1_error"[^>]*>(.*?)</ul>', html, re.S)
    assert block, "no errors at the password field"
    return unescape(re.sub(r"<[^>]+>", " ", block.group(1)))


@pytest.mark.parametrize(
    ("password", "dutch"),
    [
        ("kort1", "Dit wachtwoord is te kort. De minimale lengte is 10 tekens."),
        ("password", "Dit wachtwoord is te algemeen."),
        ("8264019375", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_a_dutch_sign_up_shows_dutch_password_errors(password: str, dutch: str) -> None:
    errors = _errors("nl", password)
    assert dutch in errors
    assert "This password" not in errors


@pytest.mark.parametrize(
    ("password", "english"),
    [
        ("kort1", "This password is too short. It must contain at least 10 characters."),
        ("password", "This password is too common."),
        ("8264019375", "This password is entirely numeric."),
    ],
)
def test_an_english_sign_up_shows_english_password_errors(password: str, english: str) -> None:
    assert english in _errors("en", password)
