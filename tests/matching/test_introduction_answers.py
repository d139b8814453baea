"""Introductions from the applicant's side: the companies see the introductions made for them, answer (interested
or not, with a note), the adviser hears each answer, and contact details go to both only when both are interested
(issue 12, section 5)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.matching import services
from crossroads.matching.models import Introduction, IntroductionReply, IntroductionStatus, ReplyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def introduction(users, market, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    users["applicant"].first_name, users["applicant"].last_name = "Jan", "Peeters"
    users["applicant"].save()
    with django_capture_on_commit_callbacks(execute=True):
        intro = services.introduction_propose(
            actor=users["adviser_be"],
            company_a=market["be"],
            company_b=market["nl"],
            note="Jullie vullen elkaar aan: sorteerlijn en camera-inspectie.",
        )
    return intro


def _answer_url(intro: Introduction) -> str:
    return reverse("matching:introduction_answer", args=[intro.pk])


def test_the_introduction_mail_asks_for_an_answer_and_gives_no_contact_details_yet(users, introduction):
    assert len(mail.outbox) == 2
    for sent in mail.outbox:
        assert reverse("matching:interests") in sent.body
        # Each side learns the other's name from the adviser, but no addresses before both agreed.
        assert "applicant@test.example" not in sent.body and "other@test.example" not in sent.body


def test_both_companies_see_the_introduction_with_an_answer_button(client, users, introduction):
    for who in ("applicant", "other_applicant"):
        client.force_login(users[who])
        page = client.get(reverse("matching:interests"))
        rows = page.context["introductions"]
        assert [r.introduction.pk for r in rows] == [introduction.pk]
        assert rows[0].waiting and not rows[0].contacts
        assert _answer_url(introduction) in page.content.decode()
        profiles_page = client.get(reverse("matching:my_profiles"))
        assert _answer_url(introduction) in profiles_page.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("applicant", 200),  # member of company A
        ("other_applicant", 200),  # member of company B
        ("adviser_be", 404),  # made the introduction, but does not answer for a company
        ("adviser_nl", 404),
        ("secretariat", 404),
        ("assessor", 404),
        ("finance", 404),
        ("admin", 404),
    ],
)
def test_who_may_answer_an_introduction(client, users, introduction, role, expected):
    client.force_login(users[role])
    assert client.get(_answer_url(introduction)).status_code == expected
    response = client.post(_answer_url(introduction), {"answer": "interested"})
    replies = IntroductionReply.objects.filter(introduction=introduction)
    if expected == 200:
        assert response.status_code == 302
        assert replies.filter(status=ReplyStatus.INTERESTED).count() == 1
    else:
        assert response.status_code == 404
        assert not replies.exclude(status=ReplyStatus.WAITING).exists()


def test_an_applicant_of_another_company_and_a_stranger_are_refused(client, users, introduction, market):
    from crossroads.companies.models import CompanyMembership
    from tests.conftest import make_user

    outsider = make_user("outsider@test.example", "applicant")
    CompanyMembership.objects.create(user=outsider, company=market["bakery"])
    client.force_login(outsider)
    assert client.get(_answer_url(introduction)).status_code == 404
    assert client.post(_answer_url(introduction), {"answer": "interested"}).status_code == 404
    client.logout()
    assert client.get(_answer_url(introduction)).status_code == 302  # to the login page
    assert client.get(reverse("matching:introduction_answer", args=["99999999999999999999999"])).status_code == 302


def test_an_answer_is_audited_and_the_adviser_hears_it_with_the_note(
    client, users, introduction, django_capture_on_commit_callbacks
):
    users["adviser_be"].language = "en"
    users["adviser_be"].save()
    mail.outbox.clear()
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_answer_url(introduction), {"answer": "not_interested", "note": "Geen capaciteit dit jaar."})
    reply = IntroductionReply.objects.get(introduction=introduction, company__legal_name="Kempen Kringloop BV")
    assert reply.status == ReplyStatus.NOT_INTERESTED and reply.answered_by == users["applicant"]
    assert AuditEvent.objects.filter(verb="introduction.reply.not_interested", object_id=str(reply.pk)).exists()
    assert [m.to for m in mail.outbox] == [["adviser-be@test.example"]]
    body = mail.outbox[0].body
    assert "Kempen Kringloop BV answered your introduction to Visiolab Eindhoven BV: Not interested." in body
    assert "Geen capaciteit dit jaar." in body
    # No contact details for anyone: not both are interested.
    assert not any("other@test.example" in m.body for m in mail.outbox)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROPOSED


def test_an_answer_is_given_once(client, users, introduction):
    client.force_login(users["applicant"])
    client.post(_answer_url(introduction), {"answer": "interested"})
    response = client.post(_answer_url(introduction), {"answer": "not_interested"})
    assert response.status_code == 302
    reply = IntroductionReply.objects.get(introduction=introduction, company__legal_name="Kempen Kringloop BV")
    assert reply.status == ReplyStatus.INTERESTED


def test_a_missing_answer_or_a_bad_phone_number_is_shown_at_the_field_and_keeps_the_note(client, users, introduction):
    client.force_login(users["applicant"])
    response = client.post(_answer_url(introduction), {"note": "Graag meer uitleg.", "phone": "bel me"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "answer" in form.errors and "phone" in form.errors
    assert "Graag meer uitleg." in response.content.decode()
    assert not IntroductionReply.objects.exclude(status=ReplyStatus.WAITING).exists()


def test_when_both_are_interested_both_get_both_sides_contact_details_once(
    client, users, introduction, django_capture_on_commit_callbacks
):
    users["other_applicant"].language = "en"
    users["other_applicant"].save()
    mail.outbox.clear()
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_answer_url(introduction), {"answer": "interested", "phone": "+32 14 12 34 56"})
    assert [m.to for m in mail.outbox] == [["adviser-be@test.example"]]  # only the adviser so far
    client.force_login(users["other_applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_answer_url(introduction), {"answer": "interested"})
    agreed = [m for m in mail.outbox if m.to != ["adviser-be@test.example"]]
    assert sorted(m.to[0] for m in agreed) == ["applicant@test.example", "other@test.example"]
    english = next(m for m in agreed if m.to == ["other@test.example"])
    assert "Kempen Kringloop BV" in english.body and "Visiolab Eindhoven BV" in english.body
    assert "Contact person: Jan Peeters" in english.body
    assert "E-mail: applicant@test.example" in english.body
    assert "Telephone: +32 14 12 34 56" in english.body
    assert "E-mail: other@test.example" in english.body
    assert "None" not in english.body
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.CONTACTED
    # The page shows the details too, now.
    page = client.get(reverse("matching:interests"))
    (row,) = page.context["introductions"]
    assert row.agreed and {c.company_name for c in row.contacts} == {"Kempen Kringloop BV", "Visiolab Eindhoven BV"}
    assert "applicant@test.example" in page.content.decode()


def test_the_adviser_sees_the_answers_by_label(client, users, introduction):
    client.force_login(users["applicant"])
    client.post(_answer_url(introduction), {"answer": "interested"})
    users["adviser_be"].language = "en"
    users["adviser_be"].save()
    client.force_login(users["adviser_be"])
    page = client.get(reverse("matching:adviser_matches")).content.decode()
    assert "Kempen Kringloop BV: Interested" in page
    assert "Visiolab Eindhoven BV: No answer yet" in page
    assert "not_interested" not in page and ": waiting" not in page
