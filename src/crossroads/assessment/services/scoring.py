"""Scores of the assessors (independent until all have submitted) and the committee's consensus."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from crossroads.applications.models import Application
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.numbers import NumberFormatError, parse_decimal

from ..compliance import require_rules_met
from ..errors import AssessmentError
from ..models import Assignment, AssignmentStatus, ConsensusScore, Decision, Score
from ..permissions import can_score
from ..selectors import all_submitted, conflicted_submissions, current_ranking
from ..states import ASSIGNMENT
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

HALF = Decimal("0.5")


class ScoreErrors(AssessmentError):
    """Per-criterion problems: {criterion code: message}; nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some scores need attention."))
        self.errors = errors


def parse_score(text: Any, scale_max: int, *, language: str | None = None) -> Decimal:
    """A score typed by a person, read in the user's language ("7,5" or "7.5"): 0 to the scale's maximum in steps
    of 0.5. The one number parser refuses other scripts' digits ("٣"), exponents ("1e3") and NaN."""
    try:
        if str(text).strip().startswith("+"):  # a score is a plain number; "+7" is a formula start in spreadsheets
            raise NumberFormatError("invalid")
        value = parse_decimal(text, language=language or (translation.get_language() or "nl")[:2])
    except NumberFormatError:
        raise ValueError(_("Enter a number, for example 7 or 7,5.")) from None
    if value < 0 or value > scale_max:
        raise ValueError(_("Enter a score from 0 to %(max)s.") % {"max": scale_max})
    if value % HALF != 0:
        raise ValueError(_("Use whole or half points, for example 7 or 7,5."))
    return (abs(value) if value.is_zero() else value).quantize(Decimal("0.1"))  # "-0" is stored as 0.0


def _validated(criteria: list, values: dict[str, tuple[str, str]], *, complete: bool, text_missing: str = "") -> dict:
    """{criterion code: (score or None, justification)}; raises ScoreErrors with every problem at once."""
    errors, clean = {}, {}
    for criterion in criteria:
        text, justification = values.get(criterion.code, ("", ""))
        justification = (justification or "").strip()
        score = None
        if "\x00" in justification:
            # A NUL byte cannot be stored (PostgreSQL refuses it); a form field would refuse it the same way.
            errors[criterion.code] = _("Null characters are not allowed.")
            continue
        if str(text or "").strip():
            try:
                score = parse_score(text, criterion.scale_max)
            except ValueError as error:
                errors[criterion.code] = str(error)
                continue
        if complete and score is None:
            errors[criterion.code] = _("Give a score.")
        elif complete and not justification:
            errors[criterion.code] = text_missing or _("A justification is required for every score.")
        clean[criterion.code] = (score, justification)
    if errors:
        raise ScoreErrors(errors)
    return clean


@transaction.atomic
def scores_save(*, actor: User, assignment: Assignment, values: dict[str, tuple[str, str]], submit: bool) -> Assignment:
    """Save the assessor's scores as a draft, or submit them (all criteria, each with a justification)."""
    assignment = Assignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    allowed = can_score(actor, assignment)
    if not allowed:
        raise AssessmentError(str(allowed.reason))
    criteria = list(assignment.application.call.criteria.order_by("order"))
    clean = _validated(criteria, values, complete=submit)
    before = {s.criterion.code: [str(s.score), s.justification] for s in assignment.scores.select_related("criterion")}
    for criterion in criteria:
        score, justification = clean[criterion.code]
        if score is None:
            Score.objects.filter(assignment=assignment, criterion=criterion).delete()
            continue
        Score.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"score": score, "justification": justification}
        )
    after = {code: [str(s) if s is not None else None, j] for code, (s, j) in clean.items()}
    if submit:
        ASSIGNMENT.move(assignment, AssignmentStatus.SUBMITTED)
        assignment.submitted_at = clock.now()
        assignment.save()
    verb = AssessmentVerb.SCORES_SUBMIT if submit else AssessmentVerb.SCORES_SAVE
    audit_record(actor=actor, verb=verb, obj=assignment, before={"scores": before}, after={"scores": after})
    return assignment


@transaction.atomic
def assignment_reopen(*, actor: User, assignment: Assignment) -> Assignment:
    """Give submitted scores back to the assessor (before the committee's consensus)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if ConsensusScore.objects.filter(application_id=assignment.application_id).exists():
        raise AssessmentError(_("The committee already recorded a consensus for this application."))
    before = snapshot(assignment)
    ASSIGNMENT.move(assignment, AssignmentStatus.INVITED)
    assignment.submitted_at = None
    assignment.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.ASSIGNMENT_REOPEN, obj=assignment, before=before, after=snapshot(assignment)
    )
    return assignment


@transaction.atomic
def consensus_record(*, actor: User, application: Application, values: dict[str, tuple[str, str]]) -> None:
    """The committee's score and rationale per criterion, once every assessor has submitted."""
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    for assignment in conflicted_submissions(application):
        # A conflict found after the assessor submitted: the scores leave the assessment before any consensus.
        before = snapshot(assignment)
        ASSIGNMENT.move(assignment, AssignmentStatus.CANCELLED)
        assignment.save()
        audit_record(
            actor=actor,
            verb=AssessmentVerb.ASSIGNMENT_CANCEL_CONFLICT,
            obj=assignment,
            before=before,
            after=snapshot(assignment),
        )
    if not all_submitted(application):
        raise AssessmentError(_("The consensus is recorded after every assessor has submitted."))
    require_rules_met(application)  # enough completed assessments, each country represented, or an override
    if Decision.objects.filter(application=application).exists():
        raise AssessmentError(_("A decision was taken: the scores can no longer change."))
    if current_ranking(application.call) is not None:
        # The frozen ranking, the decisions and the letters must show the same scores.
        raise AssessmentError(_("The ranking is frozen: unfreeze it before changing a consensus score."))
    criteria = list(application.call.criteria.order_by("order"))
    clean = _validated(criteria, values, complete=True, text_missing=_("A rationale is required for every score."))
    before = {c.criterion.code: [str(c.score), c.rationale] for c in application.consensus.select_related("criterion")}
    now = clock.now()
    for criterion in criteria:
        score, rationale = clean[criterion.code]
        ConsensusScore.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={"score": score, "rationale": rationale, "recorded_by": actor, "recorded_at": now},
        )
    after = {code: [str(s), r] for code, (s, r) in clean.items()}
    audit_record(
        actor=actor,
        verb=AssessmentVerb.CONSENSUS_RECORD,
        obj=application,
        before={"consensus": before},
        after={"consensus": after},
    )
