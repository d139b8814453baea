"""The allowed status transitions of the assessment's records, in one place (`core.transitions`); services move a
status only through these machines and refuse anything else.

A screening has two statuses (completeness, then eligibility), so two machines; a decision's outcome changes only
when a reserve application moves up (DECISION), or when an upheld objection reopened it (DECISION_REVIEW).
"""

from __future__ import annotations

from crossroads.core.transitions import StateMachine, TransitionError

from .errors import AssessmentError
from .models import AssignmentStatus as A
from .models import Completeness as C
from .models import Eligibility as E
from .models import ObjectionStatus as O
from .models import Outcome


class AssessmentTransitionError(TransitionError, AssessmentError):
    """A refused status change: the core's translated message, and still an `AssessmentError` for the callers (and
    tests) that catch every refused step of the assessment."""


class AssessmentMachine(StateMachine):
    def check(self, current: str, new: str) -> None:
        if not self.allowed(current, new):
            raise AssessmentTransitionError(self, str(current), str(new))


COMPLETENESS = AssessmentMachine.of(
    "screening.completeness",
    C,
    {C.PENDING: {C.COMPLETE, C.INCOMPLETE}, C.INCOMPLETE: {C.COMPLETE}, C.COMPLETE: {C.INCOMPLETE}},
)
ELIGIBILITY = AssessmentMachine.of(
    "screening.eligibility",
    E,
    {
        E.PENDING: {E.ELIGIBLE, E.INELIGIBLE},
        # Back to pending: items were requested after the verdict; it is given again once the file is complete.
        E.ELIGIBLE: {E.INELIGIBLE, E.PENDING},
        E.INELIGIBLE: {E.ELIGIBLE},
    },
)
ASSIGNMENT = AssessmentMachine.of(
    "assignment",
    A,
    {
        A.PROPOSED: {A.INVITED, A.CANCELLED},
        A.INVITED: {A.DECLINED, A.SUBMITTED, A.CANCELLED},
        A.SUBMITTED: {A.INVITED, A.CANCELLED},  # reopened before the consensus, or a conflict found since
        A.DECLINED: set(),
        A.CANCELLED: {A.PROPOSED},
    },
)
DECISION = AssessmentMachine.of(
    "decision.outcome",
    Outcome,
    {
        Outcome.RESERVE: {Outcome.APPROVE},  # moved up from the reserve list when money frees
        Outcome.APPROVE: set(),
        Outcome.APPROVE_CONDITIONS: set(),
        Outcome.REJECT: set(),
    },
)
# A decision reopened by an upheld objection is taken again: any outcome may follow any outcome (a grant already
# created limits it to the approvals, see services/decisions.py `_decision_retake`).
DECISION_REVIEW = AssessmentMachine.of("decision.review", Outcome, {o: set(Outcome.values) for o in Outcome.values})
OBJECTION = AssessmentMachine.of(
    "objection", O, {O.RECEIVED: {O.UPHELD, O.DISMISSED}, O.UPHELD: set(), O.DISMISSED: set()}
)
