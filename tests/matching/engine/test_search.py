"""Free-text search ranks by meaning (across Dutch and English), and exact terms and compounds still get in
through the lexical side."""

from __future__ import annotations

import pytest

from crossroads.matching.engine import MatchEngine
from crossroads.matching.engine.index import Weights

from .conftest import BE_OTHERS, NL_OTHERS, SORTER_A, VISION_B, BlindEncoder, build, ids, profile, reason

# Distractors that share words, but not meaning, with the queries below.
SOFTWARE_DISTRACTORS = (
    profile("accounting", "NL", description="Boekhoudsoftware voor kmo's.", offers=("software voor facturatie",)),
    profile("pumps", "BE", description="Wij verhuren pompen.", offers=("verhuur van bouwpompen en zandpompen",)),
    profile("solar", "BE", description="Installateur van zonnepanelen.", offers=("plaatsing van zonnepanelen",)),
)


@pytest.fixture
def engine(use_encoder) -> MatchEngine:  # type: ignore[no-untyped-def]
    return build(use_encoder, SORTER_A, VISION_B, *NL_OTHERS, *BE_OTHERS, *SOFTWARE_DISTRACTORS)


def test_english_query_finds_dutch_heat_pump_software(engine) -> None:
    assert ids(engine.search("heat pump control software", k=5))[0] == "heatpump"


def test_dutch_query_finds_english_profile(engine) -> None:
    assert ids(engine.search("gekoeld vervoer van verse levensmiddelen", k=5))[0] == "coldchain"


def test_query_in_other_words_finds_the_vision_company(engine) -> None:
    assert ids(engine.search("camera's die afval herkennen", k=5))[0] == "b"


def test_search_ranks_by_meaning_not_substring(engine) -> None:
    """ "pompen" is a substring of "warmtepompen", "bouwpompen" and "zandpompen": the meaning decides."""
    found = ids(engine.search("heat pump control software", k=10))
    assert found.index("heatpump") < found.index("pumps")
    assert found.index("heatpump") < found.index("accounting")


def test_exact_compound_term_is_found(engine) -> None:
    assert ids(engine.search("onkruidverdelging", k=3))[0] == "weedrobot"


def test_compound_found_lexically_when_the_encoder_knows_no_meaning() -> None:
    """With an encoder that gives every text the same vector, only the lexical side can find the profile; a tiny
    semantic candidate pool makes sure it gets in through the lexical extras."""
    engine = build(
        BlindEncoder(),
        *NL_OTHERS,
        *BE_OTHERS,
        *SOFTWARE_DISTRACTORS,
        weights=Weights(candidate_pool=2),
    )
    assert ids(engine.search("onkruid", k=3))[0] == "weedrobot"
    assert ids(engine.search("warmtepomp", k=3))[0] == "heatpump"
    assert ids(engine.search("zonnepaneel", k=3))[0] == "solar"


def test_search_results_are_explained_with_the_query(engine) -> None:
    top = engine.search("heat pump control software", k=1)[0]
    assert reason(top, "match.query_offer").params["mine"] == "heat pump control software"


def test_search_on_an_empty_index() -> None:
    assert MatchEngine(BlindEncoder()).search("onkruid") == []
