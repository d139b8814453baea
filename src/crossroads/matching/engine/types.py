from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class MatchProfile:
    """What the engine knows of a company or of one of its cooperation profiles.

    `name` is what may be shown: the caller puts a neutral label here for an anonymous profile.
    """

    id: str
    company_id: str
    country: str
    name: str = ""
    description: str = ""
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    themes: frozenset[str] = frozenset()
    group_ids: frozenset[str] = frozenset()  # companies linked to this one: never suggested to each other
    region_status: str = "core"  # core / extended / outside
    province: str = ""  # NUTS2 code
    nace: tuple[str, ...] = ()
    size_class: str | None = None
    participation: str = "core"  # core (SME) / limited (allowed roles) / not_eligible
    trl: int | None = None
    kind: str = "company"  # company / profile


_SET_FIELDS = frozenset({"themes", "group_ids"})
_TUPLE_FIELDS = frozenset({"offers", "seeks", "nace"})


def profile_to_json(profile: MatchProfile) -> dict:
    """Plain JSON data of a profile (sets sorted, tuples as lists), for the database and snapshots."""
    data = dataclasses.asdict(profile)
    for key in _SET_FIELDS:
        data[key] = sorted(data[key])
    for key in _TUPLE_FIELDS:
        data[key] = list(data[key])
    return data


def profile_from_json(data: dict) -> MatchProfile:
    """The profile back from `profile_to_json` data; keys the dataclass no longer has are ignored."""
    known = {f.name for f in dataclasses.fields(MatchProfile)}
    values = {}
    for key, value in data.items():
        if key in _SET_FIELDS:
            value = frozenset(value)
        elif key in _TUPLE_FIELDS:
            value = tuple(value)
        if key in known:
            values[key] = value
    return MatchProfile(**values)


@dataclass
class ProfileVectors:
    """Vectors of one profile, stored with the encoder that made them. Rows are L2-normalised float32.

    Passage side (what the profile is and does), text preparation 3: row 0 is the whole text (description and
    offers in one piece), the vector the ranking uses; when the profile has more than one offer or sentence, the
    rows after it are those pieces, for the reasons to quote. Query side: what the profile seeks (encoded as
    queries); a profile that seeks nothing has its own pieces there (the passage vectors again, nothing extra is
    encoded) and is ranked by the whole text.
    """

    encoder: str
    version: str
    query_sentences: list[str]
    query_vectors: np.ndarray
    passage_sentences: list[str]
    passage_vectors: np.ndarray
    has_seeks: bool

    def pooled_query(self) -> np.ndarray:
        return _pool(self.query_vectors)

    def pooled_passage(self) -> np.ndarray:
        """The whole-text vector (row 0 of the passage side)."""
        if self.passage_vectors.size == 0:
            return _pool(self.passage_vectors)
        return _pool(self.passage_vectors[:1])

    def snippets(self) -> tuple[list[str], np.ndarray]:
        """The pieces a reason may quote: the offers and sentences, or the whole text when it is the only one."""
        return snippets(self.passage_sentences, self.passage_vectors)


def whole_text(passage_sentences: list[str]) -> str:
    """The profile's whole text from its stored passage sentences (row 0)."""
    return passage_sentences[0] if passage_sentences else ""


def snippets(sentences: list[str], vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    if len(sentences) > 1:
        return sentences[1:], vectors[1:]
    return sentences, vectors


def _pool(rows: np.ndarray) -> np.ndarray:
    if rows.size == 0:
        return np.zeros(rows.shape[1] if rows.ndim == 2 else 0, dtype=np.float32)
    mean = rows.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm else mean.astype(np.float32)


@dataclass(frozen=True)
class Filters:
    """Optional narrowing chosen by the user; the hard rules (cross-border, eligibility) always apply."""

    countries: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    nace_prefixes: tuple[str, ...] = ()
    size_classes: frozenset[str] = frozenset()
    trl_min: int | None = None
    trl_max: int | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Match:
    id: str
    score: float
    mutual: bool
    reasons: list[Reason]
    components: dict[str, float] = field(default_factory=dict)
