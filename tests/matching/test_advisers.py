"""Advisers: regional matches, introductions and their outcome (issue #3, section 3)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.matching.models import Introduction, IntroductionStatus

pytestmark = pytest.mark.django_db


def test_adviser_sees_cross_border_pairs_for_companies_in_their_provinces(client, users, market):
    client.force_login(users["adviser_be"])
    response = client.get(reverse("matching:adviser_matches"))
    pairs = response.context["pairs"]
    assert pairs
    for company, suggestion in pairs:
        assert company.country == "BE" and suggestion.country == "NL"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("adviser_be", 200), ("secretariat", 200), ("applicant", 403), ("assessor", 403), ("finance", 403)],
)
def test_adviser_page_per_role(client, users, market, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("matching:adviser_matches")).status_code == expected


def test_introduction_mails_both_and_tracks_the_outcome(client, users, market, django_capture_on_commit_callbacks):
    client.force_login(users["adviser_be"])
    url = reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"note": "Jullie vullen elkaar aan: sorteerlijn en camera-inspectie."})
    intro = Introduction.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == ["applicant@test.example", "other@test.example"]
    for status in (
        IntroductionStatus.CONTACTED,
        IntroductionStatus.MEETING,
        IntroductionStatus.CONSORTIUM,
        IntroductionStatus.APPLICATION,
    ):
        client.post(reverse("matching:introduction_update", args=[intro.pk]), {"status": status})
        intro.refresh_from_db()
        assert intro.status == status
    assert AuditEvent.objects.filter(verb="introduction.status", object_id=str(intro.pk)).count() == 4


def test_introduction_cannot_skip_steps(client, users, market):
    client.force_login(users["adviser_be"])
    client.post(
        reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk]),
        {"note": "Kennismaking tussen twee bedrijven."},
    )
    intro = Introduction.objects.get()
    client.post(reverse("matching:introduction_update", args=[intro.pk]), {"status": "application"})
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.PROPOSED


def test_adviser_only_introduces_companies_of_their_own_provinces(client, users, market):
    client.force_login(users["adviser_nl"])  # LIOF: Limburg (NL) only
    response = client.get(reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk]))
    assert response.status_code == 404


def test_introductions_are_cross_border(client, users, market):
    client.force_login(users["adviser_be"])
    response = client.get(reverse("matching:introduction_create", args=[market["be"].pk, market["other_be"].pk]))
    assert response.status_code == 403


def test_another_adviser_cannot_change_the_outcome(client, users, market):
    client.force_login(users["adviser_be"])
    client.post(
        reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk]),
        {"note": "Kennismaking tussen twee bedrijven."},
    )
    intro = Introduction.objects.get()
    client.force_login(users["adviser_nl"])
    response = client.post(reverse("matching:introduction_update", args=[intro.pk]), {"status": "contacted"})
    assert response.status_code == 404
