from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.companies.models import Invitation

pytestmark = pytest.mark.django_db


def test_manager_invites_a_colleague_who_joins(client, users, company_be, django_capture_on_commit_callbacks):
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:invite", args=[company_be.pk]), {"email": "other@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and company_be.legal_name in mail.outbox[0].subject
    invitation = Invitation.objects.get()
    assert invitation.token in mail.outbox[0].body
    client.force_login(users["other_applicant"])
    client.post(reverse("companies:invitation_accept", args=[invitation.token]))
    assert company_be.memberships.filter(user=users["other_applicant"]).exists()


def test_invitation_for_someone_else_is_refused(client, users, company_be):
    invitation = Invitation.objects.create(
        company=company_be,
        email="someone@test.example",
        token="t1",
        expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )
    client.force_login(users["other_applicant"])
    client.post(reverse("companies:invitation_accept", args=[invitation.token]))
    assert not company_be.memberships.filter(user=users["other_applicant"]).exists()


def test_expired_invitation_is_refused(client, users, company_be):
    invitation = Invitation.objects.create(
        company=company_be,
        email="other@test.example",
        token="t2",
        expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    client.force_login(users["other_applicant"])
    client.post(reverse("companies:invitation_accept", args=[invitation.token]))
    assert not company_be.memberships.filter(user=users["other_applicant"]).exists()


@pytest.mark.parametrize("role", ["other_applicant", "adviser_be", "assessor"])
def test_only_managers_invite(client, users, company_be, role):
    client.force_login(users[role])
    response = client.get(reverse("companies:invite", args=[company_be.pk]))
    assert response.status_code in (403, 404)


def test_invitation_validity_is_a_setting_quoted_in_the_mail(
    client, users, company_be, settings, django_capture_on_commit_callbacks
):
    from crossroads.core import clock

    settings.COMPANY_INVITATION_DAYS = 3
    settings.CROSSROADS_SITE_URL = "https://crossroads.example"
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("companies:invite", args=[company_be.pk]), {"email": "other@test.example"})
    invitation = Invitation.objects.get()
    assert dt.timedelta(days=2) < invitation.expires_at - clock.now() <= dt.timedelta(days=3)
    body = mail.outbox[0].body
    assert "within 3 days" in body  # in the inviter's language: the invitee has none yet
    assert f"https://crossroads.example/companies/invitations/{invitation.token}/" in body
