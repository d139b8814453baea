"""Daily: running agreements whose end date passed move to closing (the lead is told when the final report is due,
the partners' follow-up surveys are made), and the follow-up survey's reminders go out, each once."""

from __future__ import annotations

import datetime as dt

from crossroads.core.notifications import notify
from crossroads.core.outbox import unsent

from ..messages.results import survey_due, survey_reminder
from ..selectors.results import agreements_to_close, agreements_without_surveys, surveys_open
from ..services.results import agreement_closing_start, partner_members, surveys_create


def _remind(today: dt.date) -> tuple[int, int]:
    """(reminders before the due date, reminders on or after it) sent now; each goes to each member once."""
    before = on_due = 0
    for survey in surveys_open():
        programme = survey.agreement_partner.agreement.grant.application.call.programme
        if today < survey.due_on - dt.timedelta(days=programme.reminder_days_before):
            continue
        composer, key = (survey_due, "survey-due") if today >= survey.due_on else (survey_reminder, "survey-reminder")
        once = f"{key}:{survey.pk}"
        members = partner_members(survey.agreement_partner_id)
        fresh = unsent(once, [m.email for m in members])
        if not fresh:
            continue
        notify(
            to=[m for m in members if m.email in fresh], composer=composer, params={"survey_id": survey.pk}, once=once
        )
        if composer is survey_due:
            on_due += 1
        else:
            before += 1
    return before, on_due


def run(today: dt.date) -> dict[str, int]:
    closing = sum(
        agreement_closing_start(agreement_id=pk, today=today)
        for pk in agreements_to_close(today).values_list("pk", flat=True)
    )
    surveys = sum(surveys_create(agreement) for agreement in agreements_without_surveys())
    before, on_due = _remind(today)
    return {
        "agreements moved to closing": closing,
        "follow-up surveys made later": surveys,
        "survey reminders": before,
        "survey due reminders": on_due,
    }
