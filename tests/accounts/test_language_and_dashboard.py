from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dutch_is_the_default(client, users):
    client.force_login(users["applicant"])
    body = client.get(reverse("core:dashboard")).content.decode()
    assert '<html lang="nl">' in body


def test_saved_english_preference_applies(client, users):
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    body = client.get(reverse("core:dashboard")).content.decode()
    assert '<html lang="en">' in body and "Your companies" in body


def test_language_switch_wins_over_the_saved_preference(client, users):
    client.force_login(users["applicant"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("core:dashboard")).content.decode()


@pytest.mark.parametrize("role", ["applicant", "adviser_be", "secretariat", "assessor", "finance", "admin"])
def test_every_role_has_a_dashboard(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_adviser_dashboard_counts_only_companies_in_their_provinces(client, users, company_be, company_nl):
    client.force_login(users["adviser_nl"])
    response = client.get(reverse("core:dashboard"))
    assert response.context["visible_count"] == 1
    assert [c.legal_name for c in response.context["recent"]] == ["Maasdata BV"]


def test_admin_site_requires_the_second_factor(client, programme):
    from tests.conftest import make_user

    admin = make_user("root@test.example", "admin", mfa=False)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_signup_creates_an_applicant_not_staff(client, programme):
    from crossroads.accounts.models import User

    client.post(
        reverse("account_signup"),
        {"email": "nieuw@test.example", "password1": "Zeer-geheim-123", "password2": "Zeer-geheim-123"},
    )
    user = User.objects.get(email="nieuw@test.example")
    assert user.role == "applicant" and not user.is_staff


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_secretariat_manages_calls_in_the_admin_but_applicants_do_not(client, users):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # creates the secretariat group (post_migrate)
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    assert client.get("/admin/programme/call/add/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403
    client.force_login(users["applicant"])
    assert client.get("/admin/programme/call/add/").status_code == 302  # to the admin login
