"""Submission and what moves an application's status (always through `APPLICATION_STATES`): submit, withdraw, and
the invitation of a project idea to a full proposal. The submission keeps an immutable snapshot; its PDF and e-mail
are made by `pdf_task` after the commit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_brussels
from crossroads.core.notifications import notify

from ..messages import full_proposal_invited
from ..models import Application, ApplicationStatus, BudgetLine, Partner, Stage, Submission
from ..rules.checks import blocking
from ..selectors import PartnerSummary, application_checks, application_facts
from ..states import APPLICATION_STATES
from ..verbs import ApplicationVerb
from .common import SHARED_FIELDS, ApplicationError, _locked, is_lead_member, members
from .pdf_task import render_and_send_pdf_task

if TYPE_CHECKING:
    from crossroads.accounts.models import User

BEING_SAVED = gettext_noop("The application is being saved by someone else; reload the page in a moment.")


def _budget_line_snapshot(line: BudgetLine) -> dict[str, Any]:
    return {
        "category": line.category,
        "description": line.description,
        "person": line.person,
        "hours": str(line.hours) if line.hours is not None else None,
        "hourly_rate": str(line.hourly_rate) if line.hourly_rate is not None else None,
        "amount": str(line.amount),
        "supplier": line.supplier,
        "quotation": line.quotation_reference,
    }


def _partner_snapshot(summary: PartnerSummary) -> dict[str, Any]:
    partner = summary.partner
    company = partner.company
    assert company is not None  # summaries are made for registered partners only
    return {
        "id": partner.pk,
        "company": company.legal_name,
        "enterprise_number": company.enterprise_number,
        "country": company.country,
        "role": partner.role,
        "is_lead": partner.is_lead,
        "tasks": partner.tasks,
        "region_status": summary.region_status,
        "participation": summary.participation,
        "declarations": partner.declarations,
        "declared_at": partner.declared_at.isoformat() if partner.declared_at else None,
        "budget": [_budget_line_snapshot(b) for b in partner.budget_lines.all()],
        "eligible_costs": str(summary.costs.eligible),
        "grant": str(summary.grant),
    }


def submission_snapshot(application: Application) -> dict[str, Any]:
    """The application as submitted, in plain data: what the PDF, the assessors and the decision read."""
    _facts, allocation, summaries = application_facts(application)
    return {
        "call": {
            "code": application.call.code,
            "name_nl": application.call.name_nl,
            "name_en": application.call.name_en,
            "programme_nl": application.call.programme.name_nl,
            "programme_en": application.call.programme.name_en,
            "closes_at": application.call.closes_at.isoformat(),
            "required_sections": application.call.required_sections,
        },
        "application": {
            f: (str(v) if v is not None and f == "planned_start" else v)
            for f, v in ((f, getattr(application, f)) for f in SHARED_FIELDS)
        },
        "themes": sorted(application.themes.values_list("code", flat=True)),
        "theme_names": {t.code: {"nl": t.name_nl, "en": t.name_en} for t in application.themes.all()},
        "stage": application.stage,
        "partners": [_partner_snapshot(s) for s in summaries],
        "work_packages": [
            {"number": w.number, "title": w.title, "description": w.description, "effort": w.effort}
            for w in application.work_packages.all()
        ],
        "attachments": [
            {"kind": a.kind, "name": a.original_name, "sha256": a.sha256} for a in application.attachments.all()
        ],
        "totals": {
            "costs": str(allocation.total_costs),
            "grant": str(allocation.project_grant),
            "by_category": {k: str(v) for k, v in allocation.by_category.items()},
        },
    }


def application_submit(
    *, actor: User, application: Application, idempotency_key: str, arrived_at: dt.datetime | None = None
) -> Submission:
    """Submit once. A repeated request with the same key (double click, retry after a lost response) returns the
    submission it already made, and so does a request that lost a race with another submission of the same
    application. The deadline is decided here, on the server, in UTC against the call's close: at `arrived_at`
    (when the request reached the deployment, clock.request_arrival) if given, so that a submission that arrived
    before the deadline but waited in the web server's queue is not refused; it is bounded again here to
    [now - REQUEST_START_MAX_WAIT, now]."""
    try:
        return _application_submit(
            actor=actor, application=application, idempotency_key=idempotency_key, arrived_at=arrived_at
        )
    except (IntegrityError, OperationalError) as exc:
        if isinstance(exc, OperationalError) and not _locked(exc):
            raise
        winner = _current_submission(application, idempotency_key)
        if winner is None:
            raise ApplicationError(_(BEING_SAVED)) from exc
        return winner


def _current_submission(application: Application, idempotency_key: str) -> Submission | None:
    by_key = Submission.objects.filter(idempotency_key=idempotency_key, application=application).first()
    if by_key is not None:
        return by_key
    if Application.objects.filter(pk=application.pk, status=ApplicationStatus.SUBMITTED).exists():
        return application.submissions.filter(withdrawn_at__isnull=True).order_by("-number").first()
    return None


def _check_submittable(application: Application, actor: User, now: dt.datetime) -> None:
    if not application.window_open(now):
        raise ApplicationError(
            _("The deadline has passed: the call closed at %(time)s.")
            % {"time": format_brussels(application.call.closes_at)}
        )
    if not is_lead_member(application, actor):
        raise ApplicationError(_("Only the lead partner submits the application."))
    errors = blocking(application_checks(application, at_submission=True))
    if errors:
        raise ApplicationError(
            _("The application cannot be submitted yet: %(count)s problem(s) remain.") % {"count": len(errors)}
        )


@transaction.atomic
def _application_submit(
    *, actor: User, application: Application, idempotency_key: str, arrived_at: dt.datetime | None = None
) -> Submission:
    existing = Submission.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.application_id != application.pk:
            raise ApplicationError(_("This submission key belongs to another application."))
        return existing
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    if application.status == ApplicationStatus.SUBMITTED:
        current = application.submissions.first()
        if current is None:  # pragma: no cover - a submitted application has its submission (same transaction)
            raise ApplicationError(_(BEING_SAVED))
        return current
    # The moment the submission counts as made (deadline, submitted_at): its arrival, at most a short queueing
    # delay before now.
    now = clock.bounded_arrival(arrived_at, clock.now(), float(getattr(settings, "REQUEST_START_MAX_WAIT", 10)))
    _check_submittable(application, actor, now)
    before = snapshot(application)
    # The status change is one UPDATE ... WHERE status = draft, checked against the state table first: of two
    # simultaneous submissions only one moves it; the other gets the winner's submission.
    APPLICATION_STATES.check(application.status, ApplicationStatus.SUBMITTED)
    claimed = Application.objects.filter(pk=application.pk, status=application.status).update(
        status=ApplicationStatus.SUBMITTED, submitted_at=now, updated_at=now
    )
    if not claimed:
        winner = application.submissions.first()
        if winner is None:
            raise ApplicationError(_(BEING_SAVED))
        return winner
    submission = Submission.objects.create(
        application=application,
        number=application.submissions.count() + 1,
        idempotency_key=idempotency_key,
        submitted_by=actor,
        submitted_at=now,
        snapshot=submission_snapshot(application),
    )
    application.refresh_from_db()
    audit_record(actor=actor, verb=ApplicationVerb.SUBMIT, obj=application, before=before, after=snapshot(application))
    transaction.on_commit(lambda: render_and_send_pdf_task.enqueue(submission.pk))
    return submission


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted application can be withdrawn."))
    if not application.window_open(clock.now()):
        raise ApplicationError(_("After the deadline an application can no longer be withdrawn."))
    if not is_lead_member(application, actor):
        raise ApplicationError(_("Only the lead partner withdraws the application."))
    before = snapshot(application)
    APPLICATION_STATES.move(application, ApplicationStatus.DRAFT)  # a draft that can be changed and submitted again
    application.submitted_at = None
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    application.submissions.filter(withdrawn_at__isnull=True).update(withdrawn_at=clock.now())
    audit_record(
        actor=actor, verb=ApplicationVerb.WITHDRAW, obj=application, before=before, after=snapshot(application)
    )
    return application


@transaction.atomic
def application_invite_full(*, actor: User, application: Application) -> Application:
    """Two-stage calls: the secretariat invites a submitted project idea to write the full proposal."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.stage != Stage.IDEA or application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted project idea can be invited to a full proposal."))
    before = snapshot(application)
    APPLICATION_STATES.move(application, ApplicationStatus.DRAFT)
    application.stage, application.submitted_at = Stage.FULL, None
    application.lock_version += 1
    application.save()
    Partner.objects.filter(application=application).update(confirmed_at=None)
    audit_record(
        actor=actor, verb=ApplicationVerb.INVITE_FULL, obj=application, before=before, after=snapshot(application)
    )
    notify(
        to=members(application.lead_company), composer=full_proposal_invited, params={"application_id": application.pk}
    )
    return application
