"""The programme rulebook as data: every number the rules use lives here, editable in the admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .rules import ProgrammeRules, SizeThresholds


class RegionStatusChoice(models.TextChoices):
    CORE = "core", _("Core programme area")
    EXTENDED = "extended", _("Extended area (outside the Interreg core area)")
    OUTSIDE = "outside", _("Outside the programme area")


class StateAidBasis(models.TextChoices):
    DE_MINIMIS = "de_minimis", _("De minimis (Reg. (EU) 2023/2831)")
    GBER = "gber", _("GBER (Reg. (EU) 651/2014)")


class PersonnelCostMethod(models.TextChoices):
    ANNUAL_COST = "annual_cost", _("Annual gross employment cost / annual hours")
    FIXED_RATE = "fixed_rate", _("Fixed hourly rate")
    HOURLY_CAP = "hourly_cap", _("Annual cost / annual hours, with an hourly cap")
    NL_UPLIFT = "nl_uplift", _("Gross salary plus employer charges uplift / annual hours")


class Bilingual(models.Model):
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


def money_field(verbose: str, default: str) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, default=Decimal(default))


def ratio_field(verbose: str, default: str) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=5,
        decimal_places=4,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )


class Programme(Bilingual):
    code = models.SlugField(_("code"), unique=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    total_budget = money_field(_("total budget incl. co-financing"), "0")
    grant_budget = money_field(_("grant budget"), "0")
    target_projects = models.PositiveIntegerField(_("target: projects"), default=0)
    target_companies = models.PositiveIntegerField(_("target: companies"), default=0)

    # Grant arithmetic
    grant_rate = ratio_field(_("grant rate"), "0.50")
    max_grant_per_project = money_field(_("maximum grant per project"), "250000")
    max_duration_months = models.PositiveSmallIntegerField(_("maximum duration (months)"), default=24)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("days before a due date that the reminder goes out"), default=14
    )
    follow_up_survey_months = models.PositiveSmallIntegerField(
        _("months after the end of a project for the follow-up survey"), default=12
    )
    cost_share_warning = ratio_field(_("warn when one partner carries more than this share"), "0.70")
    personnel_cost_method = models.CharField(
        _("personnel cost method"),
        max_length=20,
        choices=PersonnelCostMethod.choices,
        default=PersonnelCostMethod.ANNUAL_COST,
    )
    annual_hours = models.PositiveIntegerField(_("productive hours per year"), default=1720)
    nl_employer_uplift = ratio_field(_("employer charges uplift (NL method)"), "0.32")

    # SME test (EU Recommendation 2003/361)
    medium_staff_limit = models.DecimalField(_("medium: staff below"), max_digits=8, decimal_places=2, default=250)
    medium_turnover_limit = money_field(_("medium: turnover at most"), "50000000")
    medium_balance_limit = money_field(_("medium: balance-sheet total at most"), "43000000")
    small_staff_limit = models.DecimalField(_("small: staff below"), max_digits=8, decimal_places=2, default=50)
    small_turnover_limit = money_field(_("small: turnover at most"), "10000000")
    small_balance_limit = money_field(_("small: balance-sheet total at most"), "10000000")
    micro_staff_limit = models.DecimalField(_("micro: staff below"), max_digits=8, decimal_places=2, default=10)
    micro_turnover_limit = money_field(_("micro: turnover at most"), "2000000")
    micro_balance_limit = money_field(_("micro: balance-sheet total at most"), "2000000")
    partner_holding_min = models.DecimalField(
        _("partner enterprise from holding (%)"), max_digits=5, decimal_places=2, default=25
    )
    linked_holding_above = models.DecimalField(
        _("linked enterprise above holding (%)"), max_digits=5, decimal_places=2, default=50
    )
    status_change_years = models.PositiveSmallIntegerField(
        _("consecutive years before the size class changes"), default=2
    )

    # Undertaking in difficulty
    oim_equity_ratio = ratio_field(_("in difficulty when equity is below this share of subscribed capital"), "0.50")
    oim_young_company_years = models.PositiveSmallIntegerField(_("young SME exemption (years)"), default=3)
    oim_interim_max_age_months = models.PositiveSmallIntegerField(
        _("attested interim figures at most this old (months)"), default=2
    )
    oim_exempt_legal_forms = models.JSONField(
        _("legal forms without an OIM test"),
        default=list,
        blank=True,
        help_text=_("Lower-case codes, e.g. eenmanszaak, maatschap, vzw, stichting."),
    )

    # State aid
    state_aid_basis = models.CharField(
        _("state-aid basis"), max_length=20, choices=StateAidBasis.choices, default=StateAidBasis.DE_MINIMIS
    )
    de_minimis_ceiling = money_field(_("de minimis ceiling"), "300000")
    de_minimis_window_years = models.PositiveSmallIntegerField(_("de minimis window (years)"), default=3)

    # Who may take part
    countries = models.JSONField(_("countries of the two sides"), default=list)
    eligible_region_statuses = models.JSONField(_("region statuses eligible for core partners"), default=list)
    limited_roles = models.JSONField(
        _("roles open to large companies and knowledge institutions"), default=list, blank=True
    )

    # Assessment and award
    assessment_days = models.PositiveSmallIntegerField(_("days an assessor has to score"), default=21)
    assessment_reminder_days = models.PositiveSmallIntegerField(_("remind assessors this many days before"), default=3)
    conflict_lookback_years = models.PositiveSmallIntegerField(
        _("a joint project this recent is a conflict of interest (years)"), default=3
    )
    objection_weeks = models.PositiveSmallIntegerField(_("weeks to lodge an objection"), default=6)

    # Personal data (GDPR): how long what is kept, and who answers for it on the privacy page
    rejected_application_retention_months = models.PositiveSmallIntegerField(
        _("anonymise applications that were not funded after (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Counted from the decision, the screening that found the application not eligible, or the deadline of "
            "a draft that was never submitted. Personal data in the application is then removed; figures are kept."
        ),
    )
    grant_record_retention_years = models.PositiveSmallIntegerField(
        _("keep the records of funded projects (years after 31 December of the year of the last payment)"),
        default=5,
        help_text=_("Art. 82 of Regulation (EU) 2021/1060: five years unless the programme sets a longer period."),
    )
    privacy_controller = models.TextField(
        _("controller of personal data (privacy page)"),
        blank=True,
        help_text=_("Name and address of the organisation responsible for the personal data. Empty: not stated."),
    )
    privacy_contact_email = models.EmailField(
        _("e-mail address for privacy questions"),
        blank=True,
        help_text=_("Where people send requests about their data, or the data protection officer's address."),
    )
    granting_body = models.CharField(
        _("granting body"),
        max_length=200,
        blank=True,
        help_text=_("Named on the de minimis aid the programme's grants add to each company's ledger."),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def rules(self) -> ProgrammeRules:
        """The pure-data view of this programme that the rule functions take."""
        return ProgrammeRules(
            micro=SizeThresholds(self.micro_staff_limit, self.micro_turnover_limit, self.micro_balance_limit),
            small=SizeThresholds(self.small_staff_limit, self.small_turnover_limit, self.small_balance_limit),
            medium=SizeThresholds(self.medium_staff_limit, self.medium_turnover_limit, self.medium_balance_limit),
            partner_holding_min=self.partner_holding_min,
            linked_holding_above=self.linked_holding_above,
            status_change_years=self.status_change_years,
            oim_equity_ratio=self.oim_equity_ratio,
            oim_young_company_years=self.oim_young_company_years,
            oim_interim_max_age_months=self.oim_interim_max_age_months,
            oim_exempt_legal_forms=frozenset(f.lower() for f in self.oim_exempt_legal_forms),
            state_aid_basis=self.state_aid_basis,
            de_minimis_ceiling=self.de_minimis_ceiling,
            de_minimis_window_years=self.de_minimis_window_years,
            countries=tuple(self.countries),
            eligible_region_statuses=frozenset(self.eligible_region_statuses),
            limited_roles=tuple(self.limited_roles),
            region_status_by_nuts3={rs.nuts3_id: rs.status for rs in self.region_statuses.all()},
        )

    def region_status(self, nuts3_code: str | None) -> str:
        if not nuts3_code:
            return RegionStatusChoice.OUTSIDE
        row = self.region_statuses.filter(nuts3_id=nuts3_code).first()
        return row.status if row else RegionStatusChoice.OUTSIDE


class Theme(Bilingual):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    code = models.SlugField(_("code"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_theme_code")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class CostCategory(Bilingual):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cost_categories")
    code = models.SlugField(_("code"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_cost_category_code")]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")


class Province(models.Model):
    """NUTS2: a province in both countries (Brussels and the Walloon provinces included)."""

    code = models.CharField(_("NUTS2 code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(_("country"), max_length=2)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Nuts3(models.Model):
    """NUTS3: an arrondissement (BE) or COROP region (NL)."""

    code = models.CharField(_("NUTS3 code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="nuts3_regions")

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS3 region")
        verbose_name_plural = _("NUTS3 regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RegionStatus(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="region_statuses")
    nuts3 = models.ForeignKey(Nuts3, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=10, choices=RegionStatusChoice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "nuts3"], name="unique_region_status")]
        verbose_name = _("region status")
        verbose_name_plural = _("region statuses")

    def __str__(self) -> str:
        return f"{self.nuts3_id}: {self.status}"


class CallStages(models.IntegerChoices):
    ONE = 1, _("One stage: full proposal")
    TWO = 2, _("Two stages: project idea, then an invited full proposal")


def default_sections() -> list[str]:
    return ["summary", "problem", "innovation", "workplan", "cross_border", "impact"]


def default_idea_sections() -> list[str]:
    return ["summary", "cross_border"]


def default_attachments() -> list[str]:
    return ["quotations"]


class AllocationPolicy(models.TextChoices):
    SKIP = "skip", _("Skip to the next application that fits")
    REDUCE = "reduce", _("Offer a reduced grant to the first that does not fit")
    STOP = "stop", _("Stop at the first that does not fit")


def default_tie_breakers() -> list[str]:
    return ["cross_border", "innovation", "submitted_at"]


class CallStatus(models.TextChoices):
    """Where a call stands, from its window (not stored): the secretariat's list of calls shows it."""

    DRAFT = "draft", _("Draft: not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Call(Bilingual):
    """A call for proposals: a window, a budget, the criteria grid and the rules applications follow."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="calls")
    code = models.SlugField(_("code"), unique=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("Entered and shown in Europe/Brussels time."))
    budget = money_field(_("grant budget of the call"), "0")
    stages = models.PositiveSmallIntegerField(_("stages"), choices=CallStages.choices, default=CallStages.ONE)
    themes = models.ManyToManyField(Theme, blank=True, related_name="calls", verbose_name=_("themes"))
    personnel_cost_method = models.CharField(
        _("personnel cost method"),
        max_length=20,
        choices=PersonnelCostMethod.choices,
        blank=True,
        help_text=_("Empty: the programme's method."),
    )
    hourly_cap = models.DecimalField(_("hourly cap"), max_digits=8, decimal_places=2, null=True, blank=True)
    fixed_hourly_rate = models.DecimalField(
        _("fixed hourly rate"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    required_sections = models.JSONField(_("required sections"), default=default_sections)
    required_attachments = models.JSONField(_("required attachments"), default=default_attachments, blank=True)
    idea_sections = models.JSONField(_("sections of a project idea (two-stage calls)"), default=default_idea_sections)
    full_proposal_closes_at = models.DateTimeField(
        _("full proposals close (two-stage calls)"),
        null=True,
        blank=True,
        help_text=_("Entered and shown in Europe/Brussels time. Empty: the call's closing moment."),
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Selection
    overall_threshold = models.DecimalField(
        _("overall threshold (weighted score out of 100)"), max_digits=5, decimal_places=2, default=Decimal("60")
    )
    allocation_policy = models.CharField(
        _("when the next application does not fit the budget"),
        max_length=8,
        choices=AllocationPolicy.choices,
        default=AllocationPolicy.SKIP,
    )
    reduced_grant_min_share = models.DecimalField(
        _("smallest reduced grant, as a share of the request"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    tie_breakers = models.JSONField(
        _("tie-breakers"),
        default=default_tie_breakers,
        help_text=_("Criterion codes in order, then submitted_at (earlier first)."),
    )
    assessors_per_application = models.PositiveSmallIntegerField(_("assessors per application"), default=3)
    # After the award (design decisions, "After the award"): the follow-up each grant agreement of this call gets.
    advance_share = models.DecimalField(
        _("advance, as a share of the grant"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Paid when every partner accepted the agreement. 0: no advance."),
    )
    report_interval_months = models.PositiveSmallIntegerField(
        _("months between progress reports"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    interim_report_due_months = models.PositiveSmallIntegerField(
        _("months after a period for its progress report"), default=1, validators=[MaxValueValidator(6)]
    )
    final_report_months = models.PositiveSmallIntegerField(
        _("months after the end for the final report"), default=3, validators=[MaxValueValidator(12)]
    )
    budget_shift_free_share = models.DecimalField(
        _("budget shift without approval, as a share of a partner's budget"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if self.method == PersonnelCostMethod.HOURLY_CAP and self.hourly_cap is None:
            errors["hourly_cap"] = _("The hourly-cap method needs an hourly cap.")
        if self.method == PersonnelCostMethod.FIXED_RATE and self.fixed_hourly_rate is None:
            errors["fixed_hourly_rate"] = _("The fixed-rate method needs a fixed hourly rate.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, moment: dt.datetime) -> bool:
        return self.opens_at <= moment < self.closes_at

    def status_at(self, moment: dt.datetime) -> CallStatus:
        if moment < self.opens_at:
            return CallStatus.DRAFT
        return CallStatus.OPEN if moment < self.closes_at else CallStatus.CLOSED

    @property
    def method(self) -> str:
        return self.personnel_cost_method or self.programme.personnel_cost_method

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "nl").startswith("en") else self.description_nl


class Criterion(Bilingual):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"))
    weight = models.PositiveSmallIntegerField(_("weight"))
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    threshold = models.DecimalField(_("threshold"), max_digits=5, decimal_places=2, default=5)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "order"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="unique_criterion_code")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class CallDocument(models.Model):
    """Public documents of a call: the call text, templates, guidance."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="calls/")
    language = models.CharField(
        _("language"), max_length=2, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    class Meta:
        ordering = ["call", "title"]
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")

    def __str__(self) -> str:
        return self.title
