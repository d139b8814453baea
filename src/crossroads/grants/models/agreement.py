"""The grant agreement: made from the approval, accepted by each partner, with its budget versions and amendments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossroads.applications.models import CostCategoryCode

from .fields import money


class AgreementStatus(models.TextChoices):
    OFFERED = "offered", _("Waiting for the partners to accept")
    RUNNING = "running", _("Running")
    CLOSING = "closing", _("Closing (final report and settlement)")
    CLOSED = "closed", pgettext_lazy("grant agreement", "Closed")
    TERMINATED = "terminated", _("Terminated")


class Agreement(models.Model):
    """One per approved grant. Dates, conditions and schedules are copied from the decision and the call when it
    is made, so a later change of the call does not rewrite a signed agreement."""

    grant = models.OneToOneField("assessment.Grant", on_delete=models.PROTECT, related_name="agreement")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.OFFERED
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    conditions = models.TextField(_("conditions"), blank=True)
    advance_share = models.DecimalField(_("advance, as a share of the grant"), max_digits=5, decimal_places=4)
    report_interval_months = models.PositiveSmallIntegerField(_("months between progress reports"))
    interim_report_due_months = models.PositiveSmallIntegerField(_("months after a period for its progress report"))
    final_report_months = models.PositiveSmallIntegerField(_("months after the end for the final report"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted by every partner"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")

    def __str__(self) -> str:
        return self.reference


class AgreementPartner(models.Model):
    """A company in the agreement. `partner` is its part of the application; a company that joined by amendment
    has none."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        "applications.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="agreement_partners")
    grant_share = models.OneToOneField(
        "assessment.GrantShare", null=True, blank=True, on_delete=models.PROTECT, related_name="agreement_partner"
    )
    is_lead = models.BooleanField(_("lead partner"), default=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["-is_lead", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "company"], name="one_agreement_partner")]
        verbose_name = _("partner in the agreement")
        verbose_name_plural = _("partners in the agreement")

    def __str__(self) -> str:
        return str(self.company)


class VersionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded")


class BudgetVersion(models.Model):
    """The approved budget and grants of the agreement. Version 1 is the application's budget at the decision;
    each amendment proposes the next. Checks and payments follow the approved version that is not superseded."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices)
    end_date = models.DateField(_("end"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="one_version_number")]
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class BudgetVersionLine(models.Model):
    """Eligible cost of one partner in one category, in one version."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    agreement_partner = models.ForeignKey(AgreementPartner, on_delete=models.PROTECT, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=12, choices=CostCategoryCode.choices)
    eligible = money(_("eligible costs"))

    class Meta:
        ordering = ["version", "agreement_partner", "category"]
        constraints = [
            models.UniqueConstraint(fields=["version", "agreement_partner", "category"], name="one_version_line")
        ]
        verbose_name = _("budget line of a version")
        verbose_name_plural = _("budget lines of a version")

    def __str__(self) -> str:
        return f"{self.version} {self.category}: {self.eligible}"


class BudgetVersionShare(models.Model):
    """A partner's grant in one version (never more than the share of its eligible costs, never more in total
    than the project grant of that version)."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="shares")
    agreement_partner = models.ForeignKey(AgreementPartner, on_delete=models.PROTECT, related_name="version_shares")
    grant = money(_("grant"))

    class Meta:
        ordering = ["version", "agreement_partner"]
        constraints = [models.UniqueConstraint(fields=["version", "agreement_partner"], name="one_version_share")]
        verbose_name = _("grant of a partner in a version")
        verbose_name_plural = _("grants of partners in a version")

    def __str__(self) -> str:
        return f"{self.version} {self.agreement_partner}: {self.grant}"


class AmendmentKind(models.TextChoices):
    BUDGET_SHIFT = "budget_shift", _("Budget shift")
    PARTNER_LEAVE = "partner_leave", _("A partner leaves")
    PARTNER_JOIN = "partner_join", _("A partner joins")
    EXTENSION = "extension", _("Extension of the project period")


class AmendmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Amendment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=14, choices=AmendmentKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=AmendmentStatus.choices)
    version = models.OneToOneField(BudgetVersion, on_delete=models.PROTECT, related_name="amendment")
    reason = models.TextField(_("reason"))
    details = models.JSONField(default=dict, blank=True)  # e.g. the partner who leaves, the new end date
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    needs_approval = models.BooleanField(default=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.get_kind_display()}"


class BankAccountStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a second person's approval")
    ACTIVE = "active", _("In use")
    SUPERSEDED = "superseded", _("Replaced")
    REFUSED = "refused", _("Refused")


class BankAccount(models.Model):
    """Where a partner's payments go. The first account is in use at once; a change waits until a second person
    (not the one who asked) approves it, so one stolen login cannot redirect a grant."""

    agreement_partner = models.ForeignKey(AgreementPartner, on_delete=models.CASCADE, related_name="bank_accounts")
    holder = models.CharField(_("account holder"), max_length=140)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11)
    status = models.CharField(_("status"), max_length=10, choices=BankAccountStatus.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.holder} {self.iban}"
