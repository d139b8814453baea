from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")


class TitleKind(models.TextChoices):
    """What a profile's title announces, shown before it in the reader's language ("Wanted: ...")."""

    OFFER = "offer", _("On offer")
    SEEK = "seek", _("Wanted")


# The title with its announcement, per kind: one translated sentence each (the word order is the language's).
TITLE_FORMATS = {
    TitleKind.OFFER: _("On offer: %(title)s"),
    TitleKind.SEEK: _("Wanted: %(title)s"),
}

LANGUAGE_CHOICES = [("nl", _("Dutch")), ("en", _("English")), ("fr", _("French")), ("de", _("German"))]


class CooperationProfile(models.Model):
    """What a company offers and what partner it seeks, for one idea or in general."""

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="cooperation_profiles")
    # What URLs, the API, suggestions and e-mails call the profile. The sequential pk would tell who is behind an
    # anonymous profile (profiles are created right after their company, so their pks run alongside).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=160)
    title_kind = models.CharField(
        _("the title announces"),
        max_length=5,
        choices=TitleKind.choices,
        blank=True,
        help_text=_("Shown before the title in the reader's language, for example “Wanted: …”."),
    )
    offers = models.TextField(
        _("what we offer"),
        blank=True,
        help_text=_("Competences, technologies, facilities: one per line."),
    )
    seeks = models.TextField(
        _("what partner we seek"), blank=True, help_text=_("The partner you are looking for and why: one per line.")
    )
    idea = models.TextField(_("project idea"), blank=True)
    themes = models.ManyToManyField("programme.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Your company's name stays hidden until you accept an expression of interest."),
    )
    status = models.CharField(_("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("cooperation profile")
        verbose_name_plural = _("cooperation profiles")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title as people read it, with what it announces in the active language."""
        template = TITLE_FORMATS.get(self.title_kind)  # type: ignore[call-overload]
        return str(template) % {"title": self.title} if template else self.title

    @property
    def languages_display(self) -> str:
        """The working languages by name ("Dutch, English"), never by their codes."""
        names = dict(LANGUAGE_CHOICES)
        return ", ".join(str(names[code]) for code in self.languages or () if code in names)

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED

    @property
    def offer_list(self) -> list[str]:
        return lines(self.offers)

    @property
    def seek_list(self) -> list[str]:
        return lines(self.seeks)

    @property
    def index_key(self) -> str:
        """The engine's (internal) key; never shown to users: see `public_key`."""
        return f"p:{self.pk}"

    @property
    def ref(self) -> str:
        """The opaque reference in URLs and API answers."""
        return self.public_id.hex

    @property
    def public_key(self) -> str:
        return f"p:{self.ref}"


class Embedding(models.Model):
    """The matchable form of a company ('c:<id>') or cooperation profile ('p:<id>'): its engine profile and its
    sentence vectors, stored with the encoder that made them. The in-memory index syncs from this table."""

    key = models.CharField(max_length=32, unique=True)
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    active = models.BooleanField(default=True)
    encoder = models.CharField(max_length=64)
    version = models.CharField(max_length=32)
    text_hash = models.CharField(max_length=64)
    profile = models.JSONField()  # MatchProfile fields
    query_sentences = models.JSONField(default=list)
    passage_sentences = models.JSONField(default=list)
    has_seeks = models.BooleanField(default=False)
    query_vectors = models.BinaryField()
    passage_vectors = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")

    def __str__(self) -> str:
        return f"{self.key} ({self.encoder} {self.version})"


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class ExpressionOfInterest(models.Model):
    sender_company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="interests_sent")
    sender_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    target_company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="interests_received")
    target_profile = models.ForeignKey(
        CooperationProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="interests"
    )
    message = models.TextField(_("message"))
    # Frozen when sent: the addressee stays anonymous to the sender even if the profile is deleted later.
    target_anonymous = models.BooleanField(default=False, editable=False)
    status = models.CharField(max_length=10, choices=InterestStatus.choices, default=InterestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    # Who answered for the addressee: the contact person the sender is given once accepted.
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return f"{self.sender_company} → {self.target_company} ({self.status})"

    @property
    def target_is_anonymous(self) -> bool:
        return self.target_anonymous or bool(self.target_profile and self.target_profile.is_anonymous)


class IntroductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONTACTED = "contacted", _("Companies in contact")
    MEETING = "meeting", _("Meeting held")
    CONSORTIUM = "consortium", _("Consortium formed")
    APPLICATION = "application", _("Application submitted")
    CLOSED = "closed", _("Closed without result")


class Introduction(models.Model):
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="introductions")
    company_a = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    company_b = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("note to both companies"))
    status = models.CharField(
        _("outcome"), max_length=12, choices=IntroductionStatus.choices, default=IntroductionStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self) -> str:
        return f"{self.company_a} ↔ {self.company_b}"


class ReplyStatus(models.TextChoices):
    WAITING = "waiting", _("No answer yet")
    INTERESTED = "interested", _("Interested")
    NOT_INTERESTED = "not_interested", _("Not interested")


class IntroductionReply(models.Model):
    """One company's answer to an introduction. Contact details are exchanged only when both are interested."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="replies")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("answer"), max_length=14, choices=ReplyStatus.choices, default=ReplyStatus.WAITING)
    note = models.TextField(_("note to the adviser"), blank=True)
    phone = models.CharField(_("telephone number for the other company"), max_length=40, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["introduction", "pk"]
        constraints = [models.UniqueConstraint(fields=["introduction", "company"], name="unique_introduction_reply")]
        verbose_name = _("answer to an introduction")
        verbose_name_plural = _("answers to introductions")

    def __str__(self) -> str:
        return f"{self.company} – {self.introduction} ({self.status})"


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("search text"), max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
