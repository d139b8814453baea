from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ADVISER = "adviser", _("Innovation adviser")
    SECRETARIAT = "secretariat", _("Programme secretariat")
    ASSESSOR = "assessor", _("Assessor")
    FINANCE = "finance", _("Finance")
    ADMIN = "admin", _("Administrator")


# Everyone except applicants works with other people's data and must use a second factor.
STAFF_ROLES = frozenset({Role.ADVISER, Role.SECRETARIAT, Role.ASSESSOR, Role.FINANCE, Role.ADMIN})
# Who runs the programme: sees every company and application, screens, ranks and decides.
PROGRAMME_STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
# Who may see companies beyond their own: advisers (their region) and programme staff.
COMPANY_VIEWER_ROLES = frozenset({Role.ADVISER, *PROGRAMME_STAFF_ROLES})
# Who may use matchmaking.
MATCHMAKING_ROLES = frozenset({Role.APPLICANT, *COMPANY_VIEWER_ROLES})
# Who sees the programme's figures (KPIs, funnel, indicators): not applicants, not assessors.
INSIGHT_ROLES = frozenset({Role.ADVISER, Role.FINANCE, *PROGRAMME_STAFF_ROLES})


class PartnerOrganisation(models.Model):
    """One of the seven organisations that run the programme together."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(
        _("country"), max_length=2, choices=[("BE", _("Belgium")), ("NL", _("Netherlands"))], blank=True
    )
    website = models.URLField(_("website"), blank=True)
    # The public "find my adviser" page shows these, never a staff member's own address unless they agreed to it.
    public_email = models.EmailField(_("public e-mail address"), blank=True)
    public_phone = models.CharField(_("public telephone number"), max_length=30, blank=True)
    provinces = models.ManyToManyField(
        "programme.Province", blank=True, related_name="agencies", verbose_name=_("provinces served")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    agency = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("partner organisation"),
    )
    covered_provinces = models.ManyToManyField(
        "programme.Province",
        blank=True,
        related_name="advisers",
        verbose_name=_("provinces covered"),
        help_text=_("Empty means: all provinces of the partner organisation."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    listed_publicly = models.BooleanField(
        _("named on the public site"),
        default=False,
        help_text=_("An adviser who agreed to be named (with their work e-mail address) by the public adviser finder."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} <{self.email}>" if full else self.email

    @property
    def is_staff_role(self) -> bool:
        """Works with other people's data, so must pass a second factor."""
        return self.role in STAFF_ROLES

    @property
    def is_programme_staff(self) -> bool:
        """The secretariat or an administrator: the one predicate for "runs the programme"."""
        return self.role in PROGRAMME_STAFF_ROLES

    @property
    def is_adviser(self) -> bool:
        return self.role == Role.ADVISER

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    def province_codes(self) -> set[str]:
        """NUTS2 codes an adviser covers: their own list, else their agency's."""
        own = set(self.covered_provinces.values_list("code", flat=True))
        if own or self.agency_id is None:
            return own
        return set(self.agency.provinces.values_list("code", flat=True))
