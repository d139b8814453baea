"""The process-wide in-memory index, kept in step with the Embedding table by cheap incremental syncs.

A process starts from the latest snapshot (`manage.py matching_snapshot`) when there is one: loading it takes
seconds where rebuilding from the table takes about a minute at 100k rows. Rows changed after the snapshot was
taken are then read from the table like any other sync, and rows deleted since are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from .embeddings import encoder, vectors_from_row
from .engine import MatchEngine
from .engine.index import vector_version
from .engine.snapshot import SnapshotMismatch, current_snapshot, load_snapshot, save_snapshot
from .engine.types import profile_from_json
from .models import Embedding

if TYPE_CHECKING:
    from crossroads.programme.models import Programme

log = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict[str, Any] = {"engine": None, "synced_until": None}
# Rows saved in the same second as the last sync are read again; replacing a row is idempotent.
_OVERLAP = dt.timedelta(seconds=2)


def get_engine() -> MatchEngine:
    with _lock:
        if _state["engine"] is None:
            _state["engine"], _state["synced_until"] = _start()
        _sync(_state["engine"])
        return _state["engine"]


def reset() -> None:
    """Forget the index (tests, or after re-encoding everything)."""
    with _lock:
        _state["engine"], _state["synced_until"] = None, None


def snapshot_write() -> Path:
    """Save the up-to-date index as the snapshot new processes start from."""
    root = settings.MATCHING_SNAPSHOT_DIR
    if not root:
        raise ValueError("MATCHING_SNAPSHOT_DIR is not set")
    with _lock:
        if _state["engine"] is None:
            _state["engine"], _state["synced_until"] = _start()
        _sync(_state["engine"])
        return save_snapshot(_state["engine"], root, extra={"synced_until": _state["synced_until"].isoformat()})


def programme_countries(programme: Programme | None = None) -> tuple[str, ...] | None:
    """The countries the matching pairs across: the programme's (a German-Dutch scheme pairs DE with NL), or the
    engine's default when no programme is loaded yet or it names none."""
    from crossroads.programme.models import Programme
    from crossroads.programme.selectors import current_programme

    if programme is None:
        try:
            programme = current_programme()
        except Programme.DoesNotExist:
            return None
    return tuple(programme.countries) or None


def _start() -> tuple[MatchEngine, dt.datetime | None]:
    """The snapshot's engine and the time it was synced until, or an empty engine when there is no usable one."""
    enc = encoder()
    countries = programme_countries()
    directory = current_snapshot(settings.MATCHING_SNAPSHOT_DIR) if settings.MATCHING_SNAPSHOT_DIR else None
    if directory is None:
        return MatchEngine(enc, countries=countries), None
    try:
        engine, extra = load_snapshot(directory, enc, countries=countries)
        synced_until = dt.datetime.fromisoformat(extra["synced_until"])
    except (SnapshotMismatch, OSError, ValueError, KeyError) as error:
        log.warning("matching snapshot %s not used: %s", directory, error)
        return MatchEngine(enc, countries=countries), None
    live = set(
        Embedding.objects.filter(active=True, encoder=enc.name, version=vector_version(enc)).values_list(
            "key", flat=True
        )
    )
    for key in engine.ids():
        if key not in live:  # deleted (or switched off) since the snapshot; changed rows come with the sync
            engine.remove(key)
    log.info("matching index loaded from %s (%d rows)", directory, len(engine))
    return engine, synced_until


def _sync(engine: MatchEngine) -> None:
    since = _state["synced_until"]
    started = timezone.now()
    rows = Embedding.objects.all() if since is None else Embedding.objects.filter(updated_at__gte=since - _OVERLAP)
    fresh_profiles, fresh_vectors = [], []
    for row in rows.iterator(chunk_size=2000):
        if not row.active or row.encoder != engine.encoder.name or row.version != vector_version(engine.encoder):
            # Switched off, or vectors of another encoder or text preparation (encoded again by the refresh).
            engine.remove(row.key)
            continue
        fresh_profiles.append(profile_from_json(row.profile))
        fresh_vectors.append(vectors_from_row(row, engine.dim))
    if fresh_profiles:
        engine.add_many(fresh_profiles, fresh_vectors)
    _state["synced_until"] = started
