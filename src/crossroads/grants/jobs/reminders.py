"""Reminders before each due date and one overdue notice after it (run daily by `grants_housekeeping`).

For each period of a running or closing agreement:
- from `programme.reminder_days_before` days before `due_on` until the due date: the lead's members are reminded of
  the progress report (unless it was submitted) and each partner's members of its claim (unless it was submitted);
- from the day after the due date: the same people get one overdue notice.
Each mail goes out once per person (an outbox key per period, partner and kind), so a rerun, or a run on a later
day, sends nothing twice. The counts are the people newly written to."""

from __future__ import annotations

import datetime as dt

from crossroads.accounts.models import User
from crossroads.core.notifications import notify
from crossroads.core.outbox import unsent

from ..messages.claims import claim_due, claim_overdue, report_due, report_overdue
from ..models import AgreementPartner, ReportingPeriod
from ..selectors.overdue import OPEN, outstanding


def _people(member: AgreementPartner) -> list[User]:
    return list(User.objects.filter(memberships__company=member.company_id, is_active=True).distinct())


def _send(people: list[User], composer: object, params: dict, key: str) -> int:
    fresh = set(unsent(key, [p.email for p in people]))
    to = [p for p in people if p.email in fresh]
    if to:
        notify(to=to, composer=composer, params=params, once=key)  # type: ignore[arg-type]
    return len(to)


def _period(period: ReportingPeriod, today: dt.date, counts: dict[str, int]) -> None:
    days_before = period.agreement.grant.application.call.programme.reminder_days_before
    before = period.due_on - dt.timedelta(days=days_before) <= today <= period.due_on
    after = today > period.due_on
    if not (before or after):
        return
    for kind, member in outstanding(period):
        people = _people(member)
        params: dict[str, int | str] = {"period_id": period.pk}
        if kind == "report":
            composer = (report_due, report_overdue)
        else:
            composer = (claim_due, claim_overdue)
            params["company"] = str(member.company)
        stage = "overdue" if after else "due"
        key = f"grants-{kind}-{stage}:{period.pk}:{member.pk}"
        counts[f"{kind}_{stage}"] += _send(people, composer[1] if after else composer[0], params, key)


def run(today: dt.date) -> dict[str, int]:
    counts = {"report_due": 0, "claim_due": 0, "report_overdue": 0, "claim_overdue": 0}
    periods = ReportingPeriod.objects.filter(agreement__status__in=OPEN).select_related(
        "agreement__grant__application__call__programme"
    )
    for period in periods:
        _period(period, today, counts)
    return counts
