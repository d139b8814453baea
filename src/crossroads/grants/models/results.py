"""What came of it: coaching by the advisers, the closure indicators and the follow-up one year later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreement import Agreement, AgreementPartner


class ContactChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Phone call")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Event or workshop")


class CoachingContact(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="coaching")
    company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="coaching_contacts"
    )
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=8, choices=ContactChannel.choices)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("coaching contact")
        verbose_name_plural = _("coaching contacts")

    def __str__(self) -> str:
        return f"{self.happened_on} {self.topic}"


class IndicatorCode(models.TextChoices):
    RCO01 = "RCO01", _("RCO01 Enterprises supported (by size)")
    RCO02 = "RCO02", _("RCO02 Enterprises supported by grants")
    RCO04 = "RCO04", _("RCO04 Enterprises with non-financial support")
    RCO10 = "RCO10", _("RCO10 Enterprises cooperating with research organisations")
    RCO84 = "RCO84", _("RCO84 Pilot actions developed jointly and implemented in projects")
    RCO87 = "RCO87", _("RCO87 Organisations cooperating across borders")
    RCR03 = "RCR03", _("RCR03 SMEs introducing product or process innovation")
    RCR84 = "RCR84", _("RCR84 Organisations cooperating across borders after project completion")


class ClosureIndicator(models.Model):
    """A final indicator value for the project (company empty) or for one company in it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="closure_indicators"
    )
    code = models.CharField(_("indicator"), max_length=5, choices=IndicatorCode.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    size_class = models.CharField(_("size class"), max_length=8, blank=True)  # RCO01 counts by size
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["agreement", "code", "company"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "company", "code"], name="one_indicator_value"),
        ]
        verbose_name = _("closure indicator")
        verbose_name_plural = _("closure indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.value}"


class FollowUpSurvey(models.Model):
    """One year after the end: does the partner still cooperate across the border (RCR84)?"""

    agreement_partner = models.OneToOneField(AgreementPartner, on_delete=models.CASCADE, related_name="survey")
    due_on = models.DateField(_("due"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    still_cooperating = models.BooleanField(_("still cooperating across the border"), null=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")

    def __str__(self) -> str:
        return f"{self.agreement_partner} {self.due_on}"
