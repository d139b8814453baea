"""E-mails of the assessment: sent after the transaction commits, each in the recipient's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import override

from crossroads.applications.models import Application


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
    users: Iterable, compose: Callable[[object], tuple[str, str]], attachment: Callable[[], tuple] | None = None
) -> None:
    """`compose(user)` gives (subject, body) and is called in the user's language; `attachment()` gives
    (filename, bytes, mimetype) and is read once, after the commit."""
    recipients = list(users)

    def send() -> None:
        attached = attachment() if attachment else None
        for user in recipients:
            with override(user.language or "nl"):
                subject, body = compose(user)
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            if attached:
                message.attach(*attached)
            message.send()

    transaction.on_commit(send)
