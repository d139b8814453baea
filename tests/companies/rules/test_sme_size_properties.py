"""Properties of the size consolidation (Rec. 2003/361/EC Annex Art. 3, 4(2), 6) checked with hypothesis.

The `rules` fixture is immutable data, so sharing it between hypothesis examples is safe.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crossroads.companies.rules.size import SIZE_ORDER, consolidate, effective_classes, linked_group, size_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures

D = Decimal
YEAR = 2023
SETTINGS = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

staff_st = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
money_st = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
percent_st = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
figures_st = st.builds(lambda s, t, b: YearFigures(YEAR, s, t, b), staff_st, money_st, money_st)


@st.composite
def star(draw):
    """Enterprise "A" in the middle; each leaf holds A or is held by A, with or without figures."""
    own = draw(figures_st)
    enterprises = {"A": Enterprise("A", "A", years=(own,))}
    links, leaves = [], []
    for index in range(draw(st.integers(0, 6))):
        leaf = f"L{index}"
        figures = draw(st.one_of(st.none(), figures_st))
        enterprises[leaf] = Enterprise(leaf, leaf, years=(figures,) if figures else ())
        percent, control = draw(percent_st), draw(st.booleans())
        upstream = draw(st.booleans())
        links.append(Link(leaf, "A", percent, control) if upstream else Link("A", leaf, percent, control))
        leaves.append((leaf, figures, percent, control))
    return enterprises, links, own, leaves


@st.composite
def graph(draw):
    """Any holding graph on up to 7 enterprises (cycles and cross-holdings allowed)."""
    count = draw(st.integers(1, 7))
    ids = [f"E{i}" for i in range(count)]
    enterprises = {}
    for eid in ids:
        figures = draw(st.one_of(st.none(), figures_st)) if eid != "E0" else draw(figures_st)
        enterprises[eid] = Enterprise(eid, eid, years=(figures,) if figures else ())
    links = []
    if count > 1:
        pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
        for owner, owned in draw(st.lists(pairs, max_size=10)):
            links.append(Link(owner, owned, draw(percent_st), draw(st.booleans())))
    return enterprises, links


def exact(value: Decimal) -> Fraction:
    return Fraction(value)


@SETTINGS
@given(star())
def test_totals_are_own_plus_shares_of_related_exactly(rules, case):
    """Rec. 2003/361 Annex Art. 6(2)-(3): totals = own data + 100 % of linked + holding % of partners,
    with no rounding (compared as exact fractions)."""
    enterprises, links, own, leaves = case
    expected = [exact(own.staff), exact(own.turnover), exact(own.balance_total)]
    for _leaf, figures, percent, control in leaves:
        if control or percent > 50:
            factor = Fraction(1)
        elif percent >= 25:
            factor = exact(percent) / 100
        else:
            factor = Fraction(0)
        if figures is not None:
            expected[0] += factor * exact(figures.staff)
            expected[1] += factor * exact(figures.turnover)
            expected[2] += factor * exact(figures.balance_total)
    totals = consolidate("A", YEAR, enterprises, links, rules)
    assert [exact(totals.staff), exact(totals.turnover), exact(totals.balance_total)] == expected


@st.composite
def with_linked(draw):
    """A star plus one linked leaf "L" with figures in every year; the years are 2020..2020+n."""
    year_count = draw(st.integers(1, 4))
    years = [2020 + i for i in range(year_count)]
    own = tuple(YearFigures(y, draw(staff_st), draw(money_st), draw(money_st)) for y in years)
    linked = tuple(YearFigures(y, draw(staff_st), draw(money_st), draw(money_st)) for y in years)
    percent = draw(st.decimals(min_value="50.01", max_value=100, places=2))
    upstream = draw(st.booleans())
    link = Link("L", "A", percent) if upstream else Link("A", "L", percent)
    extra = draw(st.lists(st.tuples(percent_st, money_st, staff_st), max_size=3))
    enterprises = {"A": Enterprise("A", "A", years=own), "L": Enterprise("L", "L", years=linked)}
    links = [link]
    for index, (pct, money, staff) in enumerate(extra):
        eid = f"P{index}"
        enterprises[eid] = Enterprise(eid, eid, years=(YearFigures(2020, staff, money, money),))
        links.append(Link(eid, "A", pct))
    bumped_year = draw(st.sampled_from(years))
    increase = draw(st.decimals(min_value="0.01", max_value=2000, places=2))
    return enterprises, links, bumped_year, increase


@SETTINGS
@given(with_linked())
def test_more_staff_in_a_linked_enterprise_never_makes_the_class_smaller(rules, case):
    """Rec. 2003/361 Annex Art. 2, 4(2), 6(2): more staff added in full can only raise the size class,
    in every year and after the two-year rule."""
    enterprises, links, bumped_year, increase = case
    before = size_verdict("A", enterprises, links, rules)
    linked = enterprises["L"]
    years = tuple(replace(y, staff=y.staff + increase) if y.year == bumped_year else y for y in linked.years)
    after = size_verdict("A", {**enterprises, "L": replace(linked, years=years)}, links, rules)
    for old, new in zip(before.years, after.years, strict=True):
        assert SIZE_ORDER.index(new.raw_class) >= SIZE_ORDER.index(old.raw_class)
        assert SIZE_ORDER.index(new.effective_class) >= SIZE_ORDER.index(old.effective_class)
    assert SIZE_ORDER.index(after.size_class) >= SIZE_ORDER.index(before.size_class)


@SETTINGS
@given(graph(), st.data())
def test_holding_below_partner_minimum_changes_nothing(rules, case, data):
    """Rec. 2003/361 Annex Art. 3(1): a holding under 25 % without control leaves the totals unchanged,
    wherever it sits in the graph (also to a new enterprise) -- unless an enterprise linked to the holder holds
    the same enterprise too: Art. 3(2)-(3) then add the stakes up ("solely or jointly with one or more linked
    enterprises"), see test_sme_joint_and_control.py."""
    enterprises, links = case
    newcomer = Enterprise("NEW", "NEW", years=(YearFigures(YEAR, D("999"), D("1e9"), D("1e9")),))
    enterprises = {**enterprises, "NEW": newcomer}
    ids = list(enterprises)
    owner = data.draw(st.sampled_from(ids))
    owned = data.draw(st.sampled_from([i for i in ids if i != owner]))
    holders_group = set(linked_group(owner, links, rules))
    assume(not any(link.owned == owned and link.owner in holders_group - {owner} for link in links))
    percent = data.draw(st.decimals(min_value=0, max_value="24.99", places=2))
    before = consolidate("E0", YEAR, enterprises, links, rules)
    after = consolidate("E0", YEAR, enterprises, [*links, Link(owner, owned, percent)], rules)
    assert (after.staff, after.turnover, after.balance_total) == (before.staff, before.turnover, before.balance_total)
    assert set(after.lines) == set(before.lines)


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.sampled_from(SIZE_ORDER), min_size=1, max_size=12))
def test_effective_class_changes_only_after_two_years_on_one_side(raw):
    """Rec. 2003/361 Annex Art. 4(2): with years_needed=2 the class changes only when this year and the
    year before both lie on the same side of the current class; it moves to the nearer of the two."""
    effective = effective_classes(raw, 2)
    assert len(effective) == len(raw)
    assert effective[0] == raw[0]
    rank = SIZE_ORDER.index
    for i in range(1, len(raw)):
        old, new = rank(effective[i - 1]), rank(effective[i])
        last_two = (rank(raw[i - 1]), rank(raw[i]))
        if new == old:
            continue
        if new > old:
            assert min(last_two) > old
            assert new == min(last_two)
        else:
            assert max(last_two) < old
            assert new == max(last_two)


@settings(max_examples=300, deadline=None, database=None)
@given(st.sampled_from(SIZE_ORDER), st.sampled_from(SIZE_ORDER), st.integers(1, 5), st.integers(0, 5))
def test_a_single_differing_year_never_changes_the_class(base, other, before, after):
    """Rec. 2003/361 Annex Art. 4(2): one year on the other side of a ceiling, surrounded by normal years,
    never changes the class."""
    raw = [base] * before + [other] + [base] * after
    assert effective_classes(raw, 2) == [base] * len(raw)


@SETTINGS
@given(graph(), st.randoms(use_true_random=False))
def test_consolidation_does_not_depend_on_the_order_of_links(rules, case, rnd):
    """Rec. 2003/361 Annex Art. 6: the result depends on the holdings, not on the order they are listed."""
    enterprises, links = case
    shuffled = list(links)
    rnd.shuffle(shuffled)
    first = consolidate("E0", YEAR, enterprises, links, rules)
    second = consolidate("E0", YEAR, enterprises, shuffled, rules)
    assert (second.staff, second.turnover, second.balance_total) == (first.staff, first.turnover, first.balance_total)
    assert set(second.lines) == set(first.lines)
    assert sorted(second.missing) == sorted(first.missing)
