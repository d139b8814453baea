"""After an expression of interest is accepted: both sides see each other's contact details (company, contact
person, e-mail) and a "Start a joint application together" button, never before (issue 12, section 5)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from crossroads.matching import selectors, services
from crossroads.matching.models import ExpressionOfInterest

pytestmark = pytest.mark.django_db

START = "/applications/start-from-interest/{}/"


@pytest.fixture
def interest(users, market):  # type: ignore[no-untyped-def]
    users["other_applicant"].first_name, users["other_applicant"].last_name = "Eva", "Jansen"
    users["other_applicant"].save()
    return services.interest_send(
        actor=users["applicant"],
        sender=market["be"],
        target=market["nl"],
        profile=None,
        message="Wij zoeken camera-inspectie voor onze sorteerlijn.",
    )


@pytest.fixture
def start_view(monkeypatch):  # type: ignore[no-untyped-def]
    """Stands for the applications area's `start_from_interest` view, whichever state that area is in."""
    real = selectors.reverse

    def fake(name, args=None, **kwargs):  # type: ignore[no-untyped-def]
        if name == "applications:start_from_interest":
            return START.format(args[0])
        return real(name, args=args, **kwargs)

    monkeypatch.setattr(selectors, "reverse", fake)


@pytest.fixture
def no_start_view(monkeypatch):  # type: ignore[no-untyped-def]
    real = selectors.reverse

    def fake(name, args=None, **kwargs):  # type: ignore[no-untyped-def]
        if name == "applications:start_from_interest":
            raise NoReverseMatch(name)
        return real(name, args=args, **kwargs)

    monkeypatch.setattr(selectors, "reverse", fake)


def _accept(client, users, interest, callbacks):  # type: ignore[no-untyped-def]
    client.force_login(users["other_applicant"])
    with callbacks(execute=True):
        client.post(reverse("matching:interest_answer", args=[interest.pk]), {"answer": "accept"})


def test_a_pending_interest_shows_no_contact_and_no_start_button(client, users, interest, start_view):
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:interests"))
    (row,) = page.context["sent"]
    assert row.contact is None and row.start_url == ""
    assert "other@test.example" not in page.content.decode()
    assert 'data-testid="start-application"' not in page.content.decode()


def test_once_accepted_both_sides_see_contacts_and_the_start_button(
    client, users, interest, start_view, django_capture_on_commit_callbacks
):
    _accept(client, users, interest, django_capture_on_commit_callbacks)
    interest.refresh_from_db()
    assert interest.responded_by == users["other_applicant"]
    expected = START.format(interest.pk)
    for who, side, other_email in (
        ("applicant", "sent", "other@test.example"),
        ("other_applicant", "received", "applicant@test.example"),
    ):
        users[who].language = "en"
        users[who].save()
        client.force_login(users[who])
        page = client.get(reverse("matching:interests"))
        (row,) = page.context[side]
        assert row.start_url == expected
        html = page.content.decode()
        assert f'action="{expected}"' in html and 'method="post"' in html
        assert "Start a joint application together" in html
        assert other_email in html
    client.force_login(users["applicant"])
    (row,) = client.get(reverse("matching:interests")).context["sent"]
    assert row.contact.company_name == "Visiolab Eindhoven BV"
    assert [(p.name, p.email) for p in row.contact.people] == [("Eva Jansen", "other@test.example")]


def test_without_the_start_view_the_page_still_works_without_the_button(
    client, users, interest, no_start_view, django_capture_on_commit_callbacks
):
    _accept(client, users, interest, django_capture_on_commit_callbacks)
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:interests"))
    assert page.status_code == 200
    (row,) = page.context["sent"]
    assert row.accepted and row.start_url == ""
    assert 'data-testid="start-application"' not in page.content.decode()


def test_the_acceptance_mail_gives_the_contact_person_in_the_senders_language(
    client, users, interest, django_capture_on_commit_callbacks
):
    users["applicant"].language = "en"
    users["applicant"].save()
    mail.outbox.clear()
    _accept(client, users, interest, django_capture_on_commit_callbacks)
    (sent,) = [m for m in mail.outbox if m.to == ["applicant@test.example"]]
    assert "Visiolab Eindhoven BV (Eindhoven) wants to talk" in sent.body
    assert "Contact person: Eva Jansen" in sent.body and "E-mail: other@test.example" in sent.body
    assert "None" not in sent.body


def test_reminder_mails_show_dates_by_the_formatter(users, interest):
    from crossroads.core.formatting import format_date
    from crossroads.matching import messages

    with translation.override("en"):
        email = messages.interest_expiring(interest_id=interest.pk)
        assert format_date(interest.expires_at) in email.body
    assert interest.expires_at.date().isoformat() not in email.body
    assert ExpressionOfInterest.objects.count() == 1
