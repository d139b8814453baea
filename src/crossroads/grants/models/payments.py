"""Money to the partners: payments proposed by verification, approved by a second person, ordered in a SEPA file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreement import AgreementPartner, BankAccount
from .fields import money
from .reporting import CostClaim


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    INTERIM = "interim", _("Interim payment")
    FINAL = "final", _("Final payment (balance)")
    RECOVERY = "recovery", _("Recovery of an overpayment")


class PaymentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    APPROVED = "approved", _("Approved, waiting for the payment order")
    ORDERED = "ordered", _("Ordered")
    PAID = "paid", _("Paid")
    RETURNED = "returned", _("Returned by the bank")
    CANCELLED = "cancelled", _("Cancelled")
    # A recovery is money the partner pays back.
    RECOVERY_REQUESTED = "to_recover", _("Repayment requested")
    RECOVERED = "recovered", _("Repaid")


class PaymentOrder(models.Model):
    """One SEPA credit-transfer file (pain.001) with the approved payments it orders."""

    message_id = models.CharField(max_length=35, unique=True)
    execution_date = models.DateField(_("execution date"))
    total = money(_("total"))
    count = models.PositiveIntegerField(_("payments"))
    xml = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")

    def __str__(self) -> str:
        return self.message_id


class Payment(models.Model):
    agreement_partner = models.ForeignKey(AgreementPartner, on_delete=models.PROTECT, related_name="payments")
    claim = models.ForeignKey(CostClaim, null=True, blank=True, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=10, choices=PaymentKind.choices)
    amount = money(_("amount"))
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices)
    explanation = models.TextField(_("explanation"), blank=True)  # what the partner reads: why this amount
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    order = models.ForeignKey(PaymentOrder, null=True, blank=True, on_delete=models.PROTECT, related_name="payments")
    bank_account = models.ForeignKey(
        BankAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    end_to_end_id = models.CharField(max_length=35, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    return_reason = models.TextField(_("reason of the return"), blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.agreement_partner}: {self.get_kind_display()} € {self.amount}"
