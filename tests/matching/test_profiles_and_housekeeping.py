"""Profile life cycle, expiry and reminders, digests, embeddings storage (issue #3, sections 1-3)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from crossroads.matching import housekeeping
from crossroads.matching.embeddings import embeddings_refresh
from crossroads.matching.index_service import get_engine
from crossroads.matching.models import (
    CooperationProfile,
    Embedding,
    ExpressionOfInterest,
    InterestStatus,
    ProfileStatus,
    SavedSearch,
)

pytestmark = pytest.mark.django_db


def test_member_creates_publishes_and_the_profile_becomes_matchable(
    client, users, market, django_capture_on_commit_callbacks
):
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:profile_create", args=[market["be"].pk]),
            {
                "title": "Gezocht: chemische recyclage",
                "offers": "",
                "seeks": "Een partner die gemengde kunststoffen chemisch kan recycleren tot olie.",
                "publish": "1",
            },
        )
    profile = CooperationProfile.objects.get(title="Gezocht: chemische recyclage")
    assert response.status_code == 302
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.expires_at.date() == (profile.published_at + dt.timedelta(days=365)).date() or (
        profile.expires_at.year == profile.published_at.year + 1
    )
    row = Embedding.objects.get(key=profile.index_key)  # the worker task ran (immediate backend in tests)
    assert row.encoder == get_engine().encoder.name and row.version
    assert get_engine().profile(profile.index_key) is not None


def test_profile_form_refuses_empty_and_too_short_lines(client, users, market):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:profile_create", args=[market["be"].pk]), {"title": "Leeg", "offers": "", "seeks": ""}
    )
    assert response.status_code == 200 and "offers" in response.context["form"].errors
    response = client.post(
        reverse("matching:profile_create", args=[market["be"].pk]), {"title": "Kort", "offers": "Lasers", "seeks": ""}
    )
    assert "offers" in response.context["form"].errors and "Lasers" in response.content.decode()


def test_other_companies_cannot_create_or_edit_profiles(client, users, market):
    client.force_login(users["other_applicant"])
    # Another company's id: not found, so the page does not even tell that the company exists.
    assert client.get(reverse("matching:profile_create", args=[market["be"].pk])).status_code == 404
    assert client.get(reverse("matching:profile_edit", args=[market["be_profile"].ref])).status_code == 403
    response = client.post(reverse("matching:profile_status", args=[market["be_profile"].ref]), {"status": "draft"})
    assert response.status_code == 404
    market["be_profile"].refresh_from_db()
    assert market["be_profile"].status == ProfileStatus.PUBLISHED


def test_staff_who_may_see_a_company_are_told_why_they_cannot_create_its_profile(client, users, market):
    client.force_login(users["secretariat"])
    response = client.get(reverse("matching:profile_create", args=[market["be"].pk]))
    assert response.status_code == 403


def test_withdrawn_profile_leaves_the_index(client, users, market, django_capture_on_commit_callbacks):
    assert get_engine().profile(market["nl_profile"].index_key) is not None
    client.force_login(users["other_applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:profile_status", args=[market["nl_profile"].ref]), {"status": "draft"})
    assert get_engine().profile(market["nl_profile"].index_key) is None
    client.force_login(users["applicant"])
    assert client.get(reverse("matching:profile_detail", args=[market["nl_profile"].ref])).status_code == 404


def test_profile_expires_after_its_validity_with_a_reminder_first(market, django_capture_on_commit_callbacks):
    profile = market["nl_profile"]
    now = timezone.now()
    profile.expires_at = now + dt.timedelta(days=20)
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        expired, reminded = housekeeping.profiles_expire_and_remind()
    assert (expired, reminded) == (0, 1)
    assert "expires" in mail.outbox[0].subject or "verloopt" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert housekeeping.profiles_expire_and_remind() == (0, 0)  # one reminder only
    with (
        mock.patch("crossroads.core.clock.now", return_value=now + dt.timedelta(days=21)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        expired, _reminded = housekeeping.profiles_expire_and_remind()
    profile.refresh_from_db()
    assert expired == 1 and profile.status == ProfileStatus.EXPIRED
    assert get_engine().profile(profile.index_key) is None


def test_renewal_extends_and_resets_the_reminder(client, users, market):
    profile = market["be_profile"]
    profile.expires_at = timezone.now() + dt.timedelta(days=3)
    profile.reminder_sent_at = timezone.now()
    profile.save()
    client.force_login(users["applicant"])
    client.post(reverse("matching:profile_status", args=[profile.ref]), {"status": "published"})
    profile.refresh_from_db()
    assert profile.expires_at > timezone.now() + dt.timedelta(days=360)
    assert profile.reminder_sent_at is None


def test_interest_expires_after_14_days_with_a_reminder(market, users, django_capture_on_commit_callbacks):
    now = timezone.now()
    interest = ExpressionOfInterest.objects.create(
        sender_company=market["be"],
        target_company=market["nl"],
        target_profile=market["nl_profile"],
        message="Interesse in uw camera's voor onze sorteerlijn.",
        expires_at=now + dt.timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert housekeeping.interests_expire_and_remind() == (0, 1)
    assert mail.outbox[0].to == ["other@test.example"]
    with mock.patch("crossroads.core.clock.now", return_value=now + dt.timedelta(days=3)):
        assert housekeeping.interests_expire_and_remind() == (1, 0)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.EXPIRED


def test_weekly_digest_lists_new_matching_profiles_once(market, users, django_capture_on_commit_callbacks):
    search = SavedSearch.objects.create(
        user=users["applicant"],
        company=market["be"],
        name="Camera's",
        query="camera-inspectie voor recycling",
        last_digest_at=timezone.now() - dt.timedelta(days=7),
    )
    with django_capture_on_commit_callbacks(execute=True):  # the digest goes out through the worker
        assert housekeeping.digests_send() == 1
    assert "Camera's" in mail.outbox[0].subject
    assert "camera-inspectie" in mail.outbox[0].body.lower()
    assert "Visiolab" not in mail.outbox[0].body  # anonymous profile stays anonymous in e-mail
    search.refresh_from_db()
    assert housekeeping.digests_send() == 0  # nothing new since the last digest


def test_unchanged_texts_are_not_encoded_again(market):
    keys = [f"c:{market['be'].pk}", market["be_profile"].index_key]
    assert embeddings_refresh(keys) == 0
    market["be_profile"].seeks = "Een partner voor spectroscopie van gerecycleerde kunststoffen."
    market["be_profile"].save()
    assert embeddings_refresh(keys) == 1


def test_changing_figures_refreshes_the_company_rows(market, django_capture_on_commit_callbacks):
    company = market["be"]
    assert Embedding.objects.get(key=f"c:{company.pk}").profile["size_class"] == "small"
    for year in company.financial_years.all():  # two years over the ceilings: large (two-year rule)
        year.staff_fte, year.turnover, year.balance_sheet_total = 400, 90_000_000, 60_000_000
        with django_capture_on_commit_callbacks(execute=True):
            year.save()
    row = Embedding.objects.get(key=f"c:{company.pk}")
    assert row.profile["size_class"] == "large" and row.profile["participation"] == "limited"
