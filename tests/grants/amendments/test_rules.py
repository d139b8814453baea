"""The arithmetic of amendments: what a shift moves, when it is free, grants that never rise, extension limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.grants.rules.amendments import (
    AmendmentRuleError,
    classify_shift,
    extension_refusal,
    grant_cap,
    grants_after_change,
    joining_grant,
    latest_end,
    leaving_grant,
    moved_amount,
    released,
)

D = Decimal
TEN = D("0.10")
LEAD = {"personnel": D("40000.00"), "consumables": D("40000.00"), "external": D("0.00")}
PARTNER = {"personnel": D("0.00"), "consumables": D("30000.00"), "external": D("10000.00")}


def test_the_moved_amount_is_half_the_absolute_differences():
    after = {**LEAD, "personnel": D("41000.00"), "consumables": D("39000.00")}
    assert moved_amount(LEAD, after) == D("1000.00")


def test_a_shift_of_ten_percent_within_one_partner_is_free():
    after = {**LEAD, "personnel": D("48000.00"), "consumables": D("32000.00")}  # 8.000 of 80.000
    verdict = classify_shift({"a": LEAD, "b": PARTNER}, {"a": after, "b": PARTNER}, TEN)
    assert verdict.free and [p.moved for p in verdict.partners] == [D("8000.00")]


def test_one_cent_over_ten_percent_needs_approval():
    after = {**LEAD, "personnel": D("48000.01"), "consumables": D("31999.99")}
    verdict = classify_shift({"a": LEAD}, {"a": after}, TEN)
    assert not verdict.free and verdict.partners[0].limit == D("8000.00")


def test_a_shift_between_partners_needs_approval_however_small():
    lead = {**LEAD, "consumables": D("39999.00")}
    partner = {**PARTNER, "consumables": D("30001.00")}
    verdict = classify_shift({"a": LEAD, "b": PARTNER}, {"a": lead, "b": partner}, TEN)
    assert not verdict.free and verdict.between_partners


def test_no_change_is_not_a_free_shift():
    assert not classify_shift({"a": LEAD}, {"a": dict(LEAD)}, TEN).free


def test_the_grant_is_lowered_to_the_rate_of_a_smaller_budget_and_never_raised():
    budget = {"a": {**LEAD, "consumables": D("20000.00")}, "b": {**PARTNER, "consumables": D("50000.00")}}
    grants = grants_after_change(budget, {"a": D("40000.00"), "b": D("20000.00")}, D("0.50"), D("60000.00"))
    assert grants == {"a": D("30000.00"), "b": D("20000.00")}


def test_the_cap_rounds_down_to_the_cent():
    assert grant_cap(D("0.03"), D("0.50")) == D("0.01")


def test_leaving_and_joining_grants():
    assert leaving_grant(D("20000.00"), D("7500.25")) == D("7500.25")
    assert released(D("60000.00"), {"a": D("40000.00"), "b": D("7500.25")}) == D("12499.75")
    assert joining_grant(D("40000.00"), D("0.50"), D("12499.75")) == D("12499.75")
    assert joining_grant(D("10000.00"), D("0.50"), D("12499.75")) == D("5000.00")


def test_extension_limits():
    start, end = dt.date(2027, 1, 1), dt.date(2028, 6, 30)
    assert latest_end(start, 24, dt.date(2029, 12, 31)) == dt.date(2028, 12, 31)
    assert latest_end(start, 24, dt.date(2028, 9, 30)) == dt.date(2028, 9, 30)
    kw = {"start": start, "current_end": end, "max_months": 24, "programme_end": dt.date(2028, 9, 30)}
    assert extension_refusal(new_end=dt.date(2028, 9, 30), **kw) is None
    assert extension_refusal(new_end=dt.date(2028, 6, 30), **kw) == "not_later"
    assert extension_refusal(new_end=dt.date(2028, 10, 31), **kw) == "after_programme"
    assert extension_refusal(new_end=dt.date(2029, 1, 1), **{**kw, "programme_end": dt.date(2030, 1, 1)}) == "too_long"


@pytest.mark.parametrize("bad", [D("0.001"), D("-1"), 1.5])
def test_bad_amounts_are_refused(bad):
    with pytest.raises(AmendmentRuleError):
        moved_amount({"personnel": bad}, {"personnel": D("1")})


cents = st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c).scaleb(-2))
budgets = st.fixed_dictionaries({"personnel": cents, "consumables": cents, "external": cents})


@given(budgets, budgets)
def test_moved_is_symmetric_and_at_most_the_larger_total(a, b):
    assert moved_amount(a, b) == moved_amount(b, a)
    assert moved_amount(a, b) <= max(sum(a.values()), sum(b.values()))


@given(budgets, st.integers(min_value=0, max_value=10**8), st.sampled_from(list(LEAD)), st.sampled_from(list(LEAD)))
def test_moving_an_amount_between_two_categories_moves_exactly_that(budget, amount_cents, source, target):
    amount = min(Decimal(amount_cents).scaleb(-2), budget[source])
    after = dict(budget)
    after[source] -= amount
    after[target] += amount
    expected = Decimal("0.00") if source == target else amount
    assert moved_amount(budget, after) == expected
    verdict = classify_shift({"p": budget}, {"p": after}, TEN)
    limit = grant_cap(sum(budget.values()), TEN)
    assert verdict.free == (Decimal("0") < expected <= limit)


@given(
    st.dictionaries(st.sampled_from("abcd"), budgets, min_size=1),
    st.dictionaries(st.sampled_from("abcd"), cents),
    st.sampled_from([D("0.50"), D("0.40"), D("1")]),
    cents,
)
def test_grants_never_rise_never_exceed_the_rate_nor_the_total(budget, grants, rate, granted_total):
    new = grants_after_change(budget, grants, rate, granted_total)
    assert sum(new.values()) <= granted_total
    for partner, grant in new.items():
        assert grant >= 0 and grant == grant.quantize(Decimal("0.01"))
        assert grant <= grants.get(partner, Decimal("0"))
        assert grant <= rate * sum(budget[partner].values())
