"""One way to send e-mail: after commit, through the worker, each recipient in their own language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils.translation import get_language

from crossroads.core.notifications import Email, Recipient, message, notify, recipient

pytestmark = pytest.mark.django_db


@message
def greeting(*, name: str) -> Email:
    return Email(subject=f"{get_language()}: hello {name}", body="body")


def not_registered(*, name: str) -> Email:  # pragma: no cover - must never be called
    return Email("x", "y")


class Person:
    def __init__(self, email: str, language: str) -> None:
        self.email, self.language = email, language


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(to=["a@example.com"], composer=greeting, params={"name": "Ann"})
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_each_recipient_gets_the_mail_in_their_own_language(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            to=[Person("nl@example.com", "nl"), Person("en@example.com", "en"), "bare@example.com"],
            composer=greeting,
            params={"name": "Ann"},
        )
    by_address = {m.to[0]: m.subject for m in mail.outbox}
    assert by_address == {
        "nl@example.com": "nl: hello Ann",
        "en@example.com": "en: hello Ann",
        "bare@example.com": "nl: hello Ann",
    }


def test_the_same_address_twice_gets_one_mail(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(to=["a@example.com", Recipient("a@example.com", "nl")], composer=greeting, params={"name": "B"})
    assert len(mail.outbox) == 1


def test_with_once_a_rerun_sends_nothing_again(django_capture_on_commit_callbacks) -> None:
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notify(to=["a@example.com"], composer=greeting, params={"name": "C"}, once="greeting:1")
    assert len(mail.outbox) == 1


def test_only_registered_composers_can_be_sent() -> None:
    with pytest.raises(ValueError, match="not a registered"):
        notify(to=["a@example.com"], composer=not_registered, params={"name": "D"})


def test_a_user_without_a_language_gets_dutch() -> None:
    assert recipient(Person("x@example.com", "")) == Recipient("x@example.com", "nl")
