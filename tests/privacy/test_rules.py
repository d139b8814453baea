"""The retention rule: when an application that was not funded has kept its personal data long enough."""

from __future__ import annotations

import datetime as dt

from crossroads.privacy.rules import (
    INELIGIBLE,
    NEVER_SUBMITTED,
    REJECTED,
    WITHDRAWN,
    ApplicationState,
    anonymisation_due,
    is_placeholder_email,
    placeholder_email,
    retention_of,
)

UTC = dt.UTC
DEADLINE = dt.datetime(2026, 4, 17, 15, tzinfo=UTC)
LATER = dt.datetime(2030, 1, 1, tzinfo=UTC)


def test_a_rejected_application_counts_from_the_decision_and_waits_the_whole_period():
    decided = dt.datetime(2026, 6, 30, 10, tzinfo=UTC)
    state = ApplicationState(status="submitted", deadline=DEADLINE, decision_outcome="reject", decided_at=decided)
    assert retention_of(state, LATER).reason == REJECTED
    assert anonymisation_due(state, months=24, now=dt.datetime(2028, 6, 30, 9, tzinfo=UTC)) is None
    assert anonymisation_due(state, months=24, now=dt.datetime(2028, 6, 30, 10, tzinfo=UTC)).reference == decided


def test_funded_approved_or_objected_applications_are_never_due():
    decided = dt.datetime(2026, 6, 30, tzinfo=UTC)
    funded = ApplicationState(
        status="submitted", deadline=DEADLINE, decision_outcome="approve", decided_at=decided, has_grant=True
    )
    approved = ApplicationState(status="submitted", deadline=DEADLINE, decision_outcome="approve", decided_at=decided)
    objected = ApplicationState(
        status="submitted", deadline=DEADLINE, decision_outcome="reject", decided_at=decided, objection_pending=True
    )
    for state in (funded, approved, objected):
        assert anonymisation_due(state, months=1, now=LATER) is None


def test_not_eligible_withdrawn_and_never_submitted():
    screened = dt.datetime(2026, 5, 2, tzinfo=UTC)
    ineligible = ApplicationState(status="submitted", deadline=DEADLINE, ineligible_since=screened)
    assert retention_of(ineligible, LATER).reason == INELIGIBLE
    assert retention_of(ineligible, LATER).reference == screened
    draft = ApplicationState(status="draft", deadline=DEADLINE)
    assert retention_of(draft, DEADLINE - dt.timedelta(seconds=1)) is None  # the call is still open
    assert retention_of(draft, DEADLINE).reason == NEVER_SUBMITTED
    withdrawn_draft = ApplicationState(status="draft", deadline=DEADLINE, withdrawn_at=DEADLINE - dt.timedelta(days=3))
    assert retention_of(withdrawn_draft, LATER).reason == WITHDRAWN
    assert retention_of(withdrawn_draft, LATER).reference == DEADLINE


def test_a_submitted_application_still_in_the_procedure_is_not_due():
    assert retention_of(ApplicationState(status="submitted", deadline=DEADLINE), LATER) is None


def test_the_placeholder_address_cannot_receive_mail_and_is_unique():
    assert placeholder_email(7) != placeholder_email(8)
    assert placeholder_email(7).endswith(".invalid")
    assert is_placeholder_email(placeholder_email(7))
    assert not is_placeholder_email("jan@example.be")
