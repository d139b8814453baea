"""Retention rules (pure, no Django): when an application that was not funded has kept its personal data long
enough, and what an erased account's e-mail address becomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crossroads.core.calendar import add_months

# Why an application is anonymised; also the `reason` stored with it.
REJECTED = "rejected"  # decided: rejected, or left on the reserve list without a grant
INELIGIBLE = "ineligible"  # screened as not eligible
WITHDRAWN = "withdrawn"  # withdrawn and never submitted again before the deadline
NEVER_SUBMITTED = "never_submitted"  # a draft whose call (or full-proposal stage) closed

# The reserved top-level domain .invalid (RFC 2606) can never receive mail, so a placeholder can never reach
# anybody, and it stays unique per account because the id is in it.
PLACEHOLDER_DOMAIN = "erased.invalid"


def placeholder_email(user_id: int) -> str:
    return f"erased-{user_id}@{PLACEHOLDER_DOMAIN}"


def is_placeholder_email(email: str) -> bool:
    return email.endswith("@" + PLACEHOLDER_DOMAIN)


@dataclass(frozen=True)
class ApplicationState:
    """What the retention rule needs to know of one application, read by the selector."""

    status: str  # draft / submitted / withdrawn
    deadline: dt.datetime
    has_grant: bool = False
    decision_outcome: str | None = None
    decided_at: dt.datetime | None = None
    objection_pending: bool = False
    ineligible_since: dt.datetime | None = None
    withdrawn_at: dt.datetime | None = None


@dataclass(frozen=True)
class Retention:
    reason: str
    reference: dt.datetime  # the retention period runs from here

    def ends(self, months: int) -> dt.datetime:
        return add_months(self.reference, months)


def retention_of(state: ApplicationState, now: dt.datetime) -> Retention | None:
    """Why and since when the application's personal data only waits for the retention period to pass; None
    while the application is still in the procedure or was funded (funded records follow Art. 82 CPR and are
    never anonymised here)."""
    if state.has_grant:
        return None
    if state.objection_pending:
        return None  # the objection must be decided on the full file
    if state.decision_outcome is not None:
        if state.decision_outcome in ("reject", "reserve") and state.decided_at is not None:
            return Retention(REJECTED, state.decided_at)
        return None  # approved: a grant follows
    if state.ineligible_since is not None:
        return Retention(INELIGIBLE, state.ineligible_since)
    if state.status == "withdrawn":
        return Retention(WITHDRAWN, state.withdrawn_at or state.deadline)
    if state.status == "draft" and now >= state.deadline:
        # A withdrawn application goes back to a draft; if it was not submitted again, it ends here too.
        if state.withdrawn_at is not None:
            return Retention(WITHDRAWN, max(state.withdrawn_at, state.deadline))
        return Retention(NEVER_SUBMITTED, state.deadline)
    return None


def anonymisation_due(state: ApplicationState, *, months: int, now: dt.datetime) -> Retention | None:
    """The retention if its period has passed at `now`, else None."""
    retention = retention_of(state, now)
    if retention is not None and now >= retention.ends(months):
        return retention
    return None
