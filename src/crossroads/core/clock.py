"""One place to ask for the time, so tests can move it and deadlines are decided in Europe/Brussels."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

BRUSSELS = ZoneInfo("Europe/Brussels")


def now() -> dt.datetime:
    """Current time, aware, in UTC."""
    return timezone.now()


def today_brussels() -> dt.date:
    return now().astimezone(BRUSSELS).date()
