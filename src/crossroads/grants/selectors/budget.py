"""The approved version of an agreement: what checks and payments follow."""

from __future__ import annotations

from decimal import Decimal

from crossroads.applications.models import CostCategoryCode

from ..models import Agreement, AgreementPartner, BudgetVersion, VersionStatus


def current_version(agreement: Agreement) -> BudgetVersion:
    """The latest approved version (version 1 until an amendment is approved)."""
    return agreement.versions.filter(status=VersionStatus.APPROVED).order_by("-number").first()  # type: ignore[return-value]


def approved_budget(member: AgreementPartner, version: BudgetVersion | None = None) -> dict[str, Decimal]:
    """Eligible costs per category of one partner in the approved version (every category, 0.00 when absent)."""
    version = version or current_version(member.agreement)
    budget = {category: Decimal("0.00") for category in CostCategoryCode.values}
    for line in version.lines.filter(agreement_partner=member):
        budget[line.category] = line.eligible
    return budget


def partner_grant(member: AgreementPartner, version: BudgetVersion | None = None) -> Decimal:
    """The partner's grant in the approved version: the ceiling of everything paid to it."""
    version = version or current_version(member.agreement)
    share = version.shares.filter(agreement_partner=member).first()
    return share.grant if share else Decimal("0.00")
