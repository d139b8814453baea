"""Grant allocation (crossroads-rules.md 2.4 and 3.3; design/decisions.md "Money"), with the worked examples
from the reference and split examples whose cents were worked out by hand in the docstrings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossroads.applications.rules.budget import BudgetError, CostRules, PartnerCosts, allocate_grant

D = Decimal
RULES = CostRules()


def partner(
    pid: str, costs: str, *, role: str = "core", lead: bool = False, consumables: str = "0", external: str = "0"
) -> PartnerCosts:
    return PartnerCosts(pid, role, lead, D(costs), D(consumables), D(external))


def test_worked_example_400000_gives_200000():
    """3.3 worked example: eligible costs 400,000 -> 50 % = 200,000 -> grant 200,000 (not capped)."""
    result = allocate_grant([partner("a", "250000", lead=True), partner("b", "150000")], RULES)
    assert result.project_grant == D("200000.00")
    assert result.capped is False
    assert result.per_partner == {"a": D("125000.00"), "b": D("75000.00")}


def test_worked_example_600000_capped_at_250000():
    """3.3 worked example: eligible costs 600,000 -> 50 % = 300,000 -> capped at 250,000 per project."""
    result = allocate_grant([partner("a", "300000", lead=True), partner("b", "300000")], RULES)
    assert result.project_grant == D("250000.00")
    assert result.capped is True
    assert result.per_partner == {"a": D("125000.00"), "b": D("125000.00")}


def test_grant_exactly_at_the_cap_is_not_capped():
    """3.3: 50 % of 500,000 is exactly 250,000: the cap does not cut anything."""
    result = allocate_grant([partner("a", "500000", lead=True)], RULES)
    assert (result.project_grant, result.capped) == (D("250000.00"), False)


def test_two_partners_with_an_odd_cent():
    """decisions.md "Money": costs 100,000.01 (a) and 200,000.00 (b): base 300,000.01; 50 % = 150,000.005,
    rounded down to 150,000.00 (the grant never exceeds 50 %). a: 150,000.00 x 100,000.01 / 300,000.01 =
    50,000.0033 -> 50,000.00 (its own maximum is 50 % of 100,000.01 = 50,000.005 -> 50,000.00); b: 99,999.9967
    -> 100,000.00. Sum 150,000.00: no remainder."""
    result = allocate_grant([partner("a", "100000.01", lead=True), partner("b", "200000.00")], RULES)
    assert result.eligible_base == D("300000.01")
    assert result.project_grant == D("150000.00")
    assert result.per_partner == {"a": D("50000.00"), "b": D("100000.00")}
    assert result.reduced_by == D("0.00")


def test_remainder_goes_to_the_largest_share():
    """decisions.md "Money": costs 440,000 (a), 80,000 (b, lead), 80,000 (c); grant capped at 250,000.
    a: 250,000 x 440/600 = 183,333.333 -> 183,333.33; b and c: 33,333.333 -> 33,333.33. Sum 249,999.99:
    the remainder 0.01 goes to a, the largest share (not to the lead) -> 183,333.34."""
    result = allocate_grant([partner("a", "440000"), partner("b", "80000", lead=True), partner("c", "80000")], RULES)
    assert result.per_partner == {"a": D("183333.34"), "b": D("33333.33"), "c": D("33333.33")}
    assert result.largest_share_partner == "a"
    assert sum(result.per_partner.values()) == result.project_grant == D("250000.00")


def test_negative_remainder_is_taken_from_the_largest_share():
    """decisions.md "Money": costs 280,000 (a), 160,000 (b, lead), 160,000 (c); grant 250,000.
    a: 250,000 x 280/600 = 116,666.667 -> 116,666.67; b and c: 66,666.667 -> 66,666.67. Sum 250,000.01:
    the remainder -0.01 goes to a -> 116,666.66."""
    result = allocate_grant([partner("a", "280000"), partner("b", "160000", lead=True), partner("c", "160000")], RULES)
    assert result.per_partner == {"a": D("116666.66"), "b": D("66666.67"), "c": D("66666.67")}


def test_tie_for_the_largest_share_goes_to_the_lead():
    """decisions.md "Money" (ties: the lead): three partners of 200,000 each, the lead given last; grant 250,000.
    Each: 83,333.333 -> 83,333.33; sum 249,999.99; the remainder 0.01 goes to the lead c."""
    result = allocate_grant([partner("a", "200000"), partner("b", "200000"), partner("c", "200000", lead=True)], RULES)
    assert result.per_partner == {"a": D("83333.33"), "b": D("83333.33"), "c": D("83333.34")}
    assert result.largest_share_partner == "c"


def test_tie_without_the_lead_goes_to_the_first_given():
    """decisions.md "Money": a and b tie with 220,000 each, the lead c has 160,000; grant 250,000.
    a, b: 91,666.667 -> 91,666.67; c: 66,666.667 -> 66,666.67; sum 250,000.01; the lead is not among the
    largest, so the remainder -0.01 goes to a, the first of the tied partners in the order given."""
    result = allocate_grant([partner("a", "220000"), partner("b", "220000"), partner("c", "160000", lead=True)], RULES)
    assert result.per_partner == {"a": D("91666.66"), "b": D("91666.67"), "c": D("66666.67")}


def test_grant_reduced_when_it_cannot_fit_the_partner_maxima():
    """Issue 4 section 3 (no partner above 50 % of its own costs): 100,000.01 and 200,000.01; 50 % of
    300,000.02 = 150,000.01, but a may get at most 50,000.00 (of 50,000.005) and b 100,000.00 (of 100,000.005):
    the project grant is reduced by 0.01 to 150,000.00."""
    result = allocate_grant([partner("a", "100000.01", lead=True), partner("b", "200000.01")], RULES)
    assert result.project_grant == D("150000.00")
    assert result.reduced_by == D("0.01")
    assert result.per_partner == {"a": D("50000.00"), "b": D("100000.00")}


def test_one_cent_of_costs_gives_no_grant():
    """Issue 4 section 3: 50 % of 0.01 is 0.005; half-up would give 0.01, more than 50 %; the grant is 0.00."""
    result = allocate_grant([partner("a", "0.01", lead=True)], RULES)
    assert result.project_grant == D("0.00")
    assert result.per_partner == {"a": D("0.00")}


def test_zero_costs_give_zero_grant_without_division():
    """decisions.md "Money": no eligible costs -> no grant, every partner listed with 0.00, no share warning."""
    result = allocate_grant([partner("a", "0", lead=True), partner("b", "0")], RULES)
    assert (result.project_grant, result.eligible_base, result.total_costs) == (D("0.00"), D("0.00"), D("0.00"))
    assert result.per_partner == {"a": D("0.00"), "b": D("0.00")}
    assert result.shares == {"a": D("0"), "b": D("0")}
    assert result.largest_share_partner is None
    assert result.warnings == []


def test_no_partners():
    """decisions.md "Money": an empty consortium has no costs and no grant."""
    result = allocate_grant([], RULES)
    assert (result.project_grant, result.per_partner, result.largest_share_partner) == (D("0.00"), {}, None)


def test_unpaid_partner_and_service_provider_get_nothing():
    """2.4: a large company or knowledge institution as unpaid partner gives up any subsidy; a service provider
    works on a quotation paid by an SME (its price is in that SME's external costs). Neither is in the grant base
    nor receives a grant; their declared costs still count in the project totals.
    Base = 150,000 + 100,000 = 250,000 -> grant 125,000: a 75,000, b 50,000."""
    result = allocate_grant(
        [
            partner("a", "120000", lead=True, external="30000"),
            partner("b", "100000"),
            partner("u", "50000", role="unpaid_partner"),
            partner("s", "20000", role="service_provider"),
        ],
        RULES,
    )
    assert result.eligible_base == D("250000.00")
    assert result.total_costs == D("320000.00")
    assert result.project_grant == D("125000.00")
    assert result.per_partner == {"a": D("75000.00"), "b": D("50000.00"), "u": D("0.00"), "s": D("0.00")}
    assert result.shares == {"a": D("0.6000"), "b": D("0.4000"), "u": D("0"), "s": D("0")}
    assert result.by_category == {"personnel": D("290000.00"), "consumables": D("0.00"), "external": D("30000.00")}


def test_non_primary_recipient_receives_pro_rata():
    """2.4: a large company may take part when it is not the primary recipient; it receives pro rata like an
    SME: base 300,000 -> grant 150,000; b (non-primary) with 100,000 gets 50,000."""
    result = allocate_grant(
        [partner("a", "200000", lead=True), partner("b", "100000", role="non_primary_recipient")], RULES
    )
    assert result.per_partner == {"a": D("100000.00"), "b": D("50000.00")}


def test_cost_share_warning_above_70_percent():
    """2.4 (70/30 guidance, a warning, not an error): 710,000 of 1,000,000 = 71 % > 70 % -> warning for a."""
    result = allocate_grant([partner("a", "710000", lead=True), partner("b", "290000")], RULES)
    assert result.warnings == [("cost_share_over", {"partner": "a", "share": D("0.7100"), "limit": D("0.70")})]


def test_no_warning_at_exactly_70_percent():
    """2.4: "more than 70 %": exactly 700,000 of 1,000,000 is not warned."""
    result = allocate_grant([partner("a", "700000", lead=True), partner("b", "300000")], RULES)
    assert result.warnings == []


def test_cost_share_is_of_all_project_costs():
    """2.4: the share is of the project's costs, unpaid partners included: a 75,000 of 100,000 = 75 % is warned
    although a carries 100 % of the grant base."""
    result = allocate_grant([partner("a", "75000", lead=True), partner("u", "25000", role="unpaid_partner")], RULES)
    assert [w[1]["partner"] for w in result.warnings] == ["a"]
    custom = allocate_grant(
        [partner("a", "75000", lead=True), partner("u", "25000", role="unpaid_partner")], RULES, share_warning=D("0.8")
    )
    assert custom.warnings == []


def test_second_scheme_numbers_come_from_the_rules():
    """Architecture "numbers are data": a scheme with 40 % and at most 100,000: 200,000 -> 80,000;
    300,000 -> 120,000 -> capped at 100,000."""
    rules = CostRules(grant_rate=D("0.4"), max_grant=D("100000"))
    assert allocate_grant([partner("a", "200000", lead=True)], rules).project_grant == D("80000.00")
    capped = allocate_grant([partner("a", "200000", lead=True), partner("b", "100000")], rules)
    assert (capped.project_grant, capped.capped) == (D("100000.00"), True)
    assert capped.per_partner == {"a": D("66666.67"), "b": D("33333.33")}


@pytest.mark.parametrize(
    ("partners", "code"),
    [
        ([partner("a", "1", role="sme", lead=True)], "unknown_role"),
        ([partner("a", "1", lead=True), partner("a", "2")], "duplicate_partner"),
        ([partner("a", "1", lead=True), partner("b", "2", lead=True)], "multiple_leads"),
        ([partner("a", "-1", lead=True)], "personnel_negative"),
        ([partner("a", "1.005", lead=True)], "amount_not_in_cents"),
        ([PartnerCosts("a", "core", True, 1.5, D(0), D(0))], "personnel_not_decimal"),  # type: ignore[arg-type]
    ],
)
def test_bad_partner_data_raises(partners, code):
    """decisions.md "Money": amounts are Decimal euros to the cent, never negative, never float; roles are those
    of 2.4; one lead at most."""
    with pytest.raises(BudgetError, match=code):
        allocate_grant(partners, RULES)


def test_every_amount_has_two_decimals():
    """decisions.md "Money": two decimals everywhere, even for round inputs given without decimals."""
    result = allocate_grant([partner("a", "400000", lead=True), partner("b", "0", role="unpaid_partner")], RULES)
    amounts = [result.total_costs, result.eligible_base, result.project_grant, result.reduced_by]
    amounts += [*result.per_partner.values(), *result.by_category.values()]
    assert {a.as_tuple().exponent for a in amounts} == {-2}
