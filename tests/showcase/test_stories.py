"""The project story: the consortium writes and submits, the secretariat approves or returns; an edit after
publication does not go live until approved again; every step is audited; each role gets what it may."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.showcase.errors import ShowcaseError
from crossroads.showcase.models import StoryStatus
from crossroads.showcase.selectors.public import public_project
from crossroads.showcase.services.stories import story_approve, story_return, story_save, story_submit

pytestmark = pytest.mark.django_db

TEXT = {"language": "nl", "summary": "Eerste tekst", "story": "Verhaal", "results": "Prototype"}


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_submit_approve_then_an_edit_waits_for_a_new_approval(running, users):
    story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
    assert story.status == StoryStatus.SUBMITTED
    assert public_project(running.reference.lower()).summary == ""
    story_approve(actor=users["secretariat"], story=story)
    assert public_project(running.reference.lower()).summary == "Eerste tekst"
    edited = story_save(actor=users["other_applicant"], agreement=running, data={**TEXT, "summary": "Nieuwe tekst"})
    assert edited.status == StoryStatus.DRAFT
    assert public_project(running.reference.lower()).summary == "Eerste tekst"
    again = story_submit(actor=users["applicant"], agreement=running, data={**TEXT, "summary": "Nieuwe tekst"})
    story_approve(actor=users["secretariat"], story=again)
    assert public_project(running.reference.lower()).summary == "Nieuwe tekst"
    verbs = list(AuditEvent.objects.filter(object_type="showcase.projectstory").values_list("verb", flat=True))
    assert verbs.count("story.approve") == 2 and "story.save" in verbs and "story.submit" in verbs


def test_return_needs_a_note_and_the_consortium_can_resubmit(running, users):
    story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
    with pytest.raises(ShowcaseError):
        story_return(actor=users["secretariat"], story=story, note="  ")
    story = story_return(actor=users["secretariat"], story=story, note="Geen bedragen noemen.")
    assert story.status == StoryStatus.RETURNED and story.review_note == "Geen bedragen noemen."
    assert story_submit(actor=users["applicant"], agreement=running, data=TEXT).status == StoryStatus.SUBMITTED


def test_only_a_partner_manager_writes_and_only_the_secretariat_reviews(running, users):
    for role in ("adviser_be", "finance", "secretariat", "assessor"):
        with pytest.raises(ShowcaseError):
            story_save(actor=users[role], agreement=running, data=TEXT)
    story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
    for role in ("applicant", "adviser_be", "finance"):
        with pytest.raises(ShowcaseError):
            story_approve(actor=users[role], story=story)


def test_no_story_before_the_agreement_runs(agreement, users):
    with pytest.raises(ShowcaseError):
        story_save(actor=users["applicant"], agreement=agreement, data=TEXT)


def test_story_pages_per_role(running, users):
    page = reverse("showcase:story", args=[running.pk])
    assert Client().get(page).status_code == 302  # to the login
    assert _client(users["applicant"]).get(page).status_code == 200
    assert _client(users["secretariat"]).get(page).status_code == 200
    assert _client(users["finance"]).get(page).status_code == 403
    assert _client(users["assessor"]).get(page).status_code == 404
    response = _client(users["applicant"]).post(page, {**TEXT, "submit": "1"})
    assert response.status_code == 302
    assert _client(users["secretariat"]).post(page, TEXT).status_code == 403
    worklist = reverse("showcase:story_worklist")
    assert _client(users["applicant"]).get(worklist).status_code == 403
    assert "Warmte over de grens" in _client(users["secretariat"]).get(worklist).content.decode()
    review = reverse("showcase:story_review", args=[running.pk])
    assert _client(users["applicant"]).post(review, {"decision": "approve"}).status_code == 403
    assert _client(users["secretariat"]).post(review, {"decision": "approve"}).status_code == 302
    assert public_project(running.reference.lower()).summary == "Eerste tekst"


def test_each_step_tells_the_people_who_act_next(running, users, mailoutbox, django_capture_on_commit_callbacks):
    from crossroads.showcase.services.stories import story_withdraw

    users["applicant"].language = "en"  # each recipient reads the mail in their own language
    users["applicant"].save()
    with django_capture_on_commit_callbacks(execute=True):
        story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
    (to_secretariat,) = mailoutbox
    assert to_secretariat.to == [users["secretariat"].email]
    assert "wacht op jouw beoordeling" in to_secretariat.subject  # the secretariat's language: Dutch
    assert reverse("showcase:story", args=[running.pk]) in to_secretariat.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story = story_return(actor=users["secretariat"], story=story, note="Geen bedragen noemen.")
    managers = {m.to[0]: m for m in mailoutbox}
    assert users["applicant"].email in managers and users["secretariat"].email not in managers
    returned = managers[users["applicant"].email]
    assert "needs a change" in returned.subject and "Geen bedragen noemen." in returned.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
        story = story_approve(actor=users["secretariat"], story=story)
    published = next(m for m in mailoutbox if m.to == [users["applicant"].email])
    assert "is online" in published.subject and f"/projects/{running.reference.lower()}/" in published.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story_withdraw(actor=users["secretariat"], story=story, note="Op vraag van het consortium.")
    offline = next(m for m in mailoutbox if m.to == [users["applicant"].email])
    assert "taken off the public site" in offline.subject and "Op vraag van het consortium." in offline.body


def test_a_returned_story_mail_keeps_its_note_when_the_story_moves_on_before_it_is_sent(
    running, users, mailoutbox, django_capture_on_commit_callbacks
):
    # The mails go out after commit, through the worker; by then the consortium may have resubmitted and the
    # secretariat approved, which clears the note on the story.
    with django_capture_on_commit_callbacks(execute=True):
        story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
        story = story_return(actor=users["secretariat"], story=story, note="Geen bedragen noemen.")
        story = story_submit(actor=users["applicant"], agreement=running, data=TEXT)
        story_approve(actor=users["secretariat"], story=story)
    returned = [m for m in mailoutbox if m.to == [users["applicant"].email] and "aangepast" in m.subject]
    assert len(returned) == 1 and "Geen bedragen noemen." in returned[0].body
