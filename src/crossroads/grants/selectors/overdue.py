"""What is overdue: periods past their due date whose progress report or a partner's claim has not been submitted
(a returned one counts as not submitted). The secretariat sees every project, an adviser the projects with a
partner in a province they cover (`permissions.advises`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.companies.models import CompanyMembership, MembershipRole
from crossroads.core import clock
from crossroads.core.formatting import format_date
from crossroads.core.spreadsheets import csv_writer

from ..models import AgreementPartner, AgreementStatus, ClaimStatus, CostClaim, ReportingPeriod, ReportStatus

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

KIND_LABELS = {"report": gettext_lazy("Progress report"), "claim": gettext_lazy("Cost claim")}
OPEN = (AgreementStatus.RUNNING, AgreementStatus.CLOSING)
SUBMITTED_REPORT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
SUBMITTED_CLAIM = (ClaimStatus.SUBMITTED, ClaimStatus.VERIFIED, ClaimStatus.APPROVED)


PERIOD_COLUMNS = (
    "id",
    "agreement_id",
    "number",
    "due_on",
    "agreement__id",
    "agreement__reference",
    "agreement__status",
    "agreement__grant__id",
    "agreement__grant__application__id",
    "agreement__grant__application__title",
    "report__id",
    "report__period_id",
    "report__status",
)
PARTNER_COLUMNS = (
    "id",
    "agreement_id",
    "company_id",
    "is_lead",
    "left_on",
    "company__legal_name",
    "company__legal_form",
)


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
    prefetched = hasattr(period, "submitted")  # by overdue_rows: partners with their company, submitted claims
    partners = period.agreement.partners.all() if prefetched else period.agreement.partners.select_related("company")
    members = [m for m in partners if m.left_on is None]
    out: list[tuple[str, AgreementPartner]] = []
    report = getattr(period, "report", None)
    lead = next((m for m in members if m.is_lead), None)
    if lead is not None and (report is None or report.status not in SUBMITTED_REPORT):
        out.append(("report", lead))
    if prefetched:
        submitted = {c.agreement_partner_id for c in period.submitted}  # type: ignore[attr-defined]  # Prefetch to_attr
    else:
        submitted = set(period.claims.filter(status__in=SUBMITTED_CLAIM).values_list("agreement_partner_id", flat=True))
    out += [("claim", m) for m in members if m.pk not in submitted]
    return out


def contacts_of(companies: set[int]) -> dict[int, str]:
    """`contact_of` for many companies in one query: the first manager's e-mail, else the first member's."""
    found: dict[int, tuple[bool, str]] = {}
    memberships = (
        CompanyMembership.objects.filter(company_id__in=companies).select_related("user").order_by("created_at", "pk")
    )
    for membership in memberships:
        is_manager = membership.role == MembershipRole.MANAGER
        best = found.get(membership.company_id)
        if best is None or (is_manager and not best[0]):
            found[membership.company_id] = (is_manager, membership.user.email)
    return {pk: email for pk, (_manager, email) in found.items()}


def overdue_rows(user: AnyUser, *, kind: str = "", q: str = "", on: dt.date | None = None) -> list[OverdueRow]:
    """Every overdue report and claim, read in a constant number of queries (the partners, the report and the
    submitted claims of all periods at once)."""
    on = on or today()
    # Counted in correlated subqueries: joining partners and claims in one GROUP BY multiplies the rows.
    members = (
        AgreementPartner.objects.filter(agreement=OuterRef("agreement"), left_on__isnull=True)
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    claims = (
        CostClaim.objects.filter(
            period=OuterRef("pk"), status__in=SUBMITTED_CLAIM, agreement_partner__left_on__isnull=True
        )
        .order_by()
        .values("period")
        .annotate(n=Count("pk"))
        .values("n")
    )
    periods = (
        periods_visible_to(user)
        .filter(due_on__lt=on)
        # Only periods still waiting for something (the rows below are exact; this skips the complete ones).
        .annotate(
            n_members=Coalesce(Subquery(members, output_field=IntegerField()), 0),
            n_submitted=Coalesce(Subquery(claims, output_field=IntegerField()), 0),
        )
        .filter(Q(report__isnull=True) | ~Q(report__status__in=SUBMITTED_REPORT) | Q(n_submitted__lt=F("n_members")))
        .select_related("report")
        # Hundreds of rows at programme scale: read the columns the list shows, not every column of five tables.
        .only(*PERIOD_COLUMNS)
        .prefetch_related(
            Prefetch(
                "agreement__partners",
                queryset=AgreementPartner.objects.select_related("company").only(*PARTNER_COLUMNS),
            ),
            Prefetch(
                "claims",
                queryset=CostClaim.objects.filter(status__in=SUBMITTED_CLAIM).only(
                    "id", "period_id", "agreement_partner_id"
                ),
                to_attr="submitted",
            ),
        )
        .order_by("due_on", "agreement__reference")
    )
    found = []
    for period in periods:
        for what, member in outstanding(period):
            if kind and what != kind:
                continue
            if q and q.casefold() not in f"{period.agreement.reference} {member.company}".casefold():
                continue
            found.append((what, period, member))
    contacts = contacts_of({member.company_id for _what, _period, member in found})
    return [
        OverdueRow(what, period, member, (on - period.due_on).days, contacts.get(member.company_id, "–"))
        for what, period, member in found
    ]


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
