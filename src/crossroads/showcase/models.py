"""What the public may read beyond the whitelist of a funded project's own fields: the consortium's story (shown only
in the version the secretariat approved) and the earlier editions of the programme with their published results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the secretariat")
    APPROVED = "approved", _("Published")
    RETURNED = "returned", _("Returned for changes")


class ProjectStory(models.Model):
    """The public text of one funded project, written by the consortium.

    The consortium edits `summary`/`story`; the public only ever sees `published_summary`/`published_story`, the
    copy the secretariat approved. An edit after publication therefore waits for a new approval instead of going
    live, and withdrawing approval empties the published copy."""

    agreement = models.OneToOneField("grants.Agreement", on_delete=models.CASCADE, related_name="story")
    language = models.CharField(
        _("language of the text"), max_length=2, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    summary = models.TextField(_("public summary"), max_length=1200, blank=True)
    story = models.TextField(_("short story"), max_length=4000, blank=True)
    results = models.TextField(_("results"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    published_summary = models.TextField(blank=True)
    published_story = models.TextField(blank=True)
    published_results = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(_("note from the secretariat"), blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("project story")
        verbose_name_plural = _("project stories")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.status}"


class Edition(models.Model):
    """An earlier (or the current) edition of CrossRoads with its published results, each figure with its source.

    Figures are nullable: where the sources are silent or contradict each other the field stays empty and `notes`
    says why, rather than showing a number nobody published."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    programme_name = models.CharField(_("funding programme"), max_length=120, blank=True)
    projects = models.PositiveIntegerField(_("projects funded"), null=True, blank=True)
    companies = models.PositiveIntegerField(_("companies"), null=True, blank=True)
    grants_total = models.DecimalField(_("grants"), max_digits=14, decimal_places=2, null=True, blank=True)
    investment_total = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    notes_nl = models.TextField(_("notes (Dutch)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)  # [{figure_nl, figure_en, url}]
    is_current = models.BooleanField(_("current edition"), default=False)

    class Meta:
        ordering = ["first_year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return f"{self.name} ({self.first_year}-{self.last_year})"
