"""One place to ask for the time, so tests can move it and deadlines are decided in Europe/Brussels."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

BRUSSELS = ZoneInfo("Europe/Brussels")


def now() -> dt.datetime:
    """Current time, aware, in UTC."""
    return timezone.now()


def today_brussels() -> dt.date:
    return now().astimezone(BRUSSELS).date()


def parse_request_start(value: str) -> dt.datetime | None:
    """The moment in a request-start stamp: nginx `t=${msec}` ("t=1733238000.123", seconds), or the same number
    in milliseconds or microseconds (other proxies). None for anything else."""
    text = value.strip()
    if text.startswith("t="):
        text = text[2:]
    if not text or len(text) > 32 or not all(c in "0123456789." for c in text) or text.count(".") > 1:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    if number > 1e14:  # microseconds
        number /= 1e6
    elif number > 1e11:  # milliseconds
        number /= 1e3
    try:
        return dt.datetime.fromtimestamp(number, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def bounded_arrival(stamp: dt.datetime | None, at: dt.datetime, max_wait: float) -> dt.datetime:
    """A claimed arrival time, believed only as far as a short queueing delay: never after `at` (now) and never
    more than `max_wait` seconds before it. Without a stamp, `at`."""
    if stamp is None:
        return at
    return max(min(stamp, at), at - dt.timedelta(seconds=max(0.0, max_wait)))


def request_arrival(request: Any) -> dt.datetime:
    """When the request reached the deployment: the stamp the trusted TLS proxy put in the header named by the
    REQUEST_START_HEADER setting (nginx: `proxy_set_header X-Request-Start "t=${msec}";`), bounded to
    [now - REQUEST_START_MAX_WAIT seconds, now]; now when the setting is empty (the default) or the stamp is
    missing or malformed. A deadline decided on this time does not refuse a submission that arrived in time but
    waited in the web server's queue; the bound keeps a forged stamp from buying more than that short wait."""
    moment = now()
    header = getattr(settings, "REQUEST_START_HEADER", "")
    if not header:
        return moment
    raw = request.META.get("HTTP_" + header.strip().upper().replace("-", "_"), "")
    stamp = parse_request_start(raw) if isinstance(raw, str) else None
    return bounded_arrival(stamp, moment, float(getattr(settings, "REQUEST_START_MAX_WAIT", 10)))
