"""Issue 15 §1, Art. 4-6 of the SME definition (Rec. 2003/361/EC Annex): the history of holdings per reference
year, two consecutive years checked, a new enterprise's good-faith estimate, annual work units, and "figures needed"
for a related enterprise without figures.

Each test states its worked example (figures and the expected verdict) in its docstring.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crossroads.companies.rules.eligibility import eligibility_verdict
from crossroads.companies.rules.size import effective_classes, size_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures

D = Decimal
M = Decimal("1000000")


def fig(year: int, staff, turnover_m, balance_m, **kwargs) -> YearFigures:
    return YearFigures(year, D(str(staff)), D(str(turnover_m)) * M, D(str(balance_m)) * M, **kwargs)


def ent(eid: str, *years: YearFigures, **kwargs) -> Enterprise:
    return Enterprise(eid, kwargs.pop("name", f"Company {eid}"), years=years, **kwargs)


def world(*enterprises: Enterprise) -> dict:
    return {e.id: e for e in enterprises}


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


# --- Art. 4(1)-(2): history ----------------------------------------------------------------------------------------


def test_art_4_each_reference_year_is_consolidated_with_the_holdings_of_that_year(rules):
    """Art. 4(1): A (20 FTE each year) was held 60 % by G (300 FTE) from 1 July 2022. 2021 is consolidated without
    G (20 FTE, small), 2022 and 2023 with G (320 FTE, large): the acquisition takes effect in 2022 at once -> large;
    a verdict on 15 June 2024 says large."""
    enterprises = world(
        ent("A", *(fig(y, 20, "3", "3") for y in (2021, 2022, 2023))),
        ent("G", *(fig(y, 300, "60", "60") for y in (2021, 2022, 2023))),
    )
    links = [Link("G", "A", D("60"), started_on=dt.date(2022, 7, 1))]
    verdict = size_verdict("A", enterprises, links, rules, reference=dt.date(2024, 6, 15))
    assert [(y.year, y.figures.staff, y.raw_class, y.effective_class) for y in verdict.years] == [
        (2021, D("20"), "small", "small"),
        (2022, D("320"), "large", "large"),
        (2023, D("320"), "large", "large"),
    ]
    assert (verdict.size_class, verdict.is_sme) == ("large", False)


def test_art_4_a_holding_sold_after_the_last_closed_year_counts_from_the_sale(rules):
    """Art. 4 with the reading that a change of ownership takes effect at once: G (300 FTE) held 60 % of A (20 FTE)
    until 31 March 2024; the last closed year 2023 was large with G, but on 15 June 2024 A is independent: small
    (reason size.ownership_changed). Before the sale, on 15 March 2024, it is large."""
    enterprises = world(
        ent("A", fig(2022, 20, "3", "3"), fig(2023, 20, "3", "3")),
        ent("G", fig(2022, 300, "60", "60"), fig(2023, 300, "60", "60")),
    )
    links = [Link("G", "A", D("60"), ended_on=dt.date(2024, 3, 31))]
    after = size_verdict("A", enterprises, links, rules, reference=dt.date(2024, 6, 15))
    assert (after.size_class, after.is_sme) == ("small", True)
    assert "size.ownership_changed" in codes(after)
    before = size_verdict("A", enterprises, links, rules, reference=dt.date(2024, 3, 15))
    assert before.size_class == "large"


def test_art_4_2_two_consecutive_years_are_checked_not_assumed(rules):
    """Art. 4(2) 'two consecutive accounting periods': medium in 2020 (200 FTE), then over 250 FTE in 2022 (260)
    and 2023 (270) -> two consecutive years: large. Medium in 2020, over 250 FTE in 2021 and 2023 with no accounts
    for 2022 -> 2021 and 2023 are not consecutive: still medium."""
    consecutive = ent("A", fig(2020, 200, "1", "1"), fig(2022, 260, "1", "1"), fig(2023, 270, "1", "1"))
    assert size_verdict("A", world(consecutive), [], rules).size_class == "large"
    gap = ent("A", fig(2020, 200, "1", "1"), fig(2021, 260, "1", "1"), fig(2023, 270, "1", "1"))
    verdict = size_verdict("A", world(gap), [], rules)
    assert [y.effective_class for y in verdict.years] == ["medium", "medium", "medium"]
    assert verdict.size_class == "medium"
    assert effective_classes(["medium", "large", "large"], 2, [2020, 2021, 2023]) == ["medium"] * 3
    assert effective_classes(["medium", "large", "large"], 2, [2020, 2022, 2023]) == ["medium", "medium", "large"]


# --- Art. 4(3): new enterprises --------------------------------------------------------------------------------


def test_art_4_3_new_enterprise_uses_its_attested_good_faith_estimate(rules):
    """Art. 4(3): a start-up founded in 2026 without closed accounts estimates 2026 in good faith: 4 FTE, turnover
    EUR 0.3M, balance EUR 0.5M, attested by its accountant on 1 March 2026 -> micro, an SME. Unattested, the
    estimate is not used: no size (size.no_figures, size.estimate_not_attested)."""
    attested = fig(2026, 4, "0.3", "0.5", is_estimate=True, attested_on=dt.date(2026, 3, 1))
    verdict = size_verdict("A", world(ent("A", attested)), [], rules)
    assert (verdict.size_class, verdict.is_sme) == ("micro", True)
    assert codes(verdict)[0] == "size.estimate_used"
    unattested = fig(2026, 4, "0.3", "0.5", is_estimate=True)
    verdict = size_verdict("A", world(ent("A", unattested)), [], rules)
    assert verdict.size_class is None
    assert codes(verdict) == ["size.no_figures", "size.estimate_not_attested"]


def test_art_4_3_an_estimate_is_not_closed_accounts(rules):
    """Art. 4(1)/(3): once closed accounts exist (2025: 30 FTE, small) an estimate (2026: 5 FTE) does not replace
    them: small."""
    years = (fig(2025, 30, "3", "3"), fig(2026, 5, "0.3", "0.3", is_estimate=True, attested_on=dt.date(2026, 2, 1)))
    assert size_verdict("A", world(ent("A", *years)), [], rules).size_class == "small"


# --- Art. 5: annual work units ---------------------------------------------------------------------------------


def test_art_5_annual_work_units_are_the_staff_headcount(rules):
    """Art. 5: staff = annual work units. FTE 10.5 but 9.5 AWU (an apprentice and a parental leave left out) ->
    micro (< 10); without AWU the 10.5 FTE make it small."""
    with_awu = fig(2023, "10.5", "1", "1", annual_work_units=D("9.5"))
    assert size_verdict("A", world(ent("A", with_awu)), [], rules).size_class == "micro"
    assert size_verdict("A", world(ent("A", fig(2023, "10.5", "1", "1"))), [], rules).size_class == "small"


# --- Art. 6: a related enterprise without figures -----------------------------------------------------------------


def test_art_6_related_enterprise_without_figures_makes_the_verdict_figures_needed(rules):
    """Art. 6(2)-(3): A (5 FTE) has a 60 % parent 'Holding B' without any figures. Counting B as zero would give
    micro; the verdict is 'figures needed' (no class, is_sme None) and eligibility waits (elig.figures_needed)."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", name="Holding B"))
    verdict = size_verdict("A", enterprises, [Link("B", "A", D("60"))], rules)
    assert (verdict.size_class, verdict.is_sme) == (None, None)
    assert verdict.figures_needed == ("Holding B",)
    assert codes(verdict)[0] == "size.figures_needed"
    from crossroads.companies.rules.de_minimis import DeMinimisVerdict
    from crossroads.companies.rules.difficulty import DifficultyVerdict

    elig = eligibility_verdict(
        role="sme",
        country="BE",
        nuts3="BE211",
        size=verdict,
        difficulty=DifficultyVerdict("healthy", False),
        de_minimis=DeMinimisVerdict(dt.date(2021, 1, 1), dt.date(2023, 12, 31), D("0"), D("300000"), D("300000")),
        rules=rules,
    )
    assert elig.outcome == "not_eligible"
    assert elig.reasons[0].code == "elig.figures_needed"


def test_art_6_a_foreign_related_enterprise_counts_like_any_other(rules):
    """Art. 6 makes no distinction by country: a German parent (no KBO/KvK number, 60 %, 280 FTE) is added in full
    to A (5 FTE): 285 FTE -> large."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("DE1", fig(2023, 280, "40", "40"), country="DE"))
    verdict = size_verdict("A", enterprises, [Link("DE1", "A", D("60"))], rules)
    assert verdict.years[-1].figures.staff == D("285")
    assert verdict.size_class == "large"
