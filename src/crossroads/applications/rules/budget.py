"""Budget and grant arithmetic of a joint application. Pure Python, `Decimal` euros, never float.

Rules followed (design/decisions.md "Money"; crossroads-rules.md 3.3-3.5):

- Personnel: hourly rate = last documented annual gross employment cost / annual hours (1,720), or per call a
  fixed hourly rate, an hourly cap, or the Dutch uplift (gross salary + 32 % charges, NL partners only);
  at most the annual hours per person-year, pro rata for part-time.
- Grant: grant rate (50 %) of the eligible costs of the partners that can receive a grant, capped per project
  (EUR 250,000); split pro rata to the cent, half-up, the remainder to the largest share (ties: the lead).

Every number comes from `CostRules`, built from the programme and call records: a second scheme needs no code.
Internally exact fractions and whole cents are used, so no intermediate rounding can creep in; every amount
returned is a `Decimal` with exactly two decimals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from crossroads.core.money import fraction_to_money, from_cents, to_money, whole_cents

METHODS = ("annual_cost", "fixed_rate", "hourly_cap", "nl_uplift")
ROLES = ("core", "non_primary_recipient", "service_provider", "unpaid_partner")
# Roles whose eligible costs are in the grant base and who receive a share of the grant. An unpaid partner gives
# up any subsidy; a service provider's price sits under the paying SME's external costs.
GRANT_ROLES = frozenset({"core", "non_primary_recipient"})
CATEGORIES = ("personnel", "consumables", "external")
SHARE = Decimal("0.0001")  # display shares: four decimals (a percentage with two)


class BudgetError(ValueError):
    """Bad or missing input. `code` is stable (for messages and tests); `params` name the figures involved."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _decimal(value: Any, code: str) -> Decimal:
    """A finite, non-negative Decimal (int accepted). Floats are refused: money is never float."""
    if value is None:
        raise BudgetError(f"{code}_missing")
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise BudgetError(f"{code}_not_decimal", value=value)
    value = Decimal(value)
    if not value.is_finite():
        raise BudgetError(f"{code}_not_finite", value=value)
    if value < 0:
        raise BudgetError(f"{code}_negative", value=value)
    return value


def _cents(value: Decimal, code: str, **params: Any) -> int:
    """Whole cents of an amount; an amount with fractions of a cent is refused (money is kept to the cent)."""
    cents = whole_cents(value)
    if cents is None:
        raise BudgetError(code, value=value, **params)
    return cents


@dataclass(frozen=True)
class CostRules:
    """The money numbers of one call (from the programme and call records).

    `method` is the personnel-cost method (crossroads-rules.md 3.5): "annual_cost" (annual gross employment
    cost / `annual_hours`), "fixed_rate" (vast uurtarief), "hourly_cap" (annual cost / hours, at most
    `hourly_cap`) or "nl_uplift" (Dutch partners: gross salary x (1 + `nl_uplift`) / hours).
    Grant: `grant_rate` of the eligible costs, at most `max_grant` per project (3.3).
    """

    method: str = "annual_cost"
    annual_hours: int = 1720
    hourly_cap: Decimal | None = None
    fixed_rate: Decimal | None = None
    nl_uplift: Decimal = Decimal("0.32")
    grant_rate: Decimal = Decimal("0.50")
    max_grant: Decimal = Decimal("250000")

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise BudgetError("unknown_cost_method", method=self.method)
        if isinstance(self.annual_hours, bool) or not isinstance(self.annual_hours, int) or self.annual_hours <= 0:
            raise BudgetError("annual_hours_invalid", value=self.annual_hours)
        if self.hourly_cap is not None:
            _decimal(self.hourly_cap, "hourly_cap")
        if self.fixed_rate is not None:
            _decimal(self.fixed_rate, "fixed_rate")
        _decimal(self.nl_uplift, "nl_uplift")
        if _decimal(self.grant_rate, "grant_rate") > 1:
            raise BudgetError("grant_rate_above_one", value=self.grant_rate)
        _decimal(self.max_grant, "max_grant")


def hourly_rate(rules: CostRules, *, annual_cost: Decimal | None, country: str) -> Decimal:
    """Hourly personnel rate under the call's method (crossroads-rules.md 3.5; decisions.md "Money").

    - "annual_cost": last documented annual gross employment cost / annual hours (EU default, 1,720 hours).
    - "fixed_rate": the call's fixed hourly rate (vast uurtarief); `annual_cost` is ignored.
    - "hourly_cap": min(annual cost / annual hours, cap).
    - "nl_uplift": for a Dutch partner (`country == "NL"`), gross annual salary x (1 + uplift) / annual hours
      (Regeling Europese EZ-subsidies art. 1.4(1)(a)); any other partner (BE) uses plain annual cost / hours.

    The rate is rounded to the cent, ROUND_HALF_UP, once, from the exact quotient.
    Raises `BudgetError` (a ValueError) "annual_cost_missing", "fixed_rate_missing", "hourly_cap_missing",
    "annual_cost_negative", ... when an input the method needs is missing or invalid.
    """
    if rules.method == "fixed_rate":
        return to_money(_decimal(rules.fixed_rate, "fixed_rate"))
    cost = Fraction(_decimal(annual_cost, "annual_cost"))
    if rules.method == "nl_uplift" and (country or "").strip().upper() == "NL":
        cost *= 1 + Fraction(rules.nl_uplift)
    rate = fraction_to_money(cost / rules.annual_hours)
    if rules.method == "hourly_cap":
        rate = min(rate, to_money(_decimal(rules.hourly_cap, "hourly_cap")))
    return rate


@dataclass(frozen=True)
class PersonnelLine:
    """One person's effort on the project: declared `hours`, at `fte` (1 = full time)."""

    person: str
    annual_cost: Decimal | None
    hours: Decimal
    fte: Decimal = Decimal("1")


@dataclass(frozen=True)
class PersonnelResult:
    rate: Decimal  # hourly rate, to the cent
    amount: Decimal  # rate x declared hours, to the cent
    max_hours: Decimal  # allowed hours over the project, rounded down to 0.01 h
    over_hours: bool  # declared hours exceed the allowed hours (the caller turns this into an error)


def personnel_cost(rules: CostRules, line: PersonnelLine, *, country: str, duration_months: int) -> PersonnelResult:
    """Personnel cost of one line (crossroads-rules.md 3.5: hours declared per person per year must not exceed
    the hours used for the rate, pro rata for part-time).

    amount = hourly rate x declared hours, rounded to the cent ROUND_HALF_UP. The amount is computed on the
    declared hours even when they are too many; `over_hours` only flags it.
    max_hours = annual_hours x fte x duration_months / 12; `over_hours` compares the declared hours with the
    exact maximum, `max_hours` is that maximum rounded down to the hundredth of an hour (so that, for hours
    given to the hundredth, hours > max_hours exactly when `over_hours`).
    A duration of 0 months (not set yet) allows 0 hours. `fte` must be in (0, 1]: nobody works more than
    one person-year per year.
    """
    rate = hourly_rate(rules, annual_cost=line.annual_cost, country=country)
    hours = _decimal(line.hours, "hours")
    fte = _decimal(line.fte, "fte")
    if fte == 0 or fte > 1:
        raise BudgetError("fte_invalid", value=fte, person=line.person)
    if isinstance(duration_months, bool) or not isinstance(duration_months, int) or duration_months < 0:
        raise BudgetError("duration_invalid", value=duration_months)
    exact_max = Fraction(rules.annual_hours) * Fraction(fte) * duration_months / 12
    max_hours = from_cents(math.floor(exact_max * 100))  # hundredths of an hour, rounded down
    amount = fraction_to_money(Fraction(rate) * Fraction(hours))
    return PersonnelResult(rate=rate, amount=amount, max_hours=max_hours, over_hours=Fraction(hours) > exact_max)


@dataclass(frozen=True)
class PartnerCosts:
    """A partner's eligible costs per category (crossroads-rules.md 3.4), in euros to the cent.

    `role`: "core" (SME), "non_primary_recipient", "service_provider" or "unpaid_partner" (2.4).
    """

    id: str
    role: str
    is_lead: bool
    personnel: Decimal
    consumables: Decimal
    external: Decimal

    @property
    def eligible(self) -> Decimal:
        """Total eligible costs: personnel + consumables + external costs / subcontracting."""
        return self.personnel + self.consumables + self.external


@dataclass
class GrantAllocation:
    total_costs: Decimal  # eligible costs of all partners, whatever their role
    eligible_base: Decimal  # eligible costs of the partners that can receive a grant (GRANT_ROLES)
    project_grant: Decimal
    capped: bool  # grant_rate x eligible_base was above max_grant
    per_partner: dict[str, Decimal]  # every partner id, 0.00 for those that get none; sums to project_grant
    shares: dict[str, Decimal]  # share of eligible_base (4 decimals, for display; 0 for non-recipients)
    by_category: dict[str, Decimal]  # totals per category over all partners
    largest_share_partner: str | None  # receives the rounding remainder; None when eligible_base is 0
    warnings: list[tuple[str, dict]]  # ("cost_share_over", {"partner", "share", "limit"})
    reduced_by: Decimal = Decimal("0.00")  # cents dropped so no partner exceeds grant_rate x its own costs


def allocate_grant(
    partners: list[PartnerCosts], rules: CostRules, *, share_warning: Decimal = Decimal("0.70")
) -> GrantAllocation:
    """Project grant and its split over the partners (decisions.md "Money"; crossroads-rules.md 2.4, 3.3).

    1. Grant base = eligible costs of the partners in GRANT_ROLES ("core", "non_primary_recipient", pro rata
       alike). An "unpaid_partner" or a "service_provider" is outside the base and receives 0.00; its declared
       costs still count in `total_costs`, `by_category` and the cost-share warning.
    2. Project grant = grant_rate x base, rounded DOWN to the cent (so it never exceeds the rate), capped at
       max_grant (`capped` when the cap applied).
    3. Each partner may receive at most grant_rate x its own eligible costs, rounded DOWN to the cent. When the
       project grant does not fit within the sum of these maxima (only possible by less than one cent per
       partner, e.g. two partners with 100,000.01 each: 50 % is 100,000.01 but each may get at most 50,000.00),
       the project grant is reduced to that sum; `reduced_by` says by how much. Otherwise a partner would get
       more than the rate of its own costs.
    4. Each partner's grant = its share of the base x project grant, rounded to the cent ROUND_HALF_UP, but not
       above its maximum. The rounding remainder (positive or negative) goes to the partner with the largest
       share (ties: the lead, then the order given); should that partner have no room left (its maximum, or
       0.00), the rest goes to the next largest share, and so on. Sums reconcile exactly to the cent.
    5. Warning ("cost_share_over", {"partner", "share", "limit"}) for each partner carrying more than
       `share_warning` of `total_costs` (the 70/30 guidance, 2.4; a warning, never an error).

    Zero eligible costs give a zero grant without any division. Raises `BudgetError` (a ValueError) for an
    unknown role, a duplicate id, more than one lead, or a negative or non-cent amount.
    """
    limit = _decimal(share_warning, "share_warning")
    cents, by_category = _partner_cents(partners)
    receives = [p.role in GRANT_ROLES and c > 0 for p, c in zip(partners, cents, strict=True)]
    total_cents = sum(cents)
    base = sum(c for c, r in zip(cents, receives, strict=True) if r)
    rate = Fraction(rules.grant_rate)
    maxima = [math.floor(rate * c) if r else 0 for c, r in zip(cents, receives, strict=True)]
    by_rate = math.floor(rate * base)
    cap = math.floor(Fraction(rules.max_grant) * 100)
    capped = rate * base > Fraction(rules.max_grant) * 100  # both sides in cents
    wanted = min(by_rate, cap)
    grant = min(wanted, sum(maxima))

    # Remainder order: largest share first, ties the lead, then the order given.
    order = sorted((i for i, r in enumerate(receives) if r), key=lambda i: (-cents[i], not partners[i].is_lead, i))
    allocated = _split(grant, cents, maxima, order, base)

    warnings: list[tuple[str, dict]] = []
    for partner, partner_cents in zip(partners, cents, strict=True):
        share = cost_share_over(Decimal(partner_cents), Decimal(total_cents), limit)
        if share is not None:
            warnings.append(("cost_share_over", {"partner": partner.id, "share": share, "limit": limit}))

    shares = {}
    for partner, partner_cents, r in zip(partners, cents, receives, strict=True):
        exact = Decimal(partner_cents) / Decimal(base) if r else Decimal(0)
        shares[partner.id] = exact.quantize(SHARE, rounding=ROUND_HALF_UP)

    return GrantAllocation(
        total_costs=from_cents(total_cents),
        eligible_base=from_cents(base),
        project_grant=from_cents(grant),
        capped=capped,
        per_partner={p.id: from_cents(a) for p, a in zip(partners, allocated, strict=True)},
        shares=shares,
        by_category={category: from_cents(value) for category, value in by_category.items()},
        largest_share_partner=partners[order[0]].id if order else None,
        warnings=warnings,
        reduced_by=from_cents(wanted - grant),
    )


def _partner_cents(partners: list[PartnerCosts]) -> tuple[list[int], dict[str, int]]:
    """Each partner's eligible costs in whole cents, and the totals per category; refuses bad input."""
    ids: set[str] = set()
    cents: list[int] = []
    by_category = dict.fromkeys(CATEGORIES, 0)
    for partner in partners:
        if partner.role not in ROLES:
            raise BudgetError("unknown_role", partner=partner.id, role=partner.role)
        if partner.id in ids:
            raise BudgetError("duplicate_partner", partner=partner.id)
        ids.add(partner.id)
        total = 0
        for category in CATEGORIES:
            amount = _decimal(getattr(partner, category), category)
            category_cents = _cents(amount, "amount_not_in_cents", partner=partner.id, category=category)
            by_category[category] += category_cents
            total += category_cents
        cents.append(total)
    if sum(1 for p in partners if p.is_lead) > 1:
        raise BudgetError("multiple_leads", partners=[p.id for p in partners if p.is_lead])
    return cents, by_category


def _split(grant: int, cents: list[int], maxima: list[int], order: list[int], base: int) -> list[int]:
    """The grant (in cents) pro rata to each partner's costs, half-up, each at most its maximum; the remainder goes
    along `order` (largest share first) to whoever has room. Sums to `grant` exactly."""
    allocated = [0] * len(cents)
    if grant <= 0:
        return allocated
    for i in order:
        allocated[i] = min((2 * grant * cents[i] + base) // (2 * base), maxima[i])
    remainder = grant - sum(allocated)
    for i in order:
        if remainder == 0:
            break
        step = min(remainder, maxima[i] - allocated[i]) if remainder > 0 else max(remainder, -allocated[i])
        allocated[i] += step
        remainder -= step
    assert remainder == 0, "the grant always fits: 0 <= grant <= sum of the maxima"
    return allocated


def cost_share_over(costs: Decimal, total: Decimal, limit: Decimal) -> Decimal | None:
    """The one cost-share warning (the 70/30 guidance, crossroads-rules.md 2.4): when `costs` are more than `limit`
    of `total` (decided exactly), their share to four decimals, half-up (a percentage to the hundredth); else None.
    Used by the grant allocation's warnings and by the application checks alike."""
    if total <= 0 or costs <= limit * total:
        return None
    return (costs / total).quantize(SHARE, rounding=ROUND_HALF_UP)


__all__ = [
    "CATEGORIES",
    "GRANT_ROLES",
    "METHODS",
    "ROLES",
    "BudgetError",
    "CostRules",
    "GrantAllocation",
    "PartnerCosts",
    "PersonnelLine",
    "PersonnelResult",
    "allocate_grant",
    "cost_share_over",
    "hourly_rate",
    "personnel_cost",
]
