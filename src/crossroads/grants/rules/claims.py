"""Live checks of a cost claim. Pure: plain facts in, structured findings out (code, severity, the line it is
about, parameters); `grants.messages.claims.finding_text` words them. They run while the partner edits the claim
and again at submission, where an error blocks and a warning does not.

The hourly rate under the call's method and its rounding are the application's rules
(`applications.rules.budget.hourly_rate`): a claim never has a second formula.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from crossroads.applications.rules.budget import BudgetError, CostRules, hourly_rate
from crossroads.core.money import fraction_to_money

ERROR = "error"
WARNING = "warning"

PERSONNEL = "personnel"
INVOICE_CATEGORIES = ("consumables", "external")
# Which supporting documents a line needs, per category.
REQUIRED_DOCUMENTS = {
    PERSONNEL: ("timesheet",),
    "consumables": ("invoice", "proof_of_payment"),
    "external": ("invoice", "proof_of_payment"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    line: int | None = None  # the claim line it is about (None: the claim as a whole)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EarlierClaim:
    """Where the same invoice or timesheet was claimed before."""

    reference: str  # the project's reference
    period: int
    partner: str
    how: str  # "document" or "invoice"


@dataclass(frozen=True)
class LineFacts:
    id: int
    category: str
    description: str = ""
    person: str = ""
    work_from: dt.date | None = None
    work_to: dt.date | None = None
    hours: Decimal | None = None
    hourly_rate: Decimal | None = None  # typed; None: the rate of the method
    annual_cost: Decimal | None = None
    supplier: str = ""
    invoice_number: str = ""
    invoice_date: dt.date | None = None
    paid_on: dt.date | None = None
    amount: Decimal = Decimal("0.00")
    documents: frozenset[str] = frozenset()  # kinds of the uploaded documents
    duplicates: tuple[EarlierClaim, ...] = ()


@dataclass(frozen=True)
class ClaimFacts:
    project_start: dt.date
    project_end: dt.date
    period_start: dt.date
    period_end: dt.date
    today: dt.date  # the day of submission (paid on must not be after it)
    rules: CostRules
    country: str  # the partner's country (the Dutch uplift applies to NL partners only)
    budget: dict[str, Decimal]  # approved eligible costs per category
    claimed_before: dict[str, Decimal] = field(default_factory=dict)  # other claims of the partner, per category
    hours_before: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # (person key, year) -> hours
    lines: tuple[LineFacts, ...] = ()


def person_key(name: str) -> str:
    """The same person however the name is typed ("Jan  Peeters", "jan peeters")."""
    return " ".join(name.casefold().split())


def method_rate(rules: CostRules, *, annual_cost: Decimal | None, country: str) -> Decimal | None:
    """The hourly rate the call's method gives, or None when an input it needs is missing or invalid."""
    try:
        return hourly_rate(rules, annual_cost=annual_cost, country=country)
    except BudgetError:
        return None


def personnel_amount(rate: Decimal, hours: Decimal) -> Decimal:
    """Rate x hours, to the cent (half-up, once), as the application's personnel cost."""
    return fraction_to_money(Fraction(rate) * Fraction(hours))


def hours_by_year(work_from: dt.date, work_to: dt.date, hours: Decimal) -> dict[int, Fraction]:
    """Hours of a work period spread over the calendar years it touches, pro rata to the days in each."""
    if work_to < work_from:
        return {}
    days = (work_to - work_from).days + 1
    out: dict[int, Fraction] = {}
    for year in range(work_from.year, work_to.year + 1):
        first = max(work_from, dt.date(year, 1, 1))
        last = min(work_to, dt.date(year, 12, 31))
        out[year] = Fraction(hours) * ((last - first).days + 1) / days
    return out


def _missing_fields(line: LineFacts) -> list[str]:
    if line.category == PERSONNEL:
        wanted = {"person": line.person, "work_from": line.work_from, "work_to": line.work_to, "hours": line.hours}
    else:
        wanted = {
            "supplier": line.supplier,
            "invoice_number": line.invoice_number,
            "invoice_date": line.invoice_date,
            "paid_on": line.paid_on,
        }
    return [name for name, value in wanted.items() if value in (None, "")]


def _line_dates(line: LineFacts) -> list[dt.date]:
    if line.category == PERSONNEL:
        return [d for d in (line.work_from, line.work_to) if d is not None]
    return [line.invoice_date] if line.invoice_date is not None else []


def _dates(line: LineFacts, facts: ClaimFacts) -> list[Finding]:
    out = []
    dates = _line_dates(line)
    if line.category == PERSONNEL and line.work_from and line.work_to and line.work_to < line.work_from:
        out.append(Finding("line.work_period_reversed", ERROR, line.id))
    if any(d < facts.project_start or d > facts.project_end for d in dates):
        params = {"start": facts.project_start, "end": facts.project_end}
        out.append(Finding("line.outside_project", ERROR, line.id, params))
    elif any(d < facts.period_start or d > facts.period_end for d in dates):
        params = {"start": facts.period_start, "end": facts.period_end}
        out.append(Finding("line.outside_period", WARNING, line.id, params))
    if line.paid_on is not None and line.paid_on > facts.today:
        out.append(Finding("line.paid_in_future", ERROR, line.id, {"paid_on": line.paid_on}))
    if line.paid_on is not None and line.invoice_date is not None and line.paid_on < line.invoice_date:
        params = {"paid_on": line.paid_on, "invoice_date": line.invoice_date}
        out.append(Finding("line.paid_before_invoice", WARNING, line.id, params))
    return out


def _rate(line: LineFacts, facts: ClaimFacts) -> list[Finding]:
    if line.category != PERSONNEL:
        return []
    rate = method_rate(facts.rules, annual_cost=line.annual_cost, country=facts.country)
    if rate is None:
        return [Finding("line.rate_unknown", ERROR, line.id, {"method": facts.rules.method})]
    if line.hourly_rate is not None and line.hourly_rate > rate:
        return [Finding("line.rate_above_method", ERROR, line.id, {"rate": line.hourly_rate, "allowed": rate})]
    return []


def _documents(line: LineFacts) -> list[Finding]:
    return [
        Finding("line.document_missing", ERROR, line.id, {"kind": kind})
        for kind in REQUIRED_DOCUMENTS.get(line.category, ())
        if kind not in line.documents
    ]


def _duplicates(line: LineFacts) -> list[Finding]:
    return [
        Finding(
            "line.duplicate",
            ERROR,
            line.id,
            {"reference": d.reference, "period": d.period, "partner": d.partner, "how": d.how},
        )
        for d in line.duplicates
    ]


def check_line(line: LineFacts, facts: ClaimFacts) -> list[Finding]:
    """The checks of one line: complete, dates, budgeted category, rate, documents, duplicates."""
    out = [Finding("line.field_missing", ERROR, line.id, {"field": name}) for name in _missing_fields(line)]
    out += _dates(line, facts)
    if facts.budget.get(line.category, Decimal("0")) <= 0:
        out.append(Finding("line.category_not_budgeted", ERROR, line.id, {"category": line.category}))
    out += _rate(line, facts)
    out += _documents(line)
    out += _duplicates(line)
    return out


def _yearly_hours(facts: ClaimFacts) -> list[Finding]:
    """Hours per person per calendar year, across every claim of the partner, at most the annual hours."""
    totals: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    names: dict[str, str] = {}
    for (key, year), before in facts.hours_before.items():
        totals[(key, year)] += Fraction(before)
    touched: set[tuple[str, int]] = set()
    for line in facts.lines:
        if line.category != PERSONNEL or not (line.person and line.work_from and line.work_to and line.hours):
            continue
        key = person_key(line.person)
        names.setdefault(key, line.person.strip())
        for year, hours in hours_by_year(line.work_from, line.work_to, line.hours).items():
            totals[(key, year)] += hours
            touched.add((key, year))
    out = []
    for key, year in sorted(touched):
        if totals[(key, year)] > facts.rules.annual_hours:
            params = {
                "person": names[key],
                "year": year,
                "hours": fraction_to_money(totals[(key, year)]),
                "max": facts.rules.annual_hours,
            }
            out.append(Finding("claim.hours_over_year", ERROR, None, params))
    return out


def _category_totals(facts: ClaimFacts) -> list[Finding]:
    """Claimed so far plus this claim, per category, against the approved budget: over it is a warning (finance
    decides; the grant is never paid above the partner's ceiling)."""
    this: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for line in facts.lines:
        this[line.category] += line.amount
    out = []
    for category in sorted(this):
        budget = facts.budget.get(category, Decimal("0"))
        total = facts.claimed_before.get(category, Decimal("0.00")) + this[category]
        if budget > 0 and total > budget:
            params = {"category": category, "claimed": total, "budget": budget, "over": total - budget}
            out.append(Finding("claim.over_budget", WARNING, None, params))
    return out


def check_claim(facts: ClaimFacts) -> list[Finding]:
    """Every check, the claim's own first, then line by line in the order given."""
    out: list[Finding] = []
    if not facts.lines:
        out.append(Finding("claim.empty", ERROR))
    out += _yearly_hours(facts)
    out += _category_totals(facts)
    for line in facts.lines:
        out += check_line(line, facts)
    return out


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


__all__ = [
    "ERROR",
    "WARNING",
    "ClaimFacts",
    "EarlierClaim",
    "Finding",
    "LineFacts",
    "blocking",
    "check_claim",
    "check_line",
    "hours_by_year",
    "method_rate",
    "person_key",
    "personnel_amount",
]
