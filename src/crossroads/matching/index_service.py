"""The process-wide in-memory index, kept in step with the Embedding table by cheap incremental syncs."""

from __future__ import annotations

import datetime as dt
import threading

from django.utils import timezone

from .embeddings import encoder, profile_from_json, vectors_from_row
from .engine import MatchEngine
from .models import Embedding

_lock = threading.Lock()
_state: dict = {"engine": None, "synced_until": None}
# Rows saved in the same second as the last sync are read again; replacing a row is idempotent.
_OVERLAP = dt.timedelta(seconds=2)


def get_engine() -> MatchEngine:
    with _lock:
        if _state["engine"] is None:
            _state["engine"] = MatchEngine(encoder())
        _sync(_state["engine"])
        return _state["engine"]


def reset() -> None:
    """Forget the index (tests, or after re-encoding everything)."""
    with _lock:
        _state["engine"], _state["synced_until"] = None, None


def _sync(engine: MatchEngine) -> None:
    since = _state["synced_until"]
    started = timezone.now()
    rows = Embedding.objects.all() if since is None else Embedding.objects.filter(updated_at__gte=since - _OVERLAP)
    fresh_profiles, fresh_vectors = [], []
    for row in rows.iterator(chunk_size=2000):
        if not row.active or row.encoder != engine.encoder.name:
            engine.remove(row.key)
            continue
        fresh_profiles.append(profile_from_json(row.profile))
        fresh_vectors.append(vectors_from_row(row, engine.dim))
    if fresh_profiles:
        engine.add_many(fresh_profiles, fresh_vectors)
    _state["synced_until"] = started
