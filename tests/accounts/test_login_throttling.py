"""One throttling policy for every login form (settings.ACCOUNT_RATE_LIMITS["login_failed"]): after
LOGIN_FAILED_LIMIT wrong passwords, or wrong one-time codes, even the right one is refused for a while, with a
message that says so. The admin has no login form of its own any more, so this covers it too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.conftest import code_now
from tests.accounts.test_mfa_gate import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.real_login]

TOO_MANY = "Too many failed login attempts. Try again later."


def test_the_policy_is_the_configured_one():
    assert settings.LOGIN_FAILED_LIMIT == 5
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == f"20/m/ip,5/{15 * 60}s/key"
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")  # tests; deployments use the database


def test_after_too_many_wrong_passwords_the_right_one_is_refused(client, users):
    email = users["applicant"].email
    for _ in range(settings.LOGIN_FAILED_LIMIT):
        response = client.post(
            reverse("account_login"), {"login": email, "password": "wrong-password"}, headers={"accept-language": "en"}
        )
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()

    response = client.post(
        reverse("account_login"), {"login": email, "password": PASSWORD}, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert TOO_MANY in body
    assert f'value="{email}"' in body  # what was typed is kept
    assert "_auth_user_id" not in client.session

    # Another account is not locked by it.
    response = client.post(reverse("account_login"), {"login": users["other_applicant"].email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_lockout_is_in_dutch_by_default(client, users):
    email = users["applicant"].email
    for _ in range(settings.LOGIN_FAILED_LIMIT):
        client.post(reverse("account_login"), {"login": email, "password": "wrong-password"})
    body = client.post(reverse("account_login"), {"login": email, "password": PASSWORD}).content.decode()
    assert TOO_MANY not in body and "Te veel" in body


def test_after_too_many_wrong_codes_the_right_code_is_refused(client, users):
    response = client.post(reverse("account_login"), {"login": users["secretariat"].email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = "000000" if code_now() != "000000" else "111111"
    for _ in range(settings.LOGIN_FAILED_LIMIT):
        response = client.post(reverse("mfa_authenticate"), {"code": wrong}, headers={"accept-language": "en"})
        assert response.status_code == 200 and TOO_MANY not in response.content.decode()

    response = client.post(reverse("mfa_authenticate"), {"code": code_now()}, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("companies:list")).status_code == 302
