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
    # Art. 5: annual work units; `staff` (FTE) is used when they are not given.
    annual_work_units: Decimal | None = None
    # Art. 4(3): a new enterprise's good-faith estimate for the current year (counts only when attested).
    is_estimate: bool = False
    # GBER Art. 2(18)(c)-(e).
    collective_insolvency: bool = False
    rescue_aid_outstanding: bool = False
    restructuring_aid_running: bool = False
    book_debt: Decimal | None = None
    ebitda: Decimal | None = None
    interest_expense: Decimal | None = None

    @property
    def headcount(self) -> Decimal:
        """The staff figure of Art. 5: the annual work units when given, else the FTE."""
        return self.annual_work_units if self.annual_work_units is not None else self.staff


@dataclass(frozen=True)
class Enterprise:
    id: int | str
    name: str
    legal_form: str = ""
    founded_on: dt.date | None = None
    role: str = "sme"
    years: tuple[YearFigures, ...] = ()
    # "enterprise", "natural_person" or "public_body": only enterprises are consolidated (Art. 3, 6).
    kind: str = "enterprise"
    # An investor of Art. 3(2) second subparagraph ("" when not one).
    investor_type: str = ""
    country: str = ""
    nace: tuple[str, ...] = ()
    authority_budget: Decimal | None = None
    authority_inhabitants: int | None = None

    @property
    def is_enterprise(self) -> bool:
        return self.kind == "enterprise"

    def closed_years(self) -> list[YearFigures]:
        return sorted((y for y in self.years if not y.is_interim and not y.is_estimate), key=lambda y: y.year)

    def estimate(self) -> YearFigures | None:
        """The latest attested good-faith estimate (Art. 4(3)), if any."""
        attested = [y for y in self.years if y.is_estimate and y.attested_on is not None]
        return max(attested, key=lambda y: y.year) if attested else None

    def figures_for(self, year: int) -> YearFigures | None:
        """Closed figures of `year`, else the latest closed year before it."""
        best = None
        for figures in self.closed_years():
            if figures.year <= year:
                best = figures
        return best


@dataclass(frozen=True)
class Link:
    """`owner` holds `percent` of the capital of `owned` (and `voting_percent` of its voting rights, when it
    differs); `control` = dominant influence by contract or statutes (Art. 3(3)(c)), `board_majority` = the right to
    appoint or remove the majority of the board (b), `votes_by_agreement` = control of the majority of voting rights
    by agreement with other shareholders (d). Holders with the same `acting_jointly` label act jointly.
    `market`: "" (decide by NACE), "same" (same or adjacent market) or "other"."""

    owner: int | str
    owned: int | str
    percent: Decimal
    control: bool = False
    voting_percent: Decimal | None = None
    board_majority: bool = False
    votes_by_agreement: bool = False
    acting_jointly: str = ""
    market: str = ""
    invested: Decimal | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None

    @property
    def share(self) -> Decimal:
        """The higher of the shares of capital and voting rights (Art. 3(2)-(3))."""
        if self.voting_percent is None:
            return self.percent
        return max(self.percent, self.voting_percent)

    @property
    def controls(self) -> bool:
        """Control without (or besides) a majority: Art. 3(3)(b)-(d)."""
        return self.control or self.board_majority or self.votes_by_agreement

    def held_on(self, day: dt.date) -> bool:
        return (self.started_on is None or self.started_on <= day) and (self.ended_on is None or self.ended_on >= day)


def links_on(links: list[Link], day: dt.date) -> list[Link]:
    """The links held on `day`."""
    return [link for link in links if link.held_on(day)]


@dataclass(frozen=True)
class AidEntry:
    enterprise: int | str
    granted_on: dt.date
    amount: Decimal
    granting_body: str = ""
    # Granting Member State ("" = unknown, read as the undertaking's own country), Reg. 2023/2831 Art. 3(2).
    member_state: str = ""
    # "own", "merged" or "split" (Art. 3(8)-(9)), with the undertaking it came from.
    origin: str = "own"
    origin_source: str = ""
