"""The "my grant" page as numbers: per partner what was budgeted, claimed, accepted and paid; the schedule of reports
and claims; what is due next.

Every amount reconciles exactly (Decimals, cents):
- approved budget = claimed + unclaimed (unclaimed is negative when more was claimed than budgeted);
- grant = paid + committed + remaining, with paid = payments paid minus overpayments recovered, committed =
  payments proposed, approved, ordered or returned by the bank (waiting to be ordered again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from crossroads.applications.models import CostCategoryCode

from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    ClaimStatus,
    CostClaim,
    LineDecision,
    Payment,
    PaymentKind,
    PaymentStatus,
    ReportingPeriod,
    ReportStatus,
)
from .budget import approved_budget, current_version, partner_grant

ZERO = Decimal("0.00")
# A claim counts as claimed once it is in finance's hands; a returned one is back with the partner.
CLAIMED = (ClaimStatus.SUBMITTED, ClaimStatus.VERIFIED, ClaimStatus.APPROVED)
DECIDED = (ClaimStatus.VERIFIED, ClaimStatus.APPROVED)
COMMITTED = (PaymentStatus.PROPOSED, PaymentStatus.APPROVED, PaymentStatus.ORDERED, PaymentStatus.RETURNED)
DONE_REPORT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass(frozen=True)
class CategoryRow:
    category: str
    label: str
    approved: Decimal
    claimed: Decimal
    accepted: Decimal

    @property
    def unclaimed(self) -> Decimal:
        return self.approved - self.claimed


@dataclass
class PartnerFigures:
    member: AgreementPartner
    rows: list[CategoryRow]
    grant: Decimal
    paid: Decimal
    committed: Decimal
    payments: list[Payment] = field(default_factory=list)

    @property
    def payment_rows(self) -> list[Any]:
        """The payments as the partner reads them (kind, status, date, why in the reader's language)."""
        from .finance import payments_of

        return payments_of(self.member)

    @property
    def approved(self) -> Decimal:
        return sum((r.approved for r in self.rows), ZERO)

    @property
    def claimed(self) -> Decimal:
        return sum((r.claimed for r in self.rows), ZERO)

    @property
    def unclaimed(self) -> Decimal:
        return self.approved - self.claimed

    @property
    def accepted(self) -> Decimal:
        return sum((r.accepted for r in self.rows), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.grant - self.paid - self.committed


@dataclass(frozen=True)
class ClaimCell:
    member: AgreementPartner
    claim: CostClaim | None
    status_label: str
    done: bool


@dataclass(frozen=True)
class PeriodRow:
    period: ReportingPeriod
    kind_label: str
    report_status: str
    report_label: str
    claims: list[ClaimCell]
    done: bool
    overdue: bool


def _claimed_and_accepted(member: AgreementPartner) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    claimed = {c: ZERO for c in CostCategoryCode.values}
    accepted = {c: ZERO for c in CostCategoryCode.values}
    lines = [(claim.status, line) for claim in member.claims.all() for line in claim.lines.all()]
    for status, line in lines:
        if status in CLAIMED:
            claimed[line.category] = claimed.get(line.category, ZERO) + line.amount
        if status in DECIDED:
            accepted[line.category] = accepted.get(line.category, ZERO) + _accepted(line)
    return claimed, accepted


def _accepted(line: object) -> Decimal:
    decision = line.decision  # type: ignore[attr-defined]
    if decision == LineDecision.ACCEPTED:
        value = line.accepted_amount  # type: ignore[attr-defined]
        return line.amount if value is None else value  # type: ignore[attr-defined]
    if decision == LineDecision.REDUCED:
        return line.accepted_amount or ZERO  # type: ignore[attr-defined]
    return ZERO


def _money_flow(payments: list[Payment]) -> tuple[Decimal, Decimal]:
    """(paid, committed) of one partner."""
    paid = committed = ZERO
    for payment in payments:
        if payment.kind == PaymentKind.RECOVERY:
            if payment.status == PaymentStatus.RECOVERED:
                paid -= payment.amount
            continue
        if payment.status == PaymentStatus.PAID:
            paid += payment.amount
        elif payment.status in COMMITTED:
            committed += payment.amount
    return paid, committed


def partner_figures(member: AgreementPartner, version: object | None = None) -> PartnerFigures:
    budget = approved_budget(member, version)  # type: ignore[arg-type]
    claimed, accepted = _claimed_and_accepted(member)
    rows = [
        CategoryRow(code, str(CostCategoryCode(code).label), budget.get(code, ZERO), claimed[code], accepted[code])
        for code in CostCategoryCode.values
        if budget.get(code, ZERO) or claimed[code] or accepted[code]
    ]
    payments = list(member.payments.order_by("proposed_at", "pk"))
    paid, committed = _money_flow(payments)
    return PartnerFigures(
        member=member,
        rows=rows,
        grant=partner_grant(member, version),  # type: ignore[arg-type]
        paid=paid,
        committed=committed,
        payments=payments,
    )


def all_figures(agreement: Agreement) -> list[PartnerFigures]:
    version = current_version(agreement)
    members = agreement.partners.select_related("company").prefetch_related("claims__lines")
    return [partner_figures(m, version) for m in members]


def _claim_cell(member: AgreementPartner, claim: CostClaim | None) -> ClaimCell:
    if claim is None:
        from django.utils.translation import gettext as _

        return ClaimCell(member, None, _("Not started"), False)
    return ClaimCell(member, claim, claim.get_status_display(), claim.status in CLAIMED)


def schedule(agreement: Agreement, today: dt.date) -> list[PeriodRow]:
    """Each period with its report and the claim of each partner that takes part; overdue when the project runs (or
    is closing), the due date has passed and the report or a claim is not in yet."""
    from django.utils.translation import gettext as _

    tracking = agreement.status in (AgreementStatus.RUNNING, AgreementStatus.CLOSING)
    members = [m for m in agreement.partners.select_related("company") if m.left_on is None]
    rows = []
    for period in agreement.periods.prefetch_related("claims").select_related("report").order_by("number"):
        report = getattr(period, "report", None)
        claims = {c.agreement_partner_id: c for c in period.claims.all()}
        cells = [
            _claim_cell(m, claims.get(m.pk)) for m in members if (m.joined_on is None or m.joined_on <= period.ends_on)
        ]
        report_done = report is not None and report.status in DONE_REPORT
        done = report_done and all(c.done for c in cells)
        rows.append(
            PeriodRow(
                period=period,
                kind_label=period.get_kind_display(),
                report_status=report.status if report is not None else "",
                report_label=report.get_status_display() if report is not None else _("Not started"),
                claims=cells,
                done=done,
                overdue=tracking and not done and period.due_on < today,
            )
        )
    return rows


def due_next(rows: list[PeriodRow]) -> PeriodRow | None:
    """The first period whose report or claims are still to come (an overdue one first)."""
    for row in rows:
        if row.overdue:
            return row
    for row in rows:
        if not row.done:
            return row
    return None


@dataclass(frozen=True)
class Totals:
    approved: Decimal
    claimed: Decimal
    unclaimed: Decimal
    accepted: Decimal
    grant: Decimal
    paid: Decimal
    committed: Decimal
    remaining: Decimal


def totals(figures: list[PartnerFigures]) -> Totals:
    def add(name: str) -> Decimal:
        return sum((getattr(f, name) for f in figures), ZERO)

    return Totals(*(add(n) for n in Totals.__dataclass_fields__))
