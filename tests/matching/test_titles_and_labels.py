"""What matchmaking shows is worded in the reader's language: what a profile's title announces ("Wanted: ..."),
the sides of the programme's border, working languages, reasons; never a stored Dutch prefix or a code
(issue 12, sections 1 and 3)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from crossroads.matching.demo import _title
from crossroads.matching.engine import Reason
from crossroads.matching.forms import PartnerSearchForm
from crossroads.matching.models import CooperationProfile, TitleKind
from crossroads.matching.reason_text import describe_reason
from tests.matching.conftest import publish

pytestmark = pytest.mark.django_db


def test_the_title_announcement_is_in_the_readers_language(market):
    profile = market["be_profile"]
    profile.title, profile.title_kind = "beeldherkenning voor sortering", TitleKind.SEEK
    with translation.override("en"):
        assert profile.display_title == "Wanted: beeldherkenning voor sortering"
    profile.title_kind = TitleKind.OFFER
    with translation.override("en"):
        assert profile.display_title == "On offer: beeldherkenning voor sortering"
    profile.title_kind = ""
    assert profile.display_title == "beeldherkenning voor sortering"


def test_an_english_reader_sees_wanted_not_gezocht_on_the_profile_and_in_the_lists(client, users, market):
    profile = publish(market["bakery"], "brood voor bedrijfskantines", seeks="Een partner die kantines uitbaat.")
    profile.title_kind = TitleKind.SEEK
    profile.save()
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:profile_detail", args=[profile.ref])).content.decode()
    assert "Wanted: brood voor bedrijfskantines" in page and "Gezocht" not in page
    from crossroads.companies.models import CompanyMembership

    CompanyMembership.objects.create(user=users["applicant"], company=market["bakery"])
    mine = client.get(reverse("matching:my_profiles")).content.decode()
    assert "Wanted: brood voor bedrijfskantines" in mine and "Gezocht: brood" not in mine


def test_the_demo_stores_the_kind_not_a_dutch_prefix():
    assert _title({"seeks": ["Een partner voor warmtenetten."], "offers": ["Iets anders."]}) == (
        "Een partner voor warmtenetten",
        TitleKind.SEEK,
    )
    assert _title({"offers": ["Restwarmte uit onze ovens."]}) == ("Restwarmte uit onze ovens", TitleKind.OFFER)


def test_the_migration_turns_stored_dutch_prefixes_into_kinds(market):
    migration = import_module("crossroads.matching.migrations.0003_introduction_replies_title_kind")
    migration.titles_to_kinds(apps, None)
    be = CooperationProfile.objects.get(pk=market["be_profile"].pk)
    nl = CooperationProfile.objects.get(pk=market["nl_profile"].pk)
    assert (be.title, be.title_kind) == ("beeldherkenning voor sortering", TitleKind.SEEK)
    assert (nl.title, nl.title_kind) == ("camera-inspectie voor recyclinglijnen", TitleKind.OFFER)


def test_the_border_is_named_after_the_programmes_countries(programme):
    with translation.override("en"):
        assert describe_reason(Reason("filter.cross_border", {"from": "BE", "to": "NL"})) == (
            "Across the border: Flanders and the Netherlands."
        )
        assert describe_reason(Reason("filter.cross_border", {"from": "DE", "to": "NL"})) == (
            "Across the border: Germany and the Netherlands."
        )


def test_the_country_filter_offers_the_programmes_sides_by_label(programme):
    with translation.override("en"):
        default = PartnerSearchForm({}, options=[], themes=[], provinces=[], countries=list(programme.countries))
        german = PartnerSearchForm({}, options=[], themes=[], provinces=[], countries=["DE", "NL"])
        assert dict(default.fields["country"].choices) == {"BE": "Flanders", "NL": "Netherlands"}
        assert dict(german.fields["country"].choices) == {"DE": "Germany", "NL": "Netherlands"}


def test_a_reason_that_cannot_be_worded_is_left_out_never_shown_by_its_code(programme):
    assert describe_reason(Reason("match.something_new", {})) == ""
    assert describe_reason(Reason("match.shared_themes", {"themes": ["no-such-theme"]})) == ""


def test_working_languages_are_shown_by_name(client, users, market):
    profile = market["be_profile"]
    profile.languages = ["nl", "en"]
    profile.save()
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:profile_detail", args=[profile.ref])).content.decode()
    assert "Languages: Dutch, English" in page
    assert "nl, en" not in page


def test_profile_dates_use_the_one_formatter(client, users, market):
    from crossroads.core.formatting import format_date

    profile = market["be_profile"]
    users["applicant"].language = "en"
    users["applicant"].save()
    client.force_login(users["applicant"])
    page = client.get(reverse("matching:profile_detail", args=[profile.ref])).content.decode()
    with translation.override("en"):
        assert f"until {format_date(profile.expires_at)}" in page
