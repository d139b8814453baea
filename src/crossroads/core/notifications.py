"""The one way the platform sends e-mail: after the transaction commits, through the worker, each recipient in their
own language, with links to the configured site address (`core.formatting.site_url`).

A message is a composer: a function decorated with `@message` that takes JSON-able keyword arguments (ids, not
objects: the worker reads the database as it is when the mail goes out) and returns an `Email`. Services call

    notify(to=users, composer=partner_invited, params={"partner_id": partner.pk})

and the task `send_notification` calls the composer once per language, under `translation.override`, and sends one
message per recipient. With `once` (an outbox key such as "decision-letter:12") a recipient who already had the
mail is skipped, for tasks that `tasks_recover` may run again (`core.outbox`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import override
from django_tasks import task

from .outbox import send_once

DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


class HasEmail(Protocol):
    email: str


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = DEFAULT_LANGUAGE


def recipient(person: HasEmail | Recipient | str, language: str | None = None) -> Recipient:
    """A user (their address and chosen language), a `Recipient`, or a bare address (in `language`, default Dutch,
    e.g. an invitation to someone without an account yet)."""
    if isinstance(person, Recipient):
        return person
    if isinstance(person, str):
        return Recipient(person, language or DEFAULT_LANGUAGE)
    return Recipient(person.email, getattr(person, "language", "") or language or DEFAULT_LANGUAGE)


_COMPOSERS: set[str] = set()


def message(composer: Callable[..., Email]) -> Callable[..., Email]:
    """Register a composer, so the worker may call it by its dotted path (and nothing else)."""
    _COMPOSERS.add(f"{composer.__module__}.{composer.__qualname__}")
    return composer


def _path(composer: Callable[..., Email]) -> str:
    path = f"{composer.__module__}.{composer.__qualname__}"
    if path not in _COMPOSERS:
        raise ValueError(f"{path} is not a registered @message composer")
    return path


def notify(
    *,
    to: Iterable[HasEmail | Recipient | str],
    composer: Callable[..., Email],
    params: dict[str, Any] | None = None,
    once: str | None = None,
) -> None:
    """Send `composer(**params)` to each recipient after the current transaction commits (at once outside one)."""
    recipients = list(dict.fromkeys(recipient(p) for p in to if p))
    if not recipients:
        return
    path = _path(composer)
    args = {
        "composer": path,
        "recipients": [[r.email, r.language] for r in recipients],
        "params": params or {},
        "once": once or "",
    }
    transaction.on_commit(lambda: send_notification.enqueue(**args))


@task()
def send_notification(*, composer: str, recipients: list[list[str]], params: dict[str, Any], once: str = "") -> int:
    """The worker's side of `notify`: compose once per language, send one message per recipient. Returns how many
    messages went out."""
    compose = import_string(composer)  # importing the module registers its composers
    if composer not in _COMPOSERS:  # a task row names only functions the code itself marked as messages
        raise ValueError(f"{composer} is not a registered @message composer")
    by_language: dict[str, Email] = {}
    sent = 0
    for address, language in recipients:
        if language not in by_language:
            with override(language or DEFAULT_LANGUAGE):
                by_language[language] = compose(**params)
        email = by_language[language]

        def build(to: list[str], email: Email = email) -> EmailMessage:
            mail = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, to)
            for attachment in email.attachments:
                mail.attach(*attachment)
            return mail

        if once:
            sent += len(send_once(once, [address], build))
        else:
            build([address]).send()
            sent += 1
    return sent
