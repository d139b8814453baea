"""The submission's PDF and its e-mail to every partner, made by the worker after the submission committed.

`tasks_recover` runs this task again after a crash: the PDF is rendered again from the immutable snapshot, and the
e-mail goes through the outbox (`core.outbox.send_once`), so a partner who already had it does not get it twice.
The e-mail is worded by `messages.application_submitted`; the partners sharing a language get one message."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils.translation import override
from django_tasks import task

from crossroads.core.notifications import DEFAULT_LANGUAGE, Email, recipient
from crossroads.core.outbox import send_once

from ..messages import application_submitted
from ..models import Submission
from .common import members


def _build(email: Email) -> Callable[[list[str]], EmailMessage]:
    def build(to: list[str]) -> EmailMessage:
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, to)
        for attachment in email.attachments:
            message.attach(*attachment)
        return message

    return build


@task()
def render_and_send_pdf_task(submission_id: int) -> None:
    from ..pdf import submission_pdf

    submission = Submission.objects.select_related("application__lead_company").get(pk=submission_id)
    submission.pdf.save(
        f"application-{submission.application_id}-{submission.number}.pdf", ContentFile(submission_pdf(submission))
    )
    by_language: dict[str, set[str]] = {}
    for partner in submission.application.partners.select_related("company"):
        if partner.company:
            for person in map(recipient, members(partner.company)):
                by_language.setdefault(person.language, set()).add(person.email)
    for language, addresses in sorted(by_language.items()):
        with override(language or DEFAULT_LANGUAGE):
            email = application_submitted(submission_id=submission.pk)
        send_once(f"submission:{submission.pk}", sorted(addresses), _build(email))
