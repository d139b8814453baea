"""The in-memory index and the ranking: hard filters, complementarity, fusion, diversity, reasons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .encoders import Encoder
from .lexical import LexicalIndex
from .reasons import pair_reasons
from .text import request_core, split_sentences
from .types import Filters, Match, MatchProfile, ProfileVectors, whole_text

# Bump when the texts handed to the encoder or the layout of the stored vectors change: stored vectors and
# snapshots made the old way are then encoded again. 3: a whole-text passage vector first (issue 10).
TEXT_PREPARATION_VERSION = "3"
WHOLE_TEXT_LIMIT = 2000  # characters of description + offers encoded as the whole text


def vector_version(encoder: Encoder) -> str:
    """The version stored with a profile's vectors: the encoder's and the text preparation's. Vectors of another
    version are refused by the engine and encoded again by the refresh."""
    return f"{encoder.version}/text{TEXT_PREPARATION_VERSION}"


# The default countries, for an engine made without a programme (tests, `manage.py match`): profiles of any
# other country are never suggested. The web application passes the programme's (`index_service`), and an
# evaluation on partners from other borders (bench/quality.py) its own list, to MatchEngine(countries=...).
COUNTRY_CODES = {"BE": 1, "NL": 2}
SIZE_CODES = {None: 0, "micro": 1, "small": 2, "medium": 3, "large": 4}
ELIGIBLE_REGIONS = frozenset({"core", "extended"})
HOLDER = "holder"  # participation of a person or public body: a holder of enterprises only, never a candidate


@dataclass(frozen=True)
class Weights:
    """How the signals add up. Semantic and lexical scores are z-scored within each candidate pool, so the
    weights do not depend on the encoder's similarity range."""

    lexical: float = 0.35
    themes: float = 0.30
    mutual: float = 0.50
    twin: float = 3.0  # candidates that want what we want and do what we do: competitors, not complements
    # Share of the semantic score given to complementarity (a request against the other's whole text, either
    # way) where one side has requests; the rest is the likeness of the two whole texts. Real partners are often
    # alike (same sector), and most companies state no request.
    complement: float = 0.75
    # How clearly the "parallel" likenesses must beat the "cross" ones for a competitor: whole texts are closer
    # to each other than a short request is to a whole text, so a small margin keeps complements unflagged.
    twin_margin: float = 0.1
    candidate_pool: int = 200
    diversity: float = 0.15  # MMR: share of the score given up for being unlike the ones already chosen
    mutual_z: float = 0.5
    # Complementarity where both sides have requests: the better direction (ours against their text, or theirs
    # against ours) counts most, the other one the rest.
    best_direction: float = 0.65
    other_direction: float = 0.35
    # A free-text search also shortlists the best lexical candidates that the semantic side ranks low.
    lexical_pool: int = 50
    # Before diversifying: one candidate per company, at most max(factor * k, k + extra) of them.
    shortlist_factor: int = 3
    shortlist_extra: int = 10


def _zscore(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    std = float(values.std())
    return (values - float(values.mean())) / std if std > 1e-9 else np.zeros_like(values)


def _zeros(size: int) -> np.ndarray:
    return np.zeros(size, dtype=np.float32)


@dataclass(frozen=True)
class _Query:
    """What a ranking starts from: the searcher (None for a free-text search by nobody in the index), the query
    vectors and text, and the searcher's own whole text (vector and words) for the reverse direction."""

    searcher: MatchProfile | None
    queries: np.ndarray
    text: str
    has_seeks: bool
    passage: np.ndarray | None
    passage_text: str
    vectors: ProfileVectors
    free_text: bool = False


@dataclass
class _Pool:
    """The rows that passed the hard filters, with their forward and reverse similarities. `block` and `inside`:
    the other country's contiguous block the rows were taken from, if any."""

    rows: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray
    has_seeks: np.ndarray
    block: tuple[np.ndarray, np.ndarray, np.ndarray] | None
    inside: np.ndarray | None


@dataclass(frozen=True)
class _Scores:
    """The signals of the shortlisted candidates, one value per candidate."""

    semantic: np.ndarray
    lexical: np.ndarray
    themes: np.ndarray
    mutual: np.ndarray
    same_request: np.ndarray


class MatchEngine:
    def __init__(
        self,
        encoder: Encoder,
        *,
        weights: Weights | None = None,
        capacity: int = 1024,
        countries: tuple[str, ...] | None = None,
    ) -> None:
        self.encoder = encoder
        # The programme's countries, in order (their codes in the row arrays); `None`: the default pair.
        self.countries: tuple[str, ...] = tuple(COUNTRY_CODES) if countries is None else tuple(countries)
        self._country_codes = {c: i + 1 for i, c in enumerate(self.countries)}
        self.weights = weights or Weights()
        self.dim = encoder.dim
        self._ids: list[str | None] = []
        self._row_of: dict[str, int] = {}
        self._profiles: list[MatchProfile | None] = []
        self._vectors: list[ProfileVectors | None] = []
        self._company_of: dict[str, int] = {}
        self._linked_to: dict[str, set[int]] = {}  # company id -> rows whose group lists that company
        self._passage_text: list[str] = []
        self._seek_text: list[str] = []
        self._lex_passage = LexicalIndex()
        self._lex_seek = LexicalIndex()
        self._changes = 0  # bumped by every add/remove; cached country blocks compare against it
        self._theme_codes: dict[str, int] = {}  # theme -> bit (at most 32 themes)
        self._codes: dict[str, int] = {}  # province -> code (0: none)
        # own country code -> ((rows, changes) it was built at, rows, P block, Q block): see `_country_block`
        self._blocks: dict[int, tuple[tuple[int, int], np.ndarray, np.ndarray, np.ndarray]] = {}
        # Row arrays, grown by `_alloc`.
        self._capacity = 0
        self._P = np.zeros((0, self.dim), np.float32)  # pooled passage vector (the whole text) per row
        self._Q = np.zeros((0, self.dim), np.float32)  # pooled query vector (the requests) per row, or zeros
        self._active = np.zeros(0, np.bool_)
        self._has_seeks = np.zeros(0, np.bool_)
        self._eligible = np.zeros(0, np.bool_)
        self._country = np.zeros(0, np.int8)
        self._size = np.zeros(0, np.int8)
        self._themes = np.zeros(0, np.uint32)
        self._trl = np.zeros(0, np.int8)
        self._province = np.zeros(0, np.int32)
        self._company = np.zeros(0, np.int32)
        self._nace_lo = np.zeros(0, np.uint64)
        self._nace_hi = np.zeros(0, np.uint64)
        self._alloc(capacity)

    # ----------------------------------------------------------------- storage
    _ROW_ARRAYS = (
        "_P",
        "_Q",
        "_active",
        "_has_seeks",
        "_eligible",
        "_country",
        "_size",
        "_themes",
        "_trl",
        "_province",
        "_company",
        "_nace_lo",
        "_nace_hi",
    )

    def _alloc(self, capacity: int) -> None:
        """Grow every row array to `capacity` rows, keeping the rows already there."""
        for name in self._ROW_ARRAYS:
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)
        self._capacity = capacity

    def __len__(self) -> int:
        return int(self._active.sum())

    def embed(self, profile: MatchProfile) -> ProfileVectors:
        """Sentence vectors of a profile with the engine's encoder (the slow part: run it in a worker)."""
        return embed_profile(self.encoder, profile)

    def embed_many(self, profiles: list[MatchProfile], batch: int = 64) -> list[ProfileVectors]:
        return embed_profiles(self.encoder, profiles, batch=batch)

    def add(self, profile: MatchProfile, vectors: ProfileVectors | None = None, *, lexical: bool = True) -> None:
        """Add or replace one profile; the index stays usable (incremental)."""
        vectors = vectors or self.embed(profile)
        self._check(vectors)
        row = self._row_of.get(profile.id)
        if row is None:
            row = len(self._ids)
            if row >= self._capacity:
                self._alloc(max(self._capacity * 2, 1024))
            self._ids.append(profile.id)
            self._profiles.append(None)
            self._vectors.append(None)
            self._passage_text.append("")
            self._seek_text.append("")
            self._row_of[profile.id] = row
        previous = self._profiles[row]
        self._changes += 1
        self._profiles[row], self._vectors[row] = profile, vectors
        self._P[row] = vectors.pooled_passage()
        self._Q[row] = vectors.pooled_query() if vectors.has_seeks else 0.0
        self._has_seeks[row] = vectors.has_seeks
        self._active[row] = profile.participation != HOLDER
        self._eligible[row] = profile.region_status in ELIGIBLE_REGIONS and profile.participation != "not_eligible"
        self._country[row] = self._country_codes.get(profile.country, 0)
        self._size[row] = SIZE_CODES.get(profile.size_class, 0)
        self._themes[row] = self._theme_bits(profile.themes)
        self._trl[row] = profile.trl or 0
        self._province[row] = self._code(profile.province)
        self._company[row] = self._company_index(profile.company_id)
        self._link_rows(row, profile, previous)
        self._nace_lo[row], self._nace_hi[row] = self._nace_bits(profile.nace)
        self._passage_text[row] = whole_text(vectors.passage_sentences)
        self._seek_text[row] = " ".join(profile.seeks)
        if lexical:
            self._lex_passage.add(row, self._passage_text[row])
            self._lex_seek.add(row, self._seek_text[row] or " ")

    def _check(self, vectors: ProfileVectors) -> None:
        if vectors.encoder != self.encoder.name:
            raise ValueError(f"vectors from {vectors.encoder}, engine uses {self.encoder.name}")
        if vectors.version != vector_version(self.encoder):
            raise ValueError(f"vectors of version {vectors.version}, engine uses {vector_version(self.encoder)}")

    def add_many(self, profiles: list[MatchProfile], vectors: list[ProfileVectors] | None = None) -> None:
        """Add many profiles at once. New ids are appended in bulk (array writes and one lexical pass);
        ids already in the index are replaced one by one."""
        vectors = vectors or self.embed_many(profiles)
        latest = {p.id: (p, v) for p, v in zip(profiles, vectors, strict=True)}  # the last version of an id wins
        fresh = [(p, v) for p, v in latest.values() if p.id not in self._row_of]
        known = [(p, v) for p, v in latest.values() if p.id in self._row_of]
        for profile, vector in known:
            self.add(profile, vector, lexical=False)
        if known:  # one lexical pass for all replaced rows instead of one per row
            rows = [self._row_of[p.id] for p, _v in known]
            self._lex_passage.add_rows(rows, [self._passage_text[r] for r in rows])
            self._lex_seek.add_rows(rows, [self._seek_text[r] or " " for r in rows])
        if not fresh:
            return
        self._changes += 1
        start = len(self._ids)
        needed = start + len(fresh)
        if needed > self._capacity:
            self._alloc(max(needed, self._capacity * 2))
        rows = np.arange(start, needed)
        for offset, (profile, vector) in enumerate(fresh):
            self._check(vector)
            self._ids.append(profile.id)
            self._row_of[profile.id] = start + offset
            self._profiles.append(profile)
            self._vectors.append(vector)
            self._passage_text.append(whole_text(vector.passage_sentences))
            self._seek_text.append(" ".join(profile.seeks))
        self._P[rows] = np.stack([v.pooled_passage() for _, v in fresh])
        self._Q[rows] = np.stack(
            [v.pooled_query() if v.has_seeks else np.zeros(self.dim, np.float32) for _, v in fresh]
        )
        self._has_seeks[rows] = [v.has_seeks for _, v in fresh]
        self._active[rows] = [p.participation != HOLDER for p, _ in fresh]
        self._eligible[rows] = [
            p.region_status in ELIGIBLE_REGIONS and p.participation != "not_eligible" for p, _ in fresh
        ]
        self._country[rows] = [self._country_codes.get(p.country, 0) for p, _ in fresh]
        self._size[rows] = [SIZE_CODES.get(p.size_class, 0) for p, _ in fresh]
        self._themes[rows] = [self._theme_bits(p.themes) for p, _ in fresh]
        self._trl[rows] = [p.trl or 0 for p, _ in fresh]
        self._province[rows] = [self._code(p.province) for p, _ in fresh]
        self._company[rows] = [self._company_index(p.company_id) for p, _ in fresh]
        for offset, (profile, _vector) in enumerate(fresh):
            self._link_rows(start + offset, profile)
        bits = [self._nace_bits(p.nace) for p, _ in fresh]
        self._nace_lo[rows] = [b[0] for b in bits]
        self._nace_hi[rows] = [b[1] for b in bits]
        self._lex_passage.add_many(start, self._passage_text[start:needed])
        self._lex_seek.add_many(start, [t or " " for t in self._seek_text[start:needed]])

    def remove(self, profile_id: str) -> None:
        row = self._row_of.get(profile_id)
        if row is not None:
            self._changes += 1
            self._active[row] = False
            self._lex_passage.remove(row)
            self._lex_seek.remove(row)

    def ids(self) -> list[str]:
        """Ids of the profiles in the index."""
        return [key for row, key in enumerate(self._ids) if key is not None and self._active[row]]

    def profile(self, profile_id: str) -> MatchProfile | None:
        row = self._row_of.get(profile_id)
        return self._profiles[row] if row is not None and self._active[row] else None

    # ------------------------------------------------------------- encodings
    def _theme_bits(self, themes: frozenset[str], *, register: bool = True) -> int:
        """Bit mask of themes. Only profiles register new themes; a filter on an unknown theme matches nothing."""
        codes = self._theme_codes
        bits = 0
        for theme in themes:
            if register and theme not in codes and len(codes) < 32:
                codes[theme] = len(codes)
            if theme in codes:
                bits |= 1 << codes[theme]
        return bits

    def _code(self, value: str) -> int:
        codes = self._codes
        return codes.setdefault(value, len(codes) + 1) if value else 0

    def _link_rows(self, row: int, profile: MatchProfile, previous: MatchProfile | None = None) -> None:
        for company_id in previous.group_ids if previous else ():
            self._linked_to.get(company_id, set()).discard(row)
        for company_id in profile.group_ids:
            self._linked_to.setdefault(company_id, set()).add(row)

    def _company_index(self, company_id: str) -> int:
        return self._company_of.setdefault(company_id, len(self._company_of) + 1)

    @staticmethod
    def _nace_bits(codes: tuple[str, ...]) -> tuple[int, int]:
        """Bit masks of the NACE divisions (2 digits) the codes or prefixes cover: '6' covers 60-69."""
        lo = hi = 0
        divisions: list[int] = []
        for code in codes:
            digits = code.replace(".", "")
            if len(digits) >= 2 and digits[:2].isdigit():
                divisions.append(int(digits[:2]))
            elif len(digits) == 1 and digits.isdigit():
                divisions.extend(range(int(digits) * 10, int(digits) * 10 + 10))
        for division in divisions:
            if division < 64:
                lo |= 1 << division
            else:
                hi |= 1 << (division - 64)
        return lo, hi

    # ---------------------------------------------------------------- filters
    def _mask(self, searcher: MatchProfile | None, filters: Filters | None) -> np.ndarray:
        n = len(self._ids)
        mask = self._active[:n] & self._eligible[:n] & (self._country[:n] > 0)
        if searcher is not None:
            mask &= self._country[:n] != self._country_codes.get(searcher.country, -1)
            excluded = {searcher.company_id, *searcher.group_ids}
            for company_id in excluded:
                index = self._company_of.get(company_id)
                if index is not None:
                    mask &= self._company[:n] != index
            # A link recorded only on the candidate's side counts as well.
            linked_rows = list(self._linked_to.get(searcher.company_id, ()))
            if linked_rows:
                mask[[r for r in linked_rows if r < n]] = False
        if filters is None:
            return mask
        if filters.countries:
            mask &= np.isin(self._country[:n], [self._country_codes.get(c, -1) for c in filters.countries])
        if filters.provinces:
            mask &= np.isin(self._province[:n], [self._codes.get(p, -1) for p in filters.provinces])
        if filters.themes:
            wanted = self._theme_bits(filters.themes, register=False)
            mask &= (self._themes[:n] & wanted) > 0
        if filters.size_classes:
            mask &= np.isin(self._size[:n], [SIZE_CODES.get(s, -1) for s in filters.size_classes])
        if filters.trl_min is not None:
            mask &= self._trl[:n] >= filters.trl_min
        if filters.trl_max is not None:
            mask &= (self._trl[:n] <= filters.trl_max) & (self._trl[:n] > 0)
        if filters.nace_prefixes:
            lo, hi = self._nace_bits(tuple(filters.nace_prefixes))
            mask &= ((self._nace_lo[:n] & np.uint64(lo)) > 0) | ((self._nace_hi[:n] & np.uint64(hi)) > 0)
            rows = np.flatnonzero(mask)
            prefixes = tuple(p.replace(".", "") for p in filters.nace_prefixes)
            keep = [r for r in rows if any(c.replace(".", "").startswith(prefixes) for c in self._profiles[r].nace)]
            mask = np.zeros(n, dtype=bool)
            mask[keep] = True
        return mask

    # ---------------------------------------------------------------- ranking
    def suggest(
        self, profile_id: str, *, k: int = 10, filters: Filters | None = None, seek: str | None = None
    ) -> list[Match]:
        """Complementary partners for a profile in the index; `seek` narrows to one of its requests."""
        row = self._row_of[profile_id]
        searcher = self._profiles[row]
        vectors = self._vectors[row]
        if seek is not None:
            queries = self.encoder.encode_queries([request_core(seek)])
            query_text, has_seeks = seek, True
            # Reasons quote the chosen request, not the profile's other ones.
            vectors = ProfileVectors(
                vectors.encoder,
                vectors.version,
                [seek],
                queries,
                vectors.passage_sentences,
                vectors.passage_vectors,
                True,
            )
        elif vectors.has_seeks:
            queries, query_text, has_seeks = vectors.query_vectors, " ".join(vectors.query_sentences), True
        else:
            # Nothing sought: the whole text against the others' whole texts (symmetric likeness).
            queries, query_text, has_seeks = self._P[row][None, :], self._passage_text[row], False
        query = _Query(
            searcher=searcher,
            queries=queries,
            text=query_text,
            has_seeks=has_seeks,
            passage=self._P[row],
            passage_text=self._passage_text[row],
            vectors=vectors,
        )
        return self._rank(query, k=k, filters=filters)

    def search(
        self, text: str, *, k: int = 10, filters: Filters | None = None, searcher: MatchProfile | None = None
    ) -> list[Match]:
        """Free-text search ranked by meaning, with exact terms and compounds from the lexical side."""
        queries = self.encoder.encode_queries([request_core(text)])
        searcher_row = self._row_of.get(searcher.id) if searcher is not None else None
        query = _Query(
            searcher=searcher,
            queries=queries,
            text=text,
            has_seeks=True,
            passage=self._P[searcher_row] if searcher_row is not None else None,
            passage_text=self._passage_text[searcher_row] if searcher_row is not None else "",
            vectors=ProfileVectors(self.encoder.name, self.encoder.version, [text], queries, [], queries[:0], True),
            free_text=True,
        )
        return self._rank(query, k=k, filters=filters)

    def _rank(self, query: _Query, *, k: int, filters: Filters | None) -> list[Match]:
        """Hard filters, then the semantic score of every row that passes, a shortlist, and the fused score of
        the shortlist (semantic, lexical, themes, mutual, competitors down), diversified."""
        pool = self._pool(query, self._mask(query.searcher, filters))
        if pool is None:
            return []
        semantic, complement = self._semantic(query, pool)
        top = self._shortlist(query, pool, semantic)
        cand = pool.rows[top]
        same_request = self._same_request(query, pool, top, cand)
        semantic_top = semantic[top]
        if complement is not None and same_request.any():
            # A competitor's likeness to us is no reason to meet: only its complementarity counts.
            semantic_top = np.where(same_request, complement[top], semantic_top)
        scores = _Scores(
            semantic=semantic_top,
            lexical=self._lexical(query, cand),
            themes=self._theme_overlap(query.searcher, cand),
            mutual=self._mutual(query, pool, top, same_request),
            same_request=same_request,
        )
        fused = self._fuse(scores)
        return [self._match(query, cand[i], i, fused, scores) for i in self._diversify(cand, fused, k)]

    def _pool(self, query: _Query, mask: np.ndarray) -> _Pool | None:
        """The rows that pass the filters, with the forward (our requests against their text) and reverse (their
        requests against our text) similarities. The products are memory-bound: with a searcher only the other
        country's block is scanned, kept contiguous; otherwise all rows, selected afterwards."""
        n = len(self._ids)
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return None
        block = self._country_block(query.searcher) if query.searcher is not None else None
        with_reverse = query.passage is not None and not query.free_text
        if block is not None:
            block_rows, P_block, Q_block = block
            inside = mask[block_rows]
            rows = block_rows[inside]
            forward = (query.queries @ P_block.T).max(axis=0)[inside] if len(query.queries) else _zeros(rows.size)
            reverse = (Q_block @ query.passage)[inside] if with_reverse else _zeros(rows.size)
        else:
            inside = None
            forward = (query.queries @ self._P[:n].T).max(axis=0)[rows] if len(query.queries) else _zeros(rows.size)
            reverse = (self._Q[:n] @ query.passage)[rows] if with_reverse else _zeros(rows.size)
        if rows.size == 0:
            return None
        return _Pool(rows, forward, reverse, self._has_seeks[rows], block, inside)

    def _semantic(self, query: _Query, pool: _Pool) -> tuple[np.ndarray, np.ndarray | None]:
        """(semantic score per row, complementarity per row or None). Likeness of the whole texts, blended with
        complementarity where a request exists: our requests against their text, their requests against ours (the
        better direction counts most). Without requests of our own, `pool.forward` becomes the likeness."""
        if query.free_text or query.passage is None:
            return pool.forward, None
        w = self.weights
        likeness = self._likeness(pool, query.passage)
        if query.has_seeks:
            best = np.maximum(pool.forward, pool.reverse)
            other = np.minimum(pool.forward, pool.reverse)
            both = w.best_direction * best + w.other_direction * other
            complement = np.where(pool.has_seeks, both, pool.forward)
            return (1 - w.complement) * likeness + w.complement * complement, complement
        pool.forward = likeness
        blended = (1 - w.complement) * likeness + w.complement * pool.reverse
        return np.where(pool.has_seeks, blended, likeness), None

    def _shortlist(self, query: _Query, pool: _Pool, semantic: np.ndarray) -> np.ndarray:
        """Positions (in the pool) of the best semantic candidates; for a free-text search, the best lexical ones
        too: exact technical terms that the semantic side ranks low still get in."""
        size = pool.rows.size
        keep = min(self.weights.candidate_pool, size)
        top = np.argpartition(-semantic, keep - 1)[:keep] if size > keep else np.arange(size)
        if query.free_text:
            lexical_all = self._lex_passage.scores(query.text, pool.rows)
            extra_count = min(self.weights.lexical_pool, size)
            extra = np.argpartition(-lexical_all, extra_count - 1)[:extra_count]
            top = np.unique(np.concatenate([top, extra[lexical_all[extra] > 0]]))
        return top

    def _lexical(self, query: _Query, cand: np.ndarray) -> np.ndarray:
        forward = self._lex_scores(self._lex_passage, cand, query.text)
        if query.free_text or not query.passage_text:
            return forward
        return np.maximum(forward, self._lex_scores(self._lex_seek, cand, query.passage_text))

    def _theme_overlap(self, searcher: MatchProfile | None, cand: np.ndarray) -> np.ndarray:
        """Jaccard overlap of the themes."""
        overlap = np.zeros(cand.size, dtype=np.float32)
        if searcher is not None and searcher.themes:
            for i, r in enumerate(cand):
                other = self._profiles[r].themes
                overlap[i] = len(searcher.themes & other) / len(searcher.themes | other) if other else 0.0
        return overlap

    def _same_request(self, query: _Query, pool: _Pool, top: np.ndarray, cand: np.ndarray) -> np.ndarray:
        """A company whose request resembles our request more than it resembles our offer wants what we want: a
        competitor for the same partner, not a complement. It is never "mutual" and ranks lower."""
        same_request = np.zeros(cand.size, dtype=bool)
        if query.free_text or query.passage is None or not query.has_seeks or not len(query.queries):
            return same_request
        pooled = query.queries.mean(axis=0)
        pooled = pooled / (np.linalg.norm(pooled) or 1.0)
        seek_likeness = self._Q[cand] @ pooled
        offer_likeness = self._P[cand] @ query.passage
        # Both "parallel" similarities (they want what we want, they do what we do) beat both "cross" ones
        # (they do what we want, they want what we do).
        cross = np.maximum(pool.forward[top], pool.reverse[top])
        margin = self.weights.twin_margin
        return pool.has_seeks[top] & (seek_likeness > cross + margin) & (offer_likeness > cross + margin)

    def _mutual(self, query: _Query, pool: _Pool, top: np.ndarray, same_request: np.ndarray) -> np.ndarray:
        """Each side's requests clearly fit the other's text (both z-scores above `mutual_z`), and not a twin."""
        if query.free_text or not query.has_seeks:
            return np.zeros(top.size, dtype=bool)
        z_fwd, z_rev = _zscore(pool.forward[top]), _zscore(pool.reverse[top])
        threshold = self.weights.mutual_z
        return pool.has_seeks[top] & (z_fwd > threshold) & (z_rev > threshold) & ~same_request

    def _fuse(self, scores: _Scores) -> np.ndarray:
        w = self.weights
        return (
            _zscore(scores.semantic)
            + w.lexical * _zscore(scores.lexical)
            + w.themes * scores.themes
            + w.mutual * scores.mutual
            - w.twin * scores.same_request
        )

    def _match(self, query: _Query, row: int, index: int, fused: np.ndarray, scores: _Scores) -> Match:
        return Match(
            id=self._ids[row],
            score=round(float(fused[index]), 4),
            mutual=bool(scores.mutual[index]),
            reasons=pair_reasons(
                searcher=query.searcher,
                searcher_vectors=query.vectors,
                candidate=self._profiles[row],
                candidate_vectors=self._vectors[row],
                free_text=query.free_text,
            ),
            components={
                "semantic": round(float(scores.semantic[index]), 4),
                "lexical": round(float(scores.lexical[index]), 4),
                "themes": round(float(scores.themes[index]), 4),
            },
        )

    def _likeness(self, pool: _Pool, searcher_passage: np.ndarray) -> np.ndarray:
        """Cosine of the searcher's whole text with each row's whole text."""
        if pool.block is not None:
            return (pool.block[1] @ searcher_passage)[pool.inside]
        return self._P[pool.rows] @ searcher_passage

    def _country_block(self, searcher: MatchProfile) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Contiguous copies of the active rows of the other countries, rebuilt only after the index changed."""
        own = self._country_codes.get(searcher.country, 0)
        if not own:
            return None
        n = len(self._ids)
        version = (n, self._changes)
        cached = self._blocks.get(own)
        if cached is None or cached[0] != version:
            block_rows = np.flatnonzero(self._active[:n] & (self._country[:n] > 0) & (self._country[:n] != own))
            cached = (
                version,
                block_rows,
                np.ascontiguousarray(self._P[block_rows]),
                np.ascontiguousarray(self._Q[block_rows]),
            )
            self._blocks[own] = cached
        return cached[1], cached[2], cached[3]

    def _lex_scores(self, index: LexicalIndex, rows: np.ndarray, text: str) -> np.ndarray:
        return index.scores(text, rows) if text.strip() else np.zeros(rows.size, dtype=np.float32)

    def _diversify(self, cand: np.ndarray, fused: np.ndarray, k: int) -> list[int]:
        """One result per company, then maximal marginal relevance so the list is not k near-copies."""
        if k <= 0:
            return []
        order = np.argsort(-fused)
        seen_companies: set[int] = set()
        shortlist: list[int] = []
        for index in order:
            company = int(self._company[cand[index]])
            if company in seen_companies:
                continue
            seen_companies.add(company)
            shortlist.append(int(index))
            if len(shortlist) >= max(self.weights.shortlist_factor * k, k + self.weights.shortlist_extra):
                break
        if not shortlist:
            return []
        vectors = self._P[cand[shortlist]]
        scores = fused[shortlist]
        spread = float(scores.max() - scores.min()) or 1.0
        relevance = (scores - scores.min()) / spread
        chosen = [0]
        similarity = vectors @ vectors[0]
        max_sim = similarity.copy()
        while len(chosen) < min(k, len(shortlist)):
            mmr = (1 - self.weights.diversity) * relevance - self.weights.diversity * max_sim
            mmr[chosen] = -np.inf
            best = int(np.argmax(mmr))
            chosen.append(best)
            max_sim = np.maximum(max_sim, vectors @ vectors[best])
        return [shortlist[i] for i in chosen]


def _whole(profile: MatchProfile) -> str:
    parts = [profile.description.strip(), *(o.strip() for o in profile.offers)]
    text = " ".join(p for p in parts if p)
    return text[:WHOLE_TEXT_LIMIT] or profile.name or profile.id


def _texts(profile: MatchProfile) -> tuple[list[str], list[str], bool]:
    """(requests, passages, has requests). Passages: the whole text, then the offers and sentences when there
    are several (a single one is the whole text already and is not encoded twice)."""
    description = split_sentences(profile.description)
    pieces = [*profile.offers, *description]
    whole = _whole(profile)
    passages = [whole, *pieces] if len(pieces) > 1 else [whole]
    if profile.seeks:
        return list(profile.seeks), passages, True
    return [], passages, False


def embed_profile(encoder: Encoder, profile: MatchProfile) -> ProfileVectors:
    return embed_profiles(encoder, [profile])[0]


def _encode(method: Callable[[list[str]], np.ndarray], texts: list[str], batch: int, dim: int) -> np.ndarray:
    """Encode in batches, each distinct text once (a profile's only sentence is also its whole text)."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, dim), np.float32)
    encoded = np.concatenate([method(unique[i : i + batch]) for i in range(0, len(unique), batch)])
    position = {text: i for i, text in enumerate(unique)}
    return encoded[[position[t] for t in texts]]


def embed_profiles(encoder: Encoder, profiles: list[MatchProfile], batch: int = 64) -> list[ProfileVectors]:
    """Embed many profiles with few encoder calls (the encoders are much faster on batches)."""
    plans = [_texts(p) for p in profiles]
    # Requests are encoded without their opening ("Een partner met ervaring in ..."), shown with it.
    queries = [request_core(s) for q, _, _ in plans for s in q]
    passages = [s for _, p, _ in plans for s in p]
    q_vecs = _encode(encoder.encode_queries, queries, batch, encoder.dim)
    p_vecs = _encode(encoder.encode_passages, passages, batch, encoder.dim)
    out, qi, pi, version = [], 0, 0, vector_version(encoder)
    for q, p, has_seeks in plans:
        p_rows = p_vecs[pi : pi + len(p)]
        if has_seeks:
            q_sentences, q_rows = q, q_vecs[qi : qi + len(q)]
        else:  # its own pieces stand for it in the reasons ("your activity ...")
            q_sentences = p[1:] if len(p) > 1 else p
            q_rows = p_rows[1:] if len(p) > 1 else p_rows
        out.append(ProfileVectors(encoder.name, version, q_sentences, q_rows, p, p_rows, has_seeks))
        qi, pi = qi + len(q), pi + len(p)
    return out
