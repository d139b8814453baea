"""Screening by the secretariat: complete or incomplete (with the items missing and a deadline), then eligible or
not (with a reason). The applicants are told by e-mail when items are requested and at the eligibility verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.applications.models import Application, ApplicationStatus
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import Email, notify

from ..errors import AssessmentError
from ..messages import screening_eligible, screening_ineligible, screening_items_requested
from ..models import Assignment, AssignmentStatus, Completeness, Decision, Eligibility, Screening
from ..selectors import partner_users
from ..states import ASSIGNMENT, COMPLETENESS, ELIGIBILITY
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def _locked(application: Application) -> Screening:
    if application.status != ApplicationStatus.SUBMITTED:
        raise AssessmentError(_("Only submitted applications are screened."))
    if Decision.objects.filter(application=application).exists():
        raise AssessmentError(_("A decision was taken on this application: its screening can no longer change."))
    screening, _created = Screening.objects.get_or_create(application=application)
    return Screening.objects.select_for_update().get(pk=screening.pk)


def _leave_assessment(actor: User, application: Application) -> None:
    """An application that is no longer eligible leaves the assessment: open invitations and proposals end."""
    for assignment in Assignment.objects.select_for_update().filter(
        application=application, status__in=(AssignmentStatus.PROPOSED, AssignmentStatus.INVITED)
    ):
        before = snapshot(assignment)
        ASSIGNMENT.move(assignment, AssignmentStatus.CANCELLED)
        assignment.save()
        audit_record(
            actor=actor,
            verb=AssessmentVerb.ASSIGNMENT_CANCEL_INELIGIBLE,
            obj=assignment,
            before=before,
            after=snapshot(assignment),
        )


def _tell(application: Application, composer: Callable[..., Email], **params: str) -> None:
    """Tell every user of every partner, each in their own language."""
    notify(to=partner_users(application), composer=composer, params={"application_id": application.pk, **params})


@transaction.atomic
def screening_mark_complete(*, actor: User, application: Application) -> Screening:
    screening = _locked(application)
    before = snapshot(screening)
    COMPLETENESS.move(screening, Completeness.COMPLETE, attribute="completeness")
    screening.screened_by = actor
    screening.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.SCREENING_COMPLETE, obj=screening, before=before, after=snapshot(screening)
    )
    return screening


@transaction.atomic
def screening_request_items(*, actor: User, application: Application, items: str, deadline: dt.datetime) -> Screening:
    if not items.strip():
        raise AssessmentError(_("Say which items are missing."))
    if deadline <= clock.now():
        raise AssessmentError(_("The deadline for the missing items must lie in the future."))
    screening = _locked(application)
    before = snapshot(screening)
    COMPLETENESS.move(screening, Completeness.INCOMPLETE, attribute="completeness")
    screening.screened_by = actor
    screening.missing_items, screening.missing_deadline = items.strip(), deadline
    if screening.eligibility == Eligibility.ELIGIBLE:
        # An incomplete application leaves the assessment until it is complete and found eligible again.
        ELIGIBILITY.move(screening, Eligibility.PENDING, attribute="eligibility")
        _leave_assessment(actor, application)
    screening.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.SCREENING_INCOMPLETE, obj=screening, before=before, after=snapshot(screening)
    )
    _tell(application, screening_items_requested, items=screening.missing_items, deadline=deadline.isoformat())
    return screening


@transaction.atomic
def screening_mark_eligible(*, actor: User, application: Application) -> Screening:
    screening = _locked(application)
    if screening.completeness != Completeness.COMPLETE:
        raise AssessmentError(_("Mark the application complete before deciding that it is eligible."))
    before = snapshot(screening)
    ELIGIBILITY.move(screening, Eligibility.ELIGIBLE, attribute="eligibility")
    screening.ineligible_reason, screening.screened_by = "", actor
    screening.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.SCREENING_ELIGIBLE, obj=screening, before=before, after=snapshot(screening)
    )
    _tell(application, screening_eligible)
    return screening


@transaction.atomic
def screening_mark_ineligible(*, actor: User, application: Application, reason: str) -> Screening:
    if not reason.strip():
        raise AssessmentError(_("Give the reason why the application is not eligible."))
    screening = _locked(application)
    before = snapshot(screening)
    ELIGIBILITY.move(screening, Eligibility.INELIGIBLE, attribute="eligibility")
    screening.ineligible_reason, screening.screened_by = reason.strip(), actor
    screening.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.SCREENING_INELIGIBLE, obj=screening, before=before, after=snapshot(screening)
    )
    _leave_assessment(actor, application)
    _tell(application, screening_ineligible, reason=screening.ineligible_reason)
    return screening
