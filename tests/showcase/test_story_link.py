"""The agreement page leads the consortium's managers and the secretariat to the public story; no one else."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sees_link(client, user, agreement) -> bool:  # type: ignore[no-untyped-def]
    client.force_login(user)
    page = client.get(reverse("grants:detail", args=[agreement.pk]))
    assert page.status_code == 200
    return reverse("showcase:story", args=[agreement.pk]) in page.content.decode()


def test_managers_and_secretariat_see_the_story_link_once_contracted(client, running, users):
    assert _sees_link(client, users["applicant"], running)
    assert _sees_link(client, users["other_applicant"], running)
    assert _sees_link(client, users["secretariat"], running)
    assert not _sees_link(client, users["finance"], running)


def test_no_story_link_while_the_agreement_is_only_offered(client, agreement, users):
    assert not _sees_link(client, users["applicant"], agreement)
