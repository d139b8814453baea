"""Template filters of the one formatter (crossroads.core.formatting): `{% load money %}`."""

import datetime as dt
from decimal import Decimal

from django import template

from crossroads.core import formatting

register = template.Library()

Number = Decimal | int | str | None


@register.filter
def euro(value: Number) -> str:
    """An amount in the user's language; also the strings a frozen ranking's JSON keeps ("35000.00")."""
    return formatting.format_money(value)


@register.filter
def number(value: Number, places: int | None = 2) -> str:
    return formatting.format_number(value, places)


@register.filter
def integer(value: Number) -> str:
    return formatting.format_integer(value)


@register.filter
def percent(value: Number, places: int = 2) -> str:
    """A value in percent: 84.1 -> 84,1 % / 84.1%."""
    return formatting.format_percent(value, places)


@register.filter
def share(value: Number, places: int = 1) -> str:
    """A fraction as a percentage: 0.841 -> 84,1 % / 84.1%."""
    return formatting.format_share(value, places)


@register.filter
def months(value: int | None) -> str:
    return formatting.format_months(value)


@register.filter
def hours(value: Number) -> str:
    return formatting.format_hours(value)


@register.filter
def date_short(value: dt.date | dt.datetime | None) -> str:
    return formatting.format_date(value)


@register.filter
def date_long(value: dt.date | dt.datetime | None) -> str:
    return formatting.format_date_long(value)


@register.filter
def brussels(value: dt.datetime | None) -> str:
    """A moment in Brussels time with the hour: deadlines, submissions, decisions."""
    return formatting.format_brussels(value)
