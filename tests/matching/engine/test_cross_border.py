"""Hard filters: cross-border only (BE <-> NL), never the same company or group, eligible regions and
participation only. Meaning does not matter here, so the hashing encoder is enough."""

from __future__ import annotations

import pytest

from .conftest import build, ids, profile, reason

TEXT = "Wij ontwikkelen sensoren voor de landbouw."


@pytest.fixture
def two_countries(hashing_encoder):  # type: ignore[no-untyped-def]
    return build(
        hashing_encoder,
        profile("be1", "BE", description=TEXT, seeks=("sensoren",)),
        profile("be2", "BE", description=TEXT),
        profile("nl1", "NL", description=TEXT, seeks=("sensoren",)),
        profile("nl2", "NL", description=TEXT),
        profile("de1", "DE", description=TEXT),
        profile("fr1", "FR", description=TEXT),
    )


def test_belgian_searcher_gets_only_dutch_candidates(two_countries) -> None:
    assert set(ids(two_countries.suggest("be1", k=10))) == {"nl1", "nl2"}
    assert set(ids(two_countries.suggest("be2", k=10))) == {"nl1", "nl2"}


def test_dutch_searcher_gets_only_belgian_candidates(two_countries) -> None:
    assert set(ids(two_countries.suggest("nl1", k=10))) == {"be1", "be2"}
    assert set(ids(two_countries.suggest("nl2", k=10))) == {"be1", "be2"}


def test_country_outside_the_programme_is_never_suggested(two_countries) -> None:
    assert "de1" not in ids(two_countries.search("sensoren landbouw", k=10))
    assert "fr1" not in ids(two_countries.search("sensoren landbouw", k=10))


def test_search_with_a_searcher_is_cross_border_too(two_countries) -> None:
    searcher = two_countries.profile("be1")
    assert set(ids(two_countries.search("sensoren", k=10, searcher=searcher))) == {"nl1", "nl2"}


def test_search_without_a_searcher_covers_both_countries(two_countries) -> None:
    assert set(ids(two_countries.search("sensoren", k=10))) == {"be1", "be2", "nl1", "nl2"}


def test_cross_border_reason_names_both_countries(two_countries) -> None:
    for match in two_countries.suggest("be1", k=10):
        assert reason(match, "filter.cross_border").params == {"from": "BE", "to": "NL"}
    for match in two_countries.suggest("nl2", k=10):
        assert reason(match, "filter.cross_border").params == {"from": "NL", "to": "BE"}


def test_same_company_is_never_suggested_even_from_its_dutch_site(hashing_encoder) -> None:
    """A Flemish company with a Dutch establishment: its NL profile must not be suggested to its BE profile."""
    engine = build(
        hashing_encoder,
        profile("acme-be", "BE", company="acme", description=TEXT),
        profile("acme-nl", "NL", company="acme", description=TEXT, kind="profile"),
        profile("acme-nl-2", "NL", company="acme", description=TEXT + " Tweede profiel.", kind="profile"),
        profile("other-nl", "NL", description=TEXT),
    )
    assert ids(engine.suggest("acme-be", k=10)) == ["other-nl"]
    assert ids(engine.suggest("acme-nl", k=10)) == []


def test_linked_group_company_is_never_suggested(hashing_encoder) -> None:
    engine = build(
        hashing_encoder,
        profile("parent-be", "BE", description=TEXT, group_ids=("company-daughter-nl",)),
        profile("daughter-nl", "NL", description=TEXT, group_ids=("company-parent-be",)),
        profile("other-nl", "NL", description=TEXT),
    )
    assert ids(engine.suggest("parent-be", k=10)) == ["other-nl"]
    assert ids(engine.suggest("daughter-nl", k=10)) == []
    assert reason(engine.suggest("parent-be", k=10)[0], "filter.other_group").params == {}


def test_group_link_recorded_on_the_candidate_side_only_still_excludes(hashing_encoder) -> None:
    """`group_ids` means "never suggested to each other" (types.py). Only the daughter records the link here
    (e.g. the parent's profile was indexed before the holding was entered): the pair must still be excluded."""
    engine = build(
        hashing_encoder,
        profile("parent-be", "BE", description=TEXT),
        profile("daughter-nl", "NL", description=TEXT, group_ids=("company-parent-be",)),
        profile("other-nl", "NL", description=TEXT),
    )
    assert ids(engine.suggest("daughter-nl", k=10)) == []
    assert ids(engine.suggest("parent-be", k=10)) == ["other-nl"]


@pytest.mark.parametrize(
    ("field", "value", "suggested"),
    [
        ("region_status", "core", True),
        ("region_status", "extended", True),
        ("region_status", "outside", False),
        ("participation", "core", True),
        ("participation", "limited", True),
        ("participation", "not_eligible", False),
    ],
)
def test_eligibility_of_the_candidate(hashing_encoder, field, value, suggested) -> None:  # type: ignore[no-untyped-def]
    engine = build(
        hashing_encoder,
        profile("be", "BE", description=TEXT),
        profile("nl", "NL", description=TEXT, **{field: value}),
        profile("nl-ok", "NL", description=TEXT),
    )
    assert ("nl" in ids(engine.suggest("be", k=10))) is suggested
    assert ("nl" in ids(engine.search("sensoren", k=10))) is suggested
    assert "nl-ok" in ids(engine.suggest("be", k=10))


def test_region_and_participation_reasons_describe_the_candidate(hashing_encoder) -> None:
    engine = build(
        hashing_encoder,
        profile("be", "BE", description=TEXT),
        profile(
            "nl",
            "NL",
            description=TEXT,
            region_status="extended",
            province="NL42",
            participation="limited",
            size_class="large",
        ),
    )
    match = engine.suggest("be", k=1)[0]
    assert reason(match, "filter.region").params == {"status": "extended", "province": "NL42"}
    assert reason(match, "filter.participation").params == {"participation": "limited", "size": "large"}


def test_replacing_a_profile_reapplies_the_hard_filters(hashing_encoder) -> None:
    engine = build(
        hashing_encoder,
        profile("be", "BE", description=TEXT),
        profile("nl", "NL", description=TEXT),
    )
    assert ids(engine.suggest("be")) == ["nl"]
    engine.add(profile("nl", "NL", description=TEXT, region_status="outside"))
    assert ids(engine.suggest("be")) == []
    engine.add(profile("nl", "BE", description=TEXT))  # moved its project site to Belgium
    assert ids(engine.suggest("be")) == []
    engine.add(profile("nl", "NL", description=TEXT))
    assert ids(engine.suggest("be")) == ["nl"]
