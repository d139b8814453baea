"""After an expression of interest is accepted, either company starts a joint application: its company leads, the
other company is invited as a partner (the usual invitation e-mail); with several open calls it chooses the call
(issue 12, section 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from crossroads.applications import services
from crossroads.applications.models import Application
from crossroads.companies.models import CompanyMembership
from crossroads.core.models import AuditEvent
from crossroads.matching import services as matching
from crossroads.programme.models import Call
from tests.conftest import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(users):  # type: ignore[no-untyped-def]
    be = make_company("Kempense Warmte BV", number="0403.019.261", postcode="2440", city="Geel")
    CompanyMembership.objects.create(user=users["applicant"], company=be, role="manager")
    nl = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    CompanyMembership.objects.create(user=users["other_applicant"], company=nl, role="manager")
    return {"be": be, "nl": nl}


@pytest.fixture
def interest(companies, users):  # type: ignore[no-untyped-def]
    return matching.interest_send(
        actor=users["applicant"], sender=companies["be"], target=companies["nl"], profile=None, message="Samen?"
    )


def close_calls(*, but=None):  # type: ignore[no-untyped-def]
    """The programme's own calls from its rulebook may be open today: the tests decide which calls are open."""
    past = timezone.now() - dt.timedelta(days=1)
    Call.objects.exclude(pk=getattr(but, "pk", None)).update(opens_at=past - dt.timedelta(days=30), closes_at=past)


@pytest.fixture
def only_call(call):  # type: ignore[no-untyped-def]
    close_calls(but=call)
    return call


def accept(interest, users):  # type: ignore[no-untyped-def]
    return matching.interest_answer(actor=users["other_applicant"], interest=interest, accept=True)


def second_call(call):  # type: ignore[no-untyped-def]
    return Call.objects.create(
        programme=call.programme,
        code="second-call",
        name_nl="Tweede oproep",
        name_en="Second call",
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=60),
        budget=Decimal("500000"),
    )


def test_the_accepting_company_starts_as_lead_with_the_sender_invited(only_call, interest, companies, users):
    accept(interest, users)
    mail.outbox.clear()
    application = services.application_start_from_interest(actor=users["other_applicant"], interest_id=interest.pk)
    assert application.call == only_call and application.lead_company == companies["nl"]
    partners = {p.company: p for p in application.partners.all()}
    assert set(partners) == {companies["nl"], companies["be"]}
    invited = partners[companies["be"]]
    assert not invited.is_lead and invited.invite_token and invited.confirmed_at is None
    assert AuditEvent.objects.filter(verb="application.start_from_interest").count() == 1
    assert AuditEvent.objects.filter(verb="partner.add").count() == 1


def test_a_second_click_returns_the_same_draft(only_call, interest, users):
    accept(interest, users)
    first = services.application_start_from_interest(actor=users["applicant"], interest_id=interest.pk)
    again = services.application_start_from_interest(actor=users["applicant"], interest_id=interest.pk)
    assert first.pk == again.pk and Application.objects.count() == 1


def test_refused_before_the_interest_is_accepted(only_call, interest, users):
    with translation.override("en"), pytest.raises(services.ApplicationError, match="accepted"):
        services.application_start_from_interest(actor=users["applicant"], interest_id=interest.pk)
    assert not Application.objects.exists()


def test_refused_to_someone_outside_the_two_companies(only_call, interest, users):
    accept(interest, users)
    with pytest.raises(services.ApplicationError):
        services.application_start_from_interest(actor=users["adviser_be"], interest_id=interest.pk)
    assert not Application.objects.exists()


def test_refused_when_no_call_is_open(programme, interest, users):
    accept(interest, users)
    close_calls()
    with translation.override("en"), pytest.raises(services.ApplicationError, match="No call is open"):
        services.application_start_from_interest(actor=users["applicant"], interest_id=interest.pk)


def test_the_button_posts_and_lands_on_the_new_application(client, only_call, interest, users):
    accept(interest, users)
    client.force_login(users["applicant"])
    response = client.post(reverse("applications:start_from_interest", args=[interest.pk]))
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == reverse("applications:detail", args=[application.pk])


def test_with_several_open_calls_the_page_asks_which(client, only_call, interest, users):
    accept(interest, users)
    other = second_call(only_call)
    client.force_login(users["applicant"])
    url = reverse("applications:start_from_interest", args=[interest.pk])
    with translation.override("en"):
        page = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and not Application.objects.exists()
    assert "Second call" in page.content.decode() or "Tweede oproep" in page.content.decode()
    response = client.post(url, {"call": other.code, "title": "Warmte samen"})
    application = Application.objects.get()
    assert response.status_code == 302 and application.call == other and application.title == "Warmte samen"


def test_the_page_is_hidden_from_other_companies(client, only_call, interest, users):
    accept(interest, users)
    client.force_login(users["adviser_be"])
    url = reverse("applications:start_from_interest", args=[interest.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Application.objects.exists()


def test_a_pending_interest_shows_why_and_starts_nothing(client, only_call, interest, users):
    client.force_login(users["applicant"])
    response = client.post(reverse("applications:start_from_interest", args=[interest.pk]))
    assert response.status_code == 400 and not Application.objects.exists()
