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
