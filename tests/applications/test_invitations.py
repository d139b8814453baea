"""Invitations by e-mail are for the invited address; anyone else with the link asks the lead, who confirms or
refuses (issue 9, part 7)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from crossroads.applications import services
from crossroads.core.models import AuditEvent
from tests.conftest import make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(users, consortium, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.partner_add(
            actor=users["applicant"], application=consortium["application"], email="Invited@Zon.example"
        )
    return partner


def _newcomer(email: str, name: str = "Zeeuwse Zon BV", number: str = "11223344"):  # type: ignore[no-untyped-def]
    user = make_user(email, "applicant")
    company = make_company(name, country="NL", number=number, postcode="4331 AB", city="Middelburg")
    company.memberships.create(user=user, role="manager")
    return user, company


def test_the_invited_address_joins_case_insensitively(client, invitation):
    user, company = _newcomer("invited@zon.example")
    client.force_login(user)
    response = client.post(
        reverse("applications:partner_join", args=[invitation.invite_token]), {"company": company.pk}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.company == company
    assert AuditEvent.objects.filter(verb="partner.join", object_id=str(invitation.pk)).exists()


def test_someone_else_with_the_link_cannot_join(client, invitation):
    user, company = _newcomer("forwarded@elders.example")
    client.force_login(user)
    url = reverse("applications:partner_join", args=[invitation.invite_token])
    page = client.get(url).content.decode()
    assert "invited@zon.example" in page and 'data-testid="invited-other"' in page
    response = client.post(url, {"company": company.pk})
    assert response.status_code == 400 and "invited@zon.example" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.company is None


def test_an_unverified_matching_address_does_not_count(client, invitation):
    user, company = _newcomer("other@elders.example")
    EmailAddress.objects.create(user=user, email="invited@zon.example", verified=False)
    client.force_login(user)
    client.post(reverse("applications:partner_join", args=[invitation.invite_token]), {"company": company.pk})
    invitation.refresh_from_db()
    assert invitation.company is None


def test_the_lead_confirms_someone_else_explicitly(
    client, users, consortium, invitation, django_capture_on_commit_callbacks
):
    user, company = _newcomer("colleague@zon.example")
    client.force_login(user)
    url = reverse("applications:partner_join", args=[invitation.invite_token])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"company": company.pk, "action": "request"}).status_code == 302
    assert mail.outbox[-1].to == ["applicant@test.example"] and "colleague@zon.example" in mail.outbox[-1].body
    invitation.refresh_from_db()
    assert invitation.company is None and invitation.join_requested_by == user
    application = consortium["application"]
    decide = reverse("applications:partner_join_decide", args=[application.pk, invitation.pk])
    client.force_login(users["other_applicant"])  # a partner, not the lead
    assert client.post(decide, {"decision": "confirm"}).status_code == 403
    client.force_login(users["applicant"])
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "colleague@zon.example" in page and "Zeeuwse Zon BV" in page
    assert client.post(decide, {"decision": "confirm"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.company == company and invitation.join_requested_by is None
    verbs = set(AuditEvent.objects.filter(object_id=str(invitation.pk)).values_list("verb", flat=True))
    assert {"partner.join_request", "partner.join_confirm"} <= verbs


def test_the_lead_refuses(client, users, consortium, invitation):
    user, company = _newcomer("stranger@elders.example")
    client.force_login(user)
    client.post(
        reverse("applications:partner_join", args=[invitation.invite_token]),
        {"company": company.pk, "action": "request"},
    )
    client.force_login(users["applicant"])
    decide = reverse("applications:partner_join_decide", args=[consortium["application"].pk, invitation.pk])
    assert client.post(decide, {"decision": "refuse"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.company is None and invitation.join_requested_by is None
    assert AuditEvent.objects.filter(verb="partner.join_refuse", object_id=str(invitation.pk)).exists()
    assert client.post(decide, {"decision": "confirm"}).status_code == 302  # nothing left to confirm: a message
    invitation.refresh_from_db()
    assert invitation.company is None


def test_a_malformed_token_is_not_found(client, users):
    client.force_login(users["applicant"])
    assert client.get("/join/abc%00def/").status_code == 404
    assert client.get("/join/" + "x" * 300 + "/").status_code == 404
