"""The whitelist selector: only contracted projects, only approved texts."""

from __future__ import annotations

import pytest
from django.utils import timezone

from crossroads.grants.models.agreement import AgreementStatus
from crossroads.showcase.models import ProjectStory, StoryStatus
from crossroads.showcase.selectors.public import public_project, public_projects

pytestmark = pytest.mark.django_db


def test_an_offered_agreement_is_not_public_a_running_one_is(agreement):
    assert public_projects() == []
    agreement.status = AgreementStatus.RUNNING
    agreement.save()
    (project,) = public_projects()
    assert project.reference == agreement.reference
    assert project.grant == agreement.grant.total
    assert {p.is_lead for p in project.partners} == {True, False}
    assert public_project(project.slug) == project


def test_a_terminated_or_renounced_project_disappears(running):
    running.status = AgreementStatus.TERMINATED
    running.save()
    assert public_projects() == []
    running.status = AgreementStatus.RUNNING
    running.save()
    running.grant.renounced_at = timezone.now()
    running.grant.save()
    assert public_projects() == [] and public_project(running.reference.lower()) is None


def test_only_the_approved_copy_of_the_story_shows(running):
    story = ProjectStory.objects.create(agreement=running, summary="Concept met geheimen", status=StoryStatus.DRAFT)
    (project,) = public_projects()
    assert project.summary == "" and "geheimen" not in repr(project)
    story.published_summary, story.published_at, story.status = "Goedgekeurde tekst", timezone.now(), "approved"
    story.save()
    (project,) = public_projects(text="Goedgekeurde")
    assert project.summary == "Goedgekeurde tekst"
    assert public_projects(text="geheimen") == []
