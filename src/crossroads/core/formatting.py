"""Locale-aware display of amounts and dates: '€ 250.000,00' in Dutch, '€250,000.00' in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language

from .money import as_decimal, to_money


def format_money(value: Decimal | int | str | None) -> str:
    """An amount in the user's language. Accepts what stored data holds: a Decimal, an int, or the string a frozen
    ranking's JSON keeps ("35000.00"); anything that is not a finite number shows as a dash, not an error page."""
    number = as_decimal(value)
    if number is None:
        return "–"
    amount = formats.number_format(to_money(number), 2, use_l10n=True, force_grouping=True)
    if (get_language() or "nl").startswith("en"):
        return f"€{amount}" if number >= 0 else f"-€{amount.lstrip('-')}"
    return f"€ {amount}"


def format_number(value: Decimal | int | str | None, places: int = 2) -> str:
    number = as_decimal(value)
    if number is None:
        return "–"
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


def format_date(value: dt.date | None) -> str:
    if value is None:
        return "–"
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def format_percent(value: Decimal | int | str | None) -> str:
    number = as_decimal(value)
    if number is None:
        return "–"
    return f"{formats.number_format(number, 2, use_l10n=True)} %"


def format_brussels(moment: dt.datetime) -> str:
    """A moment as people read deadlines: Brussels time, day first (for e-mails and messages without a template)."""
    from .clock import BRUSSELS

    return moment.astimezone(BRUSSELS).strftime("%d-%m-%Y %H:%M")


def site_url(path: str) -> str:
    """Absolute link for e-mails sent outside a request (CROSSROADS_SITE_URL + path)."""
    from django.conf import settings

    return settings.CROSSROADS_SITE_URL.rstrip("/") + path
