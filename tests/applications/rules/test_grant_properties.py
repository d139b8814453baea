"""Invariants of the grant allocation (design/decisions.md "Money"; issue 4 section 3), checked with hypothesis
over random consortia: 1-6 partners, costs 0 to 2,000,000.00 with cents, random roles, a random lead."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crossroads.applications.rules.budget import GRANT_ROLES, ROLES, CostRules, PartnerCosts, allocate_grant

D = Decimal
SETTINGS = settings(max_examples=300, deadline=None, database=None)
CROSSROADS = CostRules()
SECOND_SCHEME = CostRules(grant_rate=D("0.4"), max_grant=D("100000"))

# Mostly realistic amounts, sometimes a few cents (where rounding to the cent bites hardest).
total_cents = st.one_of(st.integers(0, 200_000_000), st.integers(0, 300))


@st.composite
def consortia(draw, max_partners: int = 6) -> list[PartnerCosts]:
    count = draw(st.integers(1, max_partners))
    lead = draw(st.integers(0, count - 1))
    partners = []
    for index in range(count):
        cents = draw(total_cents)
        cut_a, cut_b = sorted(draw(st.tuples(st.integers(0, cents), st.integers(0, cents))))
        personnel, consumables, external = (D(c).scaleb(-2) for c in (cut_a, cut_b - cut_a, cents - cut_b))
        role = draw(st.sampled_from(ROLES))
        partners.append(PartnerCosts(f"p{index}", role, index == lead, personnel, consumables, external))
    return partners


def check_invariants(partners: list[PartnerCosts], rules: CostRules) -> None:
    result = allocate_grant(partners, rules)
    rate = rules.grant_rate
    grants = result.per_partner

    # Every partner is listed; sums reconcile exactly to the cent.
    assert list(grants) == [p.id for p in partners]
    assert sum(grants.values(), D("0.00")) == result.project_grant
    # The cap and the rate are never exceeded.
    assert result.project_grant <= rules.max_grant
    assert result.project_grant <= rate * result.eligible_base
    assert result.capped == (rate * result.eligible_base > rules.max_grant)
    for p in partners:
        # No partner gets more than the rate of its own eligible costs; limited roles get nothing.
        assert grants[p.id] <= rate * p.eligible
        if p.role not in GRANT_ROLES:
            assert grants[p.id] == 0
    # Two decimals, never negative.
    amounts = [result.total_costs, result.eligible_base, result.project_grant, result.reduced_by]
    amounts += [*grants.values(), *result.by_category.values()]
    assert all(a.as_tuple().exponent == -2 and a >= 0 for a in amounts)
    # Totals.
    assert result.total_costs == sum((p.eligible for p in partners), D("0"))
    assert result.eligible_base == sum((p.eligible for p in partners if p.role in GRANT_ROLES), D("0"))
    assert sum(result.by_category.values()) == result.total_costs
    # The grant is the rate of the base (rounded down) or the cap, less at most a cent per recipient that the
    # partner maxima could not hold.
    wanted = min(Decimal(math.floor(Fraction(rate) * Fraction(result.eligible_base) * 100)) / 100, rules.max_grant)
    recipients = sum(1 for p in partners if p.role in GRANT_ROLES and p.eligible > 0)
    assert result.project_grant == wanted - result.reduced_by
    assert result.reduced_by < D("0.01") * max(recipients, 1)
    if result.eligible_base == 0:
        assert result.project_grant == 0 and result.largest_share_partner is None
    # Each grant stays close to its pro-rata share of the project grant.
    for p in partners:
        if p.role in GRANT_ROLES and result.eligible_base:
            ideal = Fraction(result.project_grant) * Fraction(p.eligible) / Fraction(result.eligible_base)
            assert abs(Fraction(grants[p.id]) - ideal) < Fraction(len(partners), 100)
    # The warning names exactly the partners carrying more than 70 % of all costs.
    warned = {params["partner"] for code, params in result.warnings if code == "cost_share_over"}
    assert warned == {p.id for p in partners if result.total_costs and p.eligible > D("0.70") * result.total_costs}


@pytest.mark.parametrize("rules", [CROSSROADS, SECOND_SCHEME], ids=["crossroads", "second_scheme"])
@SETTINGS
@given(partners=consortia())
def test_allocation_invariants(rules, partners):
    """decisions.md "Money" and issue 4 section 3, for the CrossRoads numbers (50 %, EUR 250,000) and for a second
    scheme (40 %, EUR 100,000; the rules follow the data): sums reconcile to the cent, the cap and the rate are
    never exceeded (project and partner), two decimals, no negative amount, zero costs give zero grant."""
    check_invariants(partners, rules)


@SETTINGS
@given(
    partners=consortia(),
    rate=st.decimals(min_value=0, max_value=1, places=4),
    cap=st.decimals(min_value=0, max_value=1_000_000, places=2),
)
def test_allocation_invariants_for_any_scheme(partners, rate, cap):
    """Architecture "numbers are data": the invariants hold for any grant rate in 0-100 % and any cap."""
    check_invariants(partners, CostRules(grant_rate=rate, max_grant=cap))


@SETTINGS
@given(partners=consortia())
def test_remainder_goes_to_the_largest_share_ties_the_lead(partners):
    """decisions.md "Money": the partner that absorbs the rounding remainder is the one with the largest share
    of the grant base, the lead on a tie."""
    result = allocate_grant(partners, CROSSROADS)
    recipients = [p for p in partners if p.role in GRANT_ROLES and p.eligible > 0]
    if not recipients:
        assert result.largest_share_partner is None
        return
    top = max(p.eligible for p in recipients)
    tied = [p for p in recipients if p.eligible == top]
    expected = next((p for p in tied if p.is_lead), tied[0])
    assert result.largest_share_partner == expected.id


@SETTINGS
@given(partners=consortia(), data=st.data())
def test_order_of_partners_does_not_change_amounts_without_ties(partners, data):
    """decisions.md "Money": the split depends on the costs, roles and lead, not on the order partners are listed
    (the order given only breaks ties between recipients with equal costs, none of them the lead)."""
    recipients = [p.eligible for p in partners if p.role in GRANT_ROLES and p.eligible > 0]
    assume(len(set(recipients)) == len(recipients))
    shuffled = data.draw(st.permutations(partners))
    assert allocate_grant(shuffled, CROSSROADS).per_partner == allocate_grant(partners, CROSSROADS).per_partner
