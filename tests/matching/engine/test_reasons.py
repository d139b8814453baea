"""Reasons: which sentences matched, shared terms (compounds included) and themes, and why each filter passed;
`render_en` turns them into readable English."""

from __future__ import annotations

import pytest

from crossroads.matching.engine import Reason
from crossroads.matching.engine.reasons import render_en
from crossroads.matching.engine.text import shared_terms

from .conftest import BE_OTHERS, NL_OTHERS, SORTER_A, VISION_B, build, ids, profile, reason

WEED_SEEKER = profile(
    "weedseeker",
    "BE",
    description="Biologische groenteteler in de Westhoek.",
    offers=("proefvelden met biologische prei en wortelen",),
    seeks=("technologie tegen onkruid in de biologische teelt",),
    themes=("agrifood",),
)


@pytest.fixture
def engine(use_encoder):  # type: ignore[no-untyped-def]
    return build(use_encoder, SORTER_A, VISION_B, WEED_SEEKER, *NL_OTHERS, *BE_OTHERS)


@pytest.fixture
def top_for_a(engine):  # type: ignore[no-untyped-def]
    return engine.suggest("a", k=3)[0]


def test_top_match_quotes_my_seek_and_their_offer(top_for_a) -> None:
    assert top_for_a.id == "b"
    params = reason(top_for_a, "match.seek_offer").params
    assert params["mine"] == SORTER_A.seeks[0]
    assert params["theirs"] == VISION_B.offers[0]
    assert -1.0 <= params["similarity"] <= 1.0


def test_the_sentence_reasons_come_first(top_for_a) -> None:
    assert top_for_a.reasons[0].code == "match.seek_offer"


def test_cross_border_reason(top_for_a) -> None:
    assert reason(top_for_a, "filter.cross_border").params == {"from": "BE", "to": "NL"}
    reason(top_for_a, "filter.other_group")


def test_shared_themes_when_themes_overlap(engine, top_for_a) -> None:
    assert reason(top_for_a, "match.shared_themes").params == {"themes": ["circular"]}
    bakery = next(m for m in engine.suggest("a", k=10) if m.id == "bakery")
    assert "match.shared_themes" not in [r.code for r in bakery.reasons]


def test_one_sided_match_has_no_reverse_reason(top_for_a) -> None:
    """B seeks nothing, so there is no "they seek what you offer" reason."""
    assert "match.their_seek_my_offer" not in [r.code for r in top_for_a.reasons]


def test_shared_terms_reason_finds_a_compound(engine) -> None:
    top = engine.suggest("weedseeker", k=3)[0]
    assert top.id == "weedrobot"
    assert "onkruid ~ onkruidverdelging" in reason(top, "match.shared_terms").params["terms"]


def test_free_text_search_quotes_the_query(engine) -> None:
    query = "software om warmtepompen te regelen"
    top = engine.search(query, k=3)[0]
    assert top.id == "heatpump"
    params = reason(top, "match.query_offer").params
    assert params["mine"] == query
    heatpump = next(p for p in NL_OTHERS if p.id == "heatpump")
    assert params["theirs"] in [*heatpump.offers, heatpump.description]
    codes = [r.code for r in top.reasons]
    assert "match.seek_offer" not in codes
    assert "filter.cross_border" not in codes  # no searcher, no border to cross


def test_reasons_for_a_chosen_request_quote_that_request(use_encoder) -> None:
    """suggest(seek=...) ranks on the chosen request; the reason must quote that request, not another one."""
    searcher = profile(
        "installer",
        "BE",
        description="Installateur van technieken in gebouwen.",
        offers=("installatie van HVAC in kantoren",),
        seeks=("bier voor ons personeelsfeest",),
    )
    engine = build(use_encoder, searcher, *NL_OTHERS)
    chosen = "software om warmtepompen slim aan te sturen"
    top = engine.suggest("installer", k=3, seek=chosen)[0]
    assert top.id == "heatpump"
    assert reason(top, "match.seek_offer").params["mine"] == chosen


# ----------------------------------------------------------------------------- text.shared_terms


def test_shared_terms_compound_in_either_direction() -> None:
    assert shared_terms("onkruid", "mechanische onkruidverdelging") == ["onkruid ~ onkruidverdelging"]
    assert shared_terms("onkruidverdelging met robots", "al het onkruid") == ["onkruidverdelging ~ onkruid"]


def test_shared_terms_exact_terms_case_insensitive_longest_first() -> None:
    assert shared_terms("Warmtepompen en Sensoren", "sensoren voor warmtepompen") == ["warmtepompen", "sensoren"]


def test_shared_terms_ignore_stopwords_short_words_and_numbers() -> None:
    assert shared_terms("wij zoeken een partner voor het project", "een partner voor het project zoekt ons") == []
    assert shared_terms("ai 3d iot 2024", "ai 3d iot 2024") == []


def test_shared_terms_short_terms_do_not_match_inside_words() -> None:
    # 4-letter terms only match exactly: "glas" is not found inside "glasvezel".
    assert shared_terms("glas", "glasvezel") == []
    assert shared_terms("glas", "glas") == ["glas"]


def test_shared_terms_limit() -> None:
    words = "alfa bravo charlie delta echo foxtrot golf hotel"
    assert len(shared_terms(words, words, limit=3)) == 3


# ----------------------------------------------------------------------------- render_en


def test_render_en_is_readable_for_every_reason_of_a_match(top_for_a) -> None:
    for r in top_for_a.reasons:
        text = render_en(r)
        assert text and text != r.code
        assert "{" not in text
    rendered = [render_en(r) for r in top_for_a.reasons]
    seek_offer = rendered[0]
    assert SORTER_A.seeks[0] in seek_offer
    assert VISION_B.offers[0] in seek_offer
    assert "cross-border: BE -> NL" in rendered
    assert "shared themes: circular" in rendered
    assert "not the same company or group" in rendered


@pytest.mark.parametrize(
    ("r", "expected"),
    [
        (
            Reason("match.seek_offer", {"mine": "een camera", "theirs": "beeldherkenning", "similarity": 0.61}),
            'you seek "een camera"; they offer "beeldherkenning" (similarity 0.61)',
        ),
        (
            Reason("match.their_seek_my_offer", {"theirs": "frezen", "mine": "CNC", "similarity": 0.5}),
            'they seek "frezen"; you offer "CNC" (similarity 0.5)',
        ),
        (
            Reason("match.shared_terms", {"terms": ["onkruid ~ onkruidverdelging", "robots"]}),
            "shared terms: onkruid ~ onkruidverdelging, robots",
        ),
        (Reason("match.shared_themes", {"themes": ["circular", "digital"]}), "shared themes: circular, digital"),
        (Reason("filter.cross_border", {"from": "NL", "to": "BE"}), "cross-border: NL -> BE"),
        (Reason("filter.region", {"status": "extended", "province": "BE25"}), "region status extended"),
        (Reason("filter.participation", {"participation": "limited", "size": "large"}), "may take part as limited"),
        (Reason("something.new"), "something.new"),
    ],
)
def test_render_en(r, expected) -> None:  # type: ignore[no-untyped-def]
    assert render_en(r) == expected


def test_reasons_follow_the_ranking(engine) -> None:
    """Every returned match has reasons, and the filter reasons are always there."""
    matches = engine.suggest("a", k=10)
    assert ids(matches)
    for match in matches:
        codes = [r.code for r in match.reasons]
        assert {"filter.cross_border", "filter.region", "filter.participation"} <= set(codes)
