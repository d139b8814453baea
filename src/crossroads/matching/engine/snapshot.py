"""Saving an engine to a directory and loading it back fast.

Building the index from stored rows spends most of its time in Python: the lexical vectoriser's character n-gram
analysis and one MatchProfile/ProfileVectors object per row (about a minute at 100k profiles). A snapshot keeps
everything the engine computed: the row arrays, the pooled vectors, the lexical term rows and document
frequencies, and the codes it assigned. Loading reads arrays; the per-row objects (profile, sentence vectors,
texts) are decoded from their stored line only when a query needs them, typically the few hundred candidates of
a ranking. The sentence vectors are memory-mapped.

Layout of a snapshot directory:
    manifest.json   format, encoder name and version, text preparation version, ids, codes, caller's extra data
    arrays.npz      per-row arrays, pooled vectors, sentence offsets, both lexical indexes
    sentences_q.npy / sentences_p.npy   every sentence vector (float16, as the database stores them)
    rows.jsonl      one line per row: the profile's fields and its sentences
Snapshots are written to a fresh directory and published by replacing the CURRENT pointer, so a reader never
sees a half-written one.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .encoders import Encoder
from .index import COUNTRY_CODES, TEXT_PREPARATION_VERSION, MatchEngine
from .lexical import N_FEATURES, LexicalIndex
from .types import MatchProfile, ProfileVectors, profile_from_json, profile_to_json, whole_text

FORMAT = 2  # 2: whole-text passage vectors first (text preparation 3)
POINTER = "CURRENT"
# The engine's per-row arrays except the vectors, which are saved apart (float16, memory-mapped).
_ROW_ARRAYS = tuple(name for name in MatchEngine._ROW_ARRAYS if name not in ("_P", "_Q"))
_UNSET = object()


class SnapshotMismatch(Exception):
    """The snapshot was made by another encoder, encoder version, text preparation or file format."""


class LazyRows:
    """A list whose stored items are decoded on first access; appended and replaced items are kept as given."""

    def __init__(self, size: int, decode: Callable[[int], Any]) -> None:
        self._items: list[Any] = [_UNSET] * size
        self._decode = decode

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        index = index + len(self._items) if index < 0 else index
        item = self._items[index]
        if item is _UNSET:
            item = self._items[index] = self._decode(index)
        return item

    def __setitem__(self, index: int, value: Any) -> None:
        self._items[index] = value

    def append(self, value: Any) -> None:
        self._items.append(value)


# ------------------------------------------------------------------------------------------------------- save
def save_snapshot(engine: MatchEngine, root: Path | str, *, extra: dict | None = None) -> Path:
    """Write the engine under `root` and make it the current snapshot. Returns the snapshot's directory."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"snapshot-{time.time_ns()}"
    target.mkdir()
    n = len(engine._ids)
    profiles, vectors = engine._profiles[:n], engine._vectors[:n]
    q_counts = np.array([len(v.query_sentences) for v in vectors], dtype=np.int64)
    p_counts = np.array([len(v.passage_sentences) for v in vectors], dtype=np.int64)
    _save_sentences(target / "sentences_q.npy", [v.query_vectors for v in vectors], engine.dim)
    _save_sentences(target / "sentences_p.npy", [v.passage_vectors for v in vectors], engine.dim)
    arrays = {name.lstrip("_"): getattr(engine, name)[:n] for name in _ROW_ARRAYS}
    arrays |= {"P": engine._P[:n], "Q": engine._Q[:n], "q_counts": q_counts, "p_counts": p_counts}
    for prefix, lexical in (("lex_passage", engine._lex_passage), ("lex_seek", engine._lex_seek)):
        arrays |= {f"{prefix}.{key}": value for key, value in _lexical_arrays(lexical).items()}
    np.savez(target / "arrays.npz", **arrays)
    with (target / "rows.jsonl").open("w", encoding="utf-8") as fh:
        for profile, vector in zip(profiles, vectors, strict=True):
            fh.write(json.dumps(_row_line(profile, vector), ensure_ascii=False, separators=(",", ":")) + "\n")
    manifest = {
        "format": FORMAT,
        "encoder": engine.encoder.name,
        "encoder_version": engine.encoder.version,
        "text_preparation": TEXT_PREPARATION_VERSION,
        "dim": engine.dim,
        "countries": list(engine.countries),
        "ids": engine._ids,
        "company_of": engine._company_of,
        "linked_to": {company: sorted(rows) for company, rows in engine._linked_to.items()},
        "theme_codes": engine.__dict__.get("_theme_codes", {}),
        "codes": engine.__dict__.get("_codes", {}),
        "lexical": {
            "lex_passage": _lexical_scalars(engine._lex_passage),
            "lex_seek": _lexical_scalars(engine._lex_seek),
        },
        "extra": extra or {},
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _publish(root, target)
    return target


def _save_sentences(path: Path, blocks: list[np.ndarray], dim: int) -> None:
    stacked = np.concatenate(blocks) if blocks else np.zeros((0, dim))
    np.save(path, stacked.astype(np.float16))


def _row_line(profile: MatchProfile, vectors: ProfileVectors) -> dict:
    return {
        **profile_to_json(profile),
        "q": vectors.query_sentences,
        "p": vectors.passage_sentences,
        "has_seeks": vectors.has_seeks,
        "version": vectors.version,
    }


def _lexical_arrays(lexical: LexicalIndex) -> dict[str, np.ndarray]:
    # The weighted matrix is saved too: weighting 100k rows again would cost the first query seconds.
    weighted, idf = lexical._current()
    tf = lexical._tf()
    return {
        "data": tf.data,
        "indices": tf.indices,
        "indptr": tf.indptr,
        "w_data": weighted.data,
        "w_indices": weighted.indices,
        "w_indptr": weighted.indptr,
        "idf": idf,
        "map": lexical._map,
        "df": lexical._df,
    }


def _lexical_scalars(lexical: LexicalIndex) -> dict[str, int]:
    return {"rows": lexical._rows, "live": lexical._live, "idf_live": lexical._idf_live, "features": N_FEATURES}


def _publish(root: Path, target: Path) -> None:
    pointer = root / POINTER
    previous = pointer.read_text(encoding="utf-8").strip() if pointer.exists() else None
    temporary = root / f"{POINTER}.{os.getpid()}"
    temporary.write_text(target.name, encoding="utf-8")
    os.replace(temporary, pointer)
    # Keep the previous snapshot (a process may still be reading it); drop the older ones.
    keep = {target.name, previous}
    for old in root.glob("snapshot-*"):
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------------------------------------------------- load
def current_snapshot(root: Path | str) -> Path | None:
    pointer = Path(root) / POINTER
    if not pointer.exists():
        return None
    target = Path(root) / pointer.read_text(encoding="utf-8").strip()
    return target if (target / "manifest.json").exists() else None


def load_snapshot(
    directory: Path | str, encoder: Encoder, *, countries: tuple[str, ...] | None = None
) -> tuple[MatchEngine, dict]:
    """A ready engine from a snapshot directory, and the caller's extra data saved with it. `countries`: the
    programme's (None: the engine's default); a snapshot made for other countries does not fit (its rows carry
    the codes of its own countries)."""
    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    expected = (FORMAT, encoder.name, encoder.version, TEXT_PREPARATION_VERSION, encoder.dim)
    found = tuple(manifest.get(k) for k in ("format", "encoder", "encoder_version", "text_preparation", "dim"))
    if found != expected:
        raise SnapshotMismatch(f"snapshot {found} does not fit {expected}")
    ids: list[str] = manifest["ids"]
    n = len(ids)
    engine = MatchEngine(encoder, capacity=max(n, 1024), countries=countries)
    saved_for = tuple(manifest.get("countries") or COUNTRY_CODES)  # snapshots before issue 11: the default
    if saved_for != engine.countries:
        raise SnapshotMismatch(f"snapshot for countries {saved_for} does not fit {engine.countries}")
    with np.load(directory / "arrays.npz") as arrays:
        for name in _ROW_ARRAYS:
            getattr(engine, name)[:n] = arrays[name.lstrip("_")]
        engine._P[:n], engine._Q[:n] = arrays["P"], arrays["Q"]
        q_counts, p_counts = arrays["q_counts"], arrays["p_counts"]
        for prefix in ("lex_passage", "lex_seek"):
            _restore_lexical(getattr(engine, f"_{prefix}"), arrays, prefix, manifest["lexical"][prefix])
    engine._ids = list(ids)
    engine._row_of = {key: row for row, key in enumerate(ids)}
    engine._company_of = manifest["company_of"]
    engine._linked_to = {company: set(rows) for company, rows in manifest["linked_to"].items()}
    engine._theme_codes = manifest["theme_codes"]
    engine._codes = manifest["codes"]
    rows = _RowLines(directory, n, q_counts, p_counts, encoder.name)
    engine._profiles = LazyRows(n, rows.profile)
    engine._vectors = LazyRows(n, rows.vectors)
    engine._passage_text = LazyRows(n, lambda row: whole_text(rows.line(row)["p"]))
    engine._seek_text = LazyRows(n, lambda row: " ".join(rows.line(row)["seeks"]))
    engine._changes += 1
    return engine, manifest["extra"]


def _restore_lexical(lexical: LexicalIndex, arrays: Any, prefix: str, scalars: dict) -> None:
    if scalars["features"] != N_FEATURES:
        raise SnapshotMismatch(f"lexical features {scalars['features']}, engine uses {N_FEATURES}")

    def matrix(stem: str) -> sparse.csr_matrix:
        parts = (arrays[f"{prefix}.{stem}data"], arrays[f"{prefix}.{stem}indices"], arrays[f"{prefix}.{stem}indptr"])
        return sparse.csr_matrix(parts, shape=(scalars["rows"], N_FEATURES))

    tf = matrix("")
    lexical._weighted = matrix("w_")
    lexical._idf = arrays[f"{prefix}.idf"]
    lexical._idf_live = scalars["idf_live"]
    lexical._blocks = [tf]
    lexical._tf_cache = tf
    lexical._rows = scalars["rows"]
    lexical._map = arrays[f"{prefix}.map"].copy()
    lexical._df = arrays[f"{prefix}.df"].copy()
    lexical._live = scalars["live"]


class _RowLines:
    """The stored lines of a snapshot, decoded on demand. Sentence vectors stay memory-mapped until used."""

    def __init__(self, directory: Path, n: int, q_counts: np.ndarray, p_counts: np.ndarray, encoder: str) -> None:
        self._lines = (directory / "rows.jsonl").read_bytes().split(b"\n")[:n]
        self._q = np.load(directory / "sentences_q.npy", mmap_mode="r")
        self._p = np.load(directory / "sentences_p.npy", mmap_mode="r")
        self._q_start = np.concatenate([[0], np.cumsum(q_counts)])
        self._p_start = np.concatenate([[0], np.cumsum(p_counts)])
        self._encoder = encoder

    def line(self, row: int) -> dict:
        return json.loads(self._lines[row])

    def profile(self, row: int) -> MatchProfile:
        return profile_from_json(self.line(row))

    def vectors(self, row: int) -> ProfileVectors:
        data = self.line(row)
        q = np.asarray(self._q[self._q_start[row] : self._q_start[row + 1]], dtype=np.float32)
        p = np.asarray(self._p[self._p_start[row] : self._p_start[row + 1]], dtype=np.float32)
        return ProfileVectors(self._encoder, data["version"], data["q"], q, data["p"], p, data["has_seeks"])
