"""The privacy pages per role: the notice is public and reads the programme's periods; the download and the
erasure are for the logged-in person; the erasure requests page is for the secretariat and administrators."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from crossroads.accounts.models import User
from crossroads.privacy.models import ErasureRequest, ErasureStatus

from .conftest import make_application

pytestmark = pytest.mark.django_db


def test_the_notice_is_public_in_dutch_and_english_with_the_programmes_periods(client, programme):
    programme.rejected_application_retention_months = 37
    programme.grant_record_retention_years = 7
    programme.save()
    page = client.get(reverse("privacy:notice")).content.decode()
    assert '<html lang="nl">' in page and "37" in page and "7" in page
    assert reverse("privacy:my_data") in page and reverse("privacy:erase") in page
    assert "VLAIO" in page or "Agentschap" in page
    english = client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Privacy statement" in english and "37 months" in english and "7 years" in english
    assert "To be completed by the programme" in english  # controller and contact not in the public sources
    programme.privacy_contact_email = "privacy@crossroads.example"
    programme.save()
    assert "mailto:privacy@crossroads.example" in client.get(reverse("privacy:notice")).content.decode()


@pytest.mark.parametrize("name", ["privacy:my_data", "privacy:erase", "privacy:requests"])
def test_anonymous_visitors_are_sent_to_log_in(client, programme, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.post(reverse(name)).status_code == 302


def test_the_download_is_a_zip_of_the_persons_data(client, users):
    client.force_login(users["applicant"])
    assert client.get(reverse("privacy:my_data")).status_code == 200
    response = client.post(reverse("privacy:my_data"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zf:
        data = json.loads(zf.read("data.json"))
    assert data["account"]["email"] == "applicant@test.example"


def test_a_wrong_password_erases_nothing_and_says_so(client, users):
    client.force_login(users["applicant"])
    response = client.post(reverse("privacy:erase"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page and 'href="#id_password"' in page
    assert User.objects.get(pk=users["applicant"].pk).is_active


def test_the_confirmation_box_is_required(client, users):
    client.force_login(users["applicant"])
    response = client.post(reverse("privacy:erase"), {"password": "a-long-test-password"})
    assert response.status_code == 200 and User.objects.get(pk=users["applicant"].pk).is_active


def test_erasing_logs_out_and_shows_the_confirmation(client, users):
    client.force_login(users["applicant"])
    response = client.post(reverse("privacy:erase"), {"password": "a-long-test-password", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("privacy:erased")
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("core:dashboard")).status_code == 302
    assert not User.objects.get(pk=users["applicant"].pk).is_active


def test_a_blocked_request_goes_to_the_secretariat_who_erases_once_resolved(client, users, call, be_lead, nl_partner):
    make_application(call, be_lead, nl_partner, title="Warmte over de grens")  # submitted, not decided
    client.force_login(users["applicant"])
    page = client.get(reverse("privacy:erase")).content.decode()
    assert "Warmte over de grens" in page
    response = client.post(reverse("privacy:erase"), {"password": "a-long-test-password", "confirm": "on"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get(status=ErasureStatus.PENDING)
    assert User.objects.get(pk=users["applicant"].pk).is_active

    client.force_login(users["secretariat"])
    page = client.get(reverse("privacy:requests")).content.decode()
    assert "applicant@test.example" in page and "Warmte over de grens" in page
    client.post(reverse("privacy:request_erase", args=[request.pk]))
    assert User.objects.get(pk=users["applicant"].pk).is_active  # still blocked: refused with the reason
    be_lead.memberships.create(user=users["other_applicant"], role="member")
    client.post(reverse("privacy:request_erase", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == ErasureStatus.DONE
    assert not User.objects.get(pk=users["applicant"].pk).is_active


@pytest.mark.parametrize("role", ["applicant", "adviser_be", "assessor", "finance"])
def test_other_roles_may_not_see_or_carry_out_requests(client, users, role):
    request = ErasureRequest.objects.create(user=users["other_applicant"], requested_at="2026-11-01T10:00Z")
    client.force_login(users[role])
    response = client.get(reverse("privacy:requests"))
    assert response.status_code == 403 and response.context["reason"]
    assert client.post(reverse("privacy:request_erase", args=[request.pk])).status_code == 403
    assert User.objects.get(pk=users["other_applicant"].pk).is_active


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_the_secretariat_and_admin_see_requests_and_bad_ids_are_not_found(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("privacy:requests")).status_code == 200
    for bad in ("99999999999999999999999999", "٣", "0"):
        assert client.post(reverse("privacy:request_erase", args=[bad])).status_code == 404


def test_the_secretariat_edits_the_retention_period_in_the_admin(client, users, programme):
    client.force_login(users["secretariat"])
    url = reverse("admin:programme_programme_change", args=[programme.pk])
    page = client.get(url).content.decode()
    assert 'name="rejected_application_retention_months" value="24"' in page
    assert 'name="grant_record_retention_years" value="5"' in page


def test_the_list_offers_the_button_only_for_pending_requests(client, users):
    pending = ErasureRequest.objects.create(user=users["other_applicant"], requested_at="2026-11-01T10:00Z")
    ErasureRequest.objects.create(
        user=users["finance"], requested_at="2026-10-01T10:00Z", status=ErasureStatus.CANCELLED
    )
    secretariat = users["secretariat"]
    secretariat.language = "en"  # the page is in the user's saved language
    secretariat.save()
    client.force_login(secretariat)
    response = client.get(reverse("privacy:requests"))
    rows = response.context["rows"]
    assert [(row.request.status, row.pending, row.blockers) for row in rows] == [
        (ErasureStatus.CANCELLED, False, []),
        (ErasureStatus.PENDING, True, []),
    ]
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert page.count("Nothing: the account can be erased.") == 1
    assert page.count(reverse("privacy:request_erase", args=[pending.pk])) == 1
    assert page.count("Erase the account</button>") == 1
