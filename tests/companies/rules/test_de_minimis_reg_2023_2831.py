"""Reg. (EU) 2023/2831 (de minimis): the ceiling per Member State, the single undertaking by control, the
three-year window and aid on mergers and splits (issue 15 §3).

Each test is named after the article point it proves and states its worked example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from crossroads.companies.rules.aid_transfers import merged_aid, pro_rata, split_aid
from crossroads.companies.rules.de_minimis import GrantedAid, de_minimis_verdict
from crossroads.companies.rules.single_undertaking import ControlLink, controls, single_undertaking

from .conftest import make_rules

D = Decimal
REFERENCE = dt.date(2025, 6, 15)


def aid(on, amount, enterprise="A", state="", origin="own") -> GrantedAid:
    return GrantedAid(enterprise, on, D(str(amount)), member_state=state, origin=origin)


def verdict_for(rules, entries, links=(), *, granting_state=None, countries=None, subject="A", reference=REFERENCE):
    return de_minimis_verdict(
        subject,
        list(entries),
        list(links),
        rules,
        reference=reference,
        granting_state=granting_state,
        countries=countries or {"A": "BE"},
    )


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


# --- Art. 3(2): per Member State -----------------------------------------------------------------------------


def test_art_3_2_ceiling_applies_per_member_state(rules):
    """Reg. 2023/2831 Art. 3(2) 'granted per Member State': a Flemish company has EUR 250,000 of Dutch aid
    and EUR 40,000 of Belgian aid. For Belgian (Flemish) CrossRoads aid its headroom is 300k - 40k = 260k;
    the Dutch aid counts against the Dutch ceiling (50k left there)."""
    entries = [aid(dt.date(2024, 3, 1), 250000, state="NL"), aid(dt.date(2024, 9, 1), 40000, state="BE")]
    verdict = verdict_for(rules, entries, granting_state="BE")
    assert (verdict.member_state, verdict.used, verdict.headroom) == ("BE", D("40000"), D("260000"))
    assert verdict.headroom_in("NL") == D("50000")
    assert verdict.fits(D("260000")) and not verdict.fits(D("260000.01"))
    other = next(r for r in verdict.reasons if r.code == "deminimis.other_state")
    assert (other.params["state"], other.params["used"]) == ("NL", D("250000"))


def test_art_3_2_granting_state_defaults_to_the_partners_own_country(rules):
    """Reg. 2023/2831 Art. 3(2) with docs/rules.md (CrossRoads aid to a partner is granted by its own
    country): a Dutch partner (NL) with EUR 100,000 of Dutch aid and EUR 280,000 of Belgian aid has 200k
    headroom for CrossRoads aid."""
    entries = [aid(dt.date(2024, 3, 1), 100000, state="NL"), aid(dt.date(2024, 4, 1), 280000, state="BE")]
    verdict = verdict_for(rules, entries, countries={"A": "NL"})
    assert (verdict.member_state, verdict.headroom) == ("NL", D("200000"))


def test_art_3_2_aid_without_a_member_state_is_from_the_recipients_country(rules):
    """Reg. 2023/2831 Art. 3(2) with the registry's rule 'blank = the recipient's own country': the Flemish
    applicant's own aid (blank, 100k) is Belgian; its Dutch 100 % subsidiary's aid (blank, 150k) is Dutch.
    Belgian headroom: 200k."""
    entries = [aid(dt.date(2024, 3, 1), 100000, "A"), aid(dt.date(2024, 4, 1), 150000, "SUB")]
    links = [ControlLink("A", "SUB", D("100"))]
    verdict = verdict_for(rules, entries, links, countries={"A": "BE", "SUB": "NL"})
    assert verdict.used_by_state == {"BE": D("100000"), "NL": D("150000")}
    assert verdict.headroom == D("200000")


# --- Art. 2(2): single undertaking by control --------------------------------------------------------------------


def test_art_2_2_a_majority_of_voting_rights_not_of_capital(rules):
    """Reg. 2023/2831 Art. 2(2)(a) 'majority of the voting rights': B holds 40 % of A's capital with 60 % of
    the votes (one undertaking: B's 200k counts); C holds 70 % of D's capital with 45 % of the votes (not)."""
    links = [
        ControlLink("B", "A", capital_percent=D("40"), voting_percent=D("60")),
        ControlLink("C", "D", capital_percent=D("70"), voting_percent=D("45")),
    ]
    entries = [aid(dt.date(2024, 1, 1), 50000), aid(dt.date(2024, 2, 1), 200000, "B")]
    assert verdict_for(rules, entries, links).used == D("250000")
    assert single_undertaking("D", links) == ["D"]


def test_art_2_2_a_exactly_half_of_the_votes_is_no_majority(rules):
    """Reg. 2023/2831 Art. 2(2)(a): 50 % of the votes is not a majority; B's aid does not count."""
    links = [ControlLink("B", "A", D("50"))]
    entries = [aid(dt.date(2024, 1, 1), 50000), aid(dt.date(2024, 2, 1), 200000, "B")]
    assert verdict_for(rules, entries, links).used == D("50000")


def test_art_2_2_b_right_to_appoint_the_board_majority(rules):
    """Reg. 2023/2831 Art. 2(2)(b): B holds 20 % but appoints the majority of A's board: 100k + 150k."""
    links = [ControlLink("B", "A", D("20"), board_majority=True)]
    entries = [aid(dt.date(2024, 1, 1), 100000), aid(dt.date(2024, 2, 1), 150000, "B")]
    assert verdict_for(rules, entries, links).used == D("250000")
    assert controls(links)[0].point == "b"


def test_art_2_2_c_dominant_influence_by_contract_or_statutes(rules):
    """Reg. 2023/2831 Art. 2(2)(c): a franchise-like contract gives B (0 %) a dominant influence over A."""
    links = [ControlLink("B", "A", D("0"), dominant_influence=True)]
    entries = [aid(dt.date(2024, 1, 1), 100000), aid(dt.date(2024, 2, 1), 150000, "B")]
    assert verdict_for(rules, entries, links).used == D("250000")
    assert controls(links)[0].point == "c"


def test_art_2_2_d_control_of_votes_by_shareholder_agreement(rules):
    """Reg. 2023/2831 Art. 2(2)(d): B holds 35 % and by agreement with other shareholders controls the majority
    of A's votes: 100k + 150k."""
    links = [ControlLink("B", "A", D("35"), votes_by_agreement=True)]
    entries = [aid(dt.date(2024, 1, 1), 100000), aid(dt.date(2024, 2, 1), 150000, "B")]
    assert verdict_for(rules, entries, links).used == D("250000")
    assert controls(links)[0].point == "d"


def test_art_2_2_last_subparagraph_control_through_another_enterprise(rules):
    """Reg. 2023/2831 Art. 2(2) second subparagraph: P controls S (80 %); P holds 30 % and S 25 % of A: P
    controls 55 % of A's votes through S. P, S and A are one undertaking: 50k + 100k + 120k = 270k."""
    links = [ControlLink("P", "S", D("80")), ControlLink("P", "A", D("30")), ControlLink("S", "A", D("25"))]
    entries = [
        aid(dt.date(2024, 1, 1), 50000),
        aid(dt.date(2024, 2, 1), 100000, "P"),
        aid(dt.date(2024, 3, 1), 120000, "S"),
    ]
    verdict = verdict_for(rules, entries, links)
    assert verdict.used == D("270000")
    assert set(verdict.members) == {"A", "P", "S"}


def test_art_2_2_control_through_a_natural_person(rules):
    """Reg. 2023/2831 Art. 2(2) read with the economic-unit case law (docs/rules.md): Ms Peeters holds 100 % of
    A and 60 % of B: A and B are one single undertaking; B's 180k and A's 100k count together (20k left)."""
    links = [ControlLink("PERSON", "A", D("100")), ControlLink("PERSON", "B", D("60"))]
    entries = [aid(dt.date(2024, 1, 1), 100000), aid(dt.date(2024, 2, 1), 180000, "B")]
    verdict = verdict_for(rules, entries, links)
    assert verdict.headroom == D("20000")
    assert "deminimis.single_undertaking" in codes(verdict)


def test_art_2_2_persons_acting_jointly_count_as_one_holder(rules):
    """Reg. 2023/2831 Art. 2(2)(a) with holders marked as acting jointly (a family): two siblings with 30 %
    each of A and each 100 % of their own company B and C: together 60 % of A's votes, so A, B and C and the
    siblings are one undertaking; 100k + 50k + 60k = 210k."""
    links = [
        ControlLink("SIS", "A", D("30"), acting_jointly="family"),
        ControlLink("BRO", "A", D("30"), acting_jointly="family"),
        ControlLink("SIS", "B", D("100")),
        ControlLink("BRO", "C", D("100")),
    ]
    entries = [
        aid(dt.date(2024, 1, 1), 100000),
        aid(dt.date(2024, 2, 1), 50000, "B"),
        aid(dt.date(2024, 3, 1), 60000, "C"),
    ]
    assert verdict_for(rules, entries, links).used == D("210000")


def test_art_2_2_a_minority_stake_without_control_is_not_a_single_undertaking(rules):
    """Reg. 2023/2831 Art. 2(2): there is no partner level as in the SME definition: a 49 % stake without any
    control flag leaves B's 200k out."""
    links = [ControlLink("B", "A", D("49"))]
    entries = [aid(dt.date(2024, 1, 1), 100000), aid(dt.date(2024, 2, 1), 200000, "B")]
    assert verdict_for(rules, entries, links).used == D("100000")


# --- Art. 3(2): the three-year window -------------------------------------------------------------------------


def test_art_3_2_the_day_exactly_three_years_back_is_inside_the_window(rules):
    """Reg. 2023/2831 Art. 3(2) 'any period of three years', read so aid never exceeds the ceiling: on
    15 June 2025, aid of 15 June 2022 (200k) still counts with 150k of 2025: no headroom; a day later it is out."""
    entries = [aid(dt.date(2022, 6, 15), 200000), aid(dt.date(2025, 1, 10), 150000)]
    verdict = verdict_for(rules, entries)
    assert verdict.window_start == dt.date(2022, 6, 15)
    assert verdict.headroom == D("0")
    assert verdict.next_release == dt.date(2025, 6, 16)
    assert verdict_for(rules, entries, reference=dt.date(2025, 6, 16)).headroom == D("150000")


@given(
    grants=st.lists(
        st.tuples(st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)), st.integers(1, 150000)), max_size=8
    ),
    reference=st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31)),
)
def test_art_3_2_window_contains_every_three_year_period_ending_on_the_reference_date(grants, reference):
    """Reg. 2023/2831 Art. 3(2): whichever way 'three years' is counted (reference - 3 years + 1 day, or
    - 3 years), the aid counted is at least the aid of that period, so a grant that fits never exceeds it."""
    rules = make_rules()
    entries = [aid(on, amount) for on, amount in grants]
    verdict = verdict_for(rules, entries, reference=reference)
    strict_start = dt.date(reference.year - 3, reference.month, min(reference.day, 28)) + dt.timedelta(days=1)
    strict = sum((e.amount for e in entries if strict_start <= e.granted_on <= reference), D("0"))
    assert verdict.used >= strict


# --- Art. 3(8)-(9): mergers, acquisitions and splits --------------------------------------------------------------


def test_art_3_8_aid_of_merged_undertakings_adds_up(rules):
    """Reg. 2023/2831 Art. 3(8): A (own aid 120k) absorbs M, which had 130k (granted 1 Oct 2023, Belgian).
    The merged aid keeps its date and counts for A: 250k used, 50k left, named in the verdict."""
    taken_over = merged_aid("A", [aid(dt.date(2023, 10, 1), 130000, "M", state="BE")])
    assert [(e.enterprise, e.amount, e.granted_on, e.origin) for e in taken_over] == [
        ("A", D("130000"), dt.date(2023, 10, 1), "merged")
    ]
    verdict = verdict_for(rules, [aid(dt.date(2024, 5, 1), 120000), *taken_over])
    assert verdict.headroom == D("50000")
    merged = next(r for r in verdict.reasons if r.code == "deminimis.merged_aid")
    assert merged.params["used"] == D("130000")


def test_art_3_9_split_aid_goes_to_the_undertaking_that_benefits(rules):
    """Reg. 2023/2831 Art. 3(9) first sentence: S splits into A and B; the 90k aid used for the activity that
    A takes over goes to A in full."""
    moved = split_aid([aid(dt.date(2024, 1, 1), 90000, "S")], {"A": D("1"), "B": D("3")}, {0: "A"})
    assert [(e.enterprise, e.amount, e.origin) for e in moved] == [("A", D("90000"), "split")]
    verdict = verdict_for(rules, [e for e in moved if e.enterprise == "A"])
    assert "deminimis.split_aid" in codes(verdict)


def test_art_3_9_split_aid_is_otherwise_shared_pro_rata_to_equity(rules):
    """Reg. 2023/2831 Art. 3(9) second sentence: 100,000.00 of aid, new undertakings' equity A 1M, B 2M:
    33,333.33 to A and 66,666.67 to B (to the cent, half-up, the remainder to the largest equity); the shares
    add up exactly."""
    moved = split_aid([aid(dt.date(2024, 1, 1), 100000, "S")], {"A": D("1000000"), "B": D("2000000")})
    assert {e.enterprise: e.amount for e in moved} == {"A": D("33333.33"), "B": D("66666.67")}
    assert sum(e.amount for e in moved) == D("100000")


@given(
    amount=st.decimals(D("0.01"), D("300000"), places=2),
    equity=st.lists(st.decimals(D("-1000000"), D("5000000"), places=2), min_size=1, max_size=5),
)
def test_art_3_9_pro_rata_shares_reconcile_to_the_cent(amount, equity):
    """Reg. 2023/2831 Art. 3(9): the shares of any split add up to the aid exactly (or, without positive
    equity, each new undertaking carries the whole aid: never less than was granted)."""
    shares = pro_rata(amount, {i: value for i, value in enumerate(equity)})
    if any(value > 0 for value in equity):
        assert sum(shares.values()) == amount
        assert all(share >= 0 for share in shares.values())
    else:
        assert all(share == amount for share in shares.values())


def test_art_2_2_b_to_d_read_from_the_registrys_links(rules):
    """Reg. 2023/2831 Art. 2(2)(b) and (d) from the registry's `Link` records: B (10 %, appoints the board)
    and C (30 %, votes by agreement) both join A: 50k + 100k + 100k = 250k."""
    from crossroads.companies.rules.types import Link

    links = [Link("B", "A", D("10"), board_majority=True), Link("C", "A", D("30"), votes_by_agreement=True)]
    entries = [
        aid(dt.date(2024, 1, 1), 50000),
        aid(dt.date(2024, 2, 1), 100000, "B"),
        aid(dt.date(2024, 3, 1), 100000, "C"),
    ]
    assert verdict_for(rules, entries, links).used == D("250000")


@given(
    st.lists(
        st.builds(
            ControlLink,
            holder=st.sampled_from("ABCDEP"),
            held=st.sampled_from("ABCDE"),
            capital_percent=st.decimals(D("0"), D("100"), places=0),
            board_majority=st.booleans(),
            dominant_influence=st.just(False),
            votes_by_agreement=st.just(False),
        ),
        max_size=8,
    )
)
def test_art_2_2_the_single_undertaking_is_the_same_seen_from_each_member(links):
    """Reg. 2023/2831 Art. 2(2) 'all enterprises having at least one of the relationships with each other':
    for any holdings among A-E and a person P, every member of A's single undertaking has the same single
    undertaking, so their aid is counted alike whoever applies."""
    links = [link for link in links if link.holder != link.held]
    group = set(single_undertaking("A", links))
    for member in group:
        assert set(single_undertaking(member, links)) == group
