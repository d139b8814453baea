"""A live CrossRoads (gunicorn with 3 workers and the django-tasks worker) on a database of its own, per engine.

SQLite always (a migrated temporary file: the in-memory test database cannot be shared between processes);
PostgreSQL as well when DATABASE_URL points at a PostgreSQL server (a fresh database, dropped afterwards)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench.reliability.harness import Stack, postgres_url

ENGINES = ["sqlite", *(["postgres"] if postgres_url() else [])]


@pytest.fixture(scope="module", params=ENGINES)
def live(request: pytest.FixtureRequest) -> Iterator[Stack]:
    stack = Stack(request.param, name="races")
    try:
        stack.prepare(consortia=16, applicants=6, closes_in=3600, sessions=True)
        stack.start_web(workers=3)
        stack.start_worker()
        yield stack
    finally:
        stack.close()
