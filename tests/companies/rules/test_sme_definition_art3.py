"""Issue 15 §1, Art. 3 of the SME definition (Rec. 2003/361/EC Annex; GBER Annex I): joint stakes, exempt
investors, public bodies, persons acting jointly, control without a majority of the capital.

Each test states its worked example (figures and the expected verdict) in its docstring.
"""

from __future__ import annotations

from decimal import Decimal

from crossroads.companies.rules.size import consolidate, linked_group, public_share, size_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures

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


def relations(totals) -> dict:
    return {line.enterprise_id: (line.relation, line.share) for line in totals.lines}


# --- Art. 3(2)-(3): stakes held jointly --------------------------------------------------------------------------


def test_art_3_2_stakes_held_jointly_by_linked_holders_add_up(rules):
    """Art. 3(2) 'solely or jointly with one or more linked enterprises'. Parent P holds 100 % of S; P and S hold
    15 % each of applicant A. Alone each stake is below 25 %; together 30 % -> P's group (P 100 FTE, S 20 FTE) is a
    30 % partner: A = 10 + 30 % x (100 + 20) = 46 FTE; turnover 1M + 30 % x (10M + 2M) = 4.6M -> small."""
    enterprises = world(
        ent("A", fig(2023, 10, "1", "1")), ent("P", fig(2023, 100, "10", "10")), ent("S", fig(2023, 20, "2", "2"))
    )
    links = [Link("P", "S", D("100")), Link("P", "A", D("15")), Link("S", "A", D("15"))]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert relations(totals) == {"A": ("self", D("100")), "P": ("partner", D("30")), "S": ("partner", D("30"))}
    assert (totals.staff, totals.turnover) == (D("46"), D("4600000"))
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "small"
    assert "size.joint_stake" in codes(verdict)


def test_art_3_3_linked_holders_together_above_50_percent_make_a_linked_enterprise(rules):
    """Art. 3(3): P (300 FTE, 60M) holds 100 % of S; P holds 30 % and S 25 % of A: together 55 % > 50 % -> A is
    linked to both, all added in full: 5 + 300 + 10 = 315 FTE -> large, not an SME."""
    enterprises = world(
        ent("A", fig(2023, 5, "1", "1")), ent("P", fig(2023, 300, "60", "60")), ent("S", fig(2023, 10, "1", "1"))
    )
    links = [Link("P", "S", D("100")), Link("P", "A", D("30")), Link("S", "A", D("25"))]
    assert sorted(linked_group("A", links, rules), key=str) == ["A", "P", "S"]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert totals.staff == D("315")
    verdict = size_verdict("A", enterprises, links, rules)
    assert (verdict.size_class, verdict.is_sme) == ("large", False)


def test_art_3_2_unrelated_holders_do_not_add_up(rules):
    """Art. 3(2): two independent holders of 15 % each are not linked to each other: A stays autonomous
    (5 FTE, micro), whatever their size (1,000 FTE each)."""
    enterprises = world(
        ent("A", fig(2023, 5, "1", "1")), ent("X", fig(2023, 1000, "500", "500")), ent("Y", fig(2023, 1000, "9", "9"))
    )
    links = [Link("X", "A", D("15")), Link("Y", "A", D("15"))]
    assert consolidate("A", 2023, enterprises, links, rules).staff == D("5")
    assert size_verdict("A", enterprises, links, rules).size_class == "micro"


# --- Art. 3(2) second subparagraph: exempt investors ------------------------------------------------------------


def test_art_3_2_exempt_investor_at_25_to_50_percent_is_not_a_partner(rules):
    """Art. 3(2) 2nd subpar. (a): a venture capital fund (400 FTE, 80M) holding 40 % of A (8 FTE, 1M) is not
    a partner: A stays a micro enterprise (8 FTE), with the reason size.exempt_investor."""
    enterprises = world(
        ent("A", fig(2023, 8, "1", "1")), ent("V", fig(2023, 400, "80", "80"), investor_type="venture_capital")
    )
    links = [Link("V", "A", D("40"))]
    assert consolidate("A", 2023, enterprises, links, rules).staff == D("8")
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "micro"
    assert "size.exempt_investor" in codes(verdict)


def test_art_3_2_exempt_investor_above_50_percent_is_linked(rules):
    """Art. 3(2) 2nd subpar. 'provided that those investors are not linked': the same fund with 60 % is linked:
    8 + 400 = 408 FTE -> large."""
    enterprises = world(
        ent("A", fig(2023, 8, "1", "1")), ent("V", fig(2023, 400, "80", "80"), investor_type="venture_capital")
    )
    verdict = size_verdict("A", enterprises, [Link("V", "A", D("60"))], rules)
    assert verdict.size_class == "large"


def test_art_3_2_business_angel_exempt_only_below_eur_1_25m_invested(rules):
    """Art. 3(2) 2nd subpar. (a): a business angel (an enterprise of 30 FTE here) with 30 % of A (5 FTE): with
    EUR 1,249,999.99 invested not a partner (A = 5 FTE, micro); with EUR 1,250,000 invested ('less than EUR 1 250
    000' no longer holds) a partner: 5 + 30 % x 30 = 14 FTE -> small. Without the amount it is not exempt."""
    enterprises = world(
        ent("A", fig(2023, 5, "1", "1")), ent("B", fig(2023, 30, "1", "1"), investor_type="business_angel")
    )
    below = [Link("B", "A", D("30"), invested=D("1249999.99"))]
    at_cap = [Link("B", "A", D("30"), invested=D("1250000"))]
    unknown = [Link("B", "A", D("30"))]
    assert size_verdict("A", enterprises, below, rules).size_class == "micro"
    assert consolidate("A", 2023, enterprises, at_cap, rules).staff == D("14")
    assert size_verdict("A", enterprises, at_cap, rules).size_class == "small"
    assert consolidate("A", 2023, enterprises, unknown, rules).staff == D("14")


def test_art_3_2_local_authority_exempt_only_under_10m_budget_and_5000_inhabitants(rules):
    """Art. 3(2) 2nd subpar. (d): an autonomous local authority (as holder of 40 % of A, 5 FTE) with a budget of
    EUR 9.9M and 4,999 inhabitants is not a partner; with 5,000 inhabitants or a EUR 10M budget it no longer is
    exempt. It is a public body, so from 25 % Art. 3(4) then makes A not an SME."""
    small_town = ent(
        "L",
        kind="public_body",
        investor_type="local_authority",
        authority_budget=D("9900000"),
        authority_inhabitants=4999,
    )
    links = [Link("L", "A", D("40"))]
    verdict = size_verdict("A", world(ent("A", fig(2023, 5, "1", "1")), small_town), links, rules)
    assert (verdict.size_class, verdict.is_sme) == ("micro", True)
    for bigger in (
        Enterprise("L", "L", kind="public_body", investor_type="local_authority", authority_budget=D("9900000"),
                   authority_inhabitants=5000),
        Enterprise("L", "L", kind="public_body", investor_type="local_authority", authority_budget=D("10000000"),
                   authority_inhabitants=4999),
    ):  # fmt: skip
        verdict = size_verdict("A", world(ent("A", fig(2023, 5, "1", "1")), bigger), links, rules)
        assert verdict.is_sme is False
        assert codes(verdict)[0] == "size.public_bodies"


# --- Art. 3(4): public bodies -------------------------------------------------------------------------------------


def test_art_3_4_public_bodies_at_25_percent_jointly_make_it_not_an_sme(rules):
    """Art. 3(4): a province (15 %) and a city (10 %) together hold 25 % of A (5 FTE, 1M): 'jointly or
    individually' -> not an SME, whatever the figures. 24.99 % together would not."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("PR", kind="public_body"), ent("CI", kind="public_body"))
    verdict = size_verdict("A", enterprises, [Link("PR", "A", D("15")), Link("CI", "A", D("10"))], rules)
    assert (verdict.size_class, verdict.is_sme) == ("large", False)
    assert codes(verdict)[0] == "size.public_bodies"
    assert verdict.reasons[0].params["share"] == D("25")
    fine = size_verdict("A", enterprises, [Link("PR", "A", D("15")), Link("CI", "A", D("9.99"))], rules)
    assert fine.is_sme is True


def test_art_3_4_public_bodies_count_indirectly_through_an_enterprise_they_control(rules):
    """Art. 3(4) 'directly or indirectly': a city holds 60 % of utility U; U holds 30 % of A. The city controls U,
    so U's 30 % counts as public -> A is not an SME. With the city at 40 % of U, U is not public-controlled: 0 %."""
    enterprises = world(
        ent("A", fig(2023, 5, "1", "1")), ent("U", fig(2023, 5, "1", "1")), ent("C", kind="public_body")
    )
    controlled = [Link("C", "U", D("60")), Link("U", "A", D("30"))]
    assert public_share("A", enterprises, controlled, rules)[0] == D("30")
    assert size_verdict("A", enterprises, controlled, rules).is_sme is False
    minority = [Link("C", "U", D("40")), Link("U", "A", D("30"))]
    assert public_share("A", enterprises, minority, rules)[0] == D("0")


def test_art_3_4_public_investment_corporation_at_25_to_50_percent_is_the_exception(rules):
    """Art. 3(4) 'except in the cases set out in paragraph 2, second subparagraph': a regional public investment
    corporation (public body) with 30 % of A is an exempt investor, so A (5 FTE) stays a micro SME."""
    enterprises = world(
        ent("A", fig(2023, 5, "1", "1")), ent("PMV", kind="public_body", investor_type="public_investment")
    )
    verdict = size_verdict("A", enterprises, [Link("PMV", "A", D("30"))], rules)
    assert (verdict.size_class, verdict.is_sme) == ("micro", True)


# --- Art. 3(3) fourth subparagraph: natural persons acting jointly ------------------------------------------------


def person(pid: str, name: str) -> Enterprise:
    return Enterprise(pid, name, kind="natural_person")


def test_art_3_3_persons_acting_jointly_link_enterprises_on_the_same_market(rules):
    """Art. 3(3) 4th subpar.: spouses An and Bart (label 'Peeters') hold 30 % + 30 % of A (8 FTE, NACE 62.01) and
    30 % + 30 % of B (300 FTE, NACE 62.02): the group controls both (60 %), same NACE group 62.0 -> A and B are
    linked: 8 + 300 = 308 FTE -> large. The persons themselves are never consolidated."""
    enterprises = world(
        ent("A", fig(2023, 8, "1", "1"), nace=("62.01",)),
        ent("B", fig(2023, 300, "60", "60"), nace=("62.02",)),
        person("P1", "An Peeters"),
        person("P2", "Bart Peeters"),
    )
    links = [
        Link("P1", "A", D("30"), acting_jointly="Peeters"),
        Link("P2", "A", D("30"), acting_jointly="Peeters"),
        Link("P1", "B", D("30"), acting_jointly="Peeters"),
        Link("P2", "B", D("30"), acting_jointly="Peeters"),
    ]
    totals = consolidate("A", 2023, enterprises, links, rules)
    assert relations(totals) == {"A": ("self", D("100")), "B": ("linked", D("100"))}
    assert totals.staff == D("308")
    verdict = size_verdict("A", enterprises, links, rules)
    assert verdict.size_class == "large"
    assert "size.linked_through_person" in codes(verdict)


def test_art_3_3_person_controlling_enterprises_on_different_markets_links_nothing(rules):
    """Art. 3(3) 4th subpar. 'same relevant market or adjacent markets': one person holds 100 % of A (bakery,
    NACE 10.71, 8 FTE) and 100 % of B (software, NACE 62.01, 300 FTE): different markets -> A stays micro. Declared
    'same market' on the holding, they are linked (308 FTE, large)."""
    enterprises = world(
        ent("A", fig(2023, 8, "1", "1"), nace=("10.71",)),
        ent("B", fig(2023, 300, "60", "60"), nace=("62.01",)),
        person("P", "Jan Janssens"),
    )
    apart = [Link("P", "A", D("100")), Link("P", "B", D("100"))]
    verdict = size_verdict("A", enterprises, apart, rules)
    assert verdict.size_class == "micro"
    assert "size.not_linked_other_market" in codes(verdict)
    declared = [Link("P", "A", D("100")), Link("P", "B", D("100"), market="same")]
    assert size_verdict("A", enterprises, declared, rules).size_class == "large"


# --- Art. 3(3)(b)-(d): control without a majority of the capital -------------------------------------------------


def test_art_3_3_b_to_d_control_without_majority_capital_links(rules):
    """Art. 3(3)(b) board majority, (c) dominant influence by contract or statutes, (d) voting control by
    agreement: H (300 FTE) with only 10 % of A's capital but any of these rights is linked: 5 + 300 = 305 FTE."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("H", fig(2023, 300, "60", "60")))
    for link in (
        Link("H", "A", D("10"), board_majority=True),
        Link("H", "A", D("10"), control=True),
        Link("H", "A", D("10"), votes_by_agreement=True),
    ):
        assert consolidate("A", 2023, enterprises, [link], rules).staff == D("305")
        verdict = size_verdict("A", enterprises, [link], rules)
        assert verdict.size_class == "large"
        assert "size.control_without_majority" in codes(verdict)


def test_art_3_3_a_the_higher_of_capital_and_voting_rights_counts(rules):
    """Art. 3(2)-(3) 'capital or voting rights': H holds 20 % of the capital but 55 % of the votes (multiple-vote
    shares) -> linked (5 + 300 = 305 FTE); 10 % capital with 30 % of the votes -> a 30 % partner (5 + 90 = 95 FTE)."""
    enterprises = world(ent("A", fig(2023, 5, "1", "1")), ent("H", fig(2023, 300, "60", "60")))
    votes = [Link("H", "A", D("20"), voting_percent=D("55"))]
    assert consolidate("A", 2023, enterprises, votes, rules).staff == D("305")
    partner = [Link("H", "A", D("10"), voting_percent=D("30"))]
    totals = consolidate("A", 2023, enterprises, partner, rules)
    assert relations(totals)["H"] == ("partner", D("30"))
    assert totals.staff == D("95")
