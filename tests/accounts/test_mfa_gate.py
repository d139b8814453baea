"""No way around the second factor: the real two-step login (password, then the one-time code), through allauth's
login and through the admin's former login URL. Before the code a staff session reaches nothing but the code
pages and logout; after it, screening, ranking, the XLSX export, the assessment API, companies, applications and
the admin open. A session made by `force_login` without the code, and a user made staff while logged in, are
refused the same way. These tests do NOT use conftest's simulated two-step login (marker `real_login`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crossroads.accounts.models import Role
from tests.accounts.conftest import code_now
from tests.assessment.conftest import company, make_application
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_login]

PASSWORD = "a-long-test-password"


@pytest.fixture
def application(programme, users):  # type: ignore[no-untyped-def]
    call = programme.calls.get(code="crossroads-2026-1")
    lead = company("Kempense Warmte BV", "BE", user=users["applicant"])
    partner = company("Polderdata BV", "NL", user=users["other_applicant"])
    return make_application(call, lead, partner, title="Warmte over de grens")


def staff_urls(application) -> dict[str, str]:  # type: ignore[no-untyped-def]
    call = application.call.pk
    return {
        "screening": reverse("assessment:screening", args=[application.pk]),
        "call overview (applications)": reverse("assessment:call", args=[call]),
        "ranking": reverse("assessment:ranking", args=[call]),
        "XLSX export": reverse("assessment:ranking_export", args=[call]),
        "companies": reverse("companies:list"),
        "company": reverse("companies:detail", args=[application.lead_company.pk]),
        "dashboard": reverse("core:dashboard"),
        "admin": "/admin/",
    }


def api_url(application) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/assessment/calls/{application.call.pk}/ranking/"


def assert_nothing_reachable(client, application, *, login_redirect: str) -> None:  # type: ignore[no-untyped-def]
    for name, url in staff_urls(application).items():
        response = client.get(url)
        assert response.status_code == 302, name
        if response["Location"].startswith("/admin/login/"):  # the admin's own redirect, on to the one login
            response = client.get(response["Location"])
        assert response["Location"].startswith(login_redirect), (name, response["Location"])
    api = client.get(api_url(application))
    assert api.status_code in (401, 403)
    assert api["Content-Type"].startswith("application/json")


def assert_everything_reachable(client, application) -> None:  # type: ignore[no-untyped-def]
    for name, url in staff_urls(application).items():
        assert client.get(url).status_code == 200, name
    assert client.get(api_url(application)).status_code == 200


def test_password_then_code_at_the_allauth_login(client, users, application):
    response = client.post(reverse("account_login"), {"login": "secretariat@test.example", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    # Password given, code not yet: the session is not logged in and opens nothing.
    assert "_auth_user_id" not in client.session
    assert_nothing_reachable(client, application, login_redirect="/accounts/login/")

    response = client.post(reverse("mfa_authenticate"), {"code": code_now()})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(users["secretariat"].pk)
    assert_everything_reachable(client, application)


def test_the_admin_login_redirects_to_the_one_login_and_never_authenticates(client, users, application):
    response = client.get("/admin/login/?next=/admin/programme/call/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fprogramme%2Fcall%2F"

    # The admin's old form: e-mail and password posted to /admin/login/ log nobody in.
    response = client.post("/admin/login/?next=/admin/", {"username": "secretariat@test.example", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert_nothing_reachable(client, application, login_redirect="/accounts/login/")

    # Followed to allauth's login: password, then the code, then back to the admin.
    response = client.post(response["Location"], {"login": "secretariat@test.example", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    response = client.post(reverse("mfa_authenticate"), {"code": code_now()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert_everything_reachable(client, application)


def test_a_force_login_session_without_the_code_is_refused(client, users, application):
    client.force_login(users["secretariat"])  # a device exists, but this session never gave its code
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_reauthenticate"))
    api = client.get(api_url(application))
    assert api.status_code == 403 and "code" in api.json()["detail"]
    assert api["Content-Language"] == "nl"  # the answer is in the secretariat's saved language, Dutch
    response = client.get(reverse("assessment:ranking", args=[application.call.pk]))
    assert (
        response["Location"]
        == reverse("mfa_reauthenticate")
        + "?next="
        + "%2Fassessment%2Fcalls%2F"
        + str(application.call.pk)
        + "%2Franking%2F"
    )
    # Recovery codes and the authenticator overview are not open before the code either.
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 302
    assert client.get(reverse("mfa_index")).status_code == 302

    # The code page and logout stay open; giving the code opens everything.
    page = client.get(reverse("mfa_reauthenticate"))
    assert page.status_code == 200
    assert 'href="/companies/"' not in page.content.decode()  # no menu to pages it cannot open
    response = client.post(reverse("mfa_reauthenticate"), {"code": code_now()})
    assert response.status_code == 302
    assert_everything_reachable(client, application)


def test_a_wrong_code_opens_nothing(client, users, application):
    client.force_login(users["secretariat"])
    client.post(reverse("mfa_reauthenticate"), {"code": "000000" if code_now() != "000000" else "111111"})
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_reauthenticate"))


@pytest.mark.django_db(transaction=True)  # allauth records the activation on commit, inside the request
def test_staff_without_an_app_must_activate_one_and_activating_counts_as_the_code(client, programme, application):
    make_user("new-secretariat@test.example", Role.SECRETARIAT, agency="interreg-vl-nl", mfa=False)
    response = client.post(reverse("account_login"), {"login": "new-secretariat@test.example", "password": PASSWORD})
    assert response.status_code == 302
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_activate_totp"))

    # allauth asks for the password again before an authenticator is added (that page is open too).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_activate_totp"))
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": code_now(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert_everything_reachable(client, application)


def test_a_user_made_staff_while_logged_in_is_refused_until_the_second_factor(client, users, application):
    user = users["applicant"]
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("companies:list")).status_code == 200  # applicants need no second factor

    user.role = Role.SECRETARIAT
    user.save()
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_activate_totp"))


def test_the_second_factor_of_one_user_does_not_carry_over_to_another(client, users, application):
    client.post(reverse("account_login"), {"login": "secretariat@test.example", "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code_now()})
    assert client.get(reverse("companies:list")).status_code == 200
    client.force_login(users["admin"])  # another user in the same browser: allauth's records belong to the first
    assert_nothing_reachable(client, application, login_redirect=reverse("mfa_reauthenticate"))
