"""Matrix rows of the public showcase: the public pages (everyone, logged in or not) and the project story
(the world's agreement X runs; lead and partner are managers of its companies; the secretariat reviews)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .matrix import ADVISERS, FORBIDDEN, MANAGERS, NOT_FOUND, PUBLIC, SECRETARIAT_ONLY, Case, rule, url


def _project(ids: dict[str, Any]) -> str:
    from crossroads.grants.models import Agreement

    return reverse("showcase:project", args=[Agreement.objects.get(pk=ids["agreement"]).reference.lower()])


def _story_post(ids: dict[str, Any]) -> dict[str, Any]:
    return {"language": "nl", "summary": "Matrix", "story": "", "results": "", "save": "1"}


STORY_VIEWERS = ("lead", "partner", *MANAGERS)

ROWS: dict[str, list[Case]] = {
    "showcase:projects": [Case(url("showcase:projects"), PUBLIC)],
    "showcase:project": [Case(_project, PUBLIC)],
    "showcase:editions": [Case(url("showcase:editions"), PUBLIC)],
    "showcase:contact": [
        Case(url("showcase:contact"), PUBLIC),
        Case(lambda ids: reverse("showcase:contact") + "?country=BE&postcode=2440", PUBLIC, label="find adviser"),
    ],
    "showcase:story_worklist": [Case(url("showcase:story_worklist"), SECRETARIAT_ONLY)],
    "showcase:story": [
        Case(url("showcase:story", "agreement"), rule(NOT_FOUND, ok=STORY_VIEWERS, forbidden=(*ADVISERS, "finance"))),
        Case(
            url("showcase:story", "agreement"),
            rule(NOT_FOUND, ok=("lead", "partner"), forbidden=(*ADVISERS, *MANAGERS, "finance")),
            method="POST",
            data=_story_post,
            label="save the story",
        ),
    ],
    "showcase:story_review": [
        Case(
            url("showcase:story_review", "agreement"),
            # The world's project has no story yet: the secretariat finds nothing to review (404); others are refused.
            rule(FORBIDDEN, not_found=MANAGERS),
            method="POST",
            data=lambda ids: {"decision": "approve"},
            label="review",
        )
    ],
}
