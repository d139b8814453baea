"""Writes for applications. Each runs in one transaction with an audit event; e-mails go after the commit.
Shared parts and partner parts carry a version number: a save based on an old version is refused with both
versions, never silently overwritten."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override
from django_tasks import task

from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_brussels, format_money, format_number, site_url
from crossroads.core.outbox import send_once
from crossroads.programme.models import Call

from .models import Application, ApplicationStatus, BudgetLine, Partner, Stage, Submission, column_max
from .rules.budget import BudgetError, PersonnelLine, personnel_cost
from .rules.checks import blocking
from .selectors import application_checks, cost_rules

SHARED_FIELDS = ("title", "acronym", "duration_months", "planned_start", "sections", "indicators")
PARTNER_FIELDS = ("role", "tasks")


class ApplicationError(Exception):
    """A refusal with a message for the user."""


class FieldErrors(ApplicationError):
    """Refusals that belong at form fields: {field name: message}. Nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class ConflictError(ApplicationError):
    def __init__(self, message: str, *, current: dict[str, Any], version: int) -> None:
        super().__init__(message)
        self.current = current
        self.version = version


def _member_emails(company: Company) -> list[str]:
    return [m.user.email for m in company.memberships.select_related("user")]


def _editable(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ApplicationError(_("A submitted application can no longer be changed; withdraw it first."))
    if not application.window_open(clock.now()):
        raise ApplicationError(_("The call is closed: the application can no longer be changed."))


def ensure_editable(application: Application, *, attachments: bool = False) -> None:
    """Raise ApplicationError with the reason when the application cannot be changed now (for views that want to
    say so before validating a form that would not be shown). Attachments may still be added for missing items."""
    if not (attachments and missing_items_open(application)):
        _editable(application)


@transaction.atomic
def application_create(*, actor: Any, call: Call, lead: Company, title: str) -> Application:
    if not call.is_open(clock.now()):
        raise ApplicationError(_("This call is not open."))
    application = Application.objects.create(
        call=call,
        lead_company=lead,
        title=title,
        created_by=actor,
        duration_months=call.programme.max_duration_months,
        stage=Stage.IDEA if call.stages == 2 else Stage.FULL,
    )
    Partner.objects.create(application=application, company=lead, is_lead=True)
    audit_record(actor=actor, verb="application.create", obj=application, after=snapshot(application))
    return application


SAVED_MEANWHILE = _lazy("Someone else saved this part in the meantime. Compare both versions and save again.")


def _locked(exc: OperationalError) -> bool:
    """SQLite's answer when another writer held the database past the busy timeout."""
    return "locked" in str(exc).lower()


def _saved_meanwhile(model: Any, pk: int, fields: Any) -> ConflictError:
    """The conflict screen's data: the version the other person saved, field by field."""
    current = model.objects.get(pk=pk)
    return ConflictError(
        str(SAVED_MEANWHILE), current={f: getattr(current, f) for f in fields}, version=current.lock_version
    )


def shared_update(
    *, actor: Any, application: Application, data: dict[str, Any], version: int, themes: Any = None
) -> Application:
    """Save the shared parts based on `version`. A save based on an older version, or one that lost a race with
    another save, is refused with a ConflictError that carries the version saved by the other person."""
    try:
        return _shared_update(actor=actor, application=application, data=data, version=version, themes=themes)
    except OperationalError as exc:
        if not _locked(exc):
            raise
        raise _saved_meanwhile(Application, application.pk, SHARED_FIELDS) from exc


@transaction.atomic
def _shared_update(
    *, actor: Any, application: Application, data: dict[str, Any], version: int, themes: Any = None
) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _editable(application)
    # The check and the claim of the next version are one UPDATE ... WHERE lock_version = n: of two writers that
    # both read version n, only one moves it to n + 1 (select_for_update alone is a no-op on SQLite).
    claimed = Application.objects.filter(pk=application.pk, lock_version=version).update(lock_version=version + 1)
    if not claimed:
        raise _saved_meanwhile(Application, application.pk, SHARED_FIELDS)
    before = snapshot(application)
    for field, value in data.items():
        if field in SHARED_FIELDS:
            setattr(application, field, value)
    application.lock_version = version + 1
    application.save()
    if themes is not None:
        application.themes.set(themes)
    audit_record(actor=actor, verb="application.update", obj=application, before=before, after=snapshot(application))
    return application


def partner_update(*, actor: Any, partner: Partner, data: dict[str, Any], version: int) -> Partner:
    """Save a partner's role and tasks based on `version`; like `shared_update`, a lost race is a ConflictError."""
    try:
        return _partner_update(actor=actor, partner=partner, data=data, version=version)
    except OperationalError as exc:
        if not _locked(exc):
            raise
        raise _saved_meanwhile(Partner, partner.pk, PARTNER_FIELDS) from exc


@transaction.atomic
def _partner_update(*, actor: Any, partner: Partner, data: dict[str, Any], version: int) -> Partner:
    partner = Partner.objects.select_for_update().select_related("application__call").get(pk=partner.pk)
    _editable(partner.application)
    claimed = Partner.objects.filter(pk=partner.pk, lock_version=version).update(lock_version=version + 1)
    if not claimed:
        raise _saved_meanwhile(Partner, partner.pk, PARTNER_FIELDS)
    before = snapshot(partner)
    for field in PARTNER_FIELDS:
        if field in data:
            setattr(partner, field, data[field])
    partner.lock_version = version + 1
    partner.confirmed_at = None  # a changed part has to be confirmed again
    partner.save()
    audit_record(actor=actor, verb="partner.update", obj=partner, before=before, after=snapshot(partner))
    return partner


def _line_errors(application: Application, partner: Partner, line: BudgetLine) -> dict[str, str]:
    """Every figure of a budget line, typed or computed, checked against the programme's limits and the database
    columns before anything is saved: a figure that does not fit would be stored by SQLite and break every page
    of the application when read back. Fills in the hourly rate and amount of a personnel line."""
    errors: dict[str, str] = {}
    too_large = _("This number is too large: at most %(max)s.")
    for field in ("annual_cost", "fte", "hours", "amount"):
        value = getattr(line, field)
        if value is not None and value < 0:
            errors[field] = _("Enter a number of 0 or more.")
        elif value is not None and value > column_max(BudgetLine, field):
            errors[field] = too_large % {"max": format_number(column_max(BudgetLine, field))}
    if errors:
        return errors
    programme = application.call.programme
    if line.category == "personnel":
        # Nobody works more hours on one project than a full-time person-year over the longest project allowed.
        max_hours = Decimal(programme.annual_hours * programme.max_duration_months) / 12
        if line.hours is not None and line.hours > max_hours:
            return {
                "hours": _("At most %(max)s hours per person: %(hours)s hours a year over at most %(months)s months.")
                % {
                    "max": format_number(max_hours),
                    "hours": programme.annual_hours,
                    "months": programme.max_duration_months,
                }
            }
        try:
            result = personnel_cost(
                cost_rules(application.call),
                PersonnelLine(line.person or line.description, line.annual_cost, line.hours or Decimal("0"), line.fte),
                country=partner.company.country if partner.company else "",
                duration_months=application.duration_months or 0,
            )
        except BudgetError as exc:
            field = next((f for f in ("annual_cost", "hours", "fte") if exc.code.startswith(f)), None)
            if field is not None:
                return {field: _("Enter a valid number.")}
            message = _("The call's cost rules are incomplete (%(code)s); contact the secretariat.")
            raise ApplicationError(message % {"code": exc.code}) from exc
        if result.rate > column_max(BudgetLine, "hourly_rate"):
            return {"annual_cost": _("The hourly rate this gives is too large; check the annual cost.")}
        if result.amount > column_max(BudgetLine, "amount"):
            return {
                "hours": _("Hours × hourly rate gives %(amount)s, more than one budget line can hold (%(max)s).")
                % {"amount": format_money(result.amount), "max": format_money(column_max(BudgetLine, "amount"))}
            }
        line.hourly_rate, line.amount = result.rate, result.amount
    else:
        line.hourly_rate = None
    # Totals are summed from the lines and end up in the snapshot, the grant and the payments: they are held to the
    # same limit as one line.
    where = "hours" if line.category == "personnel" else "amount"
    limit = column_max(BudgetLine, "amount")
    others = BudgetLine.objects.filter(partner__application=application).exclude(pk=line.pk)
    partner_total = line.amount + sum((o.amount for o in others if o.partner_id == partner.pk), Decimal("0"))
    project_total = line.amount + sum((o.amount for o in others), Decimal("0"))
    if partner_total > limit:
        return {
            where: _("With this line the partner's costs would total %(total)s, more than %(max)s.")
            % {"total": format_money(partner_total), "max": format_money(limit)}
        }
    if project_total > limit:
        return {
            where: _("With this line the project's costs would total %(total)s, more than %(max)s.")
            % {"total": format_money(project_total), "max": format_money(limit)}
        }
    return {}


@transaction.atomic
def budget_line_save(*, actor: Any, partner: Partner, line: BudgetLine) -> BudgetLine:
    """Add or correct a budget line. Refused with `FieldErrors` (nothing saved) when a figure does not fit."""
    application = partner.application
    _editable(application)
    if line.pk and not BudgetLine.objects.filter(pk=line.pk, partner=partner).exists():
        raise ApplicationError(_("This budget line belongs to another partner."))
    before = snapshot(BudgetLine.objects.get(pk=line.pk)) if line.pk else None
    line.partner = partner
    errors = _line_errors(application, partner, line)
    if errors:
        raise FieldErrors(errors)
    line.save()
    Partner.objects.filter(pk=partner.pk).update(confirmed_at=None)
    audit_record(actor=actor, verb="budget.save", obj=line, before=before, after=snapshot(line))
    return line


@transaction.atomic
def budget_line_delete(*, actor: Any, line: BudgetLine) -> None:
    _editable(line.partner.application)
    audit_record(actor=actor, verb="budget.delete", obj=line, before=snapshot(line))
    Partner.objects.filter(pk=line.partner_id).update(confirmed_at=None)
    line.delete()


@transaction.atomic
def partner_add(*, actor: Any, application: Application, company: Company | None = None, email: str = "") -> Partner:
    _editable(application)
    if company is not None and application.partners.filter(company=company).exists():
        raise ApplicationError(_("This company is already a partner."))
    partner = Partner.objects.create(
        application=application,
        company=company,
        invited_email=email.lower(),
        invite_token=secrets.token_urlsafe(24),
        order=application.partners.count(),
    )
    audit_record(actor=actor, verb="partner.add", obj=partner, after=snapshot(partner))
    recipients = _member_emails(company) if company else [email]
    link = site_url(reverse("applications:partner_join", args=[partner.invite_token]))

    def send() -> None:
        with override(getattr(actor, "language", "nl") or "nl"):
            send_mail(
                _("%(lead)s invites you to a CrossRoads application") % {"lead": application.lead_company.legal_name},
                _(
                    "%(lead)s invites you as a partner in the application “%(title)s” for the call %(call)s.\n\n"
                    "Open the application (log in or register first): %(link)s\n"
                )
                % {
                    "lead": application.lead_company.legal_name,
                    "title": application.title,
                    "call": application.call.name,
                    "link": link,
                },
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )

    transaction.on_commit(send)
    return partner


class InvitedSomeoneElse(ApplicationError):
    """The invitation went to another e-mail address than any verified address of the person opening it."""

    def __init__(self, invited: str) -> None:
        super().__init__(_("This invitation was sent to %(email)s.") % {"email": invited})
        self.invited = invited


def verified_emails(user: Any) -> set[str]:
    from allauth.account.models import EmailAddress

    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}


def _joinable(partner: Partner | None, token: str, *, actor: Any, company: Company) -> Partner:
    if partner is None or not token:
        raise ApplicationError(_("This invitation does not exist."))
    _editable(partner.application)
    if partner.company_id and partner.company_id != company.pk:
        raise ApplicationError(_("This invitation is for another company."))
    if not company.memberships.filter(user=actor).exists():
        raise ApplicationError(_("You can only join on behalf of a company you are a member of."))
    if partner.application.partners.filter(company=company).exclude(pk=partner.pk).exists():
        raise ApplicationError(_("This company is already a partner."))
    return partner


@transaction.atomic
def partner_join(*, actor: Any, token: str, company: Company) -> Partner:
    """Accept an invitation. An invitation by e-mail is for the person with that (verified) address; anyone else
    who holds the link can only ask the lead to confirm them (`partner_join_request`)."""
    partner = _joinable(
        Partner.objects.select_for_update().filter(invite_token=token).first() if token else None,
        token,
        actor=actor,
        company=company,
    )
    if partner.invited_email and partner.invited_email.lower() not in verified_emails(actor):
        raise InvitedSomeoneElse(partner.invited_email)
    before = snapshot(partner)
    partner.company = company
    partner.join_requested_by = partner.join_requested_company = partner.join_requested_at = None
    partner.save()
    audit_record(actor=actor, verb="partner.join", obj=partner, before=before, after=snapshot(partner))
    return partner


@transaction.atomic
def partner_join_request(*, actor: Any, token: str, company: Company) -> Partner:
    """Someone other than the invited address asks to take the invitation; the lead decides."""
    partner = _joinable(
        Partner.objects.select_for_update().filter(invite_token=token).first() if token else None,
        token,
        actor=actor,
        company=company,
    )
    if partner.company_id:
        raise ApplicationError(_("This invitation has already been accepted."))
    before = snapshot(partner)
    partner.join_requested_by, partner.join_requested_company = actor, company
    partner.join_requested_at = clock.now()
    partner.save()
    audit_record(actor=actor, verb="partner.join_request", obj=partner, before=before, after=snapshot(partner))
    application = partner.application
    recipients = _member_emails(application.lead_company)
    link = site_url(reverse("applications:detail", args=[application.pk]) + "#consortium")
    invited, asked_by, name = partner.invited_email, actor.email, company.legal_name

    def send() -> None:
        send_mail(
            _("Please confirm a partner for “%(title)s”") % {"title": application.title},
            _(
                "The invitation sent to %(invited)s was opened by %(user)s, who asks to join for %(company)s. "
                "Confirm or refuse on the application page: %(link)s\n"
            )
            % {"invited": invited, "user": asked_by, "company": name, "link": link},
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )

    transaction.on_commit(send)
    return partner


@transaction.atomic
def partner_join_decide(*, actor: Any, partner: Partner, accept: bool) -> Partner:
    """The lead confirms (or refuses) the person who asked to take an invitation sent to another address."""
    partner = Partner.objects.select_for_update().select_related("application").get(pk=partner.pk)
    application = partner.application
    _editable(application)
    if not application.lead_company.memberships.filter(user=actor).exists():
        raise ApplicationError(_("Only the lead partner confirms who joins."))
    if partner.join_requested_by_id is None or partner.join_requested_company_id is None:
        raise ApplicationError(_("There is no request to join for this invitation (any more)."))
    before = snapshot(partner)
    if accept:
        company = partner.join_requested_company
        if partner.company_id:
            raise ApplicationError(_("This invitation has already been accepted."))
        if not company.memberships.filter(user_id=partner.join_requested_by_id).exists():
            raise ApplicationError(_("The person who asked is no longer a member of that company."))
        if application.partners.filter(company=company).exclude(pk=partner.pk).exists():
            raise ApplicationError(_("This company is already a partner."))
        partner.company = company
    partner.join_requested_by = partner.join_requested_company = partner.join_requested_at = None
    partner.save()
    verb = "partner.join_confirm" if accept else "partner.join_refuse"
    audit_record(actor=actor, verb=verb, obj=partner, before=before, after=snapshot(partner))
    return partner


@transaction.atomic
def partner_declare(*, actor: Any, partner: Partner, declarations: dict[str, bool]) -> Partner:
    """The partner signs the declarations and confirms its part as it stands now."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    _editable(partner.application)
    before = snapshot(partner)
    partner.declarations = {k: bool(v) for k, v in declarations.items()}
    now = clock.now()
    partner.declared_by, partner.declared_at = actor, now
    partner.confirmed_at = now if partner.signed_all else None
    partner.save()
    audit_record(actor=actor, verb="partner.declare", obj=partner, before=before, after=snapshot(partner))
    return partner


def _snapshot(application: Application) -> dict[str, Any]:
    from .selectors import application_facts

    _facts, allocation, summaries = application_facts(application)
    return {
        "call": {
            "code": application.call.code,
            "name_nl": application.call.name_nl,
            "closes_at": application.call.closes_at.isoformat(),
            "required_sections": application.call.required_sections,
        },
        "application": {
            f: (str(v) if v is not None and f == "planned_start" else v)
            for f, v in ((f, getattr(application, f)) for f in SHARED_FIELDS)
        },
        "themes": sorted(application.themes.values_list("code", flat=True)),
        "partners": [
            {
                "id": s.partner.pk,
                "company": s.partner.company.legal_name,
                "enterprise_number": s.partner.company.enterprise_number,
                "country": s.partner.company.country,
                "role": s.partner.role,
                "is_lead": s.partner.is_lead,
                "tasks": s.partner.tasks,
                "region_status": s.region_status,
                "participation": s.participation,
                "declarations": s.partner.declarations,
                "budget": [
                    {
                        "category": b.category,
                        "description": b.description,
                        "person": b.person,
                        "hours": str(b.hours) if b.hours is not None else None,
                        "hourly_rate": str(b.hourly_rate) if b.hourly_rate is not None else None,
                        "amount": str(b.amount),
                        "supplier": b.supplier,
                        "quotation": b.quotation_reference,
                    }
                    for b in s.partner.budget_lines.all()
                ],
                "eligible_costs": str(s.costs.eligible),
                "grant": str(s.grant),
            }
            for s in summaries
        ],
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
    *, actor: Any, application: Application, idempotency_key: str, arrived_at: dt.datetime | None = None
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
            raise ApplicationError(
                _("The application is being saved by someone else; reload the page in a moment.")
            ) from exc
        return winner


def _current_submission(application: Application, idempotency_key: str) -> Submission | None:
    by_key = Submission.objects.filter(idempotency_key=idempotency_key, application=application).first()
    if by_key is not None:
        return by_key
    if Application.objects.filter(pk=application.pk, status=ApplicationStatus.SUBMITTED).exists():
        return application.submissions.filter(withdrawn_at__isnull=True).order_by("-number").first()
    return None


@transaction.atomic
def _application_submit(
    *, actor: Any, application: Application, idempotency_key: str, arrived_at: dt.datetime | None = None
) -> Submission:
    existing = Submission.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.application_id != application.pk:
            raise ApplicationError(_("This submission key belongs to another application."))
        return existing
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    if application.status == ApplicationStatus.SUBMITTED:
        return application.submissions.first()
    # The moment the submission counts as made (deadline, submitted_at): its arrival, at most a short queueing
    # delay before now.
    now = clock.bounded_arrival(arrived_at, clock.now(), float(getattr(settings, "REQUEST_START_MAX_WAIT", 10)))
    if not application.window_open(now):
        raise ApplicationError(
            _("The deadline has passed: the call closed at %(time)s.")
            % {"time": format_brussels(application.call.closes_at)}
        )
    if not application.lead_company.memberships.filter(user=actor).exists():
        raise ApplicationError(_("Only the lead partner submits the application."))
    errors = blocking(application_checks(application, at_submission=True))
    if errors:
        raise ApplicationError(
            _("The application cannot be submitted yet: %(count)s problem(s) remain.") % {"count": len(errors)}
        )
    before = snapshot(application)
    # The status change is one UPDATE ... WHERE status = draft: of two simultaneous submissions only one moves it;
    # the other gets the winner's submission.
    claimed = Application.objects.filter(pk=application.pk, status=ApplicationStatus.DRAFT).update(
        status=ApplicationStatus.SUBMITTED, submitted_at=now, updated_at=now
    )
    if not claimed:
        winner = application.submissions.first()
        if winner is None:
            raise ApplicationError(_("The application is being saved by someone else; reload the page in a moment."))
        return winner
    submission = Submission.objects.create(
        application=application,
        number=application.submissions.count() + 1,
        idempotency_key=idempotency_key,
        submitted_by=actor,
        submitted_at=now,
        snapshot=_snapshot(application),
    )
    application.refresh_from_db()
    audit_record(actor=actor, verb="application.submit", obj=application, before=before, after=snapshot(application))
    transaction.on_commit(lambda: render_and_send_pdf_task.enqueue(submission.pk))
    return submission


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted application can be withdrawn."))
    if not application.window_open(clock.now()):
        raise ApplicationError(_("After the deadline an application can no longer be withdrawn."))
    if not application.lead_company.memberships.filter(user=actor).exists():
        raise ApplicationError(_("Only the lead partner withdraws the application."))
    before = snapshot(application)
    application.status = ApplicationStatus.DRAFT  # back to a draft that can be changed and submitted again
    application.submitted_at = None
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    application.submissions.filter(withdrawn_at__isnull=True).update(withdrawn_at=clock.now())
    audit_record(actor=actor, verb="application.withdraw", obj=application, before=before, after=snapshot(application))
    return application


@transaction.atomic
def application_copy(*, actor: Any, application: Application, call: Call) -> Application:
    """A draft copy in a later call: shared parts, partners (unconfirmed, unsigned), budget and work packages."""
    if not call.is_open(clock.now()):
        raise ApplicationError(_("This call is not open."))
    copy = Application.objects.create(
        call=call,
        lead_company=application.lead_company,
        title=application.title,
        acronym=application.acronym,
        sections=dict(application.sections),
        duration_months=application.duration_months,
        indicators=dict(application.indicators),
        copied_from=application,
        created_by=actor,
    )
    copy.themes.set(application.themes.filter(pk__in=call.themes.all()))
    mapping = {}
    for partner in application.partners.all():
        new = Partner.objects.create(
            application=copy,
            company=partner.company,
            invited_email=partner.invited_email,
            invite_token=secrets.token_urlsafe(24),
            is_lead=partner.is_lead,
            role=partner.role,
            tasks=partner.tasks,
            order=partner.order,
        )
        mapping[str(partner.pk)] = str(new.pk)
        for line in partner.budget_lines.all():
            line.pk, line.partner = None, new
            line.save()
    for wp in application.work_packages.all():
        wp.pk, wp.application = None, copy
        wp.effort = {mapping.get(k, k): v for k, v in wp.effort.items()}
        wp.save()
    audit_record(actor=actor, verb="application.copy", obj=copy, after={"from": application.pk, "call": call.code})
    return copy


@task()
def render_and_send_pdf_task(submission_id: int) -> None:
    from .pdf import submission_pdf

    submission = Submission.objects.select_related("application__lead_company").get(pk=submission_id)
    pdf_bytes = submission_pdf(submission)
    from django.core.files.base import ContentFile

    submission.pdf.save(f"application-{submission.application_id}-{submission.number}.pdf", ContentFile(pdf_bytes))
    recipients = sorted(
        {
            e
            for p in submission.application.partners.select_related("company")
            if p.company
            for e in _member_emails(p.company)
        }
    )

    def build(to: list[str]) -> EmailMessage:
        message = EmailMessage(
            _("Application submitted: %(title)s") % {"title": submission.application.title},
            _("The application was submitted on %(time)s. The PDF is attached.\n")
            % {"time": format_brussels(submission.submitted_at)},
            settings.DEFAULT_FROM_EMAIL,
            to,
        )
        message.attach(f"application-{submission.application_id}.pdf", pdf_bytes, "application/pdf")
        return message

    # tasks_recover runs this task again after a crash: the outbox skips the partners who already had the e-mail.
    send_once(f"submission:{submission.pk}", recipients, build)


def missing_items_open(application: Application) -> bool:
    """The secretariat's screening asked for missing items: they can be added to the submitted application until
    the deadline it set."""
    screening = getattr(application, "screening", None)  # no screening yet: the reverse accessor raises
    return bool(
        application.status == ApplicationStatus.SUBMITTED
        and screening is not None
        and screening.completeness == "incomplete"
        and screening.missing_deadline is not None
        and clock.now() <= screening.missing_deadline
    )


@transaction.atomic
def attachment_add(
    *,
    actor: Any,
    application: Application,
    partner: Partner,
    kind: str,
    upload: Any = None,
    content: bytes,
    content_type: str,
    name: str = "",
) -> Any:
    """Store a checked attachment (`files.inspect_upload`) under its SHA-256; `name` carries the detected type's
    extension."""
    import hashlib

    from django.core.files.base import ContentFile

    from .models import Attachment

    if not missing_items_open(application):
        _editable(application)
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        application=application,
        partner=partner,
        kind=kind,
        original_name=(name or getattr(upload, "name", "") or "")[:255],
        content_type=content_type,
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    audit_record(actor=actor, verb="attachment.add", obj=attachment, after=snapshot(attachment))
    return attachment


@transaction.atomic
def work_package_save(
    *,
    actor: Any,
    application: Application,
    title: str,
    description: str,
    effort: dict[str, Decimal],
    number: int | None = None,
) -> Any:
    """Add or replace a work package of the shared part, with each partner's effort in person-months."""
    from .models import WorkPackage

    _editable(application)
    number = number or (max((w.number for w in application.work_packages.all()), default=0) + 1)
    package, _created = WorkPackage.objects.update_or_create(
        application=application,
        number=number,
        defaults={"title": title, "description": description, "effort": {k: str(v) for k, v in effort.items() if v}},
    )
    audit_record(actor=actor, verb="work_package.save", obj=package, after=snapshot(package))
    return package


@transaction.atomic
def work_package_delete(*, actor: Any, package: Any) -> None:
    _editable(package.application)
    audit_record(actor=actor, verb="work_package.delete", obj=package, before=snapshot(package))
    package.delete()


@transaction.atomic
def application_invite_full(*, actor: Any, application: Application) -> Application:
    """Two-stage calls: the secretariat invites a submitted project idea to write the full proposal."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.stage != Stage.IDEA or application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted project idea can be invited to a full proposal."))
    before = snapshot(application)
    application.stage, application.status, application.submitted_at = Stage.FULL, ApplicationStatus.DRAFT, None
    application.lock_version += 1
    application.save()
    Partner.objects.filter(application=application).update(confirmed_at=None)
    audit_record(
        actor=actor, verb="application.invite_full", obj=application, before=before, after=snapshot(application)
    )
    recipients = _member_emails(application.lead_company)
    link = site_url(reverse("applications:detail", args=[application.pk]))
    deadline = format_brussels(application.deadline)

    def send() -> None:
        send_mail(
            _("Invitation to submit a full proposal: %(title)s") % {"title": application.title},
            _("Your project idea was selected. Complete the full proposal before %(deadline)s: %(link)s\n")
            % {"deadline": deadline, "link": link},
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )

    transaction.on_commit(send)
    return application
