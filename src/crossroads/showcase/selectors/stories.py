"""Reads of the project stories for the consortium and the secretariat (never for the public: the public reads the
approved copy through `public.py`)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import ProjectStory, StoryStatus


def story_of(agreement_id: int) -> ProjectStory | None:
    return ProjectStory.objects.filter(agreement_id=agreement_id).select_related("reviewed_by").first()


def stories_waiting() -> QuerySet[ProjectStory]:
    """The secretariat's worklist: submitted stories, the oldest first."""
    return (
        ProjectStory.objects.filter(status=StoryStatus.SUBMITTED)
        .select_related("agreement__grant__application")
        .order_by("submitted_at", "pk")
    )


def stories_published() -> QuerySet[ProjectStory]:
    return (
        ProjectStory.objects.filter(published_at__isnull=False)
        .select_related("agreement__grant__application")
        .order_by("-published_at")
    )
