from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from crossroads.core.calendar import add_months, add_years  # noqa: F401 - re-exported for the rules


@dataclass(frozen=True)
class Reason:
    """One line of a verdict's explanation: a stable code and the figures it quotes."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class YearFigures:
    year: int
    staff: Decimal
    turnover: Decimal
    balance_total: Decimal
    equity: Decimal = Decimal("0")
    subscribed_capital: Decimal = Decimal("0")
    is_interim: bool = False
    attested_on: dt.date | None = None


@dataclass(frozen=True)
class Enterprise:
    id: int | str
    name: str
    legal_form: str = ""
    founded_on: dt.date | None = None
    role: str = "sme"
    years: tuple[YearFigures, ...] = ()

    def closed_years(self) -> list[YearFigures]:
        return sorted((y for y in self.years if not y.is_interim), key=lambda y: y.year)

    def figures_for(self, year: int) -> YearFigures | None:
        """Closed figures of `year`, else the latest closed year before it."""
        best = None
        for figures in self.closed_years():
            if figures.year <= year:
                best = figures
        return best


@dataclass(frozen=True)
class Link:
    """`owner` holds `percent` of `owned` (capital or voting rights); `control` = dominant influence."""

    owner: int | str
    owned: int | str
    percent: Decimal
    control: bool = False


@dataclass(frozen=True)
class AidEntry:
    enterprise: int | str
    granted_on: dt.date
    amount: Decimal
    granting_body: str = ""
