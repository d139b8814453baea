"""Money is Decimal euros with two decimals, rounded half-up at defined points. Never float."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from .numbers import NumberFormatError, parse_decimal

__all__ = [
    "CENT",
    "NumberFormatError",
    "as_decimal",
    "fraction_to_money",
    "from_cents",
    "parse_amount",
    "to_money",
    "whole_cents",
]

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round an amount to the cent, half-up."""
    number = Decimal(value)
    if number.is_finite() and number.adjusted() > 24:
        # Beyond the default 28 digits quantize raises; such amounts exist only as bad data, and a page that shows
        # them must not break.
        with localcontext() as ctx:
            ctx.prec = number.adjusted() + 4
            return number.quantize(CENT, rounding=ROUND_HALF_UP)
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def as_decimal(value: object) -> Decimal | None:
    """An amount as stored anywhere (a Decimal, an int, or the string a frozen ranking's JSON holds), else None.

    Not for typed input (that is `parse_amount`): this reads machine-written numbers ("35000.00", "-1E+2").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def parse_amount(text: str, *, language: str = "nl") -> Decimal:
    """Parse a user-typed amount with the one strict parser (`core.numbers.parse_decimal`): '1.234,56', '1234,56',
    '1 234.56', '€ 1.234'. Refuses Unicode digits, exponents and NaN.

    Raises ValueError (a `NumberFormatError` with a code) when the text is not an amount.
    """
    return parse_decimal(text, language=language)


def whole_cents(value: Decimal) -> int | None:
    """The amount in cents, or None when it has fractions of a cent (money is kept to the cent)."""
    if not value.is_finite():
        return None
    scaled = value.scaleb(2)
    return int(scaled) if scaled == scaled.to_integral_value() else None


def from_cents(cents: int) -> Decimal:
    """Whole cents as an amount with two decimals (exact: whole cents never round)."""
    return to_money(Decimal(cents).scaleb(-2))


def fraction_to_money(value: Fraction) -> Decimal:
    """An exact amount (a share of a budget, a rate times hours) rounded to the cent half-up, away from zero as
    Decimal's ROUND_HALF_UP does, with no inexact intermediate step."""
    magnitude = math.floor(abs(value) * 100 + Fraction(1, 2))
    return from_cents(magnitude if value >= 0 else -magnitude)
