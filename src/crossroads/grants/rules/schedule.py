"""When reports and claims are due: a period every `interval` months from the start, the last one (whatever
remains until the end) is the final report, due `final_due` months after the end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crossroads.core.calendar import add_months


@dataclass(frozen=True)
class Period:
    number: int
    final: bool
    starts_on: dt.date
    ends_on: dt.date
    due_on: dt.date


def project_end(start: dt.date, months: int) -> dt.date:
    """The last day of a project of `months` months that starts on `start` (1 March + 24 months -> 28 Feb)."""
    return add_months(start, months) - dt.timedelta(days=1)


def reporting_periods(
    *, start: dt.date, end: dt.date, interval_months: int, interim_due_months: int, final_due_months: int
) -> list[Period]:
    if end < start:
        raise ValueError("the project ends before it starts")
    if interval_months < 1:
        raise ValueError("the reporting interval is at least one month")
    periods: list[Period] = []
    begin = start
    number = 1
    while True:
        # Counted from the start, not from the previous period, so a start on the 31st does not drift.
        stop = add_months(start, number * interval_months) - dt.timedelta(days=1)
        # A period that would reach the end date is the final one: no interim report a few days before the end.
        if stop >= end:
            periods.append(Period(number, True, begin, end, add_months(end, final_due_months)))
            return periods
        periods.append(Period(number, False, begin, stop, add_months(stop, interim_due_months)))
        begin = stop + dt.timedelta(days=1)
        number += 1
