from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# The labels of the codes a call lists live with the call (programme data); re-exported for this area.
from crossroads.programme.labels import ATTACHMENT_LABELS as ATTACHMENT_LABELS
from crossroads.programme.labels import SECTION_LABELS as SECTION_LABELS


class TolerantDecimalField(models.DecimalField):
    """A decimal column that can still be read when a stored value is wider than max_digits.

    SQLite does not enforce max_digits, and an older version stored budget amounts (hours x rate) that did not fit;
    reading such a row back made every page of the application fail. New values are checked against the column by
    the services before saving (`column_max`); this only keeps old rows readable so that they can be corrected.
    """

    @cached_property
    def context(self) -> decimal.Context:
        return decimal.Context(prec=self.max_digits + 30)


def column_max(model: type[models.Model], field: str) -> Decimal:
    """The largest value a decimal column holds: 999,999,999,999.99 for max_digits=14, decimal_places=2."""
    column = model._meta.get_field(field)
    assert isinstance(column, models.DecimalField), f"{field} is not a decimal column"
    places = column.decimal_places
    return Decimal(10) ** (column.max_digits - places) - Decimal(1).scaleb(-places)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Stage(models.TextChoices):
    IDEA = "idea", _("Project idea")
    FULL = "full", _("Full proposal")


class Application(models.Model):
    call = models.ForeignKey("programme.Call", on_delete=models.PROTECT, related_name="applications")
    lead_company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="led_applications")
    title = models.CharField(_("project title"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    sections = models.JSONField(default=dict, blank=True)
    themes = models.ManyToManyField("programme.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    indicators = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    stage = models.CharField(_("stage"), max_length=4, choices=Stage.choices, default=Stage.FULL)
    lock_version = models.PositiveIntegerField(default=1)  # optimistic lock of the shared part
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.title

    @property
    def deadline(self) -> dt.datetime:
        """Project ideas close with the call; invited full proposals of a two-stage call may close later."""
        if self.stage == Stage.FULL and self.call.stages == 2 and self.call.full_proposal_closes_at:
            return self.call.full_proposal_closes_at
        return self.call.closes_at

    def window_open(self, moment: dt.datetime) -> bool:
        return self.call.opens_at <= moment < self.deadline

    @property
    def required_sections(self) -> list[str]:
        return list(self.call.idea_sections if self.stage == Stage.IDEA else self.call.required_sections)

    @property
    def required_attachments(self) -> list[str]:
        return [] if self.stage == Stage.IDEA else list(self.call.required_attachments)


class PartnerRole(models.TextChoices):
    CORE = "core", _("SME partner")
    NON_PRIMARY = "non_primary_recipient", _("Non-primary recipient")
    SERVICE_PROVIDER = "service_provider", _("Service provider paid on a quotation")
    UNPAID = "unpaid_partner", _("Unpaid partner")


DECLARATIONS = ("sme", "oim", "de_minimis", "truthful")


class Partner(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="partnerships"
    )
    invited_email = models.EmailField(_("invited e-mail address"), blank=True)
    invite_token = models.CharField(max_length=64, blank=True)
    is_lead = models.BooleanField(default=False)
    role = models.CharField(
        _("role in the project"), max_length=24, choices=PartnerRole.choices, default=PartnerRole.CORE
    )
    tasks = models.TextField(_("tasks in the project"), blank=True)
    declarations = models.JSONField(default=dict, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Someone whose verified e-mail address is not the invited one asked to join; the lead confirms or refuses.
    join_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    join_requested_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    join_requested_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["application", "-is_lead", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "company"],
                name="unique_partner_company",
                condition=models.Q(company__isnull=False),
            ),
        ]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return str(self.company or self.invited_email)

    @property
    def signed_all(self) -> bool:
        return all(self.declarations.get(d) for d in DECLARATIONS)


class CostCategoryCode(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel")
    CONSUMABLES = "consumables", _("Consumables")
    EXTERNAL = "external", _("External costs and subcontracting")


class BudgetLine(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=12, choices=CostCategoryCode.choices)
    description = models.CharField(_("description"), max_length=200)
    person = models.CharField(_("person or function"), max_length=120, blank=True)
    annual_cost = TolerantDecimalField(
        _("annual gross employment cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    fte = TolerantDecimalField(_("FTE"), max_digits=4, decimal_places=2, default=Decimal("1"))
    hours = TolerantDecimalField(_("hours"), max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_rate = TolerantDecimalField(_("hourly rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount = TolerantDecimalField(_("amount"), max_digits=14, decimal_places=2, default=Decimal("0"))
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    quotation_reference = models.CharField(_("quotation reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["partner", "category", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description}"


class WorkPackage(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="work_packages")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    effort = models.JSONField(default=dict, blank=True)  # partner id -> person-months

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="unique_wp_number")]

    def __str__(self) -> str:
        return f"WP{self.number} {self.title}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"applications/{instance.application_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=30)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """An immutable copy of the application as submitted."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    snapshot = models.JSONField()
    pdf = models.FileField(upload_to="submissions/", blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "-number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="unique_submission_number")]

    def __str__(self) -> str:
        return f"{self.application} #{self.number}"
