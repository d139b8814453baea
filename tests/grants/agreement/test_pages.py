"""The agreement pages per role: who sees the list and the "my grant" page, who accepts, who registers and approves
a bank account; everyone else gets 404 (the agreement is not revealed) or a 403 that says why."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from crossroads.companies.models import CompanyMembership
from crossroads.core.audit import AuditEvent
from crossroads.grants.models import AgreementStatus, BankAccountStatus
from crossroads.grants.services.bank import bank_account_register
from tests.conftest import make_company, make_user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def stranger(programme):  # type: ignore[no-untyped-def]
    """An applicant managing a company outside the project."""
    user = make_user("stranger@test.example", "applicant")
    company = make_company("Elders BV", number="0202.239.951", postcode="3500", city="Hasselt")
    CompanyMembership.objects.create(user=user, company=company, role="manager")
    return user


@pytest.fixture
def far_adviser(programme):  # type: ignore[no-untyped-def]
    """An adviser of North Brabant: neither partner is in a province they cover."""
    return make_user("adviser-bom@test.example", "adviser", agency="bom")


def test_the_list_shows_each_person_their_agreements(running, users, stranger, far_adviser):
    url = reverse("grants:list")
    for who in ("applicant", "other_applicant", "secretariat", "finance", "adviser_be", "adviser_nl"):
        response = _client(users[who]).get(url)
        assert response.status_code == 200, who
        assert f'data-testid="agreement-{running.pk}"' in response.text, who
    for user in (stranger, far_adviser, users["assessor"]):
        response = _client(user).get(url)
        assert response.status_code == 200
        assert f'data-testid="agreement-{running.pk}"' not in response.text


def test_the_secretariat_filters_by_status_call_and_search(running, users):
    client = _client(users["secretariat"])
    url = reverse("grants:list")
    found = client.get(url, {"status": "running", "call": running.grant.application.call_id, "q": "Warmte"})
    assert f'data-testid="agreement-{running.pk}"' in found.text
    for params in ({"status": "closed"}, {"q": "nothing-like-this"}):
        assert f'data-testid="agreement-{running.pk}"' not in client.get(url, params).text
    assert client.get(url, {"call": "not-a-number"}).status_code == 200


def test_the_detail_page_is_hidden_from_outsiders(running, users, stranger, far_adviser):
    url = reverse("grants:detail", args=[running.pk])
    for who in ("applicant", "other_applicant", "secretariat", "finance", "admin", "adviser_be"):
        assert _client(users[who]).get(url).status_code == 200, who
    for user in (stranger, far_adviser, users["assessor"]):
        assert _client(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    assert _client(stranger).get(reverse("grants:agreement_pdf", args=[running.pk])).status_code == 404


def test_a_manager_accepts_with_the_confirmation(agreement, users, mailoutbox, django_capture_on_commit_callbacks):
    lead = agreement.partners.get(is_lead=True)
    partner = agreement.partners.get(is_lead=False)
    url = reverse("grants:accept", args=[lead.pk])
    with override("en"):
        refused = _client(users["applicant"]).post(url, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    lead.refresh_from_db()
    assert lead.accepted_at is None
    # The manager of the other partner cannot accept for the lead; an outsider does not see it.
    assert _client(users["other_applicant"]).post(url, {"confirm": "on"}).status_code == 403
    assert _client(users["secretariat"]).post(url, {"confirm": "on"}).status_code == 403
    assert _client(users["applicant"]).post(url, {"confirm": "on"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(users["other_applicant"]).post(
            reverse("grants:accept", args=[partner.pk]), {"confirm": "on"}
        )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RUNNING
    assert AuditEvent.objects.filter(verb="agreement.accept").count() == 2
    # The start mail: the partners' members and the secretariat.
    to = {address for mail in mailoutbox for address in mail.to}
    assert {users["applicant"].email, users["other_applicant"].email, users["secretariat"].email} <= to
    page = _client(users["applicant"]).get(reverse("grants:detail", args=[agreement.pk]))
    assert f'data-testid="accepted-{lead.pk}"' in page.text


def test_the_offered_mail_goes_to_the_managers(agreement, users, mailoutbox, django_capture_on_commit_callbacks):
    from crossroads.grants.messages.agreement import agreement_offered_notify

    with django_capture_on_commit_callbacks(execute=True):
        agreement_offered_notify(agreement)
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(
        [users["applicant"].email, users["other_applicant"].email]
    )


def test_register_a_bank_account_on_the_page_with_errors_at_the_field(running, users):
    lead = running.partners.get(is_lead=True)
    url = reverse("grants:bank_account", args=[lead.pk])
    client = _client(users["applicant"])
    client.cookies["django_language"] = "en"
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"holder": "Kempense Warmte BV", "iban": "BE68 5390 0754 7035", "bic": "GKCCBEBB"})
    assert wrong.status_code == 400
    assert 'id="id_iban_error"' in wrong.text and 'value="BE68 5390 0754 7035"' in wrong.text
    done = client.post(url, {"holder": "Kempense Warmte BV", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB"})
    assert done.status_code == 302
    page = client.get(reverse("grants:detail", args=[running.pk]))
    assert "BE68 5390 0754 7034" in page.text
    # The other partner's manager, finance and an adviser do not register it.
    assert _client(users["other_applicant"]).get(url).status_code == 403
    assert _client(users["finance"]).get(url).status_code == 403


def test_the_other_partner_does_not_see_the_leads_account(running, users):
    lead = running.partners.get(is_lead=True)
    bank_account_register(
        actor=users["applicant"], member=lead, holder="Kempense", iban="BE68539007547034", bic="GKCCBEBB"
    )
    page = _client(users["other_applicant"]).get(reverse("grants:detail", args=[running.pk]))
    assert "BE68 5390 0754 7034" not in page.text
    adviser = _client(users["adviser_be"]).get(reverse("grants:detail", args=[running.pk]))
    assert "BE68 5390 0754 7034" not in adviser.text


def test_finance_approves_a_change_from_its_list_the_requester_cannot(running, users):
    lead = running.partners.get(is_lead=True)
    bank_account_register(
        actor=users["applicant"], member=lead, holder="Kempense", iban="BE68539007547034", bic="GKCCBEBB"
    )
    change = bank_account_register(
        actor=users["applicant"], member=lead, holder="Kempense", iban="BE71096123456769", bic="GKCCBEBB"
    )
    listing = _client(users["finance"]).get(reverse("grants:bank_accounts"))
    assert listing.status_code == 200 and "BE71 0961 2345 6769" in listing.text
    assert _client(users["applicant"]).get(reverse("grants:bank_accounts")).status_code == 403
    approve = reverse("grants:bank_account_approve", args=[change.pk])
    assert _client(users["applicant"]).post(approve).status_code == 403
    assert _client(users["other_applicant"]).post(approve).status_code == 404
    assert _client(users["finance"]).post(approve, {"next": "list"}).status_code == 302
    change.refresh_from_db()
    assert change.status == BankAccountStatus.ACTIVE


def test_finance_refuses_with_a_reason(running, users):
    lead = running.partners.get(is_lead=True)
    bank_account_register(
        actor=users["applicant"], member=lead, holder="Kempense", iban="BE68539007547034", bic="GKCCBEBB"
    )
    change = bank_account_register(
        actor=users["applicant"], member=lead, holder="Kempense", iban="BE71096123456769", bic="GKCCBEBB"
    )
    url = reverse("grants:bank_account_refuse", args=[change.pk])
    client = _client(users["finance"])
    client.post(url, {"reason": ""})
    change.refresh_from_db()
    assert change.status == BankAccountStatus.PENDING
    client.post(url, {"reason": "Niet bevestigd."})
    change.refresh_from_db()
    assert change.status == BankAccountStatus.REFUSED


def test_a_second_acceptance_is_refused_with_a_message(running, users):
    lead = running.partners.get(is_lead=True)
    client = _client(users["applicant"])
    with override("en"):
        for data in ({}, {"confirm": "on"}):
            response = client.post(reverse("grants:accept", args=[lead.pk]), data, follow=True)
            assert "message-error" in response.text
