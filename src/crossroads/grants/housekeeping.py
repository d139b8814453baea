"""The follow-up's daily work, in one place so one cron line runs it (`manage.py grants_housekeeping`)."""

from __future__ import annotations

import datetime as dt

from .jobs import lifecycle, reminders


def run(today: dt.date) -> dict[str, int]:
    """Each job is idempotent (reminders go out once, through the outbox) and answers what it did."""
    done: dict[str, int] = {}
    done.update(reminders.run(today))
    done.update(lifecycle.run(today))
    return done
