"""GBER (Reg. 651/2014) Art. 2(18)(c)-(e) and the group test on one reference year (issue 15 §2).

Each test is named after the article point it proves and states its worked example."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from crossroads.companies.rules.difficulty import DifficultyFacts, difficulty_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures

D = Decimal
REFERENCE = dt.date(2025, 6, 30)
OLD = dt.date(2005, 3, 1)


def accounts(year: int, equity, capital=100000) -> YearFigures:
    return YearFigures(
        year, D("300"), D("80000000"), D("60000000"), equity=D(str(equity)), subscribed_capital=D(str(capital))
    )


def ent(eid: str, *years: YearFigures, legal_form="nv", founded_on=OLD) -> Enterprise:
    return Enterprise(eid, f"Company {eid}", legal_form=legal_form, founded_on=founded_on, years=years)


def verdict_for(rules, *enterprises, links=(), is_sme=True, facts=None):
    world = {e.id: e for e in enterprises}
    return difficulty_verdict(
        enterprises[0].id, world, list(links), rules, reference=REFERENCE, is_sme=is_sme, facts=facts
    )


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


@pytest.fixture
def gber(rules):
    return dataclasses.replace(rules, state_aid_basis="gber")


# --- (c) collective insolvency ------------------------------------------------------------------------------


def test_art_2_18_c_collective_insolvency_makes_a_healthy_company_in_difficulty(gber):
    """GBER Art. 2(18)(c): equity 90k of 100k capital passes (a), but the company meets the criteria for
    collective insolvency proceedings in its 2024 year: in difficulty, blocking under GBER."""
    facts = {"A": [DifficultyFacts(2024, collective_insolvency=True)]}
    verdict = verdict_for(gber, ent("A", accounts(2024, 90000)), facts=facts)
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is True
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes", "oim.collective_insolvency"]


def test_art_2_18_c_applies_to_a_young_sme_and_an_exempt_legal_form(gber):
    """GBER Art. 2(18)(c) has no exception for young SMEs (that is (a)-(b) only): an SME founded in 2024 in
    insolvency proceedings is in difficulty; so is a stichting."""
    facts = {"A": [DifficultyFacts(2024, collective_insolvency=True)]}
    young = ent("A", accounts(2024, 90000), founded_on=dt.date(2024, 1, 1))
    assert verdict_for(gber, young, facts=facts).status == "in_difficulty"
    stichting = ent("A", accounts(2024, 90000), legal_form="stichting")
    verdict = verdict_for(gber, stichting, facts=facts)
    assert verdict.status == "in_difficulty"
    assert codes(verdict) == ["oim.collective_insolvency"]


def test_art_2_18_c_insolvency_of_a_linked_parent_counts_for_the_group(gber):
    """GBER Art. 2(18)(c) with the Interreg group practice: the 60 % parent B is in insolvency proceedings;
    A (90k/100k) and the group (180k/200k) pass (a), but the group is in difficulty."""
    facts = {"B": [DifficultyFacts(2024, collective_insolvency=True)]}
    company, parent = ent("A", accounts(2024, 90000)), ent("B", accounts(2024, 90000))
    verdict = verdict_for(gber, company, parent, links=[Link("B", "A", D("60"))], facts=facts)
    assert verdict.status == "in_difficulty"
    assert verdict.reasons[-1].params["name"] == "Company B"


def test_art_2_18_c_only_the_latest_recorded_year_counts(gber):
    """GBER Art. 2(18)(c) 'is subject to': proceedings recorded in 2023 but no longer in 2024 do not count."""
    facts = {"A": [DifficultyFacts(2023, collective_insolvency=True), DifficultyFacts(2024)]}
    assert verdict_for(gber, ent("A", accounts(2024, 90000)), facts=facts).status == "healthy"


# --- (d) rescue and restructuring aid -------------------------------------------------------------------------


def test_art_2_18_d_rescue_aid_not_repaid_is_in_difficulty(gber):
    """GBER Art. 2(18)(d): a rescue loan not yet repaid; equity 90k of 100k passes (a); in difficulty."""
    facts = {"A": [DifficultyFacts(2024, rescue_aid_outstanding=True)]}
    verdict = verdict_for(gber, ent("A", accounts(2024, 90000)), facts=facts)
    assert verdict.status == "in_difficulty"
    assert codes(verdict)[-1] == "oim.rescue_aid_outstanding"


def test_art_2_18_d_restructuring_plan_still_running_is_in_difficulty(gber):
    """GBER Art. 2(18)(d): restructuring aid received and the plan still runs: in difficulty."""
    facts = {"A": [DifficultyFacts(2024, restructuring_aid_running=True)]}
    verdict = verdict_for(gber, ent("A", accounts(2024, 90000)), facts=facts)
    assert verdict.status == "in_difficulty"
    assert codes(verdict)[-1] == "oim.restructuring_aid_running"


def test_art_2_18_d_under_de_minimis_shows_the_route_and_does_not_block(rules):
    """Interreg FAQ (crossroads-rules 2.3): under de minimis the test does not apply, for (c)-(d) as well."""
    facts = {"A": [DifficultyFacts(2024, rescue_aid_outstanding=True)]}
    verdict = verdict_for(rules, ent("A", accounts(2024, 90000)), facts=facts)
    assert verdict.status == "in_difficulty"
    assert verdict.blocks is False
    assert codes(verdict)[-1] == "oim.de_minimis_route"


# --- (e) leverage and interest cover, non-SMEs only --------------------------------------------------------------


def leverage(year, debt, ebitda, interest):
    return DifficultyFacts(year, book_debt=D(str(debt)), ebitda=D(str(ebitda)), interest_expense=D(str(interest)))


def test_art_2_18_e_large_enterprise_failing_both_years_is_in_difficulty(gber):
    """GBER Art. 2(18)(e): a large enterprise with equity 1M (capital 100k, so (a) passes): 2023 debt 8M
    (8.0 > 7.5), EBITDA 0.9M vs interest 1M (0.9 < 1.0); 2024 debt 7.6M, EBITDA 0.5M vs 0.6M: in difficulty."""
    large = ent("A", accounts(2023, 1000000), accounts(2024, 1000000))
    facts = {"A": [leverage(2023, 8000000, 900000, 1000000), leverage(2024, 7600000, 500000, 600000)]}
    verdict = verdict_for(gber, large, is_sme=False, facts=facts)
    assert verdict.status == "in_difficulty"
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes", "oim.leverage_fails"]
    assert verdict.reasons[-1].params["years"] == "2023 - 2024"


def test_art_2_18_e_one_good_year_is_enough_to_pass(gber):
    """GBER Art. 2(18)(e) 'for the past two years': 2023 fails both ratios, 2024 has debt of exactly 7.5 x
    equity (7.5M, not above 7.5): healthy."""
    large = ent("A", accounts(2023, 1000000), accounts(2024, 1000000))
    facts = {"A": [leverage(2023, 8000000, 900000, 1000000), leverage(2024, 7500000, 500000, 600000)]}
    verdict = verdict_for(gber, large, is_sme=False, facts=facts)
    assert verdict.status == "healthy"
    assert codes(verdict)[-1] == "oim.leverage_passes"


def test_art_2_18_e_coverage_of_exactly_one_is_not_below(gber):
    """GBER Art. 2(18)(e) 'below 1.0': EBITDA equal to the interest expense (cover 1.0) in 2024: healthy."""
    large = ent("A", accounts(2023, 1000000), accounts(2024, 1000000))
    facts = {"A": [leverage(2023, 8000000, 900000, 1000000), leverage(2024, 8000000, 600000, 600000)]}
    assert verdict_for(gber, large, is_sme=False, facts=facts).status == "healthy"


def test_art_2_18_e_does_not_apply_to_an_sme(gber):
    """GBER Art. 2(18)(e) is for undertakings other than SMEs: the same failing ratios for an SME: healthy."""
    sme = ent("A", accounts(2023, 1000000), accounts(2024, 1000000))
    facts = {"A": [leverage(2023, 8000000, 900000, 1000000), leverage(2024, 7600000, 500000, 600000)]}
    verdict = verdict_for(gber, sme, is_sme=True, facts=facts)
    assert verdict.status == "healthy"
    assert "oim.leverage_fails" not in codes(verdict)


def test_art_2_18_e_missing_ratios_of_a_large_enterprise_are_figures_needed(gber):
    """GBER Art. 2(18)(e): a large enterprise with two closed years but no debt/EBITDA/interest recorded
    cannot be called healthy: 'figures needed' (status unknown), blocking under GBER."""
    large = ent("A", accounts(2023, 1000000), accounts(2024, 1000000))
    verdict = verdict_for(gber, large, is_sme=False)
    assert verdict.status == "unknown"
    assert verdict.blocks is True
    assert codes(verdict)[-1] == "oim.leverage_figures_needed"


def test_art_2_18_e_negative_equity_counts_as_above_the_leverage_limit(gber):
    """GBER Art. 2(18)(e): equity -1M with debt 5M (no meaningful ratio: read as above 7.5) and cover 0.5 in
    both years: in difficulty (also under (a))."""
    large = ent("A", accounts(2023, -1000000), accounts(2024, -1000000))
    facts = {"A": [leverage(2023, 5000000, 100000, 200000), leverage(2024, 5000000, 100000, 200000)]}
    verdict = verdict_for(gber, large, is_sme=False, facts=facts)
    assert "oim.leverage_fails" in codes(verdict)


def test_art_2_18_e_a_single_closed_year_cannot_meet_the_two_year_test(gber):
    """GBER Art. 2(18)(e) 'for the past two years': only 2024 closed (failing ratios): (e) is not met."""
    large = ent("A", accounts(2024, 1000000))
    facts = {"A": [leverage(2024, 8000000, 500000, 600000)]}
    verdict = verdict_for(gber, large, is_sme=False, facts=facts)
    assert verdict.status == "healthy"
    assert codes(verdict)[-1] == "oim.leverage_not_two_years"


# --- the group test on one reference year ----------------------------------------------------------------------


def test_art_2_18_a_group_test_uses_one_reference_year(gber):
    """GBER Art. 2(18)(a) at group level (Interreg practice): A's last accounts are 2024 (60k/100k). Parent B
    has 2023 (-500k) and 2024 (+200k); the group test takes B's 2024, not its latest-before or 2023 figures:
    260k vs 200k capital passes."""
    company = ent("A", accounts(2024, 60000))
    parent = ent("B", accounts(2023, -500000), accounts(2024, 200000))
    verdict = verdict_for(gber, company, parent, links=[Link("B", "A", D("60"))])
    assert verdict.status == "healthy"
    group = verdict.reasons[-1]
    assert (group.code, group.params["equity"], group.params["year"]) == ("oim.group_passes", D("260000"), 2024)


def test_art_2_18_a_group_member_without_figures_of_the_year_is_figures_needed(gber):
    """GBER Art. 2(18)(a) group test: A (60k/100k, 2024) passes stand-alone; parent B has only 2023 accounts
    and subsidiary C none: the group verdict is 'figures needed' (unknown, never healthy by default), and the
    reason counts the one member actually tested and names the two missing."""
    company = ent("A", accounts(2024, 60000))
    parent, sub = ent("B", accounts(2023, 900000)), ent("C")
    links = [Link("B", "A", D("60")), Link("A", "C", D("100"))]
    verdict = verdict_for(gber, company, parent, sub, links=links)
    assert verdict.status == "unknown"
    assert verdict.blocks is True
    reason = verdict.reasons[-1]
    assert reason.code == "oim.group_figures_needed"
    assert (reason.params["members"], reason.params["missing"]) == (1, 2)
    assert reason.params["names"] == "Company B, Company C"


def test_art_2_18_a_stand_alone_failure_is_not_hidden_by_missing_group_figures(gber):
    """GBER Art. 2(18)(a): A fails stand-alone (10k/100k); its parent's missing figures cannot save it."""
    company, parent = ent("A", accounts(2024, 10000)), ent("B")
    verdict = verdict_for(gber, company, parent, links=[Link("B", "A", D("60"))])
    assert verdict.status == "in_difficulty"
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_fails", "oim.group_figures_needed"]


def test_art_2_18_c_to_e_inputs_are_read_from_the_financial_years(gber):
    """GBER Art. 2(18)(c)-(e) from the registry's financial years (no separate facts): the 2024 accounts
    record a restructuring plan still running (d): in difficulty; a natural person holding 60 % is not
    tested for figures (it has no accounts)."""
    year = dataclasses.replace(accounts(2024, 90000), restructuring_aid_running=True)
    company = ent("A", year)
    person = Enterprise("P", "Ms Peeters", kind="natural_person")
    verdict = verdict_for(gber, company, person, links=[Link("P", "A", D("60"))])
    assert verdict.status == "in_difficulty"
    assert "oim.group_figures_needed" not in codes(verdict)
    assert codes(verdict)[-1] == "oim.restructuring_aid_running"


def test_art_2_18_a_person_holding_two_companies_on_other_markets_makes_no_group(gber):
    """GBER Art. 2(18)(a) with Rec. 2003/361 Annex Art. 3(3) fourth subparagraph: Ms Peeters holds 100 % of A
    (60k/100k, 2024, passes) and 100 % of B (-900k/100k, 2024), B on another market. No group: A is tested
    stand-alone, healthy; B's losses do not count. On the same market they are linked and the group test
    (-840k vs 200k capital) fails."""
    company, other = ent("A", accounts(2024, 60000)), ent("B", accounts(2024, -900000))
    person = Enterprise("P", "Ms Peeters", kind="natural_person")
    apart = [Link("P", "A", D("100"), market="other"), Link("P", "B", D("100"), market="other")]
    verdict = verdict_for(gber, company, other, person, links=apart)
    assert verdict.status == "healthy"
    assert codes(verdict) == ["oim.last_accounts_used", "oim.standalone_passes"]
    same = [dataclasses.replace(link, market="same") for link in apart]
    linked = verdict_for(gber, company, other, person, links=same)
    assert linked.status == "in_difficulty"
    assert "oim.group_fails" in codes(linked)
