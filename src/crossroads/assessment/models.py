"""Screening, assessors, conflicts of interest, assignments, scores, consensus, frozen rankings, decisions,
objections and grants. Statuses change only through services (see states.py for the allowed transitions)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Completeness(models.TextChoices):
    PENDING = "pending", _("Not screened yet")
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Incomplete: items requested")


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class Screening(models.Model):
    """The secretariat's screening of one submitted application: completeness first, then eligibility."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="screening")
    completeness = models.CharField(max_length=12, choices=Completeness.choices, default=Completeness.PENDING)
    missing_items = models.TextField(_("missing items"), blank=True)
    missing_deadline = models.DateTimeField(_("deadline for the missing items"), null=True, blank=True)
    eligibility = models.CharField(max_length=12, choices=Eligibility.choices, default=Eligibility.PENDING)
    ineligible_reason = models.TextField(_("reason"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.application}: {self.completeness}/{self.eligibility}"


class AssessorProfile(models.Model):
    """An external expert in the pool: expertise for the assignment, links for the conflict checks."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile")
    country = models.CharField(_("country"), max_length=2, choices=[("BE", _("Belgium")), ("NL", _("Netherlands"))])
    themes = models.ManyToManyField("programme.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    expertise = models.TextField(
        _("expertise and technologies"), help_text=_("What you know well, in a few sentences: sectors, technologies.")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    max_load = models.PositiveSmallIntegerField(_("most applications per call"), default=8)
    employer = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("employer"),
    )
    interests = models.ManyToManyField(
        "companies.Company",
        blank=True,
        related_name="+",
        verbose_name=_("shareholdings and board seats"),
        help_text=_("Companies in which you hold shares or a mandate."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["user__email"]
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email


class ConflictDeclaration(models.Model):
    """The assessor's own statement, made before seeing anything of the application."""

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    has_conflict = models.BooleanField(_("I have a conflict of interest"))
    explanation = models.TextField(_("explanation"), blank=True)
    declared_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessor", "application"], name="one_declaration")]
        verbose_name = _("declaration of interests")
        verbose_name_plural = _("declarations of interests")

    def __str__(self) -> str:
        return f"{self.assessor} / {self.application_id}: {'conflict' if self.has_conflict else 'none'}"


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INVITED = "invited", _("Invited")
    DECLINED = "declined", _("Declined (conflict of interest)")
    SUBMITTED = "submitted", _("Scores submitted")
    CANCELLED = "cancelled", _("Cancelled")


class Assignment(models.Model):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    status = models.CharField(max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.PROPOSED)
    fit = models.FloatField(default=0.0)  # expertise fit from the matching engine, for the proposal
    due_date = models.DateField(_("due date"), null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "assessor__email"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"], name="one_assignment")]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.assessor} -> {self.application_id} ({self.status})"


class Score(models.Model):
    """One assessor's score on one criterion, with the justification that is mandatory."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("programme.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    justification = models.TextField(_("justification"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.criterion_id}: {self.score}"


class ConsensusScore(models.Model):
    """The committee's score per criterion, with its rationale; the ranking uses these."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="consensus")
    criterion = models.ForeignKey("programme.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("consensus score"), max_digits=4, decimal_places=1)
    rationale = models.TextField(_("rationale"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "criterion"], name="one_consensus")]
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")

    def __str__(self) -> str:
        return f"{self.application_id}/{self.criterion_id}: {self.score}"


class Ranking(models.Model):
    """A frozen ranking of a call: the rules it was made with and every application's place and grant."""

    call = models.ForeignKey("programme.Call", on_delete=models.PROTECT, related_name="rankings")
    budget = models.DecimalField(max_digits=14, decimal_places=2)
    policy = models.CharField(max_length=8)
    overall_threshold = models.DecimalField(max_digits=5, decimal_places=2)
    thresholds = models.JSONField(default=dict)  # criterion code -> threshold
    entries = models.JSONField(default=list)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    frozen_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-frozen_at"]
        verbose_name = _("frozen ranking")
        verbose_name_plural = _("frozen rankings")

    def __str__(self) -> str:
        return f"{self.call.code} {self.frozen_at:%Y-%m-%d %H:%M}"


class AssessmentOverride(models.Model):
    """The secretariat's recorded decision to go on with an application whose assessment does not meet the call's
    rules (too few completed assessments, a country not represented), with the reason. Append-only."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="assessment_overrides"
    )
    reason = models.TextField(_("reason"))
    shortfalls = models.JSONField(default=list)  # the rules not met when it was recorded, in words
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("override of the assessment rules")
        verbose_name_plural = _("overrides of the assessment rules")

    def __str__(self) -> str:
        return f"{self.application_id}: override {self.recorded_at:%Y-%m-%d}"


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    APPROVE_CONDITIONS = "approve_conditions", _("Approved with conditions")
    REJECT = "reject", _("Rejected")
    RESERVE = "reserve", _("Reserve list")


class Decision(models.Model):
    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="decision")
    ranking = models.ForeignKey(Ranking, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    reasons = models.TextField(_("reasons"))
    granted = models.DecimalField(_("grant"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    reserve_position = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(_("language of the letter"), max_length=2, default="nl")
    letter = models.FileField(upload_to="decisions/", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    objection_deadline = models.DateTimeField()
    # An upheld objection reopens the decision: the application is back on the decision list until a new decision
    # is recorded on this same record (the trail keeps the earlier outcome).
    reopened_at = models.DateTimeField(_("reopened after an objection"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.outcome}"

    @property
    def approved(self) -> bool:
        return self.outcome in (Outcome.APPROVE, Outcome.APPROVE_CONDITIONS)

    def objection_open(self, moment: dt.datetime) -> bool:
        """The deadline is shown as 23:59:59 of its day; the whole of that last second still counts."""
        return moment < self.objection_deadline + dt.timedelta(seconds=1)


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Objection(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="objections")
    lodged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("grounds of the objection"))
    lodged_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED)
    resolution_reason = models.TextField(_("reason of the outcome"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-lodged_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.decision}: {self.status}"


class Grant(models.Model):
    """What an approval creates: the project grant and each partner's share (the follow-up works on these)."""

    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="grant")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="grant")
    total = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField()
    renounced_at = models.DateTimeField(null=True, blank=True)  # the partners gave it up: the money goes back

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.application} € {self.total}"


class GrantShare(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="shares")
    partner = models.ForeignKey("applications.Partner", on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="grant_shares")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MaxValueValidator(Decimal("1e10"))])
    de_minimis = models.OneToOneField(
        "companies.DeMinimisAid", null=True, blank=True, on_delete=models.SET_NULL, related_name="grant_share"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grant", "partner"], name="one_share_per_partner")]
        verbose_name = _("grant share")
        verbose_name_plural = _("grant shares")

    def __str__(self) -> str:
        return f"{self.company}: € {self.amount}"
