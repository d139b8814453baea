"""Undertaking in difficulty (onderneming in moeilijkheden, OIM).

Follows the CrossRoads wording ("equity below 50 % of subscribed capital in the last closed accounts, filed
or not") and GBER Art. 2(18)(a)-(b) with the Interreg VL-NL exemptions:
- no test for exempt legal forms (eenmanszaak, maatschap, vzw, stichting, ...);
- no test for an SME younger than 3 years, where a group's age is that of its oldest linked enterprise;
- attested interim figures no older than 2 months before the reference date replace the last accounts;
- the test is made stand-alone and for the linked group (partners are not consolidated for OIM);
- under de minimis aid the test does not apply (the result is shown, but does not block).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from crossroads.programme.rules import ProgrammeRules

from .size import linked_group
from .types import Enterprise, Link, Reason, YearFigures, add_months, add_years

IN_DIFFICULTY = "in_difficulty"
HEALTHY = "healthy"
EXEMPT = "exempt"
UNKNOWN = "unknown"


@dataclass
class DifficultyVerdict:
    status: str
    blocks: bool
    reasons: list[Reason] = field(default_factory=list)
    figures: YearFigures | None = None


def _figures_for_test(enterprise: Enterprise, reference: dt.date, rules: ProgrammeRules) -> YearFigures | None:
    oldest_allowed = add_months(reference, -rules.oim_interim_max_age_months)
    interim = [
        y
        for y in enterprise.years
        if y.is_interim and y.attested_on is not None and oldest_allowed <= y.attested_on <= reference
    ]
    if interim:
        return max(interim, key=lambda y: y.attested_on)
    closed = enterprise.closed_years()
    return closed[-1] if closed else None


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
) -> DifficultyVerdict:
    enterprise: Enterprise = enterprises[enterprise_id]
    applies = rules.state_aid_basis != "de_minimis"
    form = enterprise.legal_form.strip().lower()
    if form in rules.oim_exempt_legal_forms:
        return DifficultyVerdict(EXEMPT, False, [Reason("oim.exempt_legal_form", {"form": enterprise.legal_form})])

    group = [enterprises[i] for i in linked_group(enterprise_id, links, rules)]
    young = _young_sme_exemption(group, rules, reference=reference, is_sme=is_sme)
    if young is not None:
        return young

    own = _figures_for_test(enterprise, reference, rules)
    if own is None:
        return DifficultyVerdict(UNKNOWN, applies, [Reason("oim.no_figures")])

    source = "oim.interim_used" if own.is_interim else "oim.last_accounts_used"
    reasons = [Reason(source, {"year": own.year, "attested_on": own.attested_on})]
    in_difficulty = _fails(own.equity, own.subscribed_capital, rules)
    reasons.append(_standalone_reason(own, in_difficulty, rules))
    if len(group) > 1:
        group_fails, reason = _group_test(enterprise_id, own, group, rules, reference=reference)
        in_difficulty = in_difficulty or group_fails
        reasons.append(reason)
    if in_difficulty and not applies:
        reasons.append(Reason("oim.de_minimis_route"))
    return DifficultyVerdict(IN_DIFFICULTY if in_difficulty else HEALTHY, in_difficulty and applies, reasons, own)


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
) -> tuple[bool, Reason]:
    """The test on the linked group's summed equity and capital (members without figures count as zero)."""
    equity = capital = Decimal("0")
    for member in group:
        figures = own if member.id == enterprise_id else _figures_for_test(member, reference, rules)
        if figures is not None:
            equity += figures.equity
            capital += figures.subscribed_capital
    fails = _fails(equity, capital, rules)
    reason = Reason(
        "oim.group_fails" if fails else "oim.group_passes",
        {
            "equity": equity,
            "capital": capital,
            "threshold": capital * rules.oim_equity_ratio,
            "members": len(group),
            "ratio": rules.oim_equity_ratio,
        },
    )
    return fails, reason
