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
    """Sentence vectors of one profile, stored with the encoder that made them.

    The query side is what the profile seeks (or its activities when it seeks nothing); the passage side is what
    it offers and does. Rows are L2-normalised float32.
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
        return _pool(self.passage_vectors)


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
