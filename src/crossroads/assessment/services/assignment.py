"""Assigning assessors: an optimal proposal (rules/assignment.py, a mixed-integer programme), adjustments by the
secretariat checked against the same constraints, invitations with a due date, reminders, declarations."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.accounts.models import Role
from crossroads.applications.models import Application
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import notify
from crossroads.programme.models import Call

from ..conflicts import conflict_pairs, conflicts_of
from ..errors import AssessmentError
from ..messages import assessments_due, assessors_invited
from ..models import AssessorProfile, Assignment, AssignmentStatus, ConflictDeclaration
from ..rules import assignment as rules
from ..selectors import assessable_applications, assessor_pool
from ..shortfall_text import shortfall_text
from ..states import ASSIGNMENT
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

ACTIVE = (AssignmentStatus.PROPOSED, AssignmentStatus.INVITED, AssignmentStatus.SUBMITTED)
THEME_WEIGHT = 0.2  # a shared transition theme counts as much as a clearly better text match


def _application_text(application: Application) -> str:
    sections = application.sections or {}
    parts = [application.title, sections.get("summary", ""), sections.get("innovation", "")]
    return " ".join(p for p in parts if p)[:2000]


def expertise_fit(assessors: list[AssessorProfile], applications: list[Application]) -> dict[tuple[int, int], float]:
    """Fit of each assessor to each application: the matching engine's encoder compares the assessor's expertise
    (as an offer) with the application's summary and innovation (as a request); shared themes add to it."""
    from crossroads.matching.embeddings import encoder

    if not assessors or not applications:
        return {}
    enc = encoder()
    offers = enc.encode_passages([a.expertise or str(a) for a in assessors])
    requests = enc.encode_queries([_application_text(a) for a in applications])
    similarity = np.asarray(requests @ offers.T)  # applications x assessors
    assessor_themes = [{t.pk for t in a.themes.all()} for a in assessors]
    out = {}
    for i, application in enumerate(applications):
        themes = {t.pk for t in application.themes.all()}
        for j, assessor in enumerate(assessors):
            union = themes | assessor_themes[j]
            jaccard = len(themes & assessor_themes[j]) / len(union) if union else 0.0
            out[(assessor.user_id, application.pk)] = round(float(similarity[i, j]) + THEME_WEIGHT * jaccard, 4)
    return out


def _problem(call: Call, *, keep_proposed: bool) -> tuple[rules.AssignmentProblem, dict]:
    applications = list(assessable_applications(call).prefetch_related("themes"))
    pool = list(assessor_pool().prefetch_related("themes"))
    fit = expertise_fit(pool, applications)
    users = [p.user for p in pool]
    conflicted = conflict_pairs(users, applications)
    existing = Assignment.objects.filter(application__in=applications)
    kept = {AssignmentStatus.INVITED, AssignmentStatus.SUBMITTED}
    if keep_proposed:
        kept.add(AssignmentStatus.PROPOSED)
    in_pool = {p.user_id for p in pool}
    # An assessor who left the pool (deactivated) is not fixed in place: `assignment_check` names the pair so the
    # secretariat can remove it.
    locked = {
        (str(a.assessor_id), str(a.application_id)) for a in existing if a.status in kept and a.assessor_id in in_pool
    }
    excluded = {
        (str(a.assessor_id), str(a.application_id))
        for a in existing
        if a.status in (AssignmentStatus.DECLINED, AssignmentStatus.CANCELLED) and a.assessor_id in in_pool
    }
    problem = rules.AssignmentProblem(
        application_ids=tuple(str(a.pk) for a in applications),
        assessors=tuple(rules.AssessorSlot(str(p.user_id), p.country, p.max_load) for p in pool),
        fit={(str(u), str(a)): f for (u, a), f in fit.items()},
        conflicts=frozenset((str(u), str(a)) for u, a in conflicted),
        per_application=call.assessors_per_application,
        # Each of the programme's countries must be represented among an application's assessors.
        countries=tuple(call.programme.countries),
        locked=frozenset(locked - {(str(u), str(a)) for u, a in conflicted}),
        excluded=frozenset(excluded),
    )
    return problem, fit


@transaction.atomic
def assignment_propose(*, actor: User, call: Call) -> int:
    """Replace the proposed (not yet invited) assignments of the call by the optimal proposal. Returns how many
    assessor places were proposed."""
    _cancel_conflicted(actor, call)
    problem, fit = _problem(call, keep_proposed=False)
    if not problem.application_ids:
        raise AssessmentError(_("No eligible applications to assign yet."))
    try:
        result = rules.propose(problem)
    except rules.AssignmentInfeasible as error:
        raise AssessmentError(" ".join(shortfall_text(s) for s in error.reasons)) from error
    replaced = list(
        Assignment.objects.filter(application__call=call, status=AssignmentStatus.PROPOSED).values_list(
            "application_id", "assessor_id"
        )
    )
    Assignment.objects.filter(application__call=call, status=AssignmentStatus.PROPOSED).delete()
    created = 0
    for application_id, assessor_ids in result.pairs.items():
        for assessor_id in assessor_ids:
            assignment, made = Assignment.objects.get_or_create(
                application_id=int(application_id),
                assessor_id=int(assessor_id),
                defaults={"fit": fit.get((int(assessor_id), int(application_id)), 0.0)},
            )
            if made:
                created += 1
            elif assignment.status == AssignmentStatus.CANCELLED:
                continue
    audit_record(
        actor=actor,
        verb=AssessmentVerb.ASSIGNMENT_PROPOSE,
        obj=call,
        before={"proposed": [list(pair) for pair in replaced]},
        after={"pairs": {k: list(v) for k, v in result.pairs.items()}, "total_fit": round(result.total_fit, 4)},
    )
    return created


def _cancel_conflicted(actor: User, call: Call) -> None:
    """An invited assessor who has become conflicted since (a new shareholding, say) leaves the application, so the
    proposal fills the place with someone else."""
    open_ones = list(
        Assignment.objects.select_for_update()
        .filter(application__call=call, status__in=(AssignmentStatus.PROPOSED, AssignmentStatus.INVITED))
        .select_related("assessor", "application")
    )
    if not open_ones:
        return
    conflicted = conflict_pairs(list({a.assessor for a in open_ones}), list({a.application for a in open_ones}))
    for assignment in open_ones:
        if (assignment.assessor_id, assignment.application_id) in conflicted:
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


def assignment_check(call: Call) -> list[str]:
    """What is wrong with the call's current assignments (proposed, invited, submitted), in words."""
    problem, _fit = _problem(call, keep_proposed=True)
    pairs: dict[str, list[str]] = {a: [] for a in problem.application_ids}
    # Only the applications still in the assessment: one that left it had its open assignments cancelled.
    for a in Assignment.objects.filter(application__call=call, status__in=ACTIVE):
        if str(a.application_id) in pairs:
            pairs[str(a.application_id)].append(str(a.assessor_id))
    # Locked pairs are the ones being checked here: they must not be held against themselves.
    relaxed = replace(problem, locked=frozenset())
    return [shortfall_text(s) for s in rules.check(relaxed, pairs)]


@transaction.atomic
def assignment_add(*, actor: User, application: Application, assessor: User) -> Assignment:
    if assessor.role != Role.ASSESSOR or not AssessorProfile.objects.filter(user=assessor, active=True).exists():
        raise AssessmentError(_("Only assessors from the pool can be assigned."))
    if conflicts_of(assessor, application):
        raise AssessmentError(_("This assessor has a conflict of interest with this application."))
    assignment, made = Assignment.objects.select_for_update().get_or_create(application=application, assessor=assessor)
    if not made:
        if assignment.status != AssignmentStatus.CANCELLED:
            raise AssessmentError(_("This assessor is already assigned to this application."))
        ASSIGNMENT.move(assignment, AssignmentStatus.PROPOSED)
        assignment.save()
    audit_record(actor=actor, verb=AssessmentVerb.ASSIGNMENT_ADD, obj=assignment, after=snapshot(assignment))
    return assignment


@transaction.atomic
def assignment_cancel(*, actor: User, assignment: Assignment) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    before = snapshot(assignment)
    ASSIGNMENT.move(assignment, AssignmentStatus.CANCELLED)
    assignment.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.ASSIGNMENT_CANCEL, obj=assignment, before=before, after=snapshot(assignment)
    )
    return assignment


@transaction.atomic
def assignment_invite(*, actor: User, call: Call, due_date: dt.date | None = None) -> int:
    """Invite the assessors of every proposed assignment, once the whole set satisfies the constraints."""
    problems = assignment_check(call)
    if problems:
        raise AssessmentError(" ".join(problems))
    due = due_date or (clock.today_brussels() + dt.timedelta(days=call.programme.assessment_days))
    if due <= clock.today_brussels():
        raise AssessmentError(_("The due date must lie in the future."))
    invited: dict[int, User] = {}
    for assignment in (
        Assignment.objects.select_for_update()
        .filter(application__call=call, status=AssignmentStatus.PROPOSED)
        .select_related("assessor")
    ):
        before = snapshot(assignment)
        ASSIGNMENT.move(assignment, AssignmentStatus.INVITED)
        assignment.due_date, assignment.invited_at = due, clock.now()
        assignment.save()
        audit_record(
            actor=actor,
            verb=AssessmentVerb.ASSIGNMENT_INVITE,
            obj=assignment,
            before=before,
            after=snapshot(assignment),
        )
        invited.setdefault(assignment.assessor_id, assignment.assessor)
    notify(to=invited.values(), composer=assessors_invited, params={"call_id": call.pk, "due": due.isoformat()})
    return len(invited)


@transaction.atomic
def assignments_remind() -> int:
    """Remind assessors whose due date is near and who have not submitted (once per assignment)."""
    today = clock.today_brussels()
    due: dict[int, list[Assignment]] = {}
    for assignment in (
        Assignment.objects.select_for_update()
        .filter(status=AssignmentStatus.INVITED, reminded_at__isnull=True, due_date__isnull=False)
        .select_related("assessor", "application__call__programme")
    ):
        days = assignment.application.call.programme.assessment_reminder_days
        if assignment.due_date - dt.timedelta(days=days) <= today:
            assignment.reminded_at = clock.now()
            assignment.save(update_fields=["reminded_at", "updated_at"])
            due.setdefault(assignment.assessor_id, []).append(assignment)
    for items in due.values():
        earliest = min(a.due_date for a in items)
        notify(
            to=[items[0].assessor],
            composer=assessments_due,
            params={"count": len(items), "due": earliest.isoformat()},
        )
    return sum(len(v) for v in due.values())


@transaction.atomic
def conflict_declare(*, actor: User, assignment: Assignment, has_conflict: bool, explanation: str = "") -> Assignment:
    """The assessor's declaration, before seeing the application. A conflict ends the assignment."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.assessor_id != actor.pk:
        raise AssessmentError(_("Only the invited assessor can make this declaration."))
    if assignment.status != AssignmentStatus.INVITED:
        raise AssessmentError(_("This assignment is not open."))
    if ConflictDeclaration.objects.filter(assessor=actor, application_id=assignment.application_id).exists():
        raise AssessmentError(_("You already made this declaration."))
    if has_conflict and not explanation.strip():
        raise AssessmentError(_("Say briefly what the conflict of interest is."))
    declaration = ConflictDeclaration.objects.create(
        assessor=actor,
        application_id=assignment.application_id,
        has_conflict=has_conflict,
        explanation=explanation.strip(),
        declared_at=clock.now(),
    )
    audit_record(actor=actor, verb=AssessmentVerb.CONFLICT_DECLARE, obj=declaration, after=snapshot(declaration))
    if has_conflict:
        before = snapshot(assignment)
        ASSIGNMENT.move(assignment, AssignmentStatus.DECLINED)
        assignment.save()
        audit_record(
            actor=actor,
            verb=AssessmentVerb.ASSIGNMENT_DECLINE,
            obj=assignment,
            before=before,
            after=snapshot(assignment),
        )
    return assignment
