"""State table of a project's public story. Services move a story only through it.

draft -> submitted (the consortium asks for publication) -> approved (the secretariat publishes the copy) or
returned (with a note) -> submitted again. An edit of an approved story makes it a draft again: the published copy
stays online, unchanged, until the new text is approved. The secretariat can withdraw a published story
(approved -> returned), which empties the published copy.
"""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import StoryStatus

S = StoryStatus

STORY_STATES = StateMachine.of(
    "story",
    StoryStatus,
    {
        S.DRAFT: {S.SUBMITTED},
        S.SUBMITTED: {S.APPROVED, S.RETURNED},
        S.RETURNED: {S.SUBMITTED, S.DRAFT},
        S.APPROVED: {S.DRAFT, S.RETURNED},
    },
)
