"""The closure indicators proposed from facts (pure): what each company and the project count, and why."""

from __future__ import annotations

from decimal import Decimal

from crossroads.grants.rules.indicators import CompanyFacts, ProjectFacts, propose, totals

BE = CompanyFacts(1, "small", is_research=False, grant_positive=True, coached=True, country="BE")
NL = CompanyFacts(2, "micro", is_research=False, grant_positive=True, coached=False, country="NL")


def _by(proposals):  # type: ignore[no-untyped-def]
    return {(p.code, p.company_id): p for p in proposals}


def test_each_company_counts_once_by_size_with_a_grant_and_its_coaching():
    got = _by(propose(ProjectFacts((BE, NL), prototype_demonstrated=False, final_report_known=True)))
    assert got[("RCO01", 1)].value == 1 and got[("RCO01", 1)].size_class == "small"
    assert got[("RCO01", 2)].size_class == "micro"
    assert got[("RCO02", 1)].value == 1
    assert got[("RCO04", 1)].value == 1 and got[("RCO04", 1)].why == "coaching.yes"
    assert got[("RCO04", 2)].value == 0
    # Two countries: every organisation cooperates across the border.
    assert got[("RCO87", 1)].value == 1 and got[("RCO87", 2)].value == 1


def test_without_figures_the_size_class_is_left_to_the_secretariat():
    unknown = CompanyFacts(3, None, is_research=False, grant_positive=True, coached=False, country="BE")
    got = _by(propose(ProjectFacts((unknown, NL), False, True)))
    assert got[("RCO01", 3)].size_class == "" and got[("RCO01", 3)].why == "size.unknown"


def test_research_cooperation_counts_the_enterprises_not_the_research_organisation():
    lab = CompanyFacts(3, "large", is_research=True, grant_positive=False, coached=False, country="NL")
    got = _by(propose(ProjectFacts((BE, lab), False, True)))
    assert got[("RCO10", 1)].value == 1 and got[("RCO10", 1)].why == "research.yes"
    assert got[("RCO10", 3)].value == 0 and got[("RCO10", 3)].why == "research.itself"
    assert got[("RCO02", 3)].value == 0
    assert _by(propose(ProjectFacts((BE, NL), False, True)))[("RCO10", 1)].value == 0


def test_one_country_is_no_cross_border_cooperation():
    other_be = CompanyFacts(4, "small", is_research=False, grant_positive=True, coached=False, country="BE")
    got = _by(propose(ProjectFacts((BE, other_be), False, True)))
    assert got[("RCO87", 1)].value == 0 and got[("RCO87", 1)].why == "border.no"


def test_a_demonstrated_prototype_is_a_pilot_action_and_proposes_innovation_for_smes_only():
    big = CompanyFacts(5, "large", is_research=False, grant_positive=True, coached=False, country="NL")
    got = _by(propose(ProjectFacts((BE, big), prototype_demonstrated=True, final_report_known=True)))
    assert got[("RCO84", None)].value == 1 and got[("RCO84", None)].why == "pilot.demonstrated"
    assert got[("RCR03", 1)].value == 1
    assert got[("RCR03", 5)].value == 0 and got[("RCR03", 5)].why == "innovation.not_sme"
    none = _by(propose(ProjectFacts((BE, big), prototype_demonstrated=False, final_report_known=False)))
    assert none[("RCO84", None)].value == 0 and none[("RCO84", None)].why == "pilot.no_final_report"
    assert none[("RCR03", 1)].value == 0


def test_the_project_row_comes_first_then_six_per_company():
    proposals = propose(ProjectFacts((BE, NL), False, True))
    assert proposals[0].company_id is None
    assert len(proposals) == 1 + 2 * 6


def test_totals_count_rco01_per_size_class():
    rows = [("RCO01", Decimal("1"), "small"), ("RCO01", Decimal("1"), "micro"), ("RCO02", Decimal("1"), "")]
    assert totals(rows) == {
        "RCO01": Decimal("2"),
        "RCO01:small": Decimal("1"),
        "RCO01:micro": Decimal("1"),
        "RCO02": Decimal("1"),
    }
