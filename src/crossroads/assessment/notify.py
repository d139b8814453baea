"""E-mails of the assessment: sent after the transaction commits, each in the recipient's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import override

from crossroads.applications.models import Application
from crossroads.core.outbox import send_once


def partner_users(application: Application) -> list:
    """Every user of every partner company of the application (the lead and the others)."""
    users = {}
    for partner in application.partners.select_related("company"):
        if partner.company is None:
            continue
        for membership in partner.company.memberships.select_related("user"):
            users[membership.user.pk] = membership.user
    return sorted(users.values(), key=lambda u: u.email)


def mail_after_commit(
    users: Iterable,
    compose: Callable[[object], tuple[str, str]],
    attachment: Callable[[], tuple] | None = None,
    *,
    once: str | None = None,
) -> None:
    """`compose(user)` gives (subject, body) and is called in the user's language; `attachment()` gives
    (filename, bytes, mimetype) and is read once, after the commit. With `once` (an outbox key prefix such as
    "decision-letter:12"), a user who already had this mail is skipped: for mail sent by a task that
    tasks_recover may run again (crossroads.core.outbox)."""
    recipients = list(users)

    def send() -> None:
        attached = attachment() if attachment else None
        for user in recipients:
            with override(user.language or "nl"):
                subject, body = compose(user)

            def build(to: list[str], subject: str = subject, body: str = body) -> EmailMessage:
                message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
                if attached:
                    message.attach(*attached)
                return message

            if once:
                send_once(once, [user.email], build)
            else:
                build([user.email]).send()

    transaction.on_commit(send)
