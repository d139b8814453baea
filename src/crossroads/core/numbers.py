"""The one parser for numbers people type, per language. Pure: no Django imports.

Dutch and English users type "1.250,50", "1250,50", "1250.50", "1 250" or "€ 1.250". Python's own `Decimal`
is far more lenient than a form should be: it reads "٣" (an Arabic-Indic digit) as 3, "1e3" as 1000 and "NaN" as a
number. This parser accepts only ASCII digits, at most one decimal mark, thousands grouped by threes, and an optional
leading minus; everything else is refused with a reason code the form layer words in the user's language.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Spaces people (and spreadsheets) put between thousands: normal, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_CURRENCY = re.compile(r"^(?:€|EUR)|(?:€|EUR)$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[+-]?[0-9.,]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:X[0-9]{3})+$")  # X stands for the grouping mark


class NumberFormatError(ValueError):
    """Raised with a stable code: 'empty', 'invalid' (not a number), 'grouping' (misplaced separators)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _integer_part(digits: str, group_mark: str) -> str:
    if group_mark not in digits:
        return digits
    if not _GROUPED.match(digits.replace(group_mark, "X")):
        raise NumberFormatError("grouping")
    return digits.replace(group_mark, "")


def parse_decimal(text: object, *, language: str = "nl") -> Decimal:
    """Read a typed number. `language` decides what a lone "1.250" or "1,250" means (nl: 1250 and 1,25)."""
    if text is None:
        raise NumberFormatError("empty")
    cleaned = _SPACES.sub("", str(text).strip())
    cleaned = _CURRENCY.sub("", cleaned).strip()
    cleaned = _SPACES.sub("", cleaned)
    if not cleaned:
        raise NumberFormatError("empty")
    if not cleaned.isascii() or not _ALLOWED.match(cleaned):
        raise NumberFormatError("invalid")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not cleaned or not cleaned[0].isdigit() or not cleaned[-1].isdigit():
        raise NumberFormatError("invalid")

    decimal_mark, group_mark = (",", ".") if language.startswith("nl") else (".", ",")
    has_dot, has_comma = "." in cleaned, "," in cleaned
    if has_dot and has_comma:
        # Both marks: the last one is the decimal mark, whatever the language ("1.250,50" and "1,250.50").
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
    elif has_dot or has_comma:
        mark = "." if has_dot else ","
        head, _, tail = cleaned.rpartition(mark)
        if cleaned.count(mark) > 1:
            # "1.250.000": only grouping can repeat.
            decimal_mark, group_mark = ("," if mark == "." else "."), mark
        elif mark == group_mark and len(tail) != 3:
            # "1250.50" in Dutch or "12,5" in English: a mark that cannot be grouping is the decimal mark.
            decimal_mark, group_mark = mark, ("," if mark == "." else ".")
        del head

    integer, _, fraction = cleaned.partition(decimal_mark)
    if decimal_mark in fraction or group_mark in fraction:
        raise NumberFormatError("grouping")
    integer = _integer_part(integer, group_mark)
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        raise NumberFormatError("invalid")
    try:
        return Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")
    except InvalidOperation as exc:  # pragma: no cover - the checks above leave only plain digits
        raise NumberFormatError("invalid") from exc


def parse_int_id(text: object, *, max_value: int = 2**63 - 1) -> int | None:
    """A database id from a URL or a form: plain ASCII digits within a 64-bit key, else None (treated as not found)."""
    value = str(text).strip() if text is not None else ""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= max_value else None
