"""Exactly-once e-mail for tasks that run again after a crash (tasks_recover re-queues a task a killed worker left
RUNNING, and the task starts from the beginning).

Each (mail, recipient) has a unique key in `OutboxMail`. Before a send the rows exist (created if new) and only the
recipients whose row is not marked sent get the message; right after the SMTP server accepted it, their rows are
marked sent, in their own short transaction. A re-run therefore skips what already went out, and a send that
failed (exception) leaves the rows unsent, so the next run sends them.

What remains (at most once more, never lost): a crash between the SMTP server's accept and the UPDATE that marks
the rows sent, a window of one UPDATE. Two runs of the same task at the same moment could also both send; the task
queue never runs a task twice at once (tasks_recover --older-than keeps it from re-queueing a living worker's task).
Rows are not claimed with a lease on purpose: a claim left by a killed worker would hold back the mail of the re-run,
and a duplicate is better than a lost e-mail.

Call these functions outside a transaction (as tasks run): inside one, the mark would only commit with it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F

from crossroads.core import clock
from crossroads.core.models import OutboxMail


def outbox_key(prefix: str, recipient: str) -> str:
    """The key of one mail to one recipient, e.g. outbox_key("submission:12", "ann@example.com")."""
    return f"{prefix}:{recipient.strip().lower()}"[:255]


def unsent(prefix: str, recipients: Iterable[str]) -> list[str]:
    """The recipients (in the given order, without duplicates) whose mail under `prefix` has not gone out yet."""
    wanted = list(dict.fromkeys(r for r in recipients if r))
    keys = {outbox_key(prefix, r): r for r in wanted}
    sent = set(OutboxMail.objects.filter(key__in=keys, sent_at__isnull=False).values_list("key", flat=True))
    return [r for k, r in keys.items() if k not in sent]


def send_once(prefix: str, recipients: Iterable[str], build: Callable[[list[str]], EmailMessage]) -> list[str]:
    """Send `build(to)` to the recipients that have not had the mail `prefix` yet, as one message, and mark them
    sent. Returns who it was sent to ([] when everyone had it already). An exception from the send propagates and
    leaves those recipients unsent."""
    to = unsent(prefix, recipients)
    if not to:
        return []
    keys = [outbox_key(prefix, r) for r in to]
    message = build(to)
    subject = str(message.subject)[:255]
    OutboxMail.objects.bulk_create(
        [OutboxMail(key=k, recipient=r[:254], subject=subject) for k, r in zip(keys, to, strict=True)],
        ignore_conflicts=True,
    )
    OutboxMail.objects.filter(key__in=keys).update(attempted_at=clock.now(), attempts=F("attempts") + 1)
    try:
        message.send()
    except Exception as exc:
        OutboxMail.objects.filter(key__in=keys, sent_at__isnull=True).update(last_error=repr(exc)[:2000])
        raise
    with transaction.atomic():
        OutboxMail.objects.filter(key__in=keys, sent_at__isnull=True).update(sent_at=clock.now(), last_error="")
    return to
