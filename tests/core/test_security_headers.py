"""Every response carries the Content-Security-Policy (no inline script, nothing framed, forms post here only); the
pages it must not break (allauth's login, code and QR-code pages, the Django admin) have no inline script, event
handler or style attribute; HSTS is configured from the environment; and `manage.py check --deploy` is clean with
the production settings documented in docs/security.md."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from crossroads.accounts.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def csp_of(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in header.split("; ")}


def assert_csp_safe(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    policy = csp_of(response)
    for directive, sources in EXPECTED_CSP.items():
        assert policy[directive] == sources
    body = response.content.decode()
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not INLINE_HANDLER.search(body), INLINE_HANDLER.search(body)
    assert not STYLE_ATTRIBUTE.search(body), STYLE_ATTRIBUTE.search(body)


def test_every_kind_of_response_carries_the_policy(client, users):
    for url in ["/", "/healthz", "/no-such-page/", "/admin/login/", reverse("account_login")]:
        response = client.get(url)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url
        assert "script-src 'self';" in response["Content-Security-Policy"], url


def test_public_and_login_pages_work_under_the_policy(client, users):
    assert_csp_safe(client.get("/"))
    assert_csp_safe(client.get(reverse("account_login")))
    client.post(reverse("account_login"), {"login": users["secretariat"].email, "password": "a-long-test-password"})
    assert_csp_safe(client.get(reverse("mfa_authenticate")))


@pytest.mark.real_login
def test_the_totp_qr_code_page_works_under_the_policy(client, programme):
    make_user("new-admin@test.example", Role.ADMIN, mfa=False)
    client.post(reverse("account_login"), {"login": "new-admin@test.example", "password": "a-long-test-password"})
    client.post(reverse("account_reauthenticate"), {"password": "a-long-test-password"})
    response = client.get(reverse("mfa_activate_totp"))
    assert_csp_safe(response)
    # The QR code is an image with a data: URI, which img-src allows.
    assert re.search(r'<img[^>]+src="data:image/svg\+xml;base64,', response.content.decode())


def test_the_admin_works_under_the_policy(client, users):
    client.force_login(users["admin"])  # conftest: a completed two-step login
    users["admin"].is_superuser = True
    users["admin"].save()
    for url in ["/admin/", "/admin/programme/call/", "/admin/accounts/user/", "/admin/core/auditevent/"]:
        assert_csp_safe(client.get(url))
    # The admin's scripts come from this site (static files and its JavaScript catalogue).
    body = client.get("/admin/programme/call/").content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', body)
    assert sources and all(src.startswith("/") and not src.startswith("//") for src in sources)


def test_hsts_comes_from_the_settings(client, db, settings):  # type: ignore[no-untyped-def]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


BASE_DIR = Path(settings.BASE_DIR)


def production_environment(tmp_path: Path) -> dict[str, str]:
    """The production settings of docs/security.md (behind a TLS-terminating proxy)."""
    dropped = {"CROSSROADS_TESTING", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "crossroads.example",
            "CSRF_TRUSTED_ORIGINS": "https://crossroads.example",
            "BEHIND_TLS_PROXY": "1",
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
            "SECURE_HSTS_PRELOAD": "1",
            "CROSSROADS_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "crossroads.config.settings",
        }
    )
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = check_deploy(production_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_hsts_or_with_staff_mfa_relaxed(tmp_path):
    env = production_environment(tmp_path)
    env["SECURE_HSTS_SECONDS"] = "0"
    env["CROSSROADS_REQUIRE_STAFF_MFA"] = "0"
    result = check_deploy(env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "crossroads.W001" in result.stderr + result.stdout
