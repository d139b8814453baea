"""The allowed status transitions, in one place; services refuse anything else."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .errors import AssessmentError
from .models import AssignmentStatus as A
from .models import Completeness as C
from .models import Eligibility as E
from .models import ObjectionStatus as O

COMPLETENESS = {C.PENDING: {C.COMPLETE, C.INCOMPLETE}, C.INCOMPLETE: {C.COMPLETE}, C.COMPLETE: {C.INCOMPLETE}}
ELIGIBILITY = {E.PENDING: {E.ELIGIBLE, E.INELIGIBLE}, E.ELIGIBLE: {E.INELIGIBLE}, E.INELIGIBLE: {E.ELIGIBLE}}
ASSIGNMENT = {
    A.PROPOSED: {A.INVITED, A.CANCELLED},
    A.INVITED: {A.DECLINED, A.SUBMITTED, A.CANCELLED},
    A.SUBMITTED: {A.INVITED, A.CANCELLED},  # reopened before the consensus, or a conflict found since
    A.DECLINED: set(),
    A.CANCELLED: {A.PROPOSED},
}
OBJECTION = {O.RECEIVED: {O.UPHELD, O.DISMISSED}, O.UPHELD: set(), O.DISMISSED: set()}


def require(table: dict, current: str, target: str) -> None:
    if target not in table.get(current, set()):
        raise AssessmentError(_("This step is not possible now (%(from)s → %(to)s).") % {"from": current, "to": target})
