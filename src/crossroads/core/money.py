"""Money is Decimal euros with two decimals, rounded half-up at defined points. Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round an amount to the cent, half-up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """Parse a user-typed amount: accepts '1.234,56', '1234,56', '1 234.56', '€ 1.234' (decimal comma first).

    Raises ValueError with a short reason when the text is not an amount.
    """
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned:
        # Dutch notation: dots group thousands, the comma is the decimal mark.
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        # '1.234.567' or '1.234': dots as thousands separators.
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not value.is_finite():
        raise ValueError("not a number")
    return value
