"""An engine saved to a snapshot and loaded back answers exactly as the engine that was saved, and keeps working
incrementally (add, replace, remove) after loading."""

from __future__ import annotations

import numpy as np
import pytest

from crossroads.matching.engine import Filters, MatchEngine
from crossroads.matching.engine.snapshot import SnapshotMismatch, current_snapshot, load_snapshot, save_snapshot

from .conftest import BE_OTHERS, NL_OTHERS, SORTER_A, VISION_B, ids, profile
from .test_incremental import SMALL_SET

EVERYONE = (SORTER_A, VISION_B, *NL_OTHERS, *BE_OTHERS, *SMALL_SET)


def _float16_engine(encoder) -> MatchEngine:  # type: ignore[no-untyped-def]
    """An engine whose sentence vectors went through float16, as the database and the snapshot store them."""
    engine = MatchEngine(encoder)
    vectors = engine.embed_many(list(EVERYONE))
    for v in vectors:
        v.query_vectors = v.query_vectors.astype(np.float16).astype(np.float32)
        v.passage_vectors = v.passage_vectors.astype(np.float16).astype(np.float32)
    engine.add_many(list(EVERYONE), vectors)
    return engine


def _answers(engine: MatchEngine) -> list:
    out = []
    for p in EVERYONE:
        out.append([(m.id, m.score, m.mutual, m.reasons, m.components) for m in engine.suggest(p.id, k=5)])
    out.append([(m.id, m.score, m.reasons) for m in engine.search("onkruid", k=5)])
    out.append([m.id for m in engine.suggest("a", k=5, filters=Filters(themes=frozenset({"circular"})))])
    return out


def test_a_loaded_snapshot_gives_the_same_suggestions_scores_and_reasons(tmp_path, use_encoder) -> None:
    engine = _float16_engine(use_encoder)
    save_snapshot(engine, tmp_path, extra={"synced_until": "2026-11-28T02:00:00+00:00"})
    loaded, extra = load_snapshot(current_snapshot(tmp_path), use_encoder)
    assert extra == {"synced_until": "2026-11-28T02:00:00+00:00"}
    assert len(loaded) == len(engine)
    assert _answers(loaded) == _answers(engine)
    assert loaded.profile("weedrobot") == engine.profile("weedrobot")


def test_group_links_and_removed_rows_survive_the_snapshot(tmp_path, hashing_encoder) -> None:
    engine = MatchEngine(hashing_encoder)
    sister = profile("sister", "NL", description="Camerasystemen voor sorteerlijnen.", group_ids=("company-be1",))
    engine.add_many([*SMALL_SET, sister])
    engine.remove("nl3")
    save_snapshot(engine, tmp_path)
    loaded, _ = load_snapshot(current_snapshot(tmp_path), hashing_encoder)
    found = ids(loaded.suggest("be1", k=10))
    assert "sister" not in found  # linked company: never suggested, also after loading
    assert "nl3" not in found and loaded.profile("nl3") is None
    assert found == ids(engine.suggest("be1", k=10))


def test_the_loaded_engine_keeps_changing_incrementally(tmp_path, hashing_encoder) -> None:
    engine = MatchEngine(hashing_encoder)
    engine.add_many(list(SMALL_SET))
    save_snapshot(engine, tmp_path)
    loaded, _ = load_snapshot(current_snapshot(tmp_path), hashing_encoder)
    fresh = profile("nl9", "NL", description="Camera's en beeldherkenning voor het sorteren van afval.")
    replaced = profile("nl1", "NL", description="Ambachtelijke bakkerij.", offers=("taarten en gebak",))
    for target in (engine, loaded):
        target.add_many([fresh, replaced])
        target.remove("nl2")
    assert loaded.profile("nl1") == replaced
    assert ids(loaded.suggest("be1", k=10)) == ids(engine.suggest("be1", k=10))
    assert "nl2" not in ids(loaded.suggest("be3", k=10))
    found = [m.id for m in loaded.search("beeldherkenning", k=3)]
    assert found == [m.id for m in engine.search("beeldherkenning", k=3)]


def test_a_snapshot_of_another_encoder_is_refused(tmp_path, hashing_encoder, use_encoder) -> None:
    engine = MatchEngine(hashing_encoder)
    engine.add_many(list(SMALL_SET))
    save_snapshot(engine, tmp_path)
    with pytest.raises(SnapshotMismatch):
        load_snapshot(current_snapshot(tmp_path), use_encoder)


def test_publishing_keeps_the_current_and_previous_snapshot_only(tmp_path, hashing_encoder) -> None:
    engine = MatchEngine(hashing_encoder)
    engine.add_many(list(SMALL_SET))
    assert current_snapshot(tmp_path) is None
    made = [save_snapshot(engine, tmp_path) for _ in range(3)]
    assert current_snapshot(tmp_path) == made[-1]
    assert sorted(p.name for p in tmp_path.glob("snapshot-*")) == sorted(p.name for p in made[1:])
