"""The application's state table and audit verbs (issue 11): one table, searchable verbs."""

from __future__ import annotations

import pytest

from crossroads.applications.models import ApplicationStatus
from crossroads.applications.states import APPLICATION_STATES
from crossroads.applications.verbs import ApplicationVerb
from crossroads.core.transitions import TransitionError

DRAFT, SUBMITTED, WITHDRAWN = ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN


def test_a_draft_is_submitted_and_a_submitted_application_goes_back_to_draft_only() -> None:
    allowed = {
        (a, b) for a in ApplicationStatus.values for b in ApplicationStatus.values if APPLICATION_STATES.allowed(a, b)
    }
    assert allowed == {(DRAFT, SUBMITTED), (SUBMITTED, DRAFT)}
    with pytest.raises(TransitionError):
        APPLICATION_STATES.check(DRAFT, WITHDRAWN)


def test_the_verbs_keep_the_strings_stored_in_the_audit_trail() -> None:
    assert ApplicationVerb.SUBMIT == "application.submit"
    assert {v.value.split(".")[0] for v in ApplicationVerb} == {
        "application", "partner", "budget", "attachment", "work_package"
    }  # fmt: skip
