"""Advisers: regional matches, introductions and their outcome (issue #3, section 3)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.matching.embeddings import embeddings_refresh
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


# --------------------------------------------------------------------------- issue 9: both sides checked
def test_adviser_cannot_introduce_a_company_outside_the_programme_area_by_id(client, users, market, programme):
    from tests.conftest import make_company

    brussels = make_company("Brusselse Geheim BV", number="0412.345.614", postcode="1000", city="Brussel")
    embeddings_refresh([f"c:{brussels.pk}"])
    far = make_company("Groningse Geheim BV", country="NL", number="11223344", postcode="9711 AA", city="Groningen")
    embeddings_refresh([f"c:{far.pk}"])
    client.force_login(users["adviser_be"])
    for other in (far, brussels):
        url = reverse("matching:introduction_create", args=[market["be"].pk, other.pk])
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"note": "Kennismaking tussen twee bedrijven."}).status_code in (403, 404)
    assert not Introduction.objects.exists() and not mail.outbox


def test_adviser_cannot_introduce_from_a_company_they_do_not_cover(client, users, market):
    client.force_login(users["adviser_be"])  # VLAIO: Flemish provinces, not Noord-Brabant
    url = reverse("matching:introduction_create", args=[market["nl"].pk, market["be"].pk])
    assert client.post(url, {"note": "Kennismaking tussen twee bedrijven."}).status_code == 404
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("junk", ["٣", "9" * 40, "-1", "0", "abc", "1e3", "²"])
def test_malformed_company_ids_are_not_found(client, users, market, junk):
    client.force_login(users["adviser_be"])
    for args in ([junk, market["nl"].pk], [market["be"].pk, junk]):
        url = reverse("matching:introduction_create", args=args)
        assert client.get(url).status_code == 404
        assert client.post(url, {"note": "Kennismaking."}).status_code == 404
    assert client.post(reverse("matching:introduction_update", args=[junk]), {"status": "contacted"}).status_code == 404


def test_the_service_checks_both_sides_too(users, market):
    from crossroads.matching import services

    with pytest.raises(services.IntroductionError):
        services.introduction_propose(
            actor=users["adviser_nl"], company_a=market["be"], company_b=market["nl"], note="Kennismaking."
        )
    with pytest.raises(services.IntroductionError):
        services.introduction_propose(
            actor=users["adviser_be"], company_a=market["be"], company_b=market["other_be"], note="Kennismaking."
        )
    assert not Introduction.objects.exists()


def test_permission_says_why(users, market):
    from crossroads.matching.permissions import can_introduce_pair

    be, nl, other_be = market["be"], market["nl"], market["other_be"]
    assert can_introduce_pair(users["adviser_be"], be, nl, b_is_shown=True) == (True, "")
    allowed, reason = can_introduce_pair(users["adviser_be"], be, nl, b_is_shown=False)
    assert not allowed and "programmagebied" in str(reason)  # Dutch, the default language
    allowed, reason = can_introduce_pair(users["adviser_nl"], be, nl, b_is_shown=True)
    assert not allowed and "provincies die je volgt" in str(reason)
    assert not can_introduce_pair(users["adviser_be"], be, other_be, b_is_shown=True).allowed
    assert not can_introduce_pair(users["applicant"], be, nl, b_is_shown=True).allowed
    assert can_introduce_pair(users["secretariat"], nl, be, b_is_shown=False).allowed


def test_a_blank_or_nul_note_is_refused_at_the_field(client, users, market):
    client.force_login(users["adviser_be"])
    url = reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk])
    response = client.post(url, {"note": "Kennis\x00making"})
    assert response.status_code == 200 and "note" in response.context["form"].errors
    assert "Kennis" in response.content.decode()
    assert not Introduction.objects.exists()


def test_an_unknown_outcome_is_reported_not_ignored(client, users, market):
    client.force_login(users["adviser_be"])
    client.post(
        reverse("matching:introduction_create", args=[market["be"].pk, market["nl"].pk]),
        {"note": "Kennismaking tussen twee bedrijven."},
    )
    intro = Introduction.objects.get()
    response = client.post(reverse("matching:introduction_update", args=[intro.pk]), {"status": "٣"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.PROPOSED


def test_each_pair_is_explained_with_its_own_companys_text(users, market, monkeypatch):
    """One candidate suggested to two of the adviser's companies keeps, on each row, the reasons of that row: a
    quote of the other company's activity would explain the match with someone else's text."""
    from django.utils import translation

    from crossroads.matching import views_advisers
    from crossroads.matching.engine import Match, Reason
    from crossroads.matching.index_service import get_engine

    real = get_engine()

    class QuotingEngine:
        def profile(self, key):  # type: ignore[no-untyped-def]
            return real.profile(key)

        def suggest(self, key, k=10):  # type: ignore[no-untyped-def]
            quote = Reason("match.activity_offer", {"mine": f"text of {key}", "theirs": "-"})
            return [Match(m.id, m.score, m.mutual, [quote]) for m in real.suggest(key, k=k)]

    monkeypatch.setattr(views_advisers, "get_engine", QuotingEngine)
    with translation.override("en"):
        pairs = views_advisers.regional_matches(users["adviser_be"])
    candidates = [suggestion.index_key for _company, suggestion in pairs]
    assert len(candidates) > len(set(candidates)), "the market should offer one candidate to two companies"
    for company, suggestion in pairs:
        assert all(f"text of c:{company.pk}" in reason for reason in suggestion.reasons), (company, suggestion.reasons)
