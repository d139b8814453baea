"""Simultaneous saves and submissions: one wins, the other sees the conflict screen or the submitted application,
never a 500 (issue 9, part 8)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from crossroads.applications import services
from crossroads.applications.models import Application, ApplicationStatus, Partner, Submission
from crossroads.applications.services import drafting
from crossroads.applications.services import submission as submitting


def _another_writer_commits_first(application_pk: int):  # type: ignore[no-untyped-def]
    """Runs inside the service after it read the row: another save gets in between the read and the write."""
    original = drafting._editable

    def editable(application):  # type: ignore[no-untyped-def]
        original(application)
        Application.objects.filter(pk=application_pk).update(title="Versie A", lock_version=2)

    return mock.patch.object(drafting, "_editable", side_effect=editable)


@pytest.mark.django_db
def test_the_version_check_and_the_write_are_one_conditional_update(users, consortium):
    application = consortium["application"]
    with _another_writer_commits_first(application.pk), pytest.raises(services.ConflictError) as conflict:
        services.shared_update(actor=users["applicant"], application=application, data={"title": "Versie B"}, version=1)
    # The loser sees the winner's version; its own write never happened (its transaction is rolled back whole).
    assert conflict.value.current["title"] == "Versie A" and conflict.value.version == 2
    application.refresh_from_db()
    assert application.title != "Versie B"


@pytest.mark.django_db
def test_a_partner_part_save_that_loses_the_race_is_a_conflict(users, consortium):
    partner = consortium["partner"]
    original = drafting._editable

    def editable(application):  # type: ignore[no-untyped-def]
        original(application)
        Partner.objects.filter(pk=partner.pk).update(tasks="Versie A", lock_version=2)

    with mock.patch.object(drafting, "_editable", side_effect=editable), pytest.raises(services.ConflictError) as c:
        services.partner_update(actor=users["other_applicant"], partner=partner, data={"tasks": "Versie B"}, version=1)
    assert c.value.current["tasks"] == "Versie A" and c.value.version == 2
    assert Partner.objects.get(pk=partner.pk).tasks != "Versie B"


@pytest.mark.django_db
def test_a_locked_database_gives_the_conflict_screen_not_a_500(client, users, consortium):
    application = consortium["application"]
    client.force_login(users["applicant"])
    data = {"title": "Mijn versie", "duration_months": "24", "planned_start": application.planned_start.isoformat(),
            "version": "1"}  # fmt: skip
    with mock.patch.object(drafting, "_shared_update", side_effect=OperationalError("database is locked")):
        response = client.post(reverse("applications:shared", args=[application.pk]), data)
        assert response.status_code == 409 and 'value="Mijn versie"' in response.content.decode()
        autosave = client.post(
            reverse("applications:shared", args=[application.pk]), data, HTTP_ACCEPT="application/json"
        )
        assert autosave.status_code == 409 and autosave.json()["version"] == 1


@pytest.mark.django_db
def test_a_submission_that_loses_the_race_returns_the_winners(client, users, ready):
    application = ready["application"]
    original = submitting.application_checks

    def checks(app, **kwargs):  # type: ignore[no-untyped-def]
        result = original(app, **kwargs)
        # The other submission commits while this one is checking.
        Submission.objects.create(application=app, number=1, idempotency_key="winner", submitted_by=users["applicant"],
                                  submitted_at=app.call.opens_at, snapshot={})  # fmt: skip
        Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SUBMITTED)
        return result

    with mock.patch.object(submitting, "application_checks", side_effect=checks):
        submission = services.application_submit(
            actor=users["applicant"], application=application, idempotency_key="loser"
        )
    assert submission.idempotency_key == "winner"
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_a_locked_database_at_submission_is_a_message_not_a_500(client, users, ready):
    application = ready["application"]
    client.force_login(users["applicant"])
    with mock.patch.object(submitting, "_application_submit", side_effect=OperationalError("database is locked")):
        response = client.post(reverse("applications:submit", args=[application.pk]), {"idempotency_key": "k"})
    assert response.status_code == 302
