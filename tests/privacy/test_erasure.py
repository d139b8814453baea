"""Erasing an account: the person is anonymised and logged out everywhere, what nothing requires us to keep is
removed, and the records the programme must keep stay, pointing at the anonymised account. Refused while the person
is the only one who can act for a company in a grant or an application in progress, or has open assessments."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.utils import translation

from crossroads.accounts.models import User
from crossroads.applications.models import Application, Partner
from crossroads.assessment.models import AssessorProfile, Score
from crossroads.companies.models import CompanyMembership, Invitation
from crossroads.core.models import AuditEvent
from crossroads.matching.models import ExpressionOfInterest, SavedSearch
from crossroads.privacy.models import ErasureRequest, ErasureStatus
from crossroads.privacy.services import PrivacyError, account_erase, erasure_request_file
from tests.assessment.conftest import invite, submit_scores
from tests.conftest import make_user

from .conftest import at, brussels, decide, fund, make_application, make_assessor

pytestmark = pytest.mark.django_db

AFTER = brussels(2026, 12, 1)


@pytest.fixture
def colleague(be_lead):  # type: ignore[no-untyped-def]
    user = make_user("colleague@test.example", "applicant")
    CompanyMembership.objects.create(user=user, company=be_lead, role="member")
    return user


@pytest.fixture
def submitted(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]
    application = make_application(call, be_lead, nl_partner, title="Warmte over de grens")
    lead = application.partners.get(is_lead=True)
    lead.declared_by, lead.declarations = users["applicant"], {"sme": True}
    lead.save()
    return application


def _trail() -> list[tuple]:
    return list(AuditEvent.objects.order_by("pk").values_list("pk", "actor_id", "verb", "object_repr", "after"))


def test_erasure_anonymises_the_person_and_keeps_the_records(client, users, submitted, be_lead, nl_partner, colleague):
    person = users["applicant"]
    person.first_name, person.last_name = "Jan", "Peeters"
    person.save()
    decide(submitted, "reject", brussels(2026, 6, 30), users["secretariat"])
    SavedSearch.objects.create(user=person, name="Warmte", query="warmtepomp")
    Invitation.objects.create(company=nl_partner, email=person.email, token="t1", expires_at=AFTER)
    interest = ExpressionOfInterest.objects.create(
        sender_company=be_lead, sender_user=person, target_company=nl_partner, message="Hallo", expires_at=AFTER
    )
    joining = Partner.objects.filter(application=submitted, is_lead=False)
    joining.update(join_requested_by=person, join_requested_company=be_lead, join_requested_at=AFTER)
    client.force_login(person)
    other_client = type(client)()
    other_client.force_login(users["other_applicant"])
    trail = _trail()

    with at(AFTER):
        request = account_erase(actor=person, user=person)

    person.refresh_from_db()
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert (person.first_name, person.last_name, person.is_active) == ("", "", False)
    assert not person.has_usable_password()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not CompanyMembership.objects.filter(user=person).exists()
    assert not SavedSearch.objects.filter(user=person).exists()
    assert not Invitation.objects.filter(email="applicant@test.example").exists()
    assert not joining.filter(join_requested_by=person).exists()
    # Logged out everywhere, and only them.
    assert Session.objects.count() == 1
    assert client.get("/dashboard/").status_code == 302
    assert other_client.get("/dashboard/").status_code == 200
    assert not client.login(email="applicant@test.example", password="a-long-test-password")
    # The kept records still point at the (anonymised) account.
    submitted.refresh_from_db()
    assert submitted.created_by_id == person.pk
    assert Partner.objects.get(application=submitted, is_lead=True).declared_by_id == person.pk
    interest.refresh_from_db()
    assert interest.sender_user is None and interest.message == "Hallo"
    assert Application.objects.filter(pk=submitted.pk).exists()
    # The trail is untouched and gains one event that does not name the person.
    after = _trail()
    assert after[: len(trail)] == trail
    event = AuditEvent.objects.get(verb="privacy.account_erase")
    assert event.object_id == str(person.pk) and "applicant@test.example" not in event.object_repr
    assert "Peeters" not in str(event.after)
    assert request.status == ErasureStatus.DONE and request.handled_by == person


def test_an_assessors_scores_stay_and_the_profile_is_emptied(call, be_lead, nl_partner, users):
    assessor = make_assessor("expert@test.example", "NL", expertise="Heat networks, 20 years at Vattenfall.")
    application = make_application(call, be_lead, nl_partner, title="Warmte")
    submit_scores(invite(application, assessor), "7")
    with at(AFTER):
        account_erase(actor=assessor, user=assessor)
    assert Score.objects.filter(assignment__assessor=assessor).count() == call.criteria.count()
    profile = AssessorProfile.objects.get(user=assessor)
    assert (profile.expertise, profile.active) == ("", False)
    assert not Authenticator.objects.filter(user=assessor).exists()


def test_the_only_member_of_a_company_in_an_application_in_progress_is_refused(users, submitted):
    person = users["applicant"]
    with at(AFTER), pytest.raises(PrivacyError) as refused:
        account_erase(actor=person, user=person)
    assert "Kempense Warmte BV" in refused.value.reasons[0] and "Warmte over de grens" in refused.value.reasons[0]
    person.refresh_from_db()
    assert person.email == "applicant@test.example" and person.is_active
    assert CompanyMembership.objects.filter(user=person).exists()
    assert not AuditEvent.objects.filter(verb="privacy.account_erase").exists()


def test_the_only_member_of_a_company_with_a_grant_is_refused_until_a_colleague_joins(users, submitted):
    fund(submitted, decide(submitted, "approve", brussels(2026, 6, 30), users["secretariat"]))
    person = users["applicant"]
    with at(AFTER), translation.override("nl"), pytest.raises(PrivacyError) as refused:
        account_erase(actor=person, user=person)
    assert "subsidie" in refused.value.reasons[0]  # worded in Dutch, the default language
    colleague = make_user("colleague@test.example", "applicant")
    CompanyMembership.objects.create(user=colleague, company=submitted.lead_company)
    with at(AFTER):
        account_erase(actor=person, user=person)
    assert not User.objects.get(pk=person.pk).is_active


def test_open_assessments_block(call, be_lead, nl_partner):
    assessor = make_assessor("expert@test.example", "NL")
    invite(make_application(call, be_lead, nl_partner, title="Warmte"), assessor)
    with at(AFTER), pytest.raises(PrivacyError) as refused:
        account_erase(actor=assessor, user=assessor)
    assert "beoordeling" in refused.value.reasons[0]


def test_staff_accounts_go_through_the_secretariat(users):
    adviser = users["adviser_be"]
    with at(AFTER), pytest.raises(PrivacyError):
        account_erase(actor=adviser, user=adviser)
    request = erasure_request_file(actor=adviser, user=adviser, blockers=["staff"])
    with at(AFTER):
        account_erase(actor=users["secretariat"], user=adviser, request=request)
    request.refresh_from_db()
    assert request.status == ErasureStatus.DONE and request.handled_by == users["secretariat"]
    assert not User.objects.get(pk=adviser.pk).is_active


def test_nobody_else_erases_an_account_and_twice_is_refused(users):
    with pytest.raises(PrivacyError):
        account_erase(actor=users["other_applicant"], user=users["applicant"])
    with at(AFTER):
        account_erase(actor=users["applicant"], user=users["applicant"])
    with pytest.raises(PrivacyError):
        account_erase(actor=users["secretariat"], user=users["applicant"])
    assert ErasureRequest.objects.count() == 1
