"""What the privacy work itself needs to remember: erasure requests and which applications were anonymised.

Neither holds personal data beyond a link to the (anonymised) account: the point is to show what was done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the secretariat")
    DONE = "done", _("Account erased")
    CANCELLED = "cancelled", _("Cancelled")


class ErasureRequest(models.Model):
    """A person's request to erase their account. Carried out at once when nothing stands in the way; otherwise
    it waits for the secretariat, who resolves what blocks it (see docs/privacy.md) and carries it out."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests", verbose_name=_("account")
    )
    requested_at = models.DateTimeField(_("requested"))
    status = models.CharField(_("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING)
    blockers = models.JSONField(_("what stood in the way"), default=list, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["status", "-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"


class AnonymisedApplication(models.Model):
    """Marks an application whose personal data was removed after the retention period, so housekeeping runs
    are idempotent; keeps the figures that statistics still use."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="anonymisation"
    )
    reason = models.CharField(_("reason"), max_length=20)
    reference_at = models.DateTimeField(_("retention counted from"))
    anonymised_at = models.DateTimeField(_("anonymised"))
    figures = models.JSONField(_("figures kept"), default=dict)

    class Meta:
        ordering = ["-anonymised_at"]
        verbose_name = _("anonymised application")
        verbose_name_plural = _("anonymised applications")

    def __str__(self) -> str:
        return f"{self.application_id} ({self.reason})"
