"""Calendar arithmetic for dates and datetimes (pure Python): the end of month and 29 February clip to the last
day of the target month."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TypeVar

D = TypeVar("D", dt.date, dt.datetime)


def add_months(moment: D, months: int) -> D:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def add_years(moment: D, years: int) -> D:
    return add_months(moment, 12 * years)
