"""Lexical similarity: TF-IDF on character n-grams within word boundaries (3-5), so Dutch compounds and exact
technical terms match ("onkruid" finds "onkruidverdelging").

Built for an index that grows one profile at a time: features are hashed (no vocabulary to refit), documents are
appended as blocks, a replaced document gets a new row and its old one is dropped from the mapping. IDF is frozen
between rebuilds: new rows are weighted with it, and the whole matrix is re-weighted with fresh document
frequencies once the number of documents has moved by more than 10 % since the last rebuild.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**18
REBUILD_DRIFT = 0.10
CANDIDATE_ROWS = 2000  # above this many rows, scoring goes column-wise


def _normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags((1.0 / norms).astype(np.float32)).dot(matrix).tocsr()


class LexicalIndex:
    def __init__(self) -> None:
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            lowercase=True,
            dtype=np.float32,
        )
        self._blocks: list[sparse.csr_matrix] = []  # sublinear tf, one row per stored document
        self._tf_cache: sparse.csr_matrix | None = None
        self._rows = 0  # documents stored (live or not)
        self._map = np.full(1024, -1, dtype=np.int64)  # engine row -> document row
        self._df = np.zeros(N_FEATURES, dtype=np.int64)
        self._live = 0
        self._idf: np.ndarray | None = None
        self._idf_live = 0
        self._weighted: sparse.csr_matrix | None = None

    # ------------------------------------------------------------------ storage
    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        counts = self._vectorizer.transform(texts).tocsr()
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        return counts

    def _tf(self) -> sparse.csr_matrix:
        if self._tf_cache is None or self._tf_cache.shape[0] != self._rows:
            self._tf_cache = (
                sparse.vstack(self._blocks, format="csr")
                if self._blocks
                else sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
            )
            self._blocks = [self._tf_cache]
        return self._tf_cache

    def _ensure_map(self, row: int) -> None:
        if row >= self._map.size:
            grown = np.full(max(row + 1, self._map.size * 2), -1, dtype=np.int64)
            grown[: self._map.size] = self._map
            self._map = grown

    def _forget(self, row: int) -> None:
        old = self._map[row] if row < self._map.size else -1
        if old >= 0:
            self._df[self._tf()[old].indices] -= 1
            self._map[row] = -1
            self._live -= 1

    def add(self, row: int, text: str) -> None:
        self.add_many(row, [text])

    def add_many(self, first_row: int, texts: list[str]) -> None:
        """Store documents for engine rows first_row, first_row + 1, ... in one vectoriser call."""
        self.add_rows(list(range(first_row, first_row + len(texts))), texts)

    def add_rows(self, rows: list[int], texts: list[str]) -> None:
        """Store (or replace) the documents of any engine rows in one vectoriser call and one append."""
        if not texts:
            return
        for row in rows:
            self._ensure_map(row)
        replaced = [row for row in rows if self._map[row] >= 0]
        if replaced:
            tf = self._tf()  # stacked once for all replaced rows
            old = self._map[replaced]
            self._df -= np.bincount(tf[old].indices, minlength=N_FEATURES)
            self._map[replaced] = -1
            self._live -= len(replaced)
        block = self.transform(texts)
        self._blocks.append(block)
        start = self._rows
        self._rows += block.shape[0]
        self._map[np.asarray(rows, dtype=np.int64)] = np.arange(start, self._rows)
        self._df += np.bincount(block.indices, minlength=N_FEATURES)
        self._live += len(texts)

    def remove(self, row: int) -> None:
        if row < self._map.size:
            self._forget(row)

    # ---------------------------------------------------------------- weighting
    def _current(self) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The idf-weighted, row-normalised matrix and the idf it used (rebuilt when the corpus drifted)."""
        drift = abs(self._live - self._idf_live) > REBUILD_DRIFT * max(self._idf_live, 1)
        if self._idf is None or self._weighted is None or drift:
            self._idf = (np.log((1.0 + self._live) / (1.0 + self._df)) + 1.0).astype(np.float32)
            self._idf_live = self._live
            self._weighted = _normalise_rows(self._tf().multiply(self._idf[None, :]).tocsr())
        elif self._weighted.shape[0] < self._rows:
            fresh = self._tf()[self._weighted.shape[0] :]
            self._weighted = sparse.vstack(
                [self._weighted, _normalise_rows(fresh.multiply(self._idf[None, :]).tocsr())], format="csr"
            )
        return self._weighted, self._idf

    def query_vector(self, text: str) -> sparse.csr_matrix:
        _weighted, idf = self._current()
        return _normalise_rows(self.transform([text]).multiply(idf[None, :]).tocsr())

    def scores(self, text: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Cosine of `text` against the documents of the given engine rows (all rows when None)."""
        if rows is None:
            rows = np.arange(self._map.size if self._rows else 0)
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros(rows.size, dtype=np.float32)
        if rows.size == 0 or not text.strip():
            return out
        weighted, _idf = self._current()
        inside = rows < self._map.size
        documents = np.full(rows.size, -1, dtype=np.int64)
        documents[inside] = self._map[rows[inside]]
        present = documents >= 0
        if present.any():
            query = self.query_vector(text)
            if present.sum() > CANDIDATE_ROWS:
                # Many rows (free-text recall): go through the query's few n-gram columns instead of the rows.
                by_column = self._columns(weighted)
                every = np.asarray(by_column[:, query.indices].dot(query.data)).ravel()
                out[present] = every[documents[present]]
            else:
                out[present] = np.asarray(weighted[documents[present]].dot(query.T).todense()).ravel()
        return out

    def _columns(self, weighted: sparse.csr_matrix) -> sparse.csc_matrix:
        """Column-major copy of the weighted matrix, made once per change of the matrix."""
        cached = self.__dict__.get("_csc")
        if cached is None or cached[0] is not weighted:
            cached = (weighted, weighted.tocsc())
            self._csc = cached
        return cached[1]
