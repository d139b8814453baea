"""Undertaking in difficulty (onderneming in moeilijkheden, OIM): GBER (Reg. 651/2014) Art. 2(18).

An undertaking is in difficulty when at least one of these holds:
(a)/(b) more than half of its subscribed capital has disappeared through accumulated losses; the CrossRoads scheme
    words it as "equity below 50 % of subscribed capital in the last closed accounts, filed or not" (enter share
    premium in the subscribed capital); not for an SME younger than three years;
(c) it is subject to collective insolvency proceedings, or meets the criteria of its national law for being
    placed in them at its creditors' request;
(d) it received rescue aid and has not yet repaid the loan or ended the guarantee, or received restructuring aid
    and is still subject to a restructuring plan;
(e) for an undertaking that is not an SME: for each of the past two years its book debt to equity ratio was above
    7.5 **and** its EBITDA interest coverage ratio below 1.0.

With the Interreg VL-NL practice (crossroads-rules.md 2.3):
- no equity test for exempt legal forms (eenmanszaak, maatschap, vzw, stichting, ...) nor for an SME younger than
  3 years, where a group's age is that of its oldest linked enterprise; (c) and (d) apply to every undertaking;
- attested interim figures no older than 2 months before the reference date replace the last accounts;
- the equity test is made stand-alone and for the linked group (partners are not consolidated for OIM). The
  group test adds the members' figures of ONE reference year (the year of the applicant's figures); a member
  without figures for that year makes the verdict "figures needed" (`unknown`), never healthy by default;
- (c) and (d) are checked for the applicant and every linked enterprise of its group; (e) on the applicant's own
  closed accounts;
- under de minimis aid the test does not apply (the result is shown, but does not block).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from crossroads.programme.rules import ProgrammeRules

from .size import linked_group
from .types import Enterprise, Link, Reason, YearFigures, add_months, add_years

IN_DIFFICULTY = "in_difficulty"
HEALTHY = "healthy"
EXEMPT = "exempt"
UNKNOWN = "unknown"  # "figures needed": the test cannot be made yet
FIGURES_NEEDED = UNKNOWN

# GBER Art. 2(18)(e): the numbers are the regulation's, not the programme's.
LEVERAGE_ABOVE = Decimal("7.5")
COVERAGE_BELOW = Decimal("1.0")
LEVERAGE_YEARS = 2

FAIL, PASS, NEEDED = "fail", "pass", "needed"


@dataclass(frozen=True)
class DifficultyFacts:
    """The inputs of GBER Art. 2(18)(c)-(e) that one financial year of an enterprise records."""

    year: int
    collective_insolvency: bool = False
    rescue_aid_outstanding: bool = False
    restructuring_aid_running: bool = False
    book_debt: Decimal | None = None
    ebitda: Decimal | None = None
    interest_expense: Decimal | None = None
    is_interim: bool = False


@dataclass
class DifficultyVerdict:
    status: str
    blocks: bool
    reasons: list[Reason] = field(default_factory=list)
    figures: YearFigures | None = None


FactsMap = Mapping[int | str, Sequence[DifficultyFacts]]


def facts_of(enterprise: Enterprise) -> list[DifficultyFacts]:
    """The (c)-(e) inputs recorded on an enterprise's financial years (estimates left out)."""
    return [
        DifficultyFacts(
            y.year,
            collective_insolvency=bool(getattr(y, "collective_insolvency", False)),
            rescue_aid_outstanding=bool(getattr(y, "rescue_aid_outstanding", False)),
            restructuring_aid_running=bool(getattr(y, "restructuring_aid_running", False)),
            book_debt=getattr(y, "book_debt", None),
            ebitda=getattr(y, "ebitda", None),
            interest_expense=getattr(y, "interest_expense", None),
            is_interim=y.is_interim,
        )
        for y in enterprise.years
        if not getattr(y, "is_estimate", False)
    ]


def _figures_for_test(enterprise: Enterprise, reference: dt.date, rules: ProgrammeRules) -> YearFigures | None:
    interim = _recent_interim(enterprise, reference, rules)
    if interim:
        return max(interim, key=lambda y: y.attested_on or dt.date.min)
    closed = enterprise.closed_years()
    return closed[-1] if closed else None


def _recent_interim(enterprise: Enterprise, reference: dt.date, rules: ProgrammeRules) -> list[YearFigures]:
    oldest_allowed = add_months(reference, -rules.oim_interim_max_age_months)
    return [
        y
        for y in enterprise.years
        if y.is_interim and y.attested_on is not None and oldest_allowed <= y.attested_on <= reference
    ]


def _figures_of_year(
    enterprise: Enterprise, year: int, interim: bool, reference: dt.date, rules: ProgrammeRules
) -> YearFigures | None:
    """The member's figures of exactly `year`: its recent attested interim figures of that year when the applicant
    used interim figures, else its closed accounts of that year."""
    if interim:
        recent = [y for y in _recent_interim(enterprise, reference, rules) if y.year == year]
        if recent:
            return max(recent, key=lambda y: y.attested_on or dt.date.min)
    return next((y for y in enterprise.closed_years() if y.year == year), None)


def _fails(equity: Decimal, capital: Decimal, rules: ProgrammeRules) -> bool:
    return equity < capital * rules.oim_equity_ratio


def difficulty_verdict(
    enterprise_id: int | str,
    enterprises: dict,
    links: list[Link],
    rules: ProgrammeRules,
    *,
    reference: dt.date,
    is_sme: bool | None,
    facts: FactsMap | None = None,
) -> DifficultyVerdict:
    """GBER Art. 2(18) for `enterprise_id`. `facts` holds each enterprise's inputs for (c)-(e); by default they are
    read from its `YearFigures` (nothing recorded reads as "no proceedings, no rescue or restructuring aid").
    Natural persons and public bodies in the group (no accounts) are not tested themselves."""
    enterprise: Enterprise = enterprises[enterprise_id]
    applies = rules.state_aid_basis != "de_minimis"
    # With `enterprises` the size rules know persons and public bodies: they are not group members themselves,
    # and a person holding two enterprises links them only on the same or an adjacent market (Art. 3(3) 4th subpar.).
    group = [
        enterprises[i]
        for i in linked_group(enterprise_id, links, rules, enterprises)
        if i == enterprise_id or getattr(enterprises[i], "kind", "enterprise") == "enterprise"
    ]
    if facts is None:
        facts = {member.id: facts_of(member) for member in group}
    always = _insolvency_and_rescue(group, facts)  # (c) and (d): no exemption

    form = enterprise.legal_form.strip().lower()
    exemption: DifficultyVerdict | None
    if form in rules.oim_exempt_legal_forms:
        exemption = DifficultyVerdict(EXEMPT, False, [Reason("oim.exempt_legal_form", {"form": enterprise.legal_form})])
    else:
        exemption = _young_sme_exemption(group, rules, reference=reference, is_sme=is_sme)
    if exemption is not None:
        return _finish(always, FAIL, None, applies) if always else exemption

    own = _figures_for_test(enterprise, reference, rules)
    if own is None:
        return _finish([Reason("oim.no_figures"), *always], FAIL if always else NEEDED, None, applies)

    source = "oim.interim_used" if own.is_interim else "oim.last_accounts_used"
    reasons = [Reason(source, {"year": own.year, "attested_on": own.attested_on})]
    outcomes = [FAIL if _fails(own.equity, own.subscribed_capital, rules) else PASS]
    reasons.append(_standalone_reason(own, outcomes[0] == FAIL, rules))
    if len(group) > 1:
        outcome, reason = _group_test(enterprise_id, own, group, rules, reference=reference)
        outcomes.append(outcome)
        reasons.append(reason)
    if is_sme is False:
        outcome, reason = _leverage_test(enterprise, facts.get(enterprise_id, ()))
        outcomes.append(outcome)
        reasons.append(reason)
    if always:
        outcomes.append(FAIL)
        reasons.extend(always)
    overall = FAIL if FAIL in outcomes else NEEDED if NEEDED in outcomes else PASS
    return _finish(reasons, overall, own, applies)


def _finish(reasons: list[Reason], outcome: str, own: YearFigures | None, applies: bool) -> DifficultyVerdict:
    status = {FAIL: IN_DIFFICULTY, NEEDED: UNKNOWN, PASS: HEALTHY}[outcome]
    if outcome == FAIL and not applies:
        reasons = [*reasons, Reason("oim.de_minimis_route")]
    return DifficultyVerdict(status, outcome != PASS and applies, reasons, own)


def _latest_facts(records: Sequence[DifficultyFacts]) -> list[DifficultyFacts]:
    if not records:
        return []
    latest = max(r.year for r in records)
    return [r for r in records if r.year == latest]


def _insolvency_and_rescue(group: list[Enterprise], facts: FactsMap) -> list[Reason]:
    """GBER Art. 2(18)(c) and (d) for each member of the linked group, on its latest recorded year."""
    reasons = []
    for member in group:
        latest = _latest_facts(facts.get(member.id, ()))
        params = {"name": member.name, "year": latest[0].year if latest else None}
        if any(r.collective_insolvency for r in latest):
            reasons.append(Reason("oim.collective_insolvency", params))
        if any(r.rescue_aid_outstanding for r in latest):
            reasons.append(Reason("oim.rescue_aid_outstanding", params))
        if any(r.restructuring_aid_running for r in latest):
            reasons.append(Reason("oim.restructuring_aid_running", params))
    return reasons


def _young_sme_exemption(
    group: list[Enterprise], rules: ProgrammeRules, *, reference: dt.date, is_sme: bool | None
) -> DifficultyVerdict | None:
    """No test for an SME younger than the programme's limit; a group is as old as its oldest linked enterprise."""
    founding_dates = [e.founded_on for e in group if e.founded_on]
    if not (is_sme and founding_dates):
        return None
    oldest = min(founding_dates)
    if add_years(oldest, rules.oim_young_company_years) <= reference:
        return None
    code = "oim.young_sme_group" if len(group) > 1 else "oim.young_sme"
    return DifficultyVerdict(
        EXEMPT,
        False,
        [Reason(code, {"founded": oldest, "years": rules.oim_young_company_years, "reference": reference})],
    )


def _standalone_reason(own: YearFigures, fails: bool, rules: ProgrammeRules) -> Reason:
    return Reason(
        "oim.standalone_fails" if fails else "oim.standalone_passes",
        {
            "equity": own.equity,
            "capital": own.subscribed_capital,
            "threshold": own.subscribed_capital * rules.oim_equity_ratio,
            "ratio": rules.oim_equity_ratio,
        },
    )


def _group_test(
    enterprise_id: int | str,
    own: YearFigures,
    group: list[Enterprise],
    rules: ProgrammeRules,
    *,
    reference: dt.date,
) -> tuple[str, Reason]:
    """The equity test on the linked group's figures of the applicant's reference year, added up. A member
    without figures for that year makes it "figures needed"; the reason counts the members actually tested."""
    equity = capital = Decimal("0")
    tested, missing = 0, []
    for member in group:
        if member.id == enterprise_id:
            figures: YearFigures | None = own
        else:
            figures = _figures_of_year(member, own.year, own.is_interim, reference, rules)
        if figures is None:
            missing.append(member.name)
            continue
        tested += 1
        equity += figures.equity
        capital += figures.subscribed_capital
    if missing:
        return NEEDED, Reason(
            "oim.group_figures_needed",
            {"year": own.year, "names": ", ".join(missing), "missing": len(missing), "members": tested},
        )
    fails = _fails(equity, capital, rules)
    reason = Reason(
        "oim.group_fails" if fails else "oim.group_passes",
        {
            "equity": equity,
            "capital": capital,
            "threshold": capital * rules.oim_equity_ratio,
            "members": tested,
            "ratio": rules.oim_equity_ratio,
            "year": own.year,
        },
    )
    return (FAIL if fails else PASS), reason


def _leverage_test(enterprise: Enterprise, records: Sequence[DifficultyFacts]) -> tuple[str, Reason]:
    """GBER Art. 2(18)(e), for a non-SME: in each of the last two closed years, book debt / equity > 7.5 AND
    EBITDA / interest expense < 1.0. Exact comparisons: debt > 7.5 x equity (equity <= 0 with debt counts as
    above), EBITDA < 1.0 x interest (no interest expense: coverage is not below 1.0)."""
    closed = enterprise.closed_years()
    if not closed:
        return NEEDED, Reason("oim.leverage_figures_needed", {"years": ""})
    last = closed[-1].year
    years = [last - i for i in range(LEVERAGE_YEARS)]
    by_year = {y.year: y for y in closed}
    if any(year not in by_year for year in years):
        return PASS, Reason("oim.leverage_not_two_years", {"year": last})
    closed_facts = {r.year: r for r in records if not r.is_interim}
    label = " - ".join(str(year) for year in sorted(years))
    rows = []
    for year in years:
        record = closed_facts.get(year)
        debt, ebitda, interest = (None, None, None) if record is None else _ratios_inputs(record)
        if debt is None or ebitda is None or interest is None:
            return NEEDED, Reason("oim.leverage_figures_needed", {"years": label})
        rows.append(_leverage_row(by_year[year].equity, debt, ebitda, interest))
    fails = all(high and low for high, low in rows)
    return (FAIL if fails else PASS), Reason(
        "oim.leverage_fails" if fails else "oim.leverage_passes",
        {"years": label, "leverage": LEVERAGE_ABOVE, "coverage": COVERAGE_BELOW},
    )


def _ratios_inputs(record: DifficultyFacts) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    return record.book_debt, record.ebitda, record.interest_expense


def _leverage_row(equity: Decimal, debt: Decimal, ebitda: Decimal, interest: Decimal) -> tuple[bool, bool]:
    high = debt > LEVERAGE_ABOVE * equity if equity > 0 else debt > 0
    low = ebitda < COVERAGE_BELOW * interest if interest > 0 else False
    return high, low
