"""Pure-data view of a programme's numbers, handed to the rule functions (no Django imports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SizeThresholds:
    """A size class holds when staff < staff_below AND (turnover <= limit OR balance total <= limit)."""

    staff_below: Decimal
    turnover_max: Decimal
    balance_max: Decimal


@dataclass(frozen=True)
class ProgrammeRules:
    micro: SizeThresholds
    small: SizeThresholds
    medium: SizeThresholds
    partner_holding_min: Decimal = Decimal("25")
    linked_holding_above: Decimal = Decimal("50")
    status_change_years: int = 2
    oim_equity_ratio: Decimal = Decimal("0.50")
    oim_young_company_years: int = 3
    oim_interim_max_age_months: int = 2
    oim_exempt_legal_forms: frozenset[str] = frozenset()
    state_aid_basis: str = "de_minimis"
    de_minimis_ceiling: Decimal = Decimal("300000")
    de_minimis_window_years: int = 3
    countries: tuple[str, ...] = ()  # the programme's (Programme.countries): no country is assumed
    eligible_region_statuses: frozenset[str] = frozenset({"core", "extended"})
    limited_roles: tuple[str, ...] = ()
    region_status_by_nuts3: dict[str, str] = field(default_factory=dict)

    def region_status(self, nuts3: str | None) -> str:
        if not nuts3:
            return "outside"
        return self.region_status_by_nuts3.get(nuts3, "outside")
