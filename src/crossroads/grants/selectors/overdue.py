"""What is overdue: periods past their due date whose progress report or a partner's claim has not been submitted
(a returned one counts as not submitted). The secretariat sees every project, an adviser the projects with a
partner in a province they cover (`permissions.advises`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.companies.models import MembershipRole
from crossroads.core import clock
from crossroads.core.formatting import format_date
from crossroads.core.spreadsheets import csv_writer

from ..models import AgreementPartner, AgreementStatus, ClaimStatus, ReportingPeriod, ReportStatus

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

KIND_LABELS = {"report": gettext_lazy("Progress report"), "claim": gettext_lazy("Cost claim")}
OPEN = (AgreementStatus.RUNNING, AgreementStatus.CLOSING)
SUBMITTED_REPORT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
SUBMITTED_CLAIM = (ClaimStatus.SUBMITTED, ClaimStatus.VERIFIED, ClaimStatus.APPROVED)


@dataclass(frozen=True)
class OverdueRow:
    kind: str
    period: ReportingPeriod
    member: AgreementPartner
    days: int
    contact: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def today() -> dt.date:
    return clock.now().astimezone(clock.BRUSSELS).date()


def periods_visible_to(user: AnyUser) -> QuerySet[ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(agreement__status__in=OPEN).select_related("agreement__grant__application")
    if user.is_authenticated and user.is_programme_staff:
        return periods
    if user.is_authenticated and user.is_adviser:
        provinces = user.province_codes()
        return periods.filter(agreement__partners__company__establishments__nuts3__province__in=provinces).distinct()
    return periods.none()


def contact_of(member: AgreementPartner) -> str:
    memberships = member.company.memberships.select_related("user").order_by("created_at", "pk")
    membership = memberships.filter(role=MembershipRole.MANAGER).first() or memberships.first()
    return membership.user.email if membership else "–"


def outstanding(period: ReportingPeriod) -> list[tuple[str, AgreementPartner]]:
    """(kind, partner) of what the period still waits for."""
    members = [m for m in period.agreement.partners.select_related("company") if m.left_on is None]
    out: list[tuple[str, AgreementPartner]] = []
    report = getattr(period, "report", None)
    lead = next((m for m in members if m.is_lead), None)
    if lead is not None and (report is None or report.status not in SUBMITTED_REPORT):
        out.append(("report", lead))
    submitted = set(period.claims.filter(status__in=SUBMITTED_CLAIM).values_list("agreement_partner_id", flat=True))
    out += [("claim", m) for m in members if m.pk not in submitted]
    return out


def overdue_rows(user: AnyUser, *, kind: str = "", q: str = "", on: dt.date | None = None) -> list[OverdueRow]:
    on = on or today()
    rows = []
    for period in periods_visible_to(user).filter(due_on__lt=on).order_by("due_on", "agreement__reference"):
        for what, member in outstanding(period):
            if kind and what != kind:
                continue
            if q and q.casefold() not in f"{period.agreement.reference} {member.company}".casefold():
                continue
            rows.append(OverdueRow(what, period, member, (on - period.due_on).days, contact_of(member)))
    return rows


def overdue_filters(params: Any) -> dict[str, str]:
    kind = params.get("kind", "")
    return {"kind": kind if kind in KIND_LABELS else "", "q": str(params.get("q", ""))[:100].strip()}


def overdue_csv(stream: Any, rows: list[OverdueRow]) -> None:
    writer = csv_writer(stream, delimiter=";")
    writer.writerow(
        [_("Project"), _("Title"), _("Period"), _("What"), _("Partner"), _("Due"), _("Days overdue"), _("Contact")]
    )
    for row in rows:
        writer.writerow(
            [
                row.period.agreement.reference,
                row.period.agreement.grant.application.title,
                row.period.number,
                row.kind_label,
                str(row.member.company),
                format_date(row.period.due_on),
                row.days,
                row.contact,
            ]
        )
