"""Targets against actuals: projects, distinct companies, the grant committed, paid and remaining against the
programme's grant budget, and the total investment against its total budget. Targets are programme data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from crossroads.assessment.models import Grant, GrantShare
from crossroads.grants.models import (
    AgreementPartner,
    BudgetVersion,
    BudgetVersionLine,
    Payment,
    PaymentKind,
    PaymentStatus,
    VersionStatus,
)
from crossroads.programme.models import Programme

from ..filters import InsightFilter
from .scope import agreement_member_filter, company_ids, funded_agreements

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Targets:
    projects: int  # agreements accepted by every partner: running, closing or closed
    approved: int  # grants made by an approval (including those renounced later)
    companies: int  # distinct companies in funded projects
    committed: Decimal  # the grants not renounced
    paid: Decimal  # paid minus repaid
    remaining: Decimal  # grant budget minus committed
    investment: Decimal  # eligible costs of funded projects (current budget version)
    target_projects: int
    target_companies: int
    grant_budget: Decimal
    total_budget: Decimal

    @staticmethod
    def _share(value: Decimal | int, target: Decimal | int) -> Decimal | None:
        """Actual as a fraction of the target, at most 1 (the progress bar is full), None without a target."""
        if not target:
            return None
        return min(Decimal(value) / Decimal(target), Decimal(1))

    @property
    def projects_share(self) -> Decimal | None:
        return self._share(self.projects, self.target_projects)

    @property
    def companies_share(self) -> Decimal | None:
        return self._share(self.companies, self.target_companies)

    @property
    def committed_share(self) -> Decimal | None:
        return self._share(self.committed, self.grant_budget)

    @property
    def paid_share(self) -> Decimal | None:
        return self._share(self.paid, self.grant_budget)

    @property
    def investment_share(self) -> Decimal | None:
        return self._share(self.investment, self.total_budget)


def _live_grants(flt: InsightFilter):
    grants = Grant.objects.filter(**flt.moments("created_at"))
    if flt.call is not None:
        grants = grants.filter(application__call=flt.call)
    return grants


def committed_total(flt: InsightFilter) -> Decimal:
    """The partners' shares of the grants not renounced (with an agency: its companies' shares)."""
    shares = GrantShare.objects.filter(grant__in=_live_grants(flt).filter(renounced_at__isnull=True).values("pk"))
    if flt.agency is not None:
        shares = shares.filter(company__in=company_ids(flt))
    return shares.aggregate(total=Sum("amount"))["total"] or ZERO


def paid_total(flt: InsightFilter) -> Decimal:
    """Payments with status paid (not recoveries) minus recoveries repaid, dated in the period."""
    payments = Payment.objects.filter(**flt.days("paid_on"))
    if flt.call is not None:
        payments = payments.filter(agreement_partner__agreement__grant__application__call=flt.call)
    if flt.agency is not None:
        payments = payments.filter(agreement_partner__company__in=company_ids(flt))
    sums = payments.aggregate(
        out=Sum("amount", filter=Q(status=PaymentStatus.PAID) & ~Q(kind=PaymentKind.RECOVERY)),
        back=Sum("amount", filter=Q(kind=PaymentKind.RECOVERY, status=PaymentStatus.RECOVERED)),
    )
    return (sums["out"] or ZERO) - (sums["back"] or ZERO)


def investment_total(flt: InsightFilter) -> Decimal:
    """Eligible costs in the current budget version (the approved one with the highest number) of funded
    agreements."""
    current = (
        BudgetVersion.objects.filter(agreement=OuterRef("version__agreement_id"), status=VersionStatus.APPROVED)
        .order_by("-number")
        .values("number")
    )
    lines = BudgetVersionLine.objects.filter(
        agreement_member_filter(flt, "agreement_partner__"),
        version__status=VersionStatus.APPROVED,
        version__number=Subquery(current[:1]),
    )
    return lines.aggregate(total=Sum("eligible"))["total"] or ZERO


def targets(flt: InsightFilter, programme: Programme) -> Targets:
    funded = funded_agreements(flt)
    grants = _live_grants(flt)
    if flt.agency is not None:
        grants = grants.filter(shares__company__in=company_ids(flt)).distinct()
    committed = committed_total(flt)
    members = AgreementPartner.objects.filter(agreement_member_filter(flt))
    return Targets(
        projects=funded.count(),
        approved=grants.count(),
        companies=members.aggregate(n=Count("company", distinct=True))["n"],
        committed=committed,
        paid=paid_total(flt),
        remaining=programme.grant_budget - committed,
        investment=investment_total(flt),
        target_projects=programme.target_projects,
        target_companies=programme.target_companies,
        grant_budget=programme.grant_budget,
        total_budget=programme.total_budget,
    )
