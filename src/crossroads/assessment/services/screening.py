"""Screening by the secretariat: complete or incomplete (with the items missing and a deadline), then eligible or
not (with a reason). The applicants are told by e-mail when items are requested and at the eligibility verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from crossroads.applications.models import Application, ApplicationStatus
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_brussels, site_url

from ..errors import AssessmentError
from ..models import Assignment, AssignmentStatus, Completeness, Decision, Eligibility, Screening
from ..notify import mail_after_commit, partner_users
from ..states import COMPLETENESS, ELIGIBILITY, require


def _locked(application: Application) -> Screening:
    if application.status != ApplicationStatus.SUBMITTED:
        raise AssessmentError(_("Only submitted applications are screened."))
    if Decision.objects.filter(application=application).exists():
        raise AssessmentError(_("A decision was taken on this application: its screening can no longer change."))
    screening, _created = Screening.objects.get_or_create(application=application)
    return Screening.objects.select_for_update().get(pk=screening.pk)


def _leave_assessment(actor: Any, application: Application) -> None:
    """An application that is no longer eligible leaves the assessment: open invitations and proposals end."""
    for assignment in Assignment.objects.select_for_update().filter(
        application=application, status__in=(AssignmentStatus.PROPOSED, AssignmentStatus.INVITED)
    ):
        before = snapshot(assignment)
        assignment.status = AssignmentStatus.CANCELLED
        assignment.save()
        audit_record(
            actor=actor, verb="assignment.cancel_ineligible", obj=assignment, before=before, after=snapshot(assignment)
        )


def _tell(application: Application, subject: str, body: str, params: dict) -> None:
    link = site_url(reverse("applications:detail", args=[application.pk]))

    def compose(_user: Any) -> tuple[str, str]:
        values = {**params, "title": application.title, "link": link}
        return _(subject) % values, _(body) % values

    mail_after_commit(partner_users(application), compose)


@transaction.atomic
def screening_mark_complete(*, actor: Any, application: Application) -> Screening:
    screening = _locked(application)
    require(COMPLETENESS, screening.completeness, Completeness.COMPLETE)
    before = snapshot(screening)
    screening.completeness, screening.screened_by = Completeness.COMPLETE, actor
    screening.save()
    audit_record(actor=actor, verb="screening.complete", obj=screening, before=before, after=snapshot(screening))
    return screening


@transaction.atomic
def screening_request_items(*, actor: Any, application: Application, items: str, deadline: dt.datetime) -> Screening:
    if not items.strip():
        raise AssessmentError(_("Say which items are missing."))
    if deadline <= clock.now():
        raise AssessmentError(_("The deadline for the missing items must lie in the future."))
    screening = _locked(application)
    require(COMPLETENESS, screening.completeness, Completeness.INCOMPLETE)
    before = snapshot(screening)
    screening.completeness, screening.screened_by = Completeness.INCOMPLETE, actor
    screening.missing_items, screening.missing_deadline = items.strip(), deadline
    if screening.eligibility == Eligibility.ELIGIBLE:
        # An incomplete application leaves the assessment until it is complete and found eligible again.
        screening.eligibility = Eligibility.PENDING
        _leave_assessment(actor, application)
    screening.save()
    audit_record(actor=actor, verb="screening.incomplete", obj=screening, before=before, after=snapshot(screening))
    _tell(
        application,
        gettext_noop("Missing items for %(title)s"),
        gettext_noop(
            "The secretariat screened your application %(title)s and needs the following before %(deadline)s "
            "(Brussels time):\n\n%(items)s\n\nSend them through the application page: %(link)s"
        ),
        {"items": screening.missing_items, "deadline": format_brussels(deadline)},
    )
    return screening


@transaction.atomic
def screening_mark_eligible(*, actor: Any, application: Application) -> Screening:
    screening = _locked(application)
    if screening.completeness != Completeness.COMPLETE:
        raise AssessmentError(_("Mark the application complete before deciding that it is eligible."))
    require(ELIGIBILITY, screening.eligibility, Eligibility.ELIGIBLE)
    before = snapshot(screening)
    screening.eligibility, screening.ineligible_reason, screening.screened_by = Eligibility.ELIGIBLE, "", actor
    screening.save()
    audit_record(actor=actor, verb="screening.eligible", obj=screening, before=before, after=snapshot(screening))
    _tell(
        application,
        gettext_noop("%(title)s is eligible"),
        gettext_noop(
            "Your application %(title)s is complete and eligible. It now goes to the expert assessment.\n%(link)s"
        ),
        {},
    )
    return screening


@transaction.atomic
def screening_mark_ineligible(*, actor: Any, application: Application, reason: str) -> Screening:
    if not reason.strip():
        raise AssessmentError(_("Give the reason why the application is not eligible."))
    screening = _locked(application)
    require(ELIGIBILITY, screening.eligibility, Eligibility.INELIGIBLE)
    before = snapshot(screening)
    screening.eligibility, screening.ineligible_reason, screening.screened_by = (
        Eligibility.INELIGIBLE,
        reason.strip(),
        actor,
    )
    screening.save()
    audit_record(actor=actor, verb="screening.ineligible", obj=screening, before=before, after=snapshot(screening))
    _leave_assessment(actor, application)
    _tell(
        application,
        gettext_noop("%(title)s is not eligible"),
        gettext_noop(
            "The secretariat decided that your application %(title)s is not eligible, for this reason:\n\n"
            "%(reason)s\n\n%(link)s"
        ),
        {"reason": screening.ineligible_reason},
    )
    return screening
