"""Daily: reminders before reports, claims and surveys fall due, and agreements whose end date passed move to
closing. Safe to run more than once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crossroads.core import clock
from crossroads.grants.housekeeping import run


class Command(BaseCommand):
    help = "Follow-up reminders and the agreements' life cycle (daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Run as if it were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, today: dt.date | None = None, **options: Any) -> None:
        done = run(today or clock.today_brussels())
        for job, count in sorted(done.items()):
            self.stdout.write(f"{job}: {count}")
