"""Size class and SME status per EU Recommendation 2003/361/EC (Annex, Articles 2-6).

- Art. 2: a class holds when staff < ceiling AND (turnover <= ceiling OR balance-sheet total <= ceiling).
- Art. 3 + 6: data of linked enterprises (> 50 %, or dominant influence) are added in full, data of partner
  enterprises (25 % - 50 %) pro rata to the holding; a partner's data include its own linked enterprises,
  and partners of linked enterprises are added pro rata as well (Art. 6(3) and 6(4)).
- Art. 4(2): crossing a ceiling changes the class only when it happens in two consecutive financial years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from crossroads.programme.rules import ProgrammeRules, SizeThresholds

from .types import Enterprise, Link, Reason, links_on

SIZE_ORDER = ("micro", "small", "medium", "large")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class ConsolidationLine:
    enterprise_id: int | str
    name: str
    relation: str  # "self", "linked" or "partner"
    share: Decimal  # percentage of the data that is added
    year: int | None
    staff: Decimal
    turnover: Decimal
    balance_total: Decimal


@dataclass(frozen=True)
class Consolidated:
    year: int
    lines: tuple[ConsolidationLine, ...]
    staff: Decimal
    turnover: Decimal
    balance_total: Decimal
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearSize:
    year: int
    figures: Consolidated
    raw_class: str
    effective_class: str


@dataclass
class SizeVerdict:
    size_class: str | None  # None when there are no figures at all
    is_sme: bool | None
    years: list[YearSize] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)


def relation_of(link: Link, rules: ProgrammeRules) -> str | None:
    if link.control or link.percent > rules.linked_holding_above:
        return "linked"
    if link.percent >= rules.partner_holding_min:
        return "partner"
    return None


def _neighbours(node: int | str, links: Iterable[Link]) -> Iterable[tuple[int | str, Link]]:
    for link in links:
        if link.owner == node:
            yield link.owned, link
        elif link.owned == node:
            yield link.owner, link


def linked_group(start: int | str, links: list[Link], rules: ProgrammeRules) -> list[int | str]:
    """The enterprise and everything linked to it, directly or through a chain of linked enterprises."""
    group, queue = [start], [start]
    while queue:
        node = queue.pop()
        for other, link in _neighbours(node, links):
            if other not in group and relation_of(link, rules) == "linked":
                group.append(other)
                queue.append(other)
    return group


def _line(enterprise: Enterprise, relation: str, share: Decimal, year: int) -> tuple[ConsolidationLine, bool]:
    figures = enterprise.figures_for(year)
    factor = share / HUNDRED
    if figures is None:
        zero = Decimal("0")
        return ConsolidationLine(enterprise.id, enterprise.name, relation, share, None, zero, zero, zero), False
    return (
        ConsolidationLine(
            enterprise.id,
            enterprise.name,
            relation,
            share,
            figures.year,
            figures.staff * factor,
            figures.turnover * factor,
            figures.balance_total * factor,
        ),
        True,
    )


def consolidate(
    enterprise_id: int | str, year: int, enterprises: dict, links: list[Link], rules: ProgrammeRules
) -> Consolidated:
    """Headcount and financial data of the enterprise with its linked and partner enterprises for `year`."""
    group = linked_group(enterprise_id, links, rules)
    shares: dict[int | str, tuple[str, Decimal]] = {
        member: ("self" if member == enterprise_id else "linked", HUNDRED) for member in group
    }
    # Partners immediately up- or downstream of any group member, pro rata; each counted once, with the
    # largest holding when several members hold it. A partner's own linked enterprises come in at the same rate.
    for member in group:
        for other, link in _neighbours(member, links):
            if other in group or relation_of(link, rules) != "partner":
                continue
            for partner_member in linked_group(other, links, rules):
                if partner_member in group:
                    continue
                previous = shares.get(partner_member)
                if previous is None or previous[1] < link.percent:
                    shares[partner_member] = ("partner", link.percent)
    lines, missing = [], []
    for member_id, (relation, share) in shares.items():
        line, found = _line(enterprises[member_id], relation, share, year)
        lines.append(line)
        if not found:
            missing.append(enterprises[member_id].name)
    return Consolidated(
        year=year,
        lines=tuple(lines),
        staff=sum((line.staff for line in lines), Decimal("0")),
        turnover=sum((line.turnover for line in lines), Decimal("0")),
        balance_total=sum((line.balance_total for line in lines), Decimal("0")),
        missing=tuple(missing),
    )


def _fits(figures: Consolidated, ceiling: SizeThresholds) -> bool:
    return figures.staff < ceiling.staff_below and (
        figures.turnover <= ceiling.turnover_max or figures.balance_total <= ceiling.balance_max
    )


def raw_size_class(figures: Consolidated, rules: ProgrammeRules) -> str:
    for name, ceiling in (("micro", rules.micro), ("small", rules.small), ("medium", rules.medium)):
        if _fits(figures, ceiling):
            return name
    return "large"


def effective_classes(raw: list[str], years_needed: int) -> list[str]:
    """Apply Art. 4(2): the class moves only when the last `years_needed` years all lie on the same side.

    It then moves to the class nearest to the old one among those years (a company that was micro and is
    small, then medium, becomes small, not medium).
    """
    effective: list[str] = []
    for index, current in enumerate(raw):
        if index == 0:
            effective.append(current)
            continue
        previous = SIZE_ORDER.index(effective[-1])
        window = [SIZE_ORDER.index(c) for c in raw[max(0, index - years_needed + 1) : index + 1]]
        if len(window) >= years_needed and all(w > previous for w in window):
            effective.append(SIZE_ORDER[min(window)])
        elif len(window) >= years_needed and all(w < previous for w in window):
            effective.append(SIZE_ORDER[max(window)])
        else:
            effective.append(effective[-1])
    return effective


def size_verdict(
    enterprise_id: int | str,
    enterprises: dict,
    links: list[Link],
    rules: ProgrammeRules,
    *,
    reference: dt.date | None = None,
) -> SizeVerdict:
    if reference is not None:
        links = links_on(links, reference)
    enterprise: Enterprise = enterprises[enterprise_id]
    years = [y.year for y in enterprise.closed_years()]
    if not years:
        return SizeVerdict(None, None, reasons=[Reason("size.no_figures")])
    consolidated = [consolidate(enterprise_id, year, enterprises, links, rules) for year in years]
    raw = [raw_size_class(c, rules) for c in consolidated]
    effective = effective_classes(raw, rules.status_change_years)
    rows = [YearSize(y, c, r, e) for y, c, r, e in zip(years, consolidated, raw, effective, strict=True)]
    last = rows[-1]
    verdict = SizeVerdict(last.effective_class, last.effective_class != "large", rows)
    verdict.reasons.append(_class_reason(last, rules))
    if last.raw_class != last.effective_class:
        verdict.reasons.append(
            Reason(
                "size.two_year_rule",
                {
                    "year": last.year,
                    "raw": last.raw_class,
                    "kept": last.effective_class,
                    "years": rules.status_change_years,
                },
            )
        )
    for line in last.figures.lines:
        if line.relation != "self":
            verdict.reasons.append(
                Reason(
                    f"size.{line.relation}_added",
                    {
                        "name": line.name,
                        "share": line.share,
                        "staff": line.staff,
                        "turnover": line.turnover,
                        "balance": line.balance_total,
                    },
                )
            )
    for name in last.figures.missing:
        verdict.reasons.append(Reason("size.related_without_figures", {"name": name}))
    return verdict


def _class_reason(row: YearSize, rules: ProgrammeRules) -> Reason:
    figures = row.figures
    params = {
        "year": row.year,
        "class": row.raw_class,
        "staff": figures.staff,
        "turnover": figures.turnover,
        "balance": figures.balance_total,
        "staff_limit": rules.medium.staff_below,
        "turnover_limit": rules.medium.turnover_max,
        "balance_limit": rules.medium.balance_max,
    }
    if row.raw_class != "large":
        return Reason("size.within_ceilings", params)
    if figures.staff >= rules.medium.staff_below:
        return Reason("size.staff_too_high", params)
    return Reason("size.both_financials_too_high", params)
