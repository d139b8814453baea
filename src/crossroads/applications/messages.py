"""The applications area's e-mails, worded here and sent through `crossroads.core.notifications`.

Each composer takes ids and strings (it runs in the worker, in the recipient's language) and reads the database as
it is when the mail goes out. The msgids are the ones the services used before, so the translations still apply."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.core.formatting import format_brussels, site_url
from crossroads.core.notifications import Email, message

from .models import Application, Partner, Submission


@message
def partner_invited(*, partner_id: int) -> Email:
    """To the invited company's members (or the invited address): join the application."""
    partner = Partner.objects.select_related("application__call", "application__lead_company").get(pk=partner_id)
    application = partner.application
    lead = application.lead_company.legal_name
    link = site_url(reverse("applications:partner_join", args=[partner.invite_token]))
    return Email(
        _("%(lead)s invites you to a CrossRoads application") % {"lead": lead},
        _(
            "%(lead)s invites you as a partner in the application “%(title)s” for the call %(call)s.\n\n"
            "Open the application (log in or register first): %(link)s\n"
        )
        % {"lead": lead, "title": application.title, "call": application.call.name, "link": link},
    )


@message
def partner_join_requested(*, partner_id: int, invited: str, asked_by: str, company: str) -> Email:
    """To the lead's members: someone other than the invited address asks to take the invitation."""
    application = Partner.objects.select_related("application").get(pk=partner_id).application
    link = site_url(reverse("applications:detail", args=[application.pk]) + "#consortium")
    return Email(
        _("Please confirm a partner for “%(title)s”") % {"title": application.title},
        _(
            "The invitation sent to %(invited)s was opened by %(user)s, who asks to join for %(company)s. "
            "Confirm or refuse on the application page: %(link)s\n"
        )
        % {"invited": invited, "user": asked_by, "company": company, "link": link},
    )


@message
def full_proposal_invited(*, application_id: int) -> Email:
    """To the lead's members: the project idea may go on to a full proposal."""
    application = Application.objects.select_related("call").get(pk=application_id)
    link = site_url(reverse("applications:detail", args=[application.pk]))
    return Email(
        _("Invitation to submit a full proposal: %(title)s") % {"title": application.title},
        _("Your project idea was selected. Complete the full proposal before %(deadline)s: %(link)s\n")
        % {"deadline": format_brussels(application.deadline), "link": link},
    )


@message
def application_submitted(*, submission_id: int) -> Email:
    """To every partner's members, with the submission's PDF (rendered and stored by the PDF task first)."""
    submission = Submission.objects.select_related("application").get(pk=submission_id)
    with submission.pdf.open("rb") as stored:
        pdf_bytes = stored.read()
    return Email(
        _("Application submitted: %(title)s") % {"title": submission.application.title},
        _("The application was submitted on %(time)s. The PDF is attached.\n")
        % {"time": format_brussels(submission.submitted_at)},
        attachments=[(f"application-{submission.application_id}.pdf", pdf_bytes, "application/pdf")],
    )
