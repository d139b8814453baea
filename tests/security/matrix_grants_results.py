"""Matrix rows of the results area: coaching, closure indicators, the follow-up survey.

The world's agreement X is running; its lead is in the province of adviser_region and its partner in Limburg (NL),
which adviser_other covers, so both advisers see the project and log coaching. The coaching contact is
adviser_region's."""

from __future__ import annotations

from typing import Any

from .matrix import ADVISERS, FORBIDDEN, MANAGERS, NOT_FOUND, Case, rule, url

VIEWERS = ("lead", "partner", *ADVISERS, *MANAGERS, "finance")
LOGGERS = (*ADVISERS, *MANAGERS)


def _coaching_post(ids: dict[str, Any]) -> dict[str, Any]:
    return {"happened_on": "2000-01-01", "channel": "call", "company": "project", "topic": "Matrix"}


ROWS: dict[str, list[Case]] = {
    "grants:coaching": [
        Case(url("grants:coaching", "agreement"), rule(NOT_FOUND, ok=VIEWERS)),
        Case(
            url("grants:coaching", "agreement"),
            rule(NOT_FOUND, ok=LOGGERS, forbidden=("lead", "partner", "finance")),
            method="POST",
            data=_coaching_post,
            label="log a contact",
        ),
    ],
    "grants:coaching_delete": [
        Case(
            url("grants:coaching_delete", "coaching"),
            rule(
                NOT_FOUND,
                ok=("adviser_region",),
                forbidden=("lead", "partner", "adviser_other", *MANAGERS, "finance"),
            ),
            method="POST",
        )
    ],
    "grants:my_coaching": [Case(url("grants:my_coaching"), rule(FORBIDDEN, ok=LOGGERS))],
    "grants:indicators": [
        Case(
            url("grants:indicators", "agreement"),
            rule(NOT_FOUND, ok=MANAGERS, forbidden=("lead", "partner", *ADVISERS, "finance")),
        )
    ],
    "grants:survey": [
        Case(
            url("grants:survey", "survey"),
            rule(NOT_FOUND, ok=("lead",), forbidden=("partner", *ADVISERS, *MANAGERS, "finance")),
        )
    ],
}
