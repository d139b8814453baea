"""Money is Decimal euros with two decimals, rounded half-up at defined points. Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .numbers import NumberFormatError, parse_decimal

__all__ = ["CENT", "NumberFormatError", "as_decimal", "parse_amount", "to_money"]

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
