"""E-mails of the results area: the project's end (final report due) and the follow-up survey's reminders.
Composed by the worker in the recipient's language; ids in, the database read as it is when the mail goes out."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.core.formatting import format_date_long, site_url
from crossroads.core.notifications import Email, message

from ..models import Agreement, FollowUpSurvey


def _title(agreement: Agreement) -> str:
    return agreement.grant.application.title


@message
def agreement_closing(*, agreement_id: int, due: str) -> Email:
    """To the lead's members when the project's end date has passed; `due` is the final report's due date (ISO)."""
    agreement = Agreement.objects.select_related("grant__application").get(pk=agreement_id)
    values = {
        "title": _title(agreement),
        "reference": agreement.reference,
        "end": format_date_long(agreement.end_date),
        "due": format_date_long(dt.date.fromisoformat(due)),
    }
    return Email(
        _("%(reference)s has ended: the final report is due on %(due)s") % values,
        _(
            "The project %(title)s (%(reference)s) ended on %(end)s. The final report and the last cost claim are "
            "due on %(due)s. After the final report the secretariat settles the grant and records the results."
        )
        % values,
    )


def _survey_values(survey_id: int) -> dict[str, str]:
    survey = FollowUpSurvey.objects.select_related("agreement_partner__agreement__grant__application").get(pk=survey_id)
    agreement = survey.agreement_partner.agreement
    return {
        "title": _title(agreement),
        "reference": agreement.reference,
        "company": str(survey.agreement_partner.company),
        "due": format_date_long(survey.due_on),
        "link": site_url(reverse("grants:survey", args=[survey.pk])),
    }


@message
def survey_reminder(*, survey_id: int) -> Email:
    """Some days before the follow-up survey is due."""
    values = _survey_values(survey_id)
    return Email(
        _("One question about %(title)s, one year on") % values,
        _(
            "One year after the end of %(title)s (%(reference)s) we ask %(company)s one question: do you still "
            "cooperate with a partner across the border? Please answer by %(due)s; it takes a minute.\n\n%(link)s"
        )
        % values,
    )


@message
def survey_due(*, survey_id: int) -> Email:
    """On the due date, when the survey is still unanswered."""
    values = _survey_values(survey_id)
    return Email(
        _("Reminder: the follow-up question about %(title)s is due today") % values,
        _(
            "%(company)s has not answered the follow-up question about %(title)s (%(reference)s) yet: do you still "
            "cooperate with a partner across the border? It takes a minute.\n\n%(link)s"
        )
        % values,
    )
