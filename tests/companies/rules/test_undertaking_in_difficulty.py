"""Worked examples for the undertaking-in-difficulty test (OIM; crossroads-rules.md 2.3, GBER Art. 2(18))."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from crossroads.companies.rules.difficulty import difficulty_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures

D = Decimal
REFERENCE = dt.date(2025, 6, 30)
OLD = dt.date(2005, 3, 1)


def accounts(year: int, equity, capital, *, attested_on: dt.date | None = None, interim: bool = False):
    return YearFigures(
        year,
        D("10"),
        D("1000000"),
        D("1000000"),
        equity=D(str(equity)),
        subscribed_capital=D(str(capital)),
        is_interim=interim,
        attested_on=attested_on,
    )


def ent(eid: str, *years: YearFigures, legal_form: str = "bv", founded_on: dt.date | None = OLD) -> Enterprise:
    return Enterprise(eid, f"Company {eid}", legal_form=legal_form, founded_on=founded_on, years=years)


def verdict_for(rules, *enterprises: Enterprise, links=(), is_sme=True, reference=REFERENCE):
    world = {e.id: e for e in enterprises}
    return difficulty_verdict(enterprises[0].id, world, list(links), rules, reference=reference, is_sme=is_sme)


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


@pytest.fixture
def gber(rules):
    return dataclasses.replace(rules, state_aid_basis="gber")


# --- the equity test ----------------------------------------------------------------------------------------


def test_equity_below_half_of_capital_is_in_difficulty(gber):
    """crossroads-rules 2.3 'EV kleiner dan 50% van het geplaatst kapitaal': 40k equity vs 100k capital."""
    verdict = verdict_for(gber, ent("A", accounts(2024, 40000, 100000)))
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is True
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_fails"]
    params = verdict.reasons[1].params
    assert (params["equity"], params["capital"], params["threshold"]) == (D("40000"), D("100000"), D("50000"))
    assert verdict.figures.year == 2024


def test_equity_exactly_half_of_capital_is_healthy(gber):
    """crossroads-rules 2.3 'kleiner dan 50%' (GBER 2(18)(a) 'more than half ... disappeared'): 50k of 100k
    is not in difficulty."""
    verdict = verdict_for(gber, ent("A", accounts(2024, 50000, 100000)))
    assert verdict.status == "healthy"
    assert verdict.blocks is False
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes"]


def test_negative_equity_is_in_difficulty(gber):
    """GBER Art. 2(18)(a): accumulated losses beyond the capital; equity -10k vs capital 18.6k."""
    verdict = verdict_for(gber, ent("A", accounts(2024, -10000, 18600)))
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is True


def test_last_closed_accounts_are_used(gber):
    """crossroads-rules 2.3 'laatst afgesloten jaarrekening': 2024 (healthy) counts, not 2023 (failing)."""
    verdict = verdict_for(gber, ent("A", accounts(2024, 70000, 100000), accounts(2023, 10000, 100000)))
    assert verdict.status == "healthy"
    assert verdict.figures.year == 2024


def test_ratio_comes_from_the_rules(gber):
    """Decisions.md 'every value is a parameter': with a ratio of 0.75, 60k of 100k fails."""
    company = ent("A", accounts(2024, 60000, 100000))
    assert verdict_for(gber, company).status == "healthy"
    stricter = dataclasses.replace(gber, oim_equity_ratio=D("0.75"))
    verdict = verdict_for(stricter, company)
    assert verdict.status == "in_difficulty"
    assert verdict.reasons[1].params["threshold"] == D("75000")


# --- exemptions -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["eenmanszaak", "Eenmanszaak ", "maatschap", "vzw", "stichting"])
def test_exempt_legal_form_is_not_tested(gber, form):
    """Interreg VL-NL FAQ (crossroads-rules 2.3): no OIM test for eenmanszaak, maatschap, (i)vzw, stichting,
    even with failing figures."""
    verdict = verdict_for(gber, ent("A", accounts(2024, -50000, 100000), legal_form=form))
    assert verdict.status == "exempt"
    assert verdict.blocks is False
    assert codes(verdict) == ["oim.exempt_legal_form"]


def test_exempt_legal_forms_come_from_the_rules(gber):
    """Decisions.md 'every value is a parameter': without exempt forms an eenmanszaak is tested."""
    no_exemptions = dataclasses.replace(gber, oim_exempt_legal_forms=frozenset())
    verdict = verdict_for(no_exemptions, ent("A", accounts(2024, 40000, 100000), legal_form="eenmanszaak"))
    assert verdict.status == "in_difficulty"


def test_young_sme_is_exempt(gber):
    """GBER Art. 2(18)(a) 'other than an SME less than three years old': founded two years before."""
    verdict = verdict_for(gber, ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2023, 6, 30)))
    assert verdict.status == "exempt"
    assert verdict.blocks is False
    assert codes(verdict) == ["oim.young_sme"]


def test_young_exemption_ends_on_the_third_anniversary(gber):
    """GBER Art. 2(18)(a) 'less than three years': one day short of 3 years is exempt, exactly 3 is not."""
    one_day_short = ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2022, 7, 1))
    assert verdict_for(gber, one_day_short).status == "exempt"
    three_years = ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2022, 6, 30))
    assert verdict_for(gber, three_years).status == "in_difficulty"


def test_young_large_enterprise_is_not_exempt(gber):
    """GBER Art. 2(18)(a): the young-company exception is for SMEs only."""
    young = ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2024, 1, 1))
    assert verdict_for(gber, young, is_sme=False).status == "in_difficulty"


def test_group_age_counts_for_the_young_company_exemption(gber):
    """Interreg VL-NL FAQ (crossroads-rules 2.3): in a group the age of the oldest linked enterprise counts;
    a young company 60 % owned by a 20-year-old one is tested."""
    young = ent("A", accounts(2024, 40000, 100000), founded_on=dt.date(2024, 1, 1))
    parent = ent("B", accounts(2024, 500000, 100000), founded_on=OLD)
    verdict = verdict_for(gber, young, parent, links=[Link("B", "A", D("60"))])
    assert verdict.status == "in_difficulty"  # stand-alone 40k < 50k
    assert "oim.young_sme" not in codes(verdict) and "oim.young_sme_group" not in codes(verdict)


def test_young_group_is_exempt_with_group_reason(gber):
    """Interreg VL-NL FAQ (crossroads-rules 2.3): a group whose oldest linked member is under 3 years."""
    young = ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2024, 1, 1))
    parent = ent("B", founded_on=dt.date(2023, 1, 1))
    verdict = verdict_for(gber, young, parent, links=[Link("B", "A", D("75"))])
    assert verdict.status == "exempt"
    assert codes(verdict) == ["oim.young_sme_group"]
    assert verdict.reasons[0].params["founded"] == dt.date(2023, 1, 1)


def test_old_partner_does_not_age_a_young_company(gber):
    """crossroads-rules 2.3: only linked enterprises form the group; an old 30 % partner does not count."""
    young = ent("A", accounts(2024, 1000, 100000), founded_on=dt.date(2024, 1, 1))
    partner = ent("P", accounts(2024, 1000, 100000), founded_on=OLD)
    verdict = verdict_for(gber, young, partner, links=[Link("P", "A", D("30"))])
    assert verdict.status == "exempt"
    assert codes(verdict) == ["oim.young_sme"]


# --- interim figures --------------------------------------------------------------------------------------------


def test_attested_recent_interim_figures_replace_the_last_accounts(gber):
    """Interreg VL-NL FAQ (crossroads-rules 2.3): interim figures attested by an accountant, no older than two
    months, may be used; 2024 fails (40k) but interim of 15 May 2025 passes (60k)."""
    interim = accounts(2025, 60000, 100000, interim=True, attested_on=dt.date(2025, 5, 15))
    verdict = verdict_for(gber, ent("A", accounts(2024, 40000, 100000), interim))
    assert verdict.status == "healthy"
    assert verdict.figures == interim
    assert codes(verdict) == ["oim.interim_used", "oim.standalone_passes"]
    assert verdict.reasons[0].params["attested_on"] == dt.date(2025, 5, 15)


def test_interim_figures_count_even_when_worse(gber):
    """crossroads-rules 2.3: recent attested interim figures replace the accounts, for better or worse."""
    interim = accounts(2025, 30000, 100000, interim=True, attested_on=dt.date(2025, 6, 1))
    verdict = verdict_for(gber, ent("A", accounts(2024, 80000, 100000), interim))
    assert verdict.status == "in_difficulty"


def test_interim_figures_exactly_two_months_old_are_used(gber):
    """crossroads-rules 2.3 'niet ouder dan twee maanden': attested 30 April for a 30 June reference."""
    interim = accounts(2025, 60000, 100000, interim=True, attested_on=dt.date(2025, 4, 30))
    assert verdict_for(gber, ent("A", accounts(2024, 40000, 100000), interim)).status == "healthy"


def test_older_interim_figures_are_ignored(gber):
    """crossroads-rules 2.3 'niet ouder dan twee maanden': attested 29 April is too old for 30 June."""
    interim = accounts(2025, 60000, 100000, interim=True, attested_on=dt.date(2025, 4, 29))
    verdict = verdict_for(gber, ent("A", accounts(2024, 40000, 100000), interim))
    assert verdict.status == "in_difficulty"
    assert verdict.figures.year == 2024
    assert codes(verdict)[0] == "oim.last_accounts_used"


def test_unattested_interim_figures_are_ignored(gber):
    """crossroads-rules 2.3: interim figures must be attested by a revisor or external accountant."""
    interim = accounts(2025, 60000, 100000, interim=True, attested_on=None)
    verdict = verdict_for(gber, ent("A", accounts(2024, 40000, 100000), interim))
    assert verdict.status == "in_difficulty"
    assert verdict.figures.year == 2024


# --- group level ------------------------------------------------------------------------------------------------


def test_group_failing_makes_a_healthy_company_in_difficulty(gber):
    """VLAIO (crossroads-rules 2.3): test stand-alone AND at group level; A passes (60k/100k) but with its
    60 % parent (-200k/100k) the group has -140k equity vs 200k capital (threshold 100k)."""
    company = ent("A", accounts(2024, 60000, 100000))
    parent = ent("B", accounts(2024, -200000, 100000))
    verdict = verdict_for(gber, company, parent, links=[Link("B", "A", D("60"))])
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is True
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes", "oim.group_fails"]
    group = verdict.reasons[2].params
    assert (group["equity"], group["capital"], group["threshold"], group["members"]) == (
        D("-140000"),
        D("200000"),
        D("100000"),
        2,
    )


def test_stand_alone_failing_is_not_saved_by_a_rich_group(gber):
    """VLAIO (crossroads-rules 2.3): both tests must pass; A fails stand-alone (10k/100k), group passes."""
    company = ent("A", accounts(2024, 10000, 100000))
    parent = ent("B", accounts(2024, 900000, 100000))
    verdict = verdict_for(gber, company, parent, links=[Link("B", "A", D("60"))])
    assert verdict.status == "in_difficulty"
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_fails", "oim.group_passes"]


def test_partners_are_not_consolidated_for_oim(gber):
    """VLAIO (crossroads-rules 2.3): only linked enterprises (> 50 %) are consolidated, not partners;
    a bankrupt 40 % partner does not change a healthy result."""
    company = ent("A", accounts(2024, 60000, 100000))
    partner = ent("P", accounts(2024, -5000000, 100000))
    verdict = verdict_for(gber, company, partner, links=[Link("P", "A", D("40"))])
    assert verdict.status == "healthy"
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes"]


# --- state-aid basis and missing figures ------------------------------------------------------------------------


def test_de_minimis_route_shows_but_does_not_block(rules):
    """crossroads-rules 2.3/2.5: under de minimis the OIM test does not apply; shown with 'oim.de_minimis_route'."""
    assert rules.state_aid_basis == "de_minimis"
    verdict = verdict_for(rules, ent("A", accounts(2024, 40000, 100000)))
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is False
    assert codes(verdict)[-1] == "oim.de_minimis_route"


def test_gber_blocks_without_de_minimis_route(gber):
    """Decisions.md 'A call can select GBER instead (then the OIM test applies without the de minimis route)'."""
    verdict = verdict_for(gber, ent("A", accounts(2024, 40000, 100000)))
    assert verdict.blocks is True
    assert "oim.de_minimis_route" not in codes(verdict)


def test_healthy_under_de_minimis_has_no_route_reason(rules):
    """crossroads-rules 2.3: the de minimis route is only mentioned when the test fails."""
    verdict = verdict_for(rules, ent("A", accounts(2024, 90000, 100000)))
    assert verdict.status == "healthy"
    assert "oim.de_minimis_route" not in codes(verdict)


def test_no_figures_gives_unknown(rules, gber):
    """crossroads-rules 2.3: without accounts the test cannot be made; under GBER it blocks, under
    de minimis it does not."""
    verdict = verdict_for(gber, ent("A"))
    assert verdict.status == "unknown"
    assert codes(verdict) == ["oim.no_figures"]
    assert verdict.blocks is True
    assert verdict_for(rules, ent("A")).blocks is False
