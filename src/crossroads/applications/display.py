"""Values of an application as people read them, in the active language: indicators, and the edit-conflict box (the
fields someone else changed, each labelled, with that person's value)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from crossroads.core.formatting import format_date, format_integer, format_money, format_months, format_number
from crossroads.core.money import as_decimal

from .labels import INDICATOR_KINDS, INDICATORS, field_label, indicator_label, role_label, section_label


def indicator_value(code: str, value: Any) -> str:
    """An indicator as stored (a string in JSON) in the language's format: a count, FTE, or euros."""
    number = as_decimal(value)
    if number is None:
        return "–"
    kind = INDICATOR_KINDS.get(code, "number")
    if kind == "money":
        return format_money(number)
    if kind == "integer" and number == number.to_integral_value():
        return format_integer(number)
    return format_number(number, None)


def indicator_rows(indicators: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, formatted value) of the indicators that were filled in, in the form's order."""
    codes = [c for c in INDICATORS if indicators.get(c) not in (None, "")]
    codes += [c for c in indicators if c not in INDICATORS and indicators.get(c) not in (None, "")]
    return [(indicator_label(code), indicator_value(code, indicators[code])) for code in codes]


def _text(value: Any) -> str:
    return str(value).strip() if value not in (None, "") else ""


def _plain(name: str, value: Any) -> str:
    """One field's value as people read it (a section's text as it is)."""
    if name == "duration_months":
        return format_months(value)
    if name == "planned_start":
        return format_date(value) if isinstance(value, dt.date) else (_text(value) or "–")
    if name == "role":
        return role_label(value)
    if isinstance(value, Decimal):
        return format_number(value, None)
    return _text(value) or _("(empty)")


def _expanded(name: str, value: Any) -> list[tuple[str, str, Any]]:
    """(key, label, value) for a field; the sections and indicators open up into one row each."""
    if name == "sections" and isinstance(value, dict):
        return [(f"section:{code}", section_label(code), text) for code, text in value.items()]
    if name == "indicators" and isinstance(value, dict):
        return [(f"indicator:{code}", indicator_label(code), amount) for code, amount in value.items()]
    return [(name, field_label(name), value)]


def _same(key: str, theirs: Any, mine: Any) -> bool:
    if key.startswith("indicator:") or isinstance(theirs, Decimal) or isinstance(mine, Decimal):
        return as_decimal(theirs) == as_decimal(mine)
    return _text(theirs) == _text(mine)


def conflict_rows(current: dict[str, Any], mine: dict[str, Any] | None = None) -> list[dict[str, str]]:
    """The other person's saved version, as a list of {"label", "value"}: only the fields that differ from what this
    user typed (`mine`, in the same shape) when that is known, else every field that has a value."""
    theirs = {key: (label, value) for name, v in current.items() for key, label, value in _expanded(name, v)}
    typed = {key: value for name, v in (mine or {}).items() for key, _label, value in _expanded(name, v)}
    rows = []
    for key, (label, value) in theirs.items():
        if mine is not None and _same(key, value, typed.get(key)):
            continue
        if mine is None and value in (None, "", {}):
            continue
        if key.startswith("indicator:"):
            shown = indicator_value(key.split(":", 1)[1], value)
        else:
            shown = _plain(key, value)
        rows.append({"label": label, "value": shown})
    return rows
