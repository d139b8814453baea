"""E-mails of the assessment, composed in the recipient's language by the worker (`core.notifications`).

Each composer takes ids and strings only and reads the database as it is when the mail goes out.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.applications.models import Application
from crossroads.core.formatting import format_brussels, format_date, site_url
from crossroads.core.notifications import Email, message
from crossroads.programme.models import Call

from .models import Decision, Objection, ObjectionStatus


def _day(iso_date: str) -> str:
    return format_date(dt.date.fromisoformat(iso_date))


def _application_values(application_id: int) -> dict[str, str]:
    application = Application.objects.get(pk=application_id)
    return {"title": application.title, "link": site_url(reverse("applications:detail", args=[application.pk]))}


@message
def assessors_invited(*, call_id: int, due: str) -> Email:
    """To each assessor invited for a call; `due` is the due date (ISO)."""
    call = Call.objects.get(pk=call_id)
    link = site_url(reverse("assessment:my_assignments"))
    return Email(
        _("Invitation to assess applications: %(call)s") % {"call": call.name},
        _(
            "You are invited to assess applications of %(call)s by %(due)s. Before you see an application you "
            "declare whether you have a conflict of interest.\n\n%(link)s"
        )
        % {"call": call.name, "due": _day(due), "link": link},
    )


@message
def assessments_due(*, count: int, due: str) -> Email:
    """The reminder to an assessor with `count` open assignments, the first due on `due` (ISO)."""
    link = site_url(reverse("assessment:my_assignments"))
    return Email(
        _("Reminder: assessments due %(due)s") % {"due": _day(due)},
        _("%(count)s assessment(s) still open, the first due %(due)s.\n\n%(link)s")
        % {"count": count, "due": _day(due), "link": link},
    )


@message
def screening_items_requested(*, application_id: int, items: str, deadline: str) -> Email:
    """`deadline` is the moment (ISO, with its offset) by which the missing items are due."""
    values = {
        **_application_values(application_id),
        "items": items,
        "deadline": format_brussels(dt.datetime.fromisoformat(deadline)),
    }
    return Email(
        _("Missing items for %(title)s") % values,
        _(
            "The secretariat screened your application %(title)s and needs the following before %(deadline)s "
            "(Brussels time):\n\n%(items)s\n\nSend them through the application page: %(link)s"
        )
        % values,
    )


@message
def screening_eligible(*, application_id: int) -> Email:
    values = _application_values(application_id)
    return Email(
        _("%(title)s is eligible") % values,
        _("Your application %(title)s is complete and eligible. It now goes to the expert assessment.\n%(link)s")
        % values,
    )


@message
def screening_ineligible(*, application_id: int, reason: str) -> Email:
    values = {**_application_values(application_id), "reason": reason}
    return Email(
        _("%(title)s is not eligible") % values,
        _(
            "The secretariat decided that your application %(title)s is not eligible, for this reason:\n\n"
            "%(reason)s\n\n%(link)s"
        )
        % values,
    )


@message
def decision_letter(*, decision_id: int) -> Email:
    """The decision with its PDF letter (rendered and kept on the decision before this is sent)."""
    decision = Decision.objects.select_related("application").get(pk=decision_id)
    application = decision.application
    link = site_url(reverse("assessment:decision_detail", args=[decision.pk]))
    with decision.letter.open("rb") as letter:
        pdf = letter.read()
    return Email(
        _("Decision on your application %(title)s") % {"title": application.title},
        _(
            "The decision on your application %(title)s is attached (%(outcome)s). You can also read it on your "
            "dashboard: %(link)s\nAn objection can be lodged until %(deadline)s (Brussels time)."
        )
        % {
            "title": application.title,
            "outcome": decision.get_outcome_display(),
            "link": link,
            "deadline": format_brussels(decision.objection_deadline),
        },
        attachments=[(f"decision-{application.pk}.pdf", pdf, "application/pdf")],
    )


@message
def objection_resolved(*, objection_id: int) -> Email:
    """To the partners (and whoever lodged it): the objection's outcome and the secretariat's reason."""
    objection = Objection.objects.select_related("decision__application").get(pk=objection_id)
    application = objection.decision.application
    values = {
        "title": application.title,
        "lodged": format_date(objection.lodged_at),
        "reason": objection.resolution_reason,
        "link": site_url(reverse("assessment:decision_detail", args=[objection.decision_id])),
    }
    if objection.status == ObjectionStatus.UPHELD:
        return Email(
            _("Your objection on %(title)s is upheld") % values,
            _(
                "The secretariat upheld the objection you lodged on %(lodged)s against the decision on %(title)s, "
                "for this reason:\n\n%(reason)s\n\nA new decision will be taken on your application; you receive "
                "it with a new letter.\n\n%(link)s"
            )
            % values,
        )
    return Email(
        _("Your objection on %(title)s is dismissed") % values,
        _(
            "The secretariat dismissed the objection you lodged on %(lodged)s against the decision on %(title)s, "
            "for this reason:\n\n%(reason)s\n\nThe decision stands.\n\n%(link)s"
        )
        % values,
    )
