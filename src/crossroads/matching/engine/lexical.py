"""Lexical similarity: TF-IDF on character n-grams within word boundaries (3-5), so Dutch compounds and exact
technical terms match ("onkruid" finds "onkruidverdelging"). Hashed features keep the index incremental:
document frequencies are counted as profiles come and go, and IDF is applied at query time."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**18


class LexicalIndex:
    def __init__(self) -> None:
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            lowercase=True,
        )
        self._rows: list[sparse.csr_matrix] = []
        self._matrix: sparse.csr_matrix | None = None
        self._df = np.zeros(N_FEATURES, dtype=np.int64)
        self._present: set[int] = set()  # rows holding a document (an empty text is still a document)

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        counts = self._vectorizer.transform(texts).tocsr().astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        return counts

    def add(self, row: int, text: str) -> None:
        vector = self.transform([text])
        while len(self._rows) <= row:
            self._rows.append(sparse.csr_matrix((1, N_FEATURES), dtype=np.float32))
        old = self._rows[row]
        if row in self._present:
            self._df[old.indices] -= 1
        self._present.add(row)
        self._rows[row] = vector
        self._df[vector.indices] += 1
        self._matrix = None

    def add_many(self, first_row: int, texts: list[str]) -> None:
        """Append rows `first_row`.. in one vectoriser call (bulk loading)."""
        if not texts:
            return
        vectors = self.transform(texts)
        while len(self._rows) < first_row:
            self._rows.append(sparse.csr_matrix((1, N_FEATURES), dtype=np.float32))
        for offset in range(vectors.shape[0]):
            row = vectors.getrow(offset)
            self._present.add(len(self._rows))
            self._rows.append(row)
            self._df[row.indices] += 1
        self._matrix = None

    def remove(self, row: int) -> None:
        if row in self._present:
            self._df[self._rows[row].indices] -= 1
            self._rows[row] = sparse.csr_matrix((1, N_FEATURES), dtype=np.float32)
            self._present.discard(row)
            self._matrix = None

    def _idf(self) -> np.ndarray:
        return (np.log((1.0 + len(self._present)) / (1.0 + self._df)) + 1.0).astype(np.float32)

    def matrix(self) -> sparse.csr_matrix:
        if self._matrix is None:
            stacked = sparse.vstack(self._rows, format="csr") if self._rows else sparse.csr_matrix((0, N_FEATURES))
            weighted = stacked.multiply(self._idf()[None, :]).tocsr()
            norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            self._matrix = sparse.diags(1.0 / norms).dot(weighted).tocsr().astype(np.float32)
        return self._matrix

    def query_vector(self, text: str) -> sparse.csr_matrix:
        weighted = self.transform([text]).multiply(self._idf()[None, :]).tocsr()
        norm = float(np.sqrt(weighted.multiply(weighted).sum()))
        return weighted / norm if norm else weighted

    def scores(self, text: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Cosine of `text` against all rows (or only `rows`)."""
        matrix = self.matrix()
        if rows is not None:
            matrix = matrix[rows]
        return np.asarray(matrix.dot(self.query_vector(text).T).todense()).ravel()

    def pair_score(self, left: str, right: str) -> float:
        a, b = self.query_vector(left), self.query_vector(right)
        return float(a.multiply(b).sum())
