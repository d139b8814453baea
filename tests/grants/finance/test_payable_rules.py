"""The payment arithmetic: rate x accepted costs, never above the remaining grant, exact to the cent; the final
settlement pays the balance or recovers the overpayment and always reconciles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.grants.rules.payable import (
    PayableError,
    advance_amount,
    claim_payable,
    earned,
    settle,
    total,
)

D = Decimal
cents = st.integers(min_value=0, max_value=10_000_000_00).map(lambda c: D(c).scaleb(-2))
rates = st.sampled_from([D("0.50"), D("0.40"), D("0.35"), D("0.6"), D("0.333"), D("1"), D("0")])


def test_half_of_the_accepted_costs() -> None:
    payable = claim_payable(rate=D("0.50"), accepted=D("1000.01"), grant=D("40000.00"), committed=D("0"))
    assert payable.amount == D("500.01")  # 500.005 rounded half-up
    assert not payable.capped


def test_limited_to_the_remaining_grant() -> None:
    payable = claim_payable(rate=D("0.50"), accepted=D("30000"), grant=D("20000.00"), committed=D("8000.00"))
    assert payable.amount == D("12000.00")
    assert payable.capped and payable.earned == D("15000.00") and payable.remaining == D("12000.00")


def test_nothing_left_pays_nothing() -> None:
    payable = claim_payable(rate=D("0.50"), accepted=D("100"), grant=D("100.00"), committed=D("150.00"))
    assert payable.amount == D("0.00")


def test_settlement_recovers_an_advance_larger_than_what_was_earned() -> None:
    result = settle(rate=D("0.50"), accepted_total=D("10000"), grant=D("20000.00"), paid=D("8000.00"))
    assert (result.due, result.balance, result.recovery, result.released) == (
        D("5000.00"),
        D("0.00"),
        D("3000.00"),
        D("15000.00"),
    )


def test_settlement_pays_the_balance_up_to_the_grant() -> None:
    result = settle(rate=D("0.50"), accepted_total=D("50000"), grant=D("20000.00"), paid=D("12000.00"))
    assert (result.due, result.balance, result.recovery, result.released) == (
        D("20000.00"),
        D("8000.00"),
        D("0.00"),
        D("0.00"),
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rate": D("1.5"), "accepted": D("1")},
        {"rate": D("0.5"), "accepted": D("-1")},
        {"rate": D("NaN"), "accepted": D("1")},
        {"rate": D("0.5"), "accepted": D("Infinity")},
    ],
)
def test_hostile_input_is_refused(kwargs: dict[str, Decimal]) -> None:
    with pytest.raises(PayableError):
        earned(**kwargs)


@settings(max_examples=300, deadline=None)
@given(
    rate=rates,
    grant=cents,
    advance_share=st.sampled_from([D("0"), D("0.2"), D("0.4"), D("0.75")]),
    claims=st.lists(cents, max_size=8),
)
def test_payments_never_exceed_the_grant_and_the_settlement_reconciles(
    rate: Decimal, grant: Decimal, advance_share: Decimal, claims: list[Decimal]
) -> None:
    paid = [advance_amount(share=advance_share, grant=grant)]
    for accepted in claims:
        payable = claim_payable(rate=rate, accepted=accepted, grant=grant, committed=total(paid))
        assert payable.amount >= 0
        assert payable.amount <= payable.earned
        assert payable.amount.as_tuple().exponent == -2
        paid.append(payable.amount)
        assert total(paid) <= grant
    result = settle(rate=rate, accepted_total=total(claims), grant=grant, paid=total(paid))
    assert result.due <= grant
    assert result.balance >= 0 and result.recovery >= 0
    assert not (result.balance and result.recovery)
    # After the settlement the partner has exactly what it earned, at most the grant.
    assert total(paid) + result.balance - result.recovery == result.due == min(grant, earned(rate, total(claims)))
    assert result.due + result.released == grant
    # Without an advance interim payments never exceed what the costs earned, so nothing is recovered beyond the
    # rounding of single claims (at most half a cent per claim).
    if advance_share == 0:
        assert result.recovery <= D("0.01") * len(claims)


@settings(max_examples=200, deadline=None)
@given(rate=rates, accepted=cents, reduction=cents)
def test_a_reduction_never_raises_the_payment(rate: Decimal, accepted: Decimal, reduction: Decimal) -> None:
    reduced = max(accepted - reduction, D("0.00"))
    grant = D("1000000000.00")
    full = claim_payable(rate=rate, accepted=accepted, grant=grant, committed=D("0"))
    less = claim_payable(rate=rate, accepted=reduced, grant=grant, committed=D("0"))
    assert less.amount <= full.amount
