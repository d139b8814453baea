"""Anonymous cooperation profiles stay anonymous (issue 9): opaque ids everywhere, the name in any spelling blanked
on the pages, in the API, in the index and in e-mails, until the owner accepts an expression of interest."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.matching.embeddings import embeddings_refresh
from crossroads.matching.index_service import get_engine
from crossroads.matching.models import CooperationProfile, ExpressionOfInterest

pytestmark = pytest.mark.django_db


def leaked(text: str, market) -> list[str]:  # type: ignore[no-untyped-def]
    """Anything in `text` that tells the anonymous profile is Visiolab's."""
    nl, profile = market["nl"], market["nl_profile"]
    found = [s for s in ("visiolab", "12345678", "vision-lab") if s in text.lower()]
    if re.search(rf"/{profile.pk}/", text) or f'p:{profile.pk}"' in text or f"p:{profile.pk}<" in text:
        found.append("profile pk")
    if f'c:{nl.pk}"' in text or f"/companies/{nl.pk}/" in text:
        found.append("company id")
    return found


@pytest.fixture
def careless(market):  # type: ignore[no-untyped-def]
    """The Dutch owner wrote their name, website and KvK number into the anonymous profile in many spellings."""
    nl = market["nl"]
    nl.website = "https://www.vision-lab.nl/"
    nl.save()
    profile = market["nl_profile"]
    profile.title = "VISIOLAB zoekt recyclers"
    profile.offers = (
        "Camera-gebaseerde inspectie en beeldherkenning voor recyclinglijnen met hyperspectrale camera's.\n"
        "Het team van visiolab-eindhoven b.v. levert software die materialen herkent.\n"
        "Meer op www.vision-lab.nl of via KvK 1234 5678."
    )
    profile.idea = "Visiolab Eindhoven wil samen met een recycler (Visiolab's eerste) een proeflijn bouwen."
    profile.save()
    embeddings_refresh([profile.index_key, f"c:{nl.pk}"])
    return market


def test_the_find_page_and_the_api_show_no_name_and_no_ids(client, users, careless):
    market = careless
    profile = market["nl_profile"]
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:find"), {"for": market["be_profile"].public_key})
    shown = [s for s in page.context["suggestions"] if s.profile == profile]
    assert shown and shown[0].key == profile.public_key and shown[0].anonymous
    body = page.content.decode()
    assert not leaked(body, market)
    assert reverse("matching:profile_detail", args=[profile.ref]) in body
    assert reverse("matching:interest_create", args=[profile.public_key]) in body

    data = client.get(reverse("matching_api:api_suggestions"), {"for": market["be_profile"].public_key})
    assert data.status_code == 200
    assert not leaked(data.content.decode(), market)
    assert profile.public_key in [r["key"] for r in data.json()["results"]]


def test_the_profile_page_and_api_are_reached_by_the_opaque_id_only(client, users, careless):
    market = careless
    profile = market["nl_profile"]
    client.force_login(users["applicant"])
    detail = client.get(reverse("matching:profile_detail", args=[profile.ref]))
    assert detail.status_code == 200 and not leaked(detail.content.decode(), market)
    assert "[…]" in detail.content.decode()
    api = client.get(reverse("matching_api:api_profile", args=[profile.ref]))
    assert api.status_code == 200 and api.json()["id"] == profile.ref and api.json()["company"] is None
    assert not leaked(api.content.decode(), market)
    # The sequential id would tell which company it is: for someone who may not know, it does not exist.
    assert client.get(reverse("matching:profile_detail", args=[profile.pk])).status_code == 404
    assert client.get(reverse("matching_api:api_profile", args=[profile.pk])).status_code == 404
    assert client.get(reverse("matching:interest_create", args=[profile.index_key])).status_code == 404
    # The owner's old links keep working.
    client.force_login(users["other_applicant"])
    assert client.get(reverse("matching:profile_detail", args=[profile.pk])).status_code == 200


def test_public_ids_are_random_not_sequential(market):
    refs = {p.ref for p in CooperationProfile.objects.all()}
    assert all(re.fullmatch(r"[0-9a-f]{32}", ref) for ref in refs) and len(refs) == 2
    # Random (UUID version 4), so nothing in it follows from the sequential id; a check for the id's digits inside
    # 32 random hex characters would fail by chance.
    assert {uuid.UUID(ref).version for ref in refs} == {4}


def test_the_index_never_holds_the_name_of_an_anonymous_profile(careless):
    """Searching for "Visiolab" must not bring up Visiolab's anonymous profile, nor name it among the reasons."""
    indexed = get_engine().profile(careless["nl_profile"].index_key)
    words = " ".join([indexed.name, indexed.description, *indexed.offers, *indexed.seeks]).lower()
    assert "visiolab" not in words and "vision-lab" not in words and "1234 5678" not in words
    assert "hyperspectrale" in words  # the rest is matched as before


def test_the_interest_page_names_no_anonymous_addressee(client, users, careless):
    market = careless
    profile = market["nl_profile"]
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:interest_create", args=[profile.public_key]))
    assert page.status_code == 200 and page.context["target_name"] is None
    body = page.content.decode()
    assert not leaked(body, market)
    # The sender's own side: its companies are offered as sender, never the addressee.
    assert [label for _value, label in page.context["form"].fields["sender"].choices] == ["Kempen Kringloop BV"]


def test_interest_and_e_mails_stay_anonymous_even_when_the_profile_is_deleted(
    client, users, careless, django_capture_on_commit_callbacks
):
    market = careless
    profile = market["nl_profile"]
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("matching:interest_create", args=[profile.public_key]),
            {"sender": str(market["be"].pk), "message": "Wij zoeken camera-inspectie voor onze sorteerlijn in Geel."},
        )
    interest = ExpressionOfInterest.objects.get()
    assert interest.target_anonymous
    profile.delete()
    assert not leaked(client.get(reverse("matching:interests")).content.decode(), market)
    client.force_login(users["other_applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:interest_answer", args=[interest.pk]), {"answer": "decline"})
    declined = mail.outbox[-1]
    assert declined.to == ["applicant@test.example"] and not leaked(declined.subject + declined.body, market)


def test_digest_links_use_the_opaque_id(users, careless, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    from crossroads.matching import housekeeping
    from crossroads.matching.models import SavedSearch

    market = careless
    SavedSearch.objects.create(
        user=users["applicant"],
        company=market["be"],
        name="Camera's",
        query="camera-inspectie voor recycling",
        last_digest_at=timezone.now() - dt.timedelta(days=7),
    )
    with django_capture_on_commit_callbacks(execute=True):  # the digest goes out through the worker
        assert housekeeping.digests_send() == 1
    body = mail.outbox[0].body
    assert market["nl_profile"].ref in body and not leaked(body, market)


def test_the_migration_marks_interests_in_anonymous_profiles(market):
    from importlib import import_module

    from django.apps import apps

    interest = ExpressionOfInterest.objects.create(
        sender_company=market["be"],
        target_company=market["nl"],
        target_profile=market["nl_profile"],
        message="Interesse in uw camera's voor onze sorteerlijn.",
        expires_at=market["nl_profile"].expires_at,
    )
    assert not interest.target_anonymous  # as rows made before the migration
    import_module("crossroads.matching.migrations.0002_opaque_profile_ids").fill(apps, None)
    interest.refresh_from_db()
    assert interest.target_anonymous
