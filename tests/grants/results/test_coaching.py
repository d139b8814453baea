"""Coaching contacts: who logs them, which dates, who sees the notes, who deletes an entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import CoachingContact
from crossroads.grants.services.results import coaching_delete, coaching_log
from tests.assessment.conftest import at

from .conftest import DURING

pytestmark = pytest.mark.django_db


def _log(actor, running, **extra):  # type: ignore[no-untyped-def]
    values = {
        "company_id": running.partners.get(is_lead=True).company_id,
        "happened_on": dt.date(2027, 2, 15),
        "channel": "visit",
        "topic": "Prototype planning",
        "notes": "Needs a test site in NL.",
    }
    values.update(extra)
    with at(DURING):
        return coaching_log(actor=actor, agreement=running, **values)


def test_the_regions_adviser_and_the_secretariat_log_contacts(running, users):
    contact = _log(users["adviser_be"], running)
    assert contact.adviser == users["adviser_be"]
    assert AuditEvent.objects.filter(verb="coaching.log", object_id=str(contact.pk)).exists()
    whole = _log(users["secretariat"], running, company_id=None)
    assert whole.company is None


def test_an_adviser_of_another_region_and_the_partners_cannot_log(running, users, adviser_zeeland):
    for actor in (adviser_zeeland, users["applicant"], users["finance"]):
        with pytest.raises(GrantError) as refused:
            _log(actor, running)
        assert refused.value.status == 403
    assert not CoachingContact.objects.exists()


def test_a_contact_is_not_in_the_future_and_is_with_a_company_of_the_project(running, users, nl_partner):
    with pytest.raises(GrantError) as future:
        _log(users["adviser_be"], running, happened_on=dt.date(2027, 3, 2))
    assert future.value.field == "happened_on"
    stranger = running.partners.get(is_lead=True).company_id + 1000
    with pytest.raises(GrantError) as other:
        _log(users["adviser_be"], running, company_id=stranger)
    assert other.value.field == "company"


def test_only_the_author_deletes_an_entry_and_the_trail_keeps_it(running, users):
    contact = _log(users["adviser_be"], running)
    with pytest.raises(GrantError):
        coaching_delete(actor=users["secretariat"], contact=contact)
    coaching_delete(actor=users["adviser_be"], contact=contact)
    assert not CoachingContact.objects.exists()
    event = AuditEvent.objects.get(verb="coaching.delete", object_id=str(contact.pk))
    assert event.before["topic"] == "Prototype planning"


def test_the_page_shows_notes_to_advisers_and_only_count_and_dates_to_partners(client, running, users):
    _log(users["adviser_be"], running)
    url = reverse("grants:coaching", args=[running.pk])
    client.force_login(users["adviser_be"])
    page = client.get(url).content.decode()
    assert "Needs a test site in NL." in page and "Prototype planning" in page
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    with translation.override("en"):
        page = client.get(url).content.decode()
    assert "Needs a test site in NL." not in page and "Prototype planning" not in page
    assert "logged 1 coaching contact with" in page
    assert "15 Feb 2027" in page


def test_posting_a_contact_keeps_the_draft_on_a_bad_date(client, running, users):
    client.force_login(users["adviser_be"])
    url = reverse("grants:coaching", args=[running.pk])
    company = running.partners.get(is_lead=True).company_id
    data = {"happened_on": "2027-04-01", "channel": "call", "company": str(company), "topic": "Claims", "notes": ""}
    with at(DURING):
        response = client.post(url, data)
        assert response.status_code == 400
        assert 'value="Claims"' in response.content.decode()
        data["happened_on"] = "2027-02-20"
        assert client.post(url, data).status_code == 302
    assert CoachingContact.objects.get().topic == "Claims"


def test_who_opens_the_coaching_page(client, running, users, adviser_zeeland):
    url = reverse("grants:coaching", args=[running.pk])
    expected = {
        "adviser_be": 200,
        "adviser_nl": 200,  # the partner is in Limburg
        "secretariat": 200,
        "applicant": 200,
        "other_applicant": 200,
        "finance": 200,
        "assessor": 404,
    }
    for name, status in expected.items():
        client.force_login(users[name])
        assert client.get(url).status_code == status, name
    client.force_login(adviser_zeeland)
    assert client.get(url).status_code == 404
    client.force_login(users["applicant"])
    assert client.post(url, {"topic": "x"}).status_code == 403


def test_my_coaching_lists_own_contacts_for_advisers_only(client, running, users):
    _log(users["adviser_be"], running)
    _log(users["adviser_nl"], running, topic="Other adviser")
    client.force_login(users["adviser_be"])
    page = client.get(reverse("grants:my_coaching")).content.decode()
    assert "Prototype planning" in page and "Other adviser" not in page
    client.force_login(users["applicant"])
    assert client.get(reverse("grants:my_coaching")).status_code == 403


def test_delete_view_for_the_author_only(client, running, users):
    contact = _log(users["adviser_be"], running)
    url = reverse("grants:coaching_delete", args=[contact.pk])
    client.force_login(users["adviser_nl"])
    assert client.post(url).status_code == 403
    client.force_login(users["assessor"])
    assert client.post(url).status_code == 404
    client.force_login(users["adviser_be"])
    assert client.post(url).status_code == 302
    assert not CoachingContact.objects.exists()
