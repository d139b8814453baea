"""A task that keeps the database busy writing, to prove that web requests wait for the writer instead of failing."""

from __future__ import annotations

import time

from django.db import transaction
from django_tasks import task


@task()
def write_burst(rows: int = 50, hold_ms: int = 150) -> int:
    """Write `rows` audit events in one transaction and hold it open `hold_ms` ms (the write lock on SQLite)."""
    from crossroads.core.models import AuditEvent

    with transaction.atomic():
        AuditEvent.objects.bulk_create(
            AuditEvent(verb="reliability.write_burst", object_type="bench", object_id=str(i)) for i in range(rows)
        )
        time.sleep(hold_ms / 1000)
    return rows
