"""Project dates and durations that cannot be true, refused where they are typed (the shared part's form) and again
by the service that saves them: a start before the call opens, a duration over the programme's maximum (so an end
before the start, or past the longest project allowed, cannot be entered either)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from crossroads.core.clock import BRUSSELS
from crossroads.core.formatting import format_date, format_months
from crossroads.programme.models import Call


def start_error(call: Call, start: dt.date | None) -> str | None:
    """A project starts at the earliest on the day its call opens (Brussels calendar day)."""
    opens = call.opens_at.astimezone(BRUSSELS).date()
    if start is not None and start < opens:
        return _("The project cannot start before the call opens (%(date)s).") % {"date": format_date(opens)}
    return None


def duration_error(call: Call, months: int | None) -> str | None:
    """At least one month (the end lies after the start), at most the programme's longest project."""
    if months is None:
        return None
    if months < 1:
        return _("A project lasts at least %(min)s.") % {"min": format_months(1)}
    longest = call.programme.max_duration_months
    if months > longest:
        return _("A project lasts at most %(max)s in this call; you entered %(months)s.") % {
            "max": format_months(longest),
            "months": format_months(months),
        }
    return None
