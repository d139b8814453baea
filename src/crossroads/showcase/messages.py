"""E-mails of a project's public story, composed in the recipient's language by the worker.

- `story_submitted`: to the secretariat, who review it (the consortium would otherwise wait for someone to look);
- `story_published`: to the managers of the partner companies, with the public address;
- `story_returned`: to the same managers, with the secretariat's note (also when a published story is taken off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.accounts.recipients import secretariat_users
from crossroads.core.formatting import site_url
from crossroads.core.notifications import Email, message, notify
from crossroads.grants.selectors.agreement import agreement_managers

from .models import ProjectStory

if TYPE_CHECKING:
    pass


def _story(story_id: int) -> ProjectStory:
    return ProjectStory.objects.select_related("agreement__grant__application").get(pk=story_id)


def _project(story: ProjectStory) -> str:
    return story.agreement.grant.application.title


@message
def story_submitted(*, story_id: int) -> Email:
    story = _story(story_id)
    return Email(
        _("A project story waits for your review: %(project)s") % {"project": _project(story)},
        _(
            "The consortium of “%(project)s” (%(reference)s) sent its public summary, story and results for "
            "publication. Nothing shows on the public project page until you approve it; you can also return it "
            "with a note.\n\n%(link)s"
        )
        % {
            "project": _project(story),
            "reference": story.agreement.reference,
            "link": site_url(reverse("showcase:story", args=[story.agreement_id])),
        },
    )


@message
def story_published(*, story_id: int) -> Email:
    from .selectors.public import slug_of

    story = _story(story_id)
    return Email(
        _("Your project story is online: %(project)s") % {"project": _project(story)},
        _(
            "The secretariat approved the public summary, story and results of “%(project)s”. They show on the "
            "project's public page from now on. A later change shows once the secretariat approves it again.\n\n"
            "%(link)s"
        )
        % {
            "project": _project(story),
            "link": site_url(reverse("showcase:project", args=[slug_of(story.agreement.reference)])),
        },
    )


@message
def story_returned(*, story_id: int, note: str, taken_offline: bool = False) -> Email:
    """`note` travels with the mail: by the time the worker sends it the story may have been resubmitted and
    approved, which clears the note on the story."""
    story = _story(story_id)
    if taken_offline:
        subject = _("Your project story was taken off the public site: %(project)s")
        intro = _("The secretariat took the public story of “%(project)s” off the project's public page.")
    else:
        subject = _("Your project story needs a change: %(project)s")
        intro = _("The secretariat returned the public story of “%(project)s” before publishing it.")
    return Email(
        subject % {"project": _project(story)},
        _("%(intro)s\n\nThe secretariat's note:\n%(note)s\n\nChange the text and send it again:\n%(link)s")
        % {
            "intro": intro % {"project": _project(story)},
            "note": note,
            "link": site_url(reverse("showcase:story", args=[story.agreement_id])),
        },
    )


def story_submitted_notify(story: ProjectStory) -> None:
    notify(to=secretariat_users(), composer=story_submitted, params={"story_id": story.pk})


def story_reviewed_notify(story: ProjectStory, *, published: bool, taken_offline: bool = False) -> None:
    if published:
        notify(to=agreement_managers(story.agreement), composer=story_published, params={"story_id": story.pk})
    else:
        params = {"story_id": story.pk, "note": story.review_note, "taken_offline": taken_offline}
        notify(to=agreement_managers(story.agreement), composer=story_returned, params=params)
