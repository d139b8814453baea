from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from django.utils.translation import gettext_lazy as _


class ReadableDecimalField(models.DecimalField):
    """A DecimalField whose stored values can always be read back.

    SQLite does not enforce max_digits: a figure too large for its column (1e30, stored by the bulk import before it
    validated like the forms) made Django's SQLite converter raise on every read, so the company page answered 500
    for ever. Reading with a wide enough precision shows the stored value (and the forms then refuse it on the next
    edit); the database column and its limits are unchanged (same migration state as a plain DecimalField).
    """

    @cached_property
    def context(self) -> decimal.Context:
        # Wide enough to quantize any float SQLite can hold (up to ~1.8e308) to the field's decimal places.
        return decimal.Context(prec=max(self.max_digits or 0, 320) + (self.decimal_places or 0))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, float):  # a float assigned in code keeps the column's precision, as in Django
            value = decimal.Context(prec=self.max_digits).create_decimal_from_float(value)
        return super().to_python(value)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class Country(models.TextChoices):
    BE = "BE", _("Belgium")
    NL = "NL", _("Netherlands")


class MemberState(models.TextChoices):
    """Country of registration of a company or a related party, and the Member State that granted an aid.

    The platform's applicants are Belgian or Dutch (`Country`); related enterprises and aid may be from elsewhere.
    "XX" (ISO 3166 user-assigned) stands for any other country.
    """

    BE = "BE", _("Belgium")
    NL = "NL", _("Netherlands")
    DE = "DE", _("Germany")
    FR = "FR", _("France")
    LU = "LU", _("Luxembourg")
    OTHER = "XX", _("other country")


class PartyKind(models.TextChoices):
    """What a company record stands for: an enterprise, or a holder that is not one (Annex Art. 3(3)-(4))."""

    ENTERPRISE = "enterprise", _("Enterprise")
    NATURAL_PERSON = "natural_person", _("Natural person")
    PUBLIC_BODY = "public_body", _("Public body")


class InvestorType(models.TextChoices):
    """The investors of Annex Art. 3(2) second subparagraph, whose 25-50 % stake does not make them partners."""

    NONE = "", _("not an exempt investor")
    PUBLIC_INVESTMENT = "public_investment", _("Public investment corporation")
    VENTURE_CAPITAL = "venture_capital", _("Venture capital company")
    BUSINESS_ANGEL = "business_angel", _("Business angel")
    RESEARCH = "research", _("University or non-profit research centre")
    INSTITUTIONAL = "institutional", _("Institutional investor or regional development fund")
    LOCAL_AUTHORITY = "local_authority", _("Autonomous local authority")


class CompanyRole(models.TextChoices):
    SME = "sme", _("Company (SME applicant)")
    LARGE = "large", _("Large company")
    KNOWLEDGE = "knowledge", _("Knowledge institution")


class Company(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=30, blank=True)
    country = models.CharField(_("country of registration"), max_length=2, choices=MemberState.choices)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=20,
        blank=True,
        help_text=_("Belgium: KBO/BCE number (0123.456.789). Netherlands: KvK number (8 digits)."),
    )
    foreign_identifier = models.CharField(
        _("identifier abroad"),
        max_length=60,
        blank=True,
        help_text=_("For an enterprise registered outside Belgium and the Netherlands, e.g. HRB 12345 or SIREN."),
    )
    kind = models.CharField(_("kind of holder"), max_length=16, choices=PartyKind.choices, default=PartyKind.ENTERPRISE)
    investor_type = models.CharField(
        _("exempt investor"), max_length=20, choices=InvestorType.choices, default=InvestorType.NONE, blank=True
    )
    local_authority_budget = ReadableDecimalField(
        _("annual budget of the local authority"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    local_authority_inhabitants = models.PositiveIntegerField(
        _("inhabitants of the local authority"), null=True, blank=True
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    role = models.CharField(
        _("kind of organisation"), max_length=12, choices=CompanyRole.choices, default=CompanyRole.SME
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("activities"), blank=True)
    description_en = models.TextField(_("activities (English)"), blank=True)
    themes = models.ManyToManyField("programme.Theme", blank=True, related_name="companies", verbose_name=_("themes"))
    is_fictional = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="unique_enterprise_number",
            )
        ]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name with its legal form, shown once ("Kempense Warmtenet BV", never "... BV BV")."""
        from .naming import name_with_legal_form

        return name_with_legal_form(self.legal_name, self.legal_form)

    @property
    def project_establishment(self) -> Establishment | None:
        """The establishment that carries out projects; the registered office when none is marked."""
        establishments = list(self.establishments.all())
        for est in establishments:
            if est.is_project_site:
                return est
        for est in establishments:
            if est.is_registered_office:
                return est
        return establishments[0] if establishments else None


class Establishment(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="establishments")
    name = models.CharField(_("name"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    nuts3 = models.ForeignKey(
        "programme.Nuts3",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="establishments",
        verbose_name=_("NUTS3 region"),
    )
    is_registered_office = models.BooleanField(_("registered office"), default=False)
    is_project_site = models.BooleanField(_("carries out the project"), default=False)

    class Meta:
        ordering = ["-is_project_site", "-is_registered_office", "city"]
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")

    def __str__(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class NaceCode(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="nace_codes")
    code = models.CharField(_("NACE code"), max_length=10)
    revision = models.CharField(_("NACE revision"), max_length=5, default="2.0")
    is_main = models.BooleanField(_("main activity"), default=False)

    class Meta:
        ordering = ["-is_main", "code"]
        constraints = [models.UniqueConstraint(fields=["company", "code", "revision"], name="unique_company_nace")]
        verbose_name = _("NACE code")
        verbose_name_plural = _("NACE codes")

    def __str__(self) -> str:
        return f"{self.code} (NACE {self.revision})"


def money(verbose: StrOrPromise, *, optional: bool = False) -> models.DecimalField:
    return ReadableDecimalField(verbose, max_digits=16, decimal_places=2, null=optional, blank=optional)


class FinancialYear(models.Model):
    """Figures of one financial year: closed accounts, or attested interim figures for the OIM test."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="financial_years")
    year = models.PositiveSmallIntegerField(
        _("financial year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    staff_fte = ReadableDecimalField(
        _("staff (FTE)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    annual_work_units = ReadableDecimalField(
        _("annual work units (AWU)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Full-time staff for the whole year count as one unit; part-time and seasonal work as fractions. "
            "Leave out apprentices, students in vocational training and staff on maternity or parental leave."
        ),
    )
    turnover = money(_("turnover"))
    balance_sheet_total = money(_("balance-sheet total"))
    equity = money(_("equity"))
    subscribed_capital = money(_("subscribed capital (incl. share premium)"))
    is_interim = models.BooleanField(_("interim figures"), default=False)
    attested_on = models.DateField(_("attested on"), null=True, blank=True)
    attested_by = models.CharField(_("attested by (auditor or accountant)"), max_length=200, blank=True)
    is_estimate = models.BooleanField(
        _("good-faith estimate"),
        default=False,
        help_text=_("A new enterprise without closed accounts estimates the current year in good faith (Art. 4(3))."),
    )
    collective_insolvency = models.BooleanField(
        _("in collective insolvency proceedings or meeting their criteria"), default=False
    )
    rescue_aid_outstanding = models.BooleanField(_("rescue aid not yet repaid"), default=False)
    restructuring_aid_running = models.BooleanField(_("restructuring plan still running"), default=False)
    book_debt = money(_("book debt"), optional=True)
    ebitda = money(_("EBITDA"), optional=True)
    interest_expense = money(_("interest expense"), optional=True)

    class Meta:
        ordering = ["company", "-year"]
        constraints = [models.UniqueConstraint(fields=["company", "year", "is_interim"], name="unique_financial_year")]
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")

    def __str__(self) -> str:
        return f"{self.company} {self.year}{' (interim)' if self.is_interim else ''}"


class MarketRelation(models.TextChoices):
    """Whether enterprises linked through persons are on the same or adjacent markets (Art. 3(3) last subpar.)."""

    BY_NACE = "", _("decide by NACE codes")
    SAME = "same", _("same or adjacent market as the applicant")
    OTHER = "other", _("another market")


class AidOrigin(models.TextChoices):
    OWN = "own", _("granted to this undertaking")
    MERGED = "merged", _("taken over in a merger or acquisition")
    SPLIT = "split", _("allocated on a split")


class Holding(models.Model):
    """`owner` holds `percent` of the capital or voting rights of `owned`."""

    owner = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="holdings_out", verbose_name=_("holder"))
    owned = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="holdings_in", verbose_name=_("held enterprise")
    )
    percent = ReadableDecimalField(
        _("share of capital (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    voting_percent = ReadableDecimalField(
        _("share of voting rights (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Leave empty when equal to the share of capital. The higher of the two counts."),
    )
    has_control = models.BooleanField(
        _("dominant influence by contract or statutes"),
        default=False,
        help_text=_("Tick when the holder controls the enterprise by a contract or a clause in its statutes."),
    )
    appoints_board_majority = models.BooleanField(_("may appoint or remove the majority of the board"), default=False)
    controls_votes_by_agreement = models.BooleanField(
        _("controls the majority of voting rights by agreement with other shareholders"), default=False
    )
    acting_jointly_group = models.CharField(
        _("acting jointly with (group label)"),
        max_length=60,
        blank=True,
        help_text=_("Give holders who act jointly the same label, e.g. the family name."),
    )
    market_relation = models.CharField(
        _("market of the held enterprise"),
        max_length=10,
        choices=MarketRelation.choices,
        default=MarketRelation.BY_NACE,
        blank=True,
    )
    invested_amount = money(_("total amount invested by the holder"), optional=True)
    started_on = models.DateField(_("held since"), null=True, blank=True)
    ended_on = models.DateField(_("held until"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "owned"], name="unique_holding"),
            models.CheckConstraint(condition=~models.Q(owner=models.F("owned")), name="holding_not_self"),
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(ended_on__isnull=True)
                | models.Q(started_on__lte=models.F("ended_on")),
                name="holding_starts_before_it_ends",
            ),
        ]
        verbose_name = _("holding")
        verbose_name_plural = _("holdings")

    def __str__(self) -> str:
        from crossroads.core.formatting import format_percent

        return f"{self.owner} → {self.owned} ({format_percent(self.percent)})"


class DeMinimisAid(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="de_minimis_aid")
    granted_on = models.DateField(_("date granted"))
    amount = ReadableDecimalField(
        _("amount (gross grant equivalent)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    granting_body = models.CharField(_("granting body"), max_length=200)
    description = models.CharField(_("description"), max_length=255, blank=True)
    member_state = models.CharField(
        _("granting Member State"),
        max_length=2,
        choices=MemberState.choices,
        blank=True,
        help_text=_("Leave empty when it is the company's own country."),
    )
    origin = models.CharField(_("origin"), max_length=8, choices=AidOrigin.choices, default=AidOrigin.OWN)
    origin_source = models.CharField(_("undertaking it came from"), max_length=200, blank=True)

    class Meta:
        ordering = ["-granted_on"]
        verbose_name = _("de minimis aid")
        verbose_name_plural = _("de minimis aid")

    def __str__(self) -> str:
        return f"{self.granting_body} {self.granted_on} €{self.amount}"


class MembershipRole(models.TextChoices):
    MANAGER = "manager", _("Manager (can invite colleagues)")
    MEMBER = "member", _("Member")


class CompanyMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "company"], name="unique_membership")]
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


class Invitation(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"


class ImportBatch(models.Model):
    """An uploaded CSV/XLSX of companies, parsed and checked, waiting to be committed all at once."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)
