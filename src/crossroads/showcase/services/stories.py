"""A funded project's public story: written by the consortium, published by the secretariat.

The consortium (a manager of a partner company) edits summary, story and results and submits them; the secretariat
approves (the text is copied to `published_*` and shows on the public project page) or returns it with a note. An
edit after publication makes the story a draft again: the public keeps seeing the approved copy until the new text
is approved. Every change is audited; the secretariat is mailed a submitted story, the managers of the partner
companies its publication or return (`showcase/messages.py`).

| from      | to        | who          | service        |
|-----------|-----------|--------------|----------------|
| draft     | submitted | consortium   | story_submit   |
| returned  | submitted | consortium   | story_submit   |
| approved  | draft     | consortium   | story_save     |
| submitted | approved  | secretariat  | story_approve  |
| submitted | returned  | secretariat  | story_return   |
| approved  | returned  | secretariat  | story_withdraw |
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot

from .. import messages
from ..errors import ShowcaseError
from ..models import ProjectStory, StoryStatus
from ..permissions import can_review_story, can_write_story
from ..selectors.public import public_agreements
from ..states import STORY_STATES
from ..verbs import ShowcaseVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.grants.models import Agreement

LIMITS = {"summary": 1200, "story": 4000, "results": 2000}
NOTE_LIMIT = 2000
LANGUAGES = ("nl", "en")


def _story_for_update(agreement: Agreement) -> ProjectStory:
    story = ProjectStory.objects.select_for_update().filter(agreement=agreement).first()
    if story is not None:
        return story
    try:
        with transaction.atomic():
            return ProjectStory.objects.create(agreement=agreement)
    except IntegrityError:  # made at the same moment by a colleague
        return ProjectStory.objects.select_for_update().get(agreement=agreement)


def _clean(data: dict[str, Any]) -> dict[str, str]:
    cleaned = {}
    for name, limit in LIMITS.items():
        text = str(data.get(name) or "").strip()
        if len(text) > limit:
            raise ShowcaseError(
                _("Keep this text to %(limit)s characters or fewer.") % {"limit": limit}, field=name, status=400
            )
        cleaned[name] = text
    language = str(data.get("language") or "nl")
    cleaned["language"] = language if language in LANGUAGES else "nl"
    return cleaned


def _write(actor: User, agreement: Agreement, data: dict[str, Any], version: int | None) -> ProjectStory:
    permission = can_write_story(actor, agreement)
    if not permission.allowed:
        raise ShowcaseError(permission.reason, status=403)
    if not public_agreements().filter(pk=agreement.pk).exists():
        raise ShowcaseError(_("A public story can be written once the grant agreement runs."))
    story = _story_for_update(agreement)
    if story.status == StoryStatus.SUBMITTED:
        raise ShowcaseError(
            _("The story is waiting for the secretariat; it can be changed once they have reviewed it.")
        )
    if version is not None and version != story.lock_version:
        raise ShowcaseError(
            _("Someone else changed this story in the meantime. Reload the page and make your change again."),
            field="version",
        )
    before = snapshot(story)
    for name, value in _clean(data).items():
        setattr(story, name, value)
    if story.status == StoryStatus.APPROVED:  # the published copy stays as approved until the edit is approved
        STORY_STATES.move(story, StoryStatus.DRAFT)
    story.lock_version += 1
    story.save()
    audit_record(actor=actor, verb=ShowcaseVerb.STORY_SAVE, obj=story, before=before, after=snapshot(story))
    return story


@transaction.atomic
def story_save(*, actor: User, agreement: Agreement, data: dict[str, Any], version: int | None = None) -> ProjectStory:
    """Keep the text as a draft: nothing changes on the public site."""
    return _write(actor, agreement, data, version)


@transaction.atomic
def story_submit(
    *, actor: User, agreement: Agreement, data: dict[str, Any], version: int | None = None
) -> ProjectStory:
    """Save what was typed and ask the secretariat to publish it. A summary is required."""
    story = _write(actor, agreement, data, version)
    if not story.summary:
        raise ShowcaseError(_("Write a short public summary before you submit the story."), field="summary", status=400)
    before = snapshot(story)
    STORY_STATES.move(story, StoryStatus.SUBMITTED)
    story.submitted_at, story.submitted_by = clock.now(), actor
    story.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit_record(actor=actor, verb=ShowcaseVerb.STORY_SUBMIT, obj=story, before=before, after=snapshot(story))
    messages.story_submitted_notify(story)
    return story


def _reviewable(actor: User, story: ProjectStory) -> ProjectStory:
    permission = can_review_story(actor)
    if not permission.allowed:
        raise ShowcaseError(permission.reason, status=403)
    return ProjectStory.objects.select_for_update().get(pk=story.pk)


@transaction.atomic
def story_approve(*, actor: User, story: ProjectStory) -> ProjectStory:
    """Publish the submitted text: it is copied to the public fields and shows from now on."""
    story = _reviewable(actor, story)
    before = snapshot(story)
    STORY_STATES.move(story, StoryStatus.APPROVED)
    story.published_summary, story.published_story, story.published_results = story.summary, story.story, story.results
    story.published_at = story.reviewed_at = clock.now()
    story.reviewed_by, story.review_note = actor, ""
    story.save()
    audit_record(actor=actor, verb=ShowcaseVerb.STORY_APPROVE, obj=story, before=before, after=snapshot(story))
    messages.story_reviewed_notify(story, published=True)
    return story


def _note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ShowcaseError(_("Tell the consortium what to change."), field="note", status=400)
    if len(note) > NOTE_LIMIT:
        raise ShowcaseError(
            _("Keep this text to %(limit)s characters or fewer.") % {"limit": NOTE_LIMIT}, field="note", status=400
        )
    return note


@transaction.atomic
def story_return(*, actor: User, story: ProjectStory, note: str) -> ProjectStory:
    """Send the submitted text back with a note; a copy published earlier stays online."""
    note = _note(note)
    story = _reviewable(actor, story)
    before = snapshot(story)
    STORY_STATES.move(story, StoryStatus.RETURNED)
    story.review_note, story.reviewed_at, story.reviewed_by = note, clock.now(), actor
    story.save()
    audit_record(actor=actor, verb=ShowcaseVerb.STORY_RETURN, obj=story, before=before, after=snapshot(story))
    messages.story_reviewed_notify(story, published=False)
    return story


@transaction.atomic
def story_withdraw(*, actor: User, story: ProjectStory, note: str) -> ProjectStory:
    """Take a published story offline (for instance at the consortium's request): the published copy is emptied."""
    note = _note(note)
    story = _reviewable(actor, story)
    before = snapshot(story)
    STORY_STATES.move(story, StoryStatus.RETURNED)
    story.published_summary = story.published_story = story.published_results = ""
    story.published_at = None
    story.review_note, story.reviewed_at, story.reviewed_by = note, clock.now(), actor
    story.save()
    audit_record(actor=actor, verb=ShowcaseVerb.STORY_WITHDRAW, obj=story, before=before, after=snapshot(story))
    messages.story_reviewed_notify(story, published=False, taken_offline=True)
    return story
