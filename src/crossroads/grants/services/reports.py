"""The progress report of a period: written by the lead for the consortium (a draft keeps everything), submitted
when every work package has its text and the prototype status is given, reviewed by the secretariat (accepted, or
returned with a comment)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..messages.claims import report_reviewed
from ..models import AgreementStatus, ProgressReport, ReportingPeriod, ReportStatus
from ..permissions import can_review_report, can_write_report
from ..states import REPORT_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
LONG_TEXT = 20000


def work_packages(period: ReportingPeriod) -> list[Any]:
    """The application's work packages, in their order: the report has one text for each."""
    return list(period.agreement.grant.application.work_packages.order_by("number"))


def lead_users(period: ReportingPeriod) -> list[User]:
    from crossroads.accounts.models import User

    lead = period.agreement.partners.filter(is_lead=True).first()
    if lead is None:
        return []
    return list(User.objects.filter(memberships__company=lead.company_id, is_active=True).distinct())


def _report_for_update(period: ReportingPeriod) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().filter(period=period).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            return ProgressReport.objects.create(period=period)
    except IntegrityError:  # made at the same moment by a colleague
        return ProgressReport.objects.select_for_update().get(period=period)


def _clean(period: ReportingPeriod, data: dict[str, Any]) -> dict[str, Any]:
    numbers = {str(wp.number) for wp in work_packages(period)}
    work_done = {
        str(k): str(v).strip()[:LONG_TEXT] for k, v in (data.get("work_done") or {}).items() if str(k) in numbers
    }
    indicators = {}
    for code, value in (data.get("indicator_values") or {}).items():
        if value is None or value == "":
            continue
        if not isinstance(value, Decimal | int) or Decimal(value) < 0:
            raise GrantError(_("Enter a number of zero or more."), field=f"indicator_{code}")
        indicators[str(code)] = str(value)
    return {
        "work_done": work_done,
        "deviations": str(data.get("deviations") or "").strip()[:LONG_TEXT],
        "milestones": str(data.get("milestones") or "").strip()[:LONG_TEXT],
        "prototype_status": str(data.get("prototype_status") or ""),
        "indicator_values": indicators,
    }


def _write(actor: User, period: ReportingPeriod, data: dict[str, Any], version: int | None) -> ProgressReport:
    permission = can_write_report(actor, period.agreement)
    if not permission.allowed:
        raise GrantError(permission.reason, status=403)
    if period.agreement.status not in (AgreementStatus.RUNNING, AgreementStatus.CLOSING):
        raise GrantError(_("Reports can be written once the agreement runs and until it is closed."))
    report = _report_for_update(period)
    if report.status not in EDITABLE:
        raise GrantError(_("This report was submitted; it can only be changed once the secretariat returns it."))
    if version is not None and report.pk and version != report.lock_version:
        raise GrantError(
            _("Someone else changed this report in the meantime. Reload the page and make your change again."),
            field="version",
        )
    before = snapshot(report)
    for name, value in _clean(period, data).items():
        setattr(report, name, value)
    report.lock_version += 1
    report.save()
    audit_record(actor=actor, verb=GrantVerb.REPORT_SAVE, obj=report, before=before, after=snapshot(report))
    return report


@transaction.atomic
def report_save(
    *, actor: User, period: ReportingPeriod, data: dict[str, Any], version: int | None = None
) -> ProgressReport:
    """Keep the draft, whatever is (not yet) filled in."""
    return _write(actor, period, data, version)


def missing_for_submission(period: ReportingPeriod, report: ProgressReport) -> list[tuple[str, str]]:
    """(field, message) for what the report still needs before it can be submitted."""
    missing = [
        (f"wp_{wp.number}", _("Describe the work done in work package %(number)s.") % {"number": wp.number})
        for wp in work_packages(period)
        if not (report.work_done or {}).get(str(wp.number), "").strip()
    ]
    if not report.prototype_status:
        missing.append(("prototype_status", _("Choose the status of the prototype or demonstration.")))
    return missing


@transaction.atomic
def report_submit(
    *, actor: User, period: ReportingPeriod, data: dict[str, Any], version: int | None = None
) -> ProgressReport:
    """Save what was typed and submit it when complete. A refused submission writes nothing: the page shows what
    was typed again, with the first gap at its field, and "Save draft" keeps it."""
    report = _write(actor, period, data, version)
    missing = missing_for_submission(period, report)
    if missing:
        field, text = missing[0]
        raise GrantError(text, field=field)
    before = snapshot(report)
    REPORT_STATES.move(report, ReportStatus.SUBMITTED)
    report.submitted_by = actor
    report.submitted_at = clock.now()
    report.save(update_fields=["status", "submitted_by", "submitted_at"])
    audit_record(actor=actor, verb=GrantVerb.REPORT_SUBMIT, obj=report, before=before, after=snapshot(report))
    return report


@transaction.atomic
def report_review(*, actor: User, period: ReportingPeriod, accept: bool, comment: str) -> ProgressReport:
    """Accept the submitted report, or return it with a comment; the lead's members are told either way."""
    permission = can_review_report(actor)
    if not permission.allowed:
        raise GrantError(permission.reason, status=403)
    report = ProgressReport.objects.select_for_update().filter(period=period).first()
    if report is None or report.status != ReportStatus.SUBMITTED:
        raise GrantError(_("Only a submitted report can be reviewed."))
    comment = (comment or "").strip()[:LONG_TEXT]
    if not accept and not comment:
        raise GrantError(_("Say what the lead partner should complete."), field="comment")
    before = snapshot(report)
    REPORT_STATES.move(report, ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED)
    report.reviewed_by = actor
    report.reviewed_at = clock.now()
    report.review_comment = comment
    report.lock_version += 1
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "lock_version"])
    verb = GrantVerb.REPORT_ACCEPT if accept else GrantVerb.REPORT_RETURN
    audit_record(actor=actor, verb=verb, obj=report, before=before, after=snapshot(report))
    notify(to=lead_users(period), composer=report_reviewed, params={"report_id": report.pk})
    return report
