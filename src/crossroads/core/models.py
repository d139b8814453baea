from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit event: the trail is only ever added to."""

    def __init__(self, action: str) -> None:
        super().__init__(f"The audit log is append-only: audit events cannot be {action}.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("deleted")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AuditLogIsAppendOnly("updated")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("updated")

    # Django's own deletion collector calls this internal method; keep it closed too.
    def _raw_delete(self, using: Any) -> int:
        raise AuditLogIsAppendOnly("deleted")


class AuditEvent(models.Model):
    """Who changed what, with the state before and after. Written by services inside their transaction.

    Append-only: the application refuses to update or delete a row (save() of an existing row, delete(), queryset
    update()/delete()), and so does the database (triggers from migration 0004 on PostgreSQL and SQLite). The actor
    is therefore kept as an id without a database constraint and without a cascade: deleting a user neither
    deletes nor changes (SET NULL) their events; the id stays. No copy of the e-mail address is kept here, so an
    erased account (privacy.services.account_erase anonymises the user row) is not named in the trail for ever.
    NB: on SQLite, a later migration that rebuilds this table drops its triggers; it must create them again
    (tests/core/test_audit_append_only.py would fail).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    verb = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("deleted")


class OutboxMail(models.Model):
    """One e-mail to one recipient that must go out once, even if the task sending it runs again after a crash.

    `key` names the mail and its recipient ("submission:12:ann@example.com"); a row is created before the send and
    marked sent right after the SMTP server accepted it, so a re-run of the task skips it (crossroads.core.outbox).
    Internal (no page or admin shows it), so its field names are not translated.
    """

    key = models.CharField("key", max_length=255, unique=True)
    recipient = models.CharField("recipient", max_length=254)
    subject = models.CharField("subject", max_length=255, blank=True)
    created_at = models.DateTimeField("created", auto_now_add=True)
    attempted_at = models.DateTimeField("last attempt", null=True, blank=True)
    attempts = models.PositiveIntegerField("attempts", default=0)
    sent_at = models.DateTimeField("sent", null=True, blank=True, db_index=True)
    last_error = models.TextField("last error", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outgoing e-mail"
        verbose_name_plural = "outgoing e-mails"

    def __str__(self) -> str:
        return f"{self.key} ({'sent' if self.sent_at else 'not sent'})"
