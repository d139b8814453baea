"""The audit verbs of the assessment (the strings are stored in the trail: never change one)."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class AssessmentVerb(AuditVerb):
    SCREENING_COMPLETE = "screening.complete"
    SCREENING_INCOMPLETE = "screening.incomplete"
    SCREENING_ELIGIBLE = "screening.eligible"
    SCREENING_INELIGIBLE = "screening.ineligible"
    ASSIGNMENT_PROPOSE = "assignment.propose"
    ASSIGNMENT_ADD = "assignment.add"
    ASSIGNMENT_CANCEL = "assignment.cancel"
    ASSIGNMENT_CANCEL_CONFLICT = "assignment.cancel_conflict"
    ASSIGNMENT_CANCEL_INELIGIBLE = "assignment.cancel_ineligible"
    ASSIGNMENT_INVITE = "assignment.invite"
    ASSIGNMENT_DECLINE = "assignment.decline"
    ASSIGNMENT_REOPEN = "assignment.reopen"
    CONFLICT_DECLARE = "conflict.declare"
    SCORES_SAVE = "scores.save"
    SCORES_SUBMIT = "scores.submit"
    CONSENSUS_RECORD = "consensus.record"
    RULES_OVERRIDE = "assessment.override"  # going on despite the call's assessment rules, with a reason
    RANKING_FREEZE = "ranking.freeze"
    RANKING_UNFREEZE = "ranking.unfreeze"
    DECISION_RECORD = "decision.record"
    DECISION_PROMOTE = "decision.promote"
    GRANT_CREATE = "grant.create"
    GRANT_RENOUNCE = "grant.renounce"
    DE_MINIMIS_REMOVE = "de_minimis.remove"  # an approved grant given up: its aid leaves the company's ledger
    OBJECTION_LODGE = "objection.lodge"
    OBJECTION_RESOLVE = "objection.resolve"
    DECISION_REOPEN = "decision.reopen"  # an upheld objection: the application is back on the decision list
