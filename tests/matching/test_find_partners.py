"""Find partners, anonymity in page/API/e-mail, expressions of interest (issue #3, sections 1, 3 and 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.matching.models import ExpressionOfInterest, InterestStatus

pytestmark = pytest.mark.django_db


def keys(response):  # type: ignore[no-untyped-def]
    return [s.key for s in response.context["suggestions"]]


def test_request_finds_the_complementary_company_across_the_border(client, users, market):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"for": market["be_profile"].public_key})
    found = keys(response)
    assert found[0] == market["nl_profile"].public_key
    assert f"c:{market['other_be'].pk}" not in found  # same country never suggested
    assert f"c:{market['be'].pk}" not in found and market["be_profile"].public_key not in found
    top = response.context["suggestions"][0]
    assert top.mutual
    assert any("machine vision" in r for r in top.reasons)


def test_anonymous_profile_hides_identity_on_the_page(client, users, market):
    client.force_login(users["applicant"])
    body = client.get(reverse("matching:find"), {"for": market["be_profile"].public_key}).content.decode()
    assert "Visiolab" not in body and "Eindhoven" not in body.replace("Noord-Brabant", "")
    detail = client.get(reverse("matching:profile_detail", args=[market["nl_profile"].ref])).content.decode()
    assert "Visiolab" not in detail
    assert "[…]" in detail  # the owner's own name in the text is blanked


def test_anonymous_profile_hides_identity_in_the_api(client, users, market):
    client.force_login(users["applicant"])
    data = client.get(reverse("matching_api:api_suggestions"), {"for": market["be_profile"].public_key}).json()
    assert "Visiolab" not in str(data)
    first = data["results"][0]
    assert first["anonymous"] is True and first["company"] is None
    profile = client.get(reverse("matching_api:api_profile", args=[market["nl_profile"].ref])).json()
    assert profile["company"] is None and "Visiolab" not in str(profile)


def test_interest_reveals_identity_only_after_acceptance(client, users, market, django_capture_on_commit_callbacks):
    client.force_login(users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:interest_create", args=[market["nl_profile"].public_key]),
            {"sender": str(market["be"].pk), "message": "Wij zoeken camera-inspectie voor onze sorteerlijn in Geel."},
        )
    assert response.status_code == 302
    interest = ExpressionOfInterest.objects.get()
    assert interest.target_company == market["nl"] and interest.status == InterestStatus.PENDING
    assert abs(interest.expires_at - interest.created_at - dt.timedelta(days=14)) < dt.timedelta(seconds=5)
    # The anonymous owner is told who is interested; the sender learns nothing yet.
    assert [m.to for m in mail.outbox] == [["other@test.example"]]
    assert "Kempen Kringloop" in mail.outbox[0].body
    sent_page = client.get(reverse("matching:interests")).content.decode()
    assert "Visiolab" not in sent_page

    client.force_login(users["other_applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:interest_answer", args=[interest.pk]), {"answer": "accept"})
    interest.refresh_from_db()
    assert interest.status == InterestStatus.ACCEPTED
    assert mail.outbox[-1].to == ["applicant@test.example"]
    assert "Visiolab" in mail.outbox[-1].subject
    assert AuditEvent.objects.filter(verb="interest.accepted", object_id=str(interest.pk)).exists()

    client.force_login(users["applicant"])
    assert "Visiolab" in client.get(reverse("matching:interests")).content.decode()
    detail = client.get(reverse("matching:profile_detail", args=[market["nl_profile"].ref])).content.decode()
    assert "Visiolab Eindhoven BV" in detail


def test_declined_interest_keeps_the_profile_anonymous(client, users, market, django_capture_on_commit_callbacks):
    client.force_login(users["applicant"])
    client.post(
        reverse("matching:interest_create", args=[market["nl_profile"].public_key]),
        {"sender": str(market["be"].pk), "message": "Wij zoeken camera-inspectie voor onze sorteerlijn."},
    )
    interest = ExpressionOfInterest.objects.get()
    client.force_login(users["other_applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:interest_answer", args=[interest.pk]), {"answer": "decline"})
    assert "Visiolab" not in mail.outbox[-1].body + mail.outbox[-1].subject
    client.force_login(users["applicant"])
    assert "Visiolab" not in client.get(reverse("matching:interests")).content.decode()


def test_only_the_receiving_company_answers(client, users, market):
    client.force_login(users["applicant"])
    client.post(
        reverse("matching:interest_create", args=[market["nl_profile"].public_key]),
        {"sender": str(market["be"].pk), "message": "Wij zoeken camera-inspectie voor onze sorteerlijn."},
    )
    interest = ExpressionOfInterest.objects.get()
    response = client.post(reverse("matching:interest_answer", args=[interest.pk]), {"answer": "accept"})
    assert response.status_code == 404
    interest.refresh_from_db()
    assert interest.status == InterestStatus.PENDING


def test_short_message_is_refused_at_the_field_and_kept(client, users, market):
    client.force_login(users["applicant"])
    response = client.post(
        reverse("matching:interest_create", args=[market["nl_profile"].public_key]),
        {"sender": str(market["be"].pk), "message": "Hallo"},
    )
    assert response.status_code == 200 and "message" in response.context["form"].errors
    assert "Hallo" in response.content.decode()
    assert not ExpressionOfInterest.objects.exists()


def test_free_text_search_ranks_by_meaning_across_languages(client, users, market):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"q": "camera based quality inspection for recycling"})
    assert keys(response)[0] in {market["nl_profile"].public_key, f"c:{market['nl'].pk}"}


def test_searching_for_someone_elses_company_is_not_found(client, users, market):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"for": f"c:{market['nl'].pk}"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("applicant", 200), ("adviser_be", 200), ("secretariat", 200), ("assessor", 403), ("finance", 403)],
)
def test_find_partners_per_role(client, users, market, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("matching:find")).status_code == expected


@pytest.mark.parametrize(("role", "expected"), [("assessor", 403), ("finance", 403)])
def test_api_per_role(client, users, market, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("matching_api:api_suggestions")).status_code == expected


def test_api_requires_login(client, market):
    assert client.get(reverse("matching_api:api_suggestions")).status_code == 401


def test_filters_narrow_the_suggestions(client, users, market):
    client.force_login(users["applicant"])
    response = client.get(reverse("matching:find"), {"for": f"c:{market['be'].pk}", "province": "NL41"})
    assert keys(response)  # Noord-Brabant: the Eindhoven and Breda companies
    response = client.get(reverse("matching:find"), {"for": f"c:{market['be'].pk}", "province": "NL34"})
    assert keys(response) == []  # nobody in Zeeland


def test_anonymous_title_is_blanked_on_the_interest_pages(client, users, market):
    profile = market["nl_profile"]
    profile.title = "Visiolab Eindhoven zoekt recyclers"
    profile.save()
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:interest_create", args=[profile.public_key])).content.decode()
    assert "Visiolab" not in page
    client.post(
        reverse("matching:interest_create", args=[profile.public_key]),
        {"sender": str(market["be"].pk), "message": "Wij zoeken camera-inspectie voor onze sorteerlijn."},
    )
    assert "Visiolab" not in client.get(reverse("matching:interests")).content.decode()


def test_company_names_cannot_be_enumerated_through_the_interest_form(client, users, market, programme):
    from crossroads.matching.embeddings import embeddings_refresh
    from crossroads.matching.index_service import get_engine
    from tests.conftest import make_company

    hidden = make_company("Brusselse Geheim BV", number="0412.345.614", postcode="1000", city="Brussel")
    embeddings_refresh([f"c:{hidden.pk}"])
    assert get_engine().profile(f"c:{hidden.pk}") is not None  # indexed, but outside the area: never shown
    client.force_login(users["applicant"])
    assert client.get(reverse("matching:interest_create", args=[f"c:{hidden.pk}"])).status_code == 404
    assert client.get(reverse("matching:interest_create", args=["c:²"])).status_code == 404
    assert client.get(reverse("matching:interest_create", args=[f"c:{market['nl'].pk}"])).status_code == 200


def test_deleting_a_saved_search_is_audited(client, users, market):
    from crossroads.matching.models import SavedSearch

    search = SavedSearch.objects.create(user=users["applicant"], name="Camera's", query="camera")
    client.force_login(users["other_applicant"])
    assert client.post(reverse("matching:saved_search_delete", args=[search.pk])).status_code == 404
    client.force_login(users["applicant"])
    client.post(reverse("matching:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()
    assert AuditEvent.objects.filter(verb="saved_search.delete").exists()
