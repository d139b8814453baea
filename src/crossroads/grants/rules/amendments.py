"""Changes to a running agreement, as pure arithmetic (no Django): what a budget shift moves, whether it is free,
the grants a new budget allows, the money a leaving partner releases, and how far a project may be extended.

- A budget is {partner: {category: Decimal}} in euros to the cent. The moved amount of a partner between two
  budgets is half the sum of the absolute differences per category (a shift of 1.000,00 from consumables to
  personnel moves 1.000,00, not 2.000,00).
- A shift is free when no partner's total changes and each partner moved at most `free_share` of its eligible
  budget in the base version (the last version the secretariat approved, so free shifts are cumulative and ten
  small shifts cannot move everything); anything else, and any change of a partner's total, needs approval.
- A partner's grant never exceeds grant rate x its eligible costs (rounded down to the cent) and never rises
  through an amendment; the project's grant never rises above the granted total.
- An extension ends after the current end, at most `max_months` after the start and never after the programme.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from crossroads.core.money import from_cents, whole_cents

from .schedule import project_end

Budget = Mapping[Any, Mapping[str, Decimal]]


class AmendmentRuleError(ValueError):
    """Input the rules cannot work with; `code` is stable (the service words it)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _cents(value: Decimal) -> int:
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        raise AmendmentRuleError("not_decimal", value=value)
    cents = whole_cents(Decimal(value))
    if cents is None:
        raise AmendmentRuleError("fraction_of_cent", value=value)
    if cents < 0:
        raise AmendmentRuleError("negative", value=value)
    return cents


def total(lines: Mapping[str, Decimal]) -> Decimal:
    return from_cents(sum(_cents(v) for v in lines.values()))


def moved_cents2(before: Mapping[str, Decimal], after: Mapping[str, Decimal]) -> int:
    """Twice the moved amount, in cents (the sum of the absolute differences per category), exact."""
    categories = set(before) | set(after)
    return sum(abs(_cents(after.get(c, Decimal("0"))) - _cents(before.get(c, Decimal("0")))) for c in categories)


def moved_amount(before: Mapping[str, Decimal], after: Mapping[str, Decimal]) -> Decimal:
    """Half the sum of the absolute differences per category, to the cent (half a cent rounds up)."""
    return from_cents(math.ceil(Fraction(moved_cents2(before, after), 2)))


def free_limit(base: Mapping[str, Decimal], free_share: Decimal) -> Decimal:
    """What a partner may move without approval: `free_share` of its eligible budget, rounded down to the cent."""
    if not 0 <= free_share <= 1:
        raise AmendmentRuleError("share_out_of_range", value=free_share)
    return from_cents(math.floor(Fraction(free_share) * sum(_cents(v) for v in base.values())))


@dataclass(frozen=True)
class PartnerShift:
    partner: Any
    moved: Decimal
    limit: Decimal
    total_before: Decimal
    total_after: Decimal

    @property
    def total_changed(self) -> bool:
        return self.total_before != self.total_after

    @property
    def within_limit(self) -> bool:
        return not self.total_changed and self.moved <= self.limit


@dataclass(frozen=True)
class ShiftVerdict:
    free: bool
    partners: list[PartnerShift] = field(default_factory=list)  # only the partners whose lines changed

    @property
    def between_partners(self) -> bool:
        return any(p.total_changed for p in self.partners)


def classify_shift(base: Budget, proposed: Budget, free_share: Decimal) -> ShiftVerdict:
    """Whether `proposed` may be applied at once. `base` is the budget the free share is measured against."""
    shifts = []
    for partner in list(base) + [p for p in proposed if p not in base]:
        before = base.get(partner, {})
        after = proposed.get(partner, before)
        twice = moved_cents2(before, after)
        if twice == 0:
            continue
        limit = free_limit(before, free_share)
        moved = from_cents(math.ceil(Fraction(twice, 2)))
        shifts.append(PartnerShift(partner, moved, limit, total(before), total(after)))
    free = bool(shifts) and all(s.within_limit for s in shifts)
    return ShiftVerdict(free=free, partners=shifts)


def grant_cap(eligible_total: Decimal, grant_rate: Decimal) -> Decimal:
    """grant rate x eligible costs, rounded down to the cent (never above the rate)."""
    if not 0 <= grant_rate <= 1:
        raise AmendmentRuleError("share_out_of_range", value=grant_rate)
    return from_cents(math.floor(Fraction(grant_rate) * _cents(eligible_total)))


def grants_after_change(
    budget: Budget, grants: Mapping[Any, Decimal], grant_rate: Decimal, granted_total: Decimal
) -> dict[Any, Decimal]:
    """Each partner's grant under a new budget: its current grant, lowered to grant rate x its new eligible costs
    when that is less. Never raised; the sum never above `granted_total` (a grant above it is data that an
    earlier version should not have had: the excess is taken from the largest grants, cent by cent)."""
    new = {
        p: min(_cents(grants.get(p, Decimal("0"))), _cents(grant_cap(total(lines), grant_rate)))
        for p, lines in budget.items()
    }
    excess = sum(new.values()) - _cents(granted_total)
    for partner in sorted(new, key=lambda p: -new[p]):
        if excess <= 0:
            break
        cut = min(excess, new[partner])
        new[partner] -= cut
        excess -= cut
    return {p: from_cents(c) for p, c in new.items()}


def released(granted_total: Decimal, grants: Mapping[Any, Decimal]) -> Decimal:
    """The part of the granted total that no partner holds (released by a leaving partner or a reduction)."""
    return from_cents(max(0, _cents(granted_total) - sum(_cents(g) for g in grants.values())))


def leaving_grant(current: Decimal, committed: Decimal) -> Decimal:
    """A leaving partner keeps what was already paid or approved for it, never more than its grant."""
    return from_cents(min(_cents(current), _cents(committed)))


def joining_grant(eligible_total: Decimal, grant_rate: Decimal, available: Decimal) -> Decimal:
    """A joining partner's grant: grant rate x its eligible costs, at most the released money."""
    return min(grant_cap(eligible_total, grant_rate), from_cents(_cents(available)))


def latest_end(start: dt.date, max_months: int, programme_end: dt.date) -> dt.date:
    """The last day a project that starts on `start` may end: `max_months` long, never after the programme."""
    return min(project_end(start, max_months), programme_end)


def extension_refusal(
    *, start: dt.date, current_end: dt.date, new_end: dt.date, max_months: int, programme_end: dt.date
) -> str | None:
    """None when the new end date is allowed, else a code: "not_later", "too_long", "after_programme"."""
    if new_end <= current_end:
        return "not_later"
    if new_end > project_end(start, max_months):
        return "too_long"
    if new_end > programme_end:
        return "after_programme"
    return None
