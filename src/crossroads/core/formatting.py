"""The one formatter of amounts, numbers, percentages, durations and dates, per language.

Dutch: € 1.250,50 · 1.250,5 · 84,1 % · 24 maanden · 01-02-2027 · 1 februari 2027 · 01-02-2027 14:00.
English: €1,250.50 · 1,250.5 · 84.1% · 24 months · 1 Feb 2027 · 1 February 2027 · 1 Feb 2027 14:00.
Pages use the template filters of `core/templatetags/money.py` (`euro`, `number`, `percent`, `months`, `hours`,
`date_short`, `date_long`, `brussels`); e-mails, PDFs, exports and messages call these functions. The date patterns
live in `config/formats/<language>/formats.py`, which Django's own `|date` reads too.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

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


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


def _localised(number: Decimal, places: int) -> str:
    """Django's number_format cuts the decimals it does not show (1,999 -> "1,99"); round half-up first."""
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, places, use_l10n=True, force_grouping=True)


def format_number(value: Decimal | int | str | None, places: int | None = 2) -> str:
    """A number with the language's separators; `places=None` keeps the number's own decimals (no trailing zeros
    added: hours "7,5", a weight "0,25")."""
    number = as_decimal(value)
    if number is None:
        return "–"
    if places is None:
        exponent = number.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return _localised(number, places)


def format_integer(value: Decimal | int | str | None) -> str:
    return format_number(value, 0)


def format_percent(value: Decimal | int | str | None, places: int = 2) -> str:
    """A percentage given in percent (84.1 -> '84,1 %' in Dutch, '84.1%' in English)."""
    number = as_decimal(value)
    if number is None:
        return "–"
    text = _localised(number, places)
    return f"{text}%" if _english() else f"{text} %"


def format_share(value: Decimal | int | str | None, places: int = 1) -> str:
    """A share given as a fraction (0.841 -> '84,1 %')."""
    number = as_decimal(value)
    return format_percent(None if number is None else number * 100, places)


def format_months(value: int | None) -> str:
    """A duration in whole months: '1 maand', '24 maanden' / '1 month', '24 months'."""
    from django.utils.translation import ngettext

    if value is None:
        return "–"
    return ngettext("%(count)s month", "%(count)s months", value) % {"count": format_integer(value)}


def format_hours(value: Decimal | int | str | None) -> str:
    """Hours as typed ('7,5 uur' / '7.5 hours')."""
    from django.utils.translation import gettext

    number = as_decimal(value)
    if number is None:
        return "–"
    return gettext("%(hours)s h") % {"hours": format_number(number, None)}


def format_date(value: dt.date | dt.datetime | None) -> str:
    """Short date: 01-02-2027 / 1 Feb 2027. A moment is shown by its Brussels calendar day."""
    if value is None:
        return "–"
    return formats.date_format(_brussels_day(value), "SHORT_DATE_FORMAT")


def format_date_long(value: dt.date | dt.datetime | None) -> str:
    """Long date for letters: 1 februari 2027 / 1 February 2027."""
    if value is None:
        return "–"
    return formats.date_format(_brussels_day(value), "DATE_FORMAT")


def format_brussels(moment: dt.datetime | None) -> str:
    """A moment as people read deadlines: Brussels time, day first (01-02-2027 14:00 / 1 Feb 2027 14:00)."""
    if moment is None:
        return "–"
    from .clock import BRUSSELS

    local = moment.astimezone(BRUSSELS) if moment.tzinfo else moment
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


def _brussels_day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        from .clock import BRUSSELS

        return (value.astimezone(BRUSSELS) if value.tzinfo else value).date()
    return value


def site_url(path: str) -> str:
    """Absolute link for e-mails sent outside a request (CROSSROADS_SITE_URL + path)."""
    from django.conf import settings

    return settings.CROSSROADS_SITE_URL.rstrip("/") + path
