"""Issue 10 §3: a reason quotes the right company. Every snippet said to be "mine" comes from the searcher's
profile, every snippet said to be "theirs" from the suggested profile, for company-to-company suggestions, an
adviser's list (many searchers, one engine, the same candidates suggested to several of them) and free-text
search; after a snapshot round trip and incremental replacements too."""

from __future__ import annotations

from crossroads.matching.engine import Match, MatchEngine, MatchProfile
from crossroads.matching.engine.snapshot import load_snapshot, save_snapshot
from crossroads.matching.engine.text import split_sentences

from .conftest import profile

# Description-only companies (one to three sentences, the real shape) and a few with offers and seeks, in Dutch
# and English; several of them alike, so that the same candidate is suggested to many searchers.
PROFILES = [
    profile("be-coat", "BE", description="Wij ontwikkelen slijtvaste coatings voor metalen onderdelen."),
    profile(
        "be-sensor",
        "BE",
        description="Ontwerpt sensoren voor waterkwaliteit. Meet nitraat en fosfaat in oppervlaktewater.",
    ),
    profile(
        "be-glass",
        "BE",
        description="Glastuinbouwbedrijf in Hoogstraten. Teelt tomaten met restwarmte.",
        seeks=("een partner voor led-belichting in kassen",),
    ),
    profile(
        "be-hydro",
        "BE",
        description="Bouwt elektrolysers voor groene waterstof.",
        offers=("PEM-elektrolyse op kleine schaal",),
    ),
    profile("nl-coat", "NL", description="Laser cladding and thermal spray coatings for wear protection."),
    profile(
        "nl-water", "NL", description="Buoys with sensors for surface water quality. Data platform for water boards."
    ),
    profile(
        "nl-led",
        "NL",
        description="We make LED grow lights for greenhouses.",
        offers=("LED lighting for horticulture",),
        seeks=("growers to test new light recipes",),
    ),
    profile("nl-h2", "NL", description="Hydrogen refuelling stations. Compressors and storage for hydrogen."),
    profile("nl-food", "NL", description="Verwerkt groenten tot soepen en sauzen."),
]


def _texts(p: MatchProfile) -> set[str]:
    """Every piece of text that may be quoted as belonging to `p`."""
    whole = " ".join(x for x in [p.description.strip(), *p.offers] if x)
    return {whole, *p.offers, *p.seeks, *split_sentences(p.description, limit=100), p.name}


def _check(match: Match, searcher_texts: set[str], candidate: MatchProfile) -> None:
    theirs = _texts(candidate)
    for r in match.reasons:
        if "mine" in r.params:
            assert r.params["mine"] in searcher_texts, (r.code, r.params["mine"])
        if "theirs" in r.params:
            assert r.params["theirs"] in theirs, (match.id, r.code, r.params["theirs"], sorted(theirs))


def _engine(encoder) -> MatchEngine:  # type: ignore[no-untyped-def]
    engine = MatchEngine(encoder)
    engine.add_many(PROFILES)
    return engine


def _company_to_company(engine: MatchEngine) -> int:
    checked = 0
    for searcher in PROFILES:
        for match in engine.suggest(searcher.id, k=5):
            _check(match, _texts(searcher), engine.profile(match.id))  # type: ignore[arg-type]
            checked += 1
    return checked


def test_company_to_company_reasons_quote_the_right_profiles(use_encoder) -> None:
    assert _company_to_company(_engine(use_encoder)) >= 20


def test_an_advisers_list_keeps_each_reason_with_its_own_pair(use_encoder) -> None:
    """An adviser sees the best pairs of all the companies they cover: the same candidate is suggested to several
    searchers, and each row must keep the reasons of its own searcher."""
    engine = _engine(use_encoder)
    rows = [(searcher, match) for searcher in PROFILES for match in engine.suggest(searcher.id, k=3)]
    candidates = [match.id for _searcher, match in rows]
    assert len(candidates) > len(set(candidates)), "premise: some candidate is suggested to several searchers"
    for searcher, match in rows:
        _check(match, _texts(searcher), engine.profile(match.id))  # type: ignore[arg-type]


def test_search_reasons_quote_the_search_and_the_found_profile(use_encoder) -> None:
    engine = _engine(use_encoder)
    for text in ("waterkwaliteit meten", "hydrogen storage", "coatings tegen slijtage"):
        for match in engine.search(text, k=5):
            _check(match, {text}, engine.profile(match.id))  # type: ignore[arg-type]
        searcher = engine.profile("be-glass")
        for match in engine.search(text, k=5, searcher=searcher):
            _check(match, {text}, engine.profile(match.id))  # type: ignore[arg-type]


def test_a_request_search_quotes_that_request(use_encoder) -> None:
    engine = _engine(use_encoder)
    seek = PROFILES[2].seeks[0]
    for match in engine.suggest("be-glass", k=5, seek=seek):
        _check(match, {seek, *_texts(PROFILES[2])}, engine.profile(match.id))  # type: ignore[arg-type]
        quoted = [r.params["mine"] for r in match.reasons if r.code == "match.seek_offer"]
        assert quoted == [seek]


def test_reasons_stay_true_after_a_snapshot_and_replacements(tmp_path, hashing_encoder) -> None:
    engine = _engine(hashing_encoder)
    loaded, _extra = load_snapshot(save_snapshot(engine, tmp_path), hashing_encoder)
    assert _company_to_company(loaded) >= 20
    # Replace two profiles with other texts (incremental sync): old sentences must not linger.
    changed = [
        profile("nl-coat", "NL", description="Vacuum brazing of heat exchangers. Joining of dissimilar metals."),
        profile("be-coat", "BE", description="Plaatbewerking en lassen voor de machinebouw."),
    ]
    loaded.add_many(changed)
    global PROFILES
    original = PROFILES
    try:
        PROFILES = [*changed, *(p for p in original if p.id not in {"nl-coat", "be-coat"})]
        assert _company_to_company(loaded) >= 20
    finally:
        PROFILES = original
