"""Filters chosen by the user narrow the results; the hard rules still apply. Hashing encoder: only who is
in or out matters here."""

from __future__ import annotations

import pytest

from crossroads.matching.engine import Filters

from .conftest import build, ids, profile

TEXT = "Wij leveren software en sensoren voor de maakindustrie."

CANDIDATES = (
    profile(
        "n1",
        "NL",
        description=TEXT,
        themes=("energy",),
        province="NL42",
        nace=("62.01",),
        size_class="small",
        trl=4,
    ),
    profile(
        "n2",
        "NL",
        description=TEXT,
        themes=("health", "digital"),
        province="NL41",
        nace=("21.20",),
        size_class="medium",
        trl=7,
    ),
    profile(
        "n3",
        "NL",
        description=TEXT,
        themes=("materials",),
        province="NL42",
        nace=("62.09", "70.22"),
        size_class="micro",
        trl=2,
    ),
    profile("n4", "NL", description=TEXT, province="NL34", nace=("46.69",)),
    profile(
        "n5",
        "NL",
        description=TEXT,
        themes=("energy", "materials"),
        province="NL41",
        nace=("72.19", "99.00"),
        size_class="large",
        participation="limited",
        trl=9,
    ),
    profile(
        "b2",
        "BE",
        description=TEXT,
        themes=("energy",),
        province="BE25",
        nace=("62.01",),
        size_class="small",
        trl=4,
    ),
)
SEARCHER = profile("b1", "BE", description=TEXT, themes=("energy",), province="BE21")


@pytest.fixture
def engine(hashing_encoder):  # type: ignore[no-untyped-def]
    return build(hashing_encoder, SEARCHER, *CANDIDATES)


def found(engine, filters: Filters) -> set[str]:  # type: ignore[no-untyped-def]
    return set(ids(engine.suggest("b1", k=20, filters=filters)))


def test_no_filters_gives_every_dutch_candidate(engine) -> None:
    assert found(engine, Filters()) == {"n1", "n2", "n3", "n4", "n5"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(themes=frozenset({"energy"})), {"n1", "n5"}),
        (Filters(themes=frozenset({"health", "materials"})), {"n2", "n3", "n5"}),
        (Filters(themes=frozenset({"no-such-theme"})), set()),
        (Filters(provinces=frozenset({"NL42"})), {"n1", "n3"}),
        (Filters(provinces=frozenset({"NL41", "NL34"})), {"n2", "n4", "n5"}),
        (Filters(provinces=frozenset({"BE25"})), set()),
        (Filters(countries=frozenset({"NL"})), {"n1", "n2", "n3", "n4", "n5"}),
        (Filters(countries=frozenset({"BE"})), set()),
        (Filters(countries=frozenset({"BE", "NL"})), {"n1", "n2", "n3", "n4", "n5"}),
        (Filters(size_classes=frozenset({"small", "micro"})), {"n1", "n3"}),
        (Filters(size_classes=frozenset({"large"})), {"n5"}),
        (Filters(trl_min=4), {"n1", "n2", "n5"}),
        (Filters(trl_max=4), {"n1", "n3"}),
        (Filters(trl_min=3, trl_max=7), {"n1", "n2"}),
        (Filters(trl_min=8, trl_max=3), set()),
        (Filters(nace_prefixes=("62",)), {"n1", "n3"}),
        (Filters(nace_prefixes=("62.0",)), {"n1", "n3"}),
        (Filters(nace_prefixes=("62.01",)), {"n1"}),
        (Filters(nace_prefixes=("21", "46")), {"n2", "n4"}),
        (Filters(nace_prefixes=("70.22",)), {"n3"}),
        (Filters(nace_prefixes=("99",)), {"n5"}),
        (Filters(nace_prefixes=("63",)), set()),
        (Filters(themes=frozenset({"energy"}), provinces=frozenset({"NL41"})), {"n5"}),
        (Filters(themes=frozenset({"materials"}), trl_max=5, nace_prefixes=("62",)), {"n3"}),
    ],
)
def test_filters_narrow_the_suggestions(engine, filters, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(engine, filters) == expected


def test_nace_prefix_of_one_digit_is_a_prefix_too(engine) -> None:
    """The NACE filter is typed by the user as comma-separated prefixes (selectors.filters_from). "6" is a
    prefix of "62.01" and "62.09", so n1 and n3 must be found."""
    assert found(engine, Filters(nace_prefixes=("6",))) == {"n1", "n3"}


def test_filters_apply_to_free_text_search(engine) -> None:
    assert set(ids(engine.search("software", k=20, filters=Filters(provinces=frozenset({"NL42"}))))) == {"n1", "n3"}
    assert set(ids(engine.search("software", k=20, filters=Filters(countries=frozenset({"BE"}))))) == {"b1", "b2"}
    assert set(ids(engine.search("software", k=20, filters=Filters(nace_prefixes=("62",))))) == {"n1", "n3", "b2"}


def test_filters_follow_replacements(engine) -> None:
    engine.add(profile("n4", "NL", description=TEXT, themes=("energy",), province="NL42", trl=5))
    assert found(engine, Filters(themes=frozenset({"energy"}))) == {"n1", "n4", "n5"}
    assert found(engine, Filters(provinces=frozenset({"NL34"}))) == set()
    assert found(engine, Filters(trl_min=5, trl_max=5)) == {"n4"}


def test_theme_filter_still_works_after_many_filters_on_unknown_themes(engine) -> None:
    """Theme values come from the request (selectors.filters_from). Filtering on themes nobody has must not
    stop a theme from working for profiles added later."""
    for i in range(40):
        assert found(engine, Filters(themes=frozenset({f"typo-{i}"}))) == set()
    engine.add(profile("n6", "NL", description=TEXT, themes=("water",)))
    assert found(engine, Filters(themes=frozenset({"water"}))) == {"n6"}
