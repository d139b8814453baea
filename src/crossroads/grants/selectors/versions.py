"""Budget versions as tables: one version per partner and category, and two versions side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from crossroads.applications.models import CostCategoryCode

from ..models import AgreementPartner, BudgetVersion

ZERO = Decimal("0.00")


@dataclass
class PartnerRow:
    member: AgreementPartner
    lines: list[tuple[str, Decimal]]  # (category label, eligible) in the order of the categories
    total: Decimal
    grant: Decimal


@dataclass
class CompareLine:
    label: str  # category label, or "Grant"
    before: Decimal
    after: Decimal
    is_grant: bool = False

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass
class CompareRow:
    member: AgreementPartner
    lines: list[CompareLine] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.difference for line in self.lines)


def _members(*versions: BudgetVersion) -> list[AgreementPartner]:
    ids = set()
    for version in versions:
        ids |= set(version.lines.values_list("agreement_partner_id", flat=True))
        ids |= set(version.shares.values_list("agreement_partner_id", flat=True))
    return list(AgreementPartner.objects.filter(pk__in=ids).select_related("company").order_by("-is_lead", "pk"))


def _cells(version: BudgetVersion) -> tuple[dict[tuple[int, str], Decimal], dict[int, Decimal]]:
    lines = {(line.agreement_partner_id, line.category): line.eligible for line in version.lines.all()}
    grants = {share.agreement_partner_id: share.grant for share in version.shares.all()}
    return lines, grants


def version_table(version: BudgetVersion) -> list[PartnerRow]:
    """Per partner: eligible costs per category (every category), their total and the partner's grant."""
    lines, grants = _cells(version)
    rows = []
    for member in _members(version):
        cells = [(str(label), lines.get((member.pk, code), ZERO)) for code, label in CostCategoryCode.choices]
        rows.append(PartnerRow(member, cells, sum((v for _l, v in cells), ZERO), grants.get(member.pk, ZERO)))
    return rows


def compare(a: BudgetVersion, b: BudgetVersion) -> list[CompareRow]:
    """Per partner x category of either version: the amount in `a`, in `b` and the difference; then the grant."""
    lines_a, grants_a = _cells(a)
    lines_b, grants_b = _cells(b)
    rows = []
    for member in _members(a, b):
        row = CompareRow(member)
        for code, label in CostCategoryCode.choices:
            row.lines.append(
                CompareLine(str(label), lines_a.get((member.pk, code), ZERO), lines_b.get((member.pk, code), ZERO))
            )
        row.lines.append(
            CompareLine(str(_("Grant")), grants_a.get(member.pk, ZERO), grants_b.get(member.pk, ZERO), is_grant=True)
        )
        rows.append(row)
    return rows


def totals(rows: list[CompareRow]) -> list[CompareLine]:
    """The column totals of a comparison (the last one is the project's grant)."""
    if not rows:
        return []
    out = []
    for index, line in enumerate(rows[0].lines):
        out.append(
            CompareLine(
                line.label,
                sum((r.lines[index].before for r in rows), ZERO),
                sum((r.lines[index].after for r in rows), ZERO),
                line.is_grant,
            )
        )
    return out
