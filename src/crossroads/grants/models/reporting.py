"""What the consortium reports: one period after another, each with a progress report and a claim per partner."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.applications.models import CostCategoryCode

from .agreement import Agreement, AgreementPartner
from .fields import money


class PeriodKind(models.TextChoices):
    INTERIM = "interim", _("Progress report")
    FINAL = "final", _("Final report")


class ReportingPeriod(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("period"))
    kind = models.CharField(_("kind"), max_length=8, choices=PeriodKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    due_on = models.DateField(_("due"))

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="one_period_number")]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return f"{self.agreement} #{self.number}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for completion")


class PrototypeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DESIGN = "design", _("In design")
    BUILDING = "building", _("Prototype being built")
    TESTING = "testing", _("Prototype being tested")
    DEMONSTRATED = "demonstrated", _("Demonstrated")


class ProgressReport(models.Model):
    """Written by the lead for the consortium; light on purpose (a small company has no project office)."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    work_done = models.JSONField(default=dict, blank=True)  # work package number (str) -> text
    deviations = models.TextField(_("deviations from the plan"), blank=True)
    milestones = models.TextField(_("milestones reached"), blank=True)
    prototype_status = models.CharField(
        _("prototype or demonstration"), max_length=12, choices=PrototypeStatus.choices, blank=True
    )
    indicator_values = models.JSONField(default=dict, blank=True)  # indicator code -> value (string, exact)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("comment of the secretariat"), blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return str(self.period)


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for verification")
    RETURNED = "returned", _("Returned for completion")
    VERIFIED = "verified", _("Verified, waiting for payment approval")
    APPROVED = "approved", _("Payment approved")


class CostClaim(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="claims")
    agreement_partner = models.ForeignKey(AgreementPartner, on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    created_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(_("note of the verification"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["period", "agreement_partner"]
        constraints = [models.UniqueConstraint(fields=["period", "agreement_partner"], name="one_claim_per_period")]
        verbose_name = _("cost claim")
        verbose_name_plural = _("cost claims")

    def __str__(self) -> str:
        return f"{self.period} {self.agreement_partner}"


class LineDecision(models.TextChoices):
    PENDING = "pending", _("Not verified yet")
    ACCEPTED = "accepted", _("Accepted")
    REDUCED = "reduced", _("Reduced")
    REJECTED = "rejected", _("Rejected")


class ClaimLine(models.Model):
    claim = models.ForeignKey(CostClaim, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=12, choices=CostCategoryCode.choices)
    description = models.CharField(_("description"), max_length=200)
    # Personnel: who, which months, how many hours at which rate.
    person = models.CharField(_("person"), max_length=120, blank=True)
    work_from = models.DateField(_("worked from"), null=True, blank=True)
    work_to = models.DateField(_("worked until"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    annual_cost = models.DecimalField(
        _("annual gross employment cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Consumables and external costs: the invoice.
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    amount = money(_("amount claimed"))
    # Verification by finance.
    decision = models.CharField(
        _("verification"), max_length=10, choices=LineDecision.choices, default=LineDecision.PENDING
    )
    accepted_amount = money(_("accepted amount"), default=None, null=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "category", "id"]
        verbose_name = _("claim line")
        verbose_name_plural = _("claim lines")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description}"


class DocumentKind(models.TextChoices):
    TIMESHEET = "timesheet", _("Timesheet")
    INVOICE = "invoice", _("Invoice")
    PROOF_OF_PAYMENT = "proof_of_payment", _("Proof of payment")
    OTHER = "other", _("Other supporting document")


def claim_document_path(instance: ClaimDocument, filename: str) -> str:
    return f"claims/{instance.line.claim_id}/{instance.sha256[:16]}-{filename[-80:]}"


class ClaimDocument(models.Model):
    line = models.ForeignKey(ClaimLine, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    file = models.FileField(upload_to=claim_document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)  # the same timesheet or invoice is never paid twice
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["line", "kind", "id"]
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return self.original_name
