"""Cents helpers of the one money module: exact, half-up, away from zero."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.money import fraction_to_money, from_cents, whole_cents


def test_whole_cents_refuses_fractions_of_a_cent() -> None:
    assert whole_cents(Decimal("1250.50")) == 125050
    assert whole_cents(Decimal("0.005")) is None
    assert whole_cents(Decimal("NaN")) is None


def test_from_cents_has_two_decimals() -> None:
    assert str(from_cents(125050)) == "1250.50"
    assert str(from_cents(-1)) == "-0.01"


def test_half_a_cent_rounds_away_from_zero() -> None:
    assert fraction_to_money(Fraction(1, 200)) == Decimal("0.01")
    assert fraction_to_money(Fraction(-1, 200)) == Decimal("-0.01")
    assert fraction_to_money(Fraction(1, 3)) == Decimal("0.33")


@given(st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**6))
def test_fraction_rounding_matches_decimal_half_up(value: Fraction) -> None:
    # 40 significant digits decide the half cent for every value of this range (a value exactly on a half cent has a
    # terminating expansion well inside them).
    with localcontext() as ctx:
        ctx.prec = 40
        expected = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert fraction_to_money(value) == expected
