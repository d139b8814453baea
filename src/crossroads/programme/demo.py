"""A demo call of the programme, closed some days ago, made once (the demos of assessment and follow-up use it)."""

from __future__ import annotations

import datetime as dt
import json

from crossroads.core import clock

from .models import Call
from .selectors import current_programme
from .services import FIXTURES, call_create


def demo_call(*, code: str, name_nl: str, name_en: str, opened_days_ago: int, closed_days_ago: int) -> Call:
    call = Call.objects.filter(code=code).first()
    if call is not None:
        return call
    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    today = clock.today_brussels()
    return call_create(
        programme=current_programme(),
        data=data,
        call={
            "code": code,
            "name_nl": name_nl,
            "name_en": name_en,
            "opens": f"{today - dt.timedelta(days=opened_days_ago):%Y-%m-%d} 09:00",
            "closes": f"{today - dt.timedelta(days=closed_days_ago):%Y-%m-%d} 17:00",
            "budget": "300000.00",
            "stages": 1,
        },
    )
