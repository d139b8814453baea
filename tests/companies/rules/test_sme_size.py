"""Worked examples for the size class (Rec. 2003/361/EC Annex Art. 2-6; crossroads-rules.md 2.2).

Every expected figure below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from crossroads.companies.rules.size import consolidate, effective_classes, size_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures
from crossroads.programme.rules import SizeThresholds

D = Decimal
M = Decimal("1000000")


def fig(year: int, staff, turnover_m, balance_m) -> YearFigures:
    """Closed accounts; money in millions of euro."""
    return YearFigures(year, D(str(staff)), D(str(turnover_m)) * M, D(str(balance_m)) * M)


def ent(eid: str, *years: YearFigures, **kwargs) -> Enterprise:
    return Enterprise(eid, kwargs.pop("name", f"Company {eid}"), years=years, **kwargs)


def world(*enterprises: Enterprise) -> dict:
    return {e.id: e for e in enterprises}


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


def alone(rules, staff, turnover_m, balance_m):
    return size_verdict("A", world(ent("A", fig(2023, staff, turnover_m, balance_m))), [], rules)


# --- autonomous enterprises on the ceilings -------------------------------------------------------------


def test_micro_within_all_ceilings(rules):
    """Rec. 2003/361 Annex Art. 2(3): micro = < 10 staff and turnover or balance <= EUR 2M."""
    verdict = alone(rules, 9, "2", "2")
    assert verdict.size_class == "micro"
    assert verdict.is_sme is True
    assert codes(verdict) == ["size.within_ceilings"]


def test_micro_needs_only_one_financial_ceiling(rules):
    """Rec. 2003/361 Annex Art. 2(3): turnover OR balance total; balance EUR 2M saves a EUR 9M turnover."""
    assert alone(rules, "9.9", "9", "2").size_class == "micro"


def test_ten_staff_is_no_longer_micro(rules):
    """Rec. 2003/361 Annex Art. 2(3): fewer than 10 persons; exactly 10 FTE is small."""
    assert alone(rules, 10, "1", "1").size_class == "small"


def test_micro_staff_with_both_financials_above_is_small(rules):
    """Rec. 2003/361 Annex Art. 2(3): 5 staff but turnover 2.1M and balance 2.1M -> small."""
    assert alone(rules, 5, "2.1", "2.1").size_class == "small"


def test_small_on_its_ceilings(rules):
    """Rec. 2003/361 Annex Art. 2(2): small = < 50 staff and turnover or balance <= EUR 10M."""
    assert alone(rules, "49.9", "10", "25").size_class == "small"
    assert alone(rules, 50, "10", "10").size_class == "medium"


def test_exactly_250_fte_is_large(rules):
    """Rec. 2003/361 Annex Art. 2(1); crossroads-rules 2.2 'minder dan 250 werknemers': 250 FTE is large."""
    verdict = alone(rules, 250, "1", "1")
    assert verdict.size_class == "large"
    assert verdict.is_sme is False
    assert codes(verdict) == ["size.staff_too_high"]
    assert alone(rules, "249.9", "1", "1").size_class == "medium"


def test_turnover_exactly_50m_is_still_sme(rules):
    """Rec. 2003/361 Annex Art. 2(1): turnover 'not exceeding' EUR 50M; 50M with a 60M balance is medium."""
    verdict = alone(rules, 100, "50", "60")
    assert verdict.size_class == "medium"
    assert verdict.is_sme is True
    assert codes(verdict) == ["size.within_ceilings"]


def test_turnover_above_50m_but_balance_at_43m_is_still_sme(rules):
    """Rec. 2003/361 Annex Art. 2(1): turnover OR balance; 80M turnover with a 43M balance is medium."""
    verdict = alone(rules, 100, "80", "43")
    assert verdict.size_class == "medium"
    assert verdict.is_sme is True


def test_both_financials_above_is_large(rules):
    """Rec. 2003/361 Annex Art. 2(1): turnover > 50M AND balance > 43M -> large even with 100 staff."""
    verdict = alone(rules, 100, "50.000001", "43.000001")
    assert verdict.size_class == "large"
    assert verdict.is_sme is False
    assert codes(verdict) == ["size.both_financials_too_high"]
    reason = verdict.reasons[0]
    assert reason.params["turnover"] == D("50000001")
    assert reason.params["balance"] == D("43000001")


# --- partner and linked enterprises -----------------------------------------------------------------------


def test_partner_enterprise_added_pro_rata(rules):
    """Rec. 2003/361 Annex Art. 6(2), 3(2): a 30 % partner's staff and money added at 30 %."""
    enterprises = world(ent("A", fig(2023, 20, "6", "6")), ent("P", fig(2023, 100, "20", "20")))
    links = [Link("P", "A", D("30"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    # 20 + 30 % x 100 = 50 FTE; 6M + 30 % x 20M = 12M
    assert totals.staff == D("50")
    assert totals.turnover == D("12000000")
    assert totals.balance_total == D("12000000")
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "medium"  # stand-alone it would be small (20 FTE, 6M)
    partner = [r for r in verdict.reasons if r.code == "size.partner_added"]
    assert len(partner) == 1
    assert partner[0].params["share"] == D("30")
    assert partner[0].params["staff"] == D("30")
    assert partner[0].params["turnover"] == D("6000000")


def test_partner_downstream_added_pro_rata_too(rules):
    """Rec. 2003/361 Annex Art. 3(2), 6(3): partners upstream or downstream; A holds 30 % of P."""
    enterprises = world(ent("A", fig(2023, 20, "6", "6")), ent("P", fig(2023, 100, "20", "20")))
    totals = consolidate("A", 2023, enterprises, [Link("A", "P", D("30"))], rules)
    assert (totals.staff, totals.turnover) == (D("50"), D("12000000"))


def test_linked_enterprise_added_in_full(rules):
    """Rec. 2003/361 Annex Art. 3(3), 6(2): a parent with 60 % is linked; its data are added at 100 %."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 300, "80", "80")))
    links = [Link("B", "A", D("60"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert (totals.staff, totals.turnover, totals.balance_total) == (D("305"), D("81000000"), D("81000000"))
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "large"
    assert verdict.is_sme is False
    linked = [r for r in verdict.reasons if r.code == "size.linked_added"]
    assert [r.params["share"] for r in linked] == [D("100")]
    assert linked[0].params["staff"] == D("300")


def test_exactly_50_percent_is_partner_not_linked(rules):
    """Rec. 2003/361 Annex Art. 3(2)-(3): 25 %..50 % is partner; 50 % exactly is added at 50 %, not 100 %."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 100, "10", "10")))
    totals = consolidate("A", 2023, enterprises, [Link("B", "A", D("50"))], rules)
    assert totals.staff == D("55")
    assert totals.turnover == D("6000000")


def test_exactly_25_percent_is_partner(rules):
    """Rec. 2003/361 Annex Art. 3(2): 'holds 25 % or more' -> partner; 25 % of 40 FTE = 10 FTE."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 40, "4", "4")))
    totals = consolidate("A", 2023, enterprises, [Link("B", "A", D("25"))], rules)
    assert (totals.staff, totals.turnover) == (D("15"), D("2000000"))


def test_chain_of_linked_enterprises_all_added(rules):
    """Rec. 2003/361 Annex Art. 3(3) last subpar., 6(2): A->B->C each > 50 %; all three count in full."""
    enterprises = world(
        ent("A", fig(2023, 20, "4", "4")), ent("B", fig(2023, 10, "2", "2")), ent("C", fig(2023, 5, "1", "1"))
    )
    links = [Link("A", "B", D("60")), Link("B", "C", D("70"))]
    # 5 + 10 + 20 = 35 FTE; 1M + 2M + 4M = 7M -> small (C alone would be micro)
    for subject in ("A", "B", "C"):
        totals = consolidate(subject, 2023, enterprises, links, rules)
        assert (totals.staff, totals.turnover, totals.balance_total) == (D("35"), D("7000000"), D("7000000"))
        relations = {line.enterprise_id: (line.relation, line.share) for line in totals.lines}
        assert relations[subject] == ("self", D("100"))
        assert sorted(r for eid, r in relations.items() if eid != subject) == [("linked", D("100"))] * 2
    assert size_verdict("C", enterprises, links, rules).size_class == "small"


def test_partner_of_a_linked_enterprise_added_pro_rata(rules):
    """Rec. 2003/361 Annex Art. 6(4) 2nd subpar.: partners of a linked enterprise are added pro rata."""
    enterprises = world(
        ent("A", fig(2023, 10, "2", "2")), ent("B", fig(2023, 20, "4", "4")), ent("D", fig(2023, 100, "10", "10"))
    )
    links = [Link("B", "A", D("60")), Link("B", "D", D("40"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    # 10 + 20 + 40 % x 100 = 70 FTE; 2M + 4M + 40 % x 10M = 10M
    assert (totals.staff, totals.turnover, totals.balance_total) == (D("70"), D("10000000"), D("10000000"))
    shares = {line.enterprise_id: (line.relation, line.share) for line in totals.lines}
    assert shares == {"A": ("self", D("100")), "B": ("linked", D("100")), "D": ("partner", D("40"))}
    assert size_verdict("A", enterprises, links, rules).size_class == "medium"


def test_linked_enterprise_of_a_partner_added_at_the_partners_rate(rules):
    """Rec. 2003/361 Annex Art. 6(4) 1st subpar.: a partner's data include 100 % of its linked enterprises,
    and the whole is added at the partner's rate (here 30 %)."""
    enterprises = world(
        ent("A", fig(2023, 10, "1", "1")), ent("P", fig(2023, 20, "2", "2")), ent("Q", fig(2023, 200, "30", "30"))
    )
    links = [Link("P", "A", D("30")), Link("Q", "P", D("80"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    # 10 + 30 % x (20 + 200) = 76 FTE; 1M + 30 % x (2M + 30M) = 10.6M
    assert (totals.staff, totals.turnover, totals.balance_total) == (D("76"), D("10600000"), D("10600000"))
    shares = {line.enterprise_id: (line.relation, line.share) for line in totals.lines}
    assert shares["Q"] == ("partner", D("30"))


def test_cross_holding_uses_the_greater_percentage(rules):
    """Rec. 2003/361 Annex Art. 6(3): 'In the case of cross-holdings, the greater percentage shall apply';
    A holds 30 % of P and P holds 40 % of A -> P added at 40 %, once."""
    enterprises = world(ent("A", fig(2023, 10, "1", "1")), ent("P", fig(2023, 100, "10", "10")))
    both = [Link("A", "P", D("30")), Link("P", "A", D("40"))]
    for links in (both, both[::-1]):
        totals = consolidate("A", 2023, enterprises, links, rules)
        assert (totals.staff, totals.turnover) == (D("50"), D("5000000"))  # 10 + 40; 1M + 4M
        assert [(line.enterprise_id, line.share) for line in totals.lines if line.relation == "partner"] == [
            ("P", D("40"))
        ]


def test_holding_below_25_percent_is_ignored(rules):
    """Rec. 2003/361 Annex Art. 3(1): below 25 % the enterprise stays autonomous."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 5000, "900", "900")))
    links = [Link("B", "A", D("24.99"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert (totals.staff, totals.turnover, totals.balance_total) == (D("5"), D("1000000"), D("1000000"))
    assert [line.enterprise_id for line in totals.lines] == ["A"]
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "micro"
    assert codes(verdict) == ["size.within_ceilings"]


def test_control_makes_a_20_percent_holding_linked(rules):
    """Rec. 2003/361 Annex Art. 3(3)(b)-(d): dominant influence makes an enterprise linked whatever the %."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 300, "80", "80")))
    links = [Link("B", "A", D("20"), control=True)]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert totals.staff == D("305")
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "large"
    assert "size.linked_added" in codes(verdict)


# --- two consecutive years (Art. 4(2)) --------------------------------------------------------------------


def years_of(rules, *staff_by_year):
    """Enterprise A with one closed year per staff figure (2020, 2021, ...), financials 1M/1M."""
    years = tuple(fig(2020 + i, staff, "1", "1") for i, staff in enumerate(staff_by_year))
    return size_verdict("A", world(ent("A", *years)), [], rules)


def test_one_year_over_the_ceiling_keeps_sme(rules):
    """Rec. 2003/361 Annex Art. 4(2): one year over 250 FTE does not make a medium enterprise large."""
    verdict = years_of(rules, 200, 260)
    assert verdict.size_class == "medium"
    assert verdict.is_sme is True
    assert [(y.raw_class, y.effective_class) for y in verdict.years] == [("medium", "medium"), ("large", "medium")]
    assert codes(verdict) == ["size.staff_too_high", "size.two_year_rule"]
    two_year = verdict.reasons[1].params
    assert (two_year["year"], two_year["raw"], two_year["kept"], two_year["years"]) == (2021, "large", "medium", 2)


def test_two_consecutive_years_over_the_ceiling_make_large(rules):
    """Rec. 2003/361 Annex Art. 4(2): above the ceiling in two consecutive years -> status lost."""
    verdict = years_of(rules, 200, 260, 270)
    assert verdict.size_class == "large"
    assert verdict.is_sme is False
    assert "size.two_year_rule" not in codes(verdict)


def test_falling_back_below_also_needs_two_years(rules):
    """Rec. 2003/361 Annex Art. 4(2): 'exceeded or fallen below' -- regaining SME status takes two years."""
    assert years_of(rules, 300, 300, 200).size_class == "large"
    assert years_of(rules, 300, 300, 200, 200).size_class == "medium"


def test_alternating_years_never_change_the_class(rules):
    """Rec. 2003/361 Annex Art. 4(2): no two consecutive years on the other side -> class kept."""
    verdict = years_of(rules, 200, 260, 200, 260, 200, 260)
    assert [y.effective_class for y in verdict.years] == ["medium"] * 6


def test_micro_small_medium_becomes_small_at_the_second_year(rules):
    """Rec. 2003/361 Annex Art. 4(2) as in `effective_classes`: micro, then small, then medium -> small
    (two years above micro; the class nearest the old one of those two years)."""
    verdict = years_of(rules, 5, 20, 100)
    assert [y.raw_class for y in verdict.years] == ["micro", "small", "medium"]
    assert [y.effective_class for y in verdict.years] == ["micro", "micro", "small"]
    assert verdict.size_class == "small"
    assert effective_classes(["micro", "small", "medium"], 2) == ["micro", "micro", "small"]


def test_effective_classes_moving_down(rules):
    """Rec. 2003/361 Annex Art. 4(2): large, medium, small -> large, large, medium (nearest the old one)."""
    assert effective_classes(["large", "medium", "small"], 2) == ["large", "large", "medium"]
    assert effective_classes(["large", "small", "small", "small"], 2) == ["large", "large", "small", "small"]


def test_years_needed_comes_from_the_rules(rules):
    """Rec. 2003/361 Annex Art. 4(2) as data: with status_change_years=1 the class follows each year,
    with 3 it needs three years."""
    one_year = dataclasses.replace(rules, status_change_years=1)
    assert years_of(one_year, 200, 260).size_class == "large"
    three_years = dataclasses.replace(rules, status_change_years=3)
    assert years_of(three_years, 200, 260, 270).size_class == "medium"
    assert years_of(three_years, 200, 260, 270, 280).size_class == "large"


# --- missing figures ----------------------------------------------------------------------------------------


def test_related_enterprise_without_figures_is_reported(rules):
    """Rec. 2003/361 Annex Art. 6: the group's data are needed; a linked enterprise without accounts is
    flagged ('size.related_without_figures') and counts as zero."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", name="Holding B"))
    links = [Link("B", "A", D("60"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert totals.missing == ("Holding B",)
    assert totals.staff == D("5")
    verdict = size_verdict("A", enterprises, links, rules)
    missing = [r for r in verdict.reasons if r.code == "size.related_without_figures"]
    assert [r.params["name"] for r in missing] == ["Holding B"]


def test_related_enterprise_with_only_later_figures_counts_as_missing(rules):
    """Rec. 2003/361 Annex Art. 4(1): the data of the reference year; a partner's 2024 accounts cannot
    stand in for 2022."""
    enterprises = world(ent("A", fig(2022, 5, "1", "1")), ent("P", fig(2024, 40, "4", "4"), name="P"))
    totals = consolidate("A", 2022, enterprises, [Link("P", "A", D("30"))], rules)
    assert totals.missing == ("P",)
    assert totals.staff == D("5")


def test_related_enterprise_uses_its_latest_closed_year(rules):
    """Rec. 2003/361 Annex Art. 4(1): the last approved accounts; P's 2021 accounts serve for A's 2022."""
    enterprises = world(ent("A", fig(2022, 5, "1", "1")), ent("P", fig(2020, 100, "9", "9"), fig(2021, 40, "4", "4")))
    totals = consolidate("A", 2022, enterprises, [Link("P", "A", D("30"))], rules)
    assert totals.missing == ()
    line = next(line for line in totals.lines if line.enterprise_id == "P")
    assert line.year == 2021
    assert totals.staff == D("17")  # 5 + 30 % x 40


def test_no_figures_at_all_gives_no_size_class(rules):
    """Rec. 2003/361 Annex Art. 4: no closed accounts -> no size class can be given."""
    verdict = size_verdict("A", world(ent("A")), [], rules)
    assert verdict.size_class is None
    assert verdict.is_sme is None
    assert codes(verdict) == ["size.no_figures"]


def test_interim_figures_do_not_count_as_closed_accounts(rules):
    """Rec. 2003/361 Annex Art. 4(1): 'last approved accounting period'; interim figures are not accounts."""
    interim = YearFigures(2024, D("5"), D("1"), D("1"), is_interim=True)
    verdict = size_verdict("A", world(ent("A", interim)), [], rules)
    assert verdict.size_class is None


# --- thresholds are data ------------------------------------------------------------------------------------


def test_thresholds_follow_the_programme_data(rules):
    """Decisions.md 'every value is a parameter': a lower medium staff ceiling changes the verdict for the
    same figures (120 FTE, EUR 5M)."""
    assert alone(rules, 120, "5", "5").size_class == "medium"
    stricter = dataclasses.replace(rules, medium=SizeThresholds(D("100"), D("50000000"), D("43000000")))
    verdict = alone(stricter, 120, "5", "5")
    assert verdict.size_class == "large"
    assert verdict.is_sme is False
    assert verdict.reasons[0].code == "size.staff_too_high"
    assert verdict.reasons[0].params["staff_limit"] == D("100")


def test_holding_thresholds_follow_the_programme_data(rules):
    """Decisions.md 'every value is a parameter': with partner_holding_min 20 a 22 % holder becomes a
    partner; with linked_holding_above 40 a 45 % holder becomes linked."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 100, "10", "10")))
    assert consolidate("A", 2023, enterprises, [Link("B", "A", D("22"))], rules).staff == D("5")
    lower = dataclasses.replace(rules, partner_holding_min=D("20"))
    assert consolidate("A", 2023, enterprises, [Link("B", "A", D("22"))], lower).staff == D("27")
    assert consolidate("A", 2023, enterprises, [Link("B", "A", D("45"))], rules).staff == D("50")
    linked_at_40 = dataclasses.replace(rules, linked_holding_above=D("40"))
    assert consolidate("A", 2023, enterprises, [Link("B", "A", D("45"))], linked_at_40).staff == D("105")
