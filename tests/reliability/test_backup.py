"""A backup restores into a fresh database with the same rows and the same uploaded files (docs/operations.md).

SQLite always (online backup API); PostgreSQL when DATABASE_URL points at it (pg_dump/pg_restore)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.reliability.harness import Stack

from .conftest import ENGINES

STATE = """
import hashlib
from pathlib import Path
from django.conf import settings
from crossroads.core.management.commands.backup import row_counts
from crossroads.accounts.models import User
from crossroads.applications.models import Application, Attachment, BudgetLine, Partner, Submission
from crossroads.companies.models import Company
from crossroads.core.models import AuditEvent
from crossroads.programme.models import Call
media = Path(settings.MEDIA_ROOT)
result = {
    "counts": row_counts(),
    "rows": {m.__name__: list(m.objects.order_by("pk").values())
             for m in (User, Company, Call, Application, Partner, BudgetLine, Submission, Attachment, AuditEvent)},
    "files": {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in sorted(media.rglob("*")) if p.is_file()},
}
"""

SUBMIT_WITH_FILES = """
from django.core.files.base import ContentFile
from crossroads.accounts.models import User
from crossroads.applications import services
from crossroads.applications.models import Application, Attachment
application = Application.objects.order_by("pk").first()
lead = User.objects.get(email=application.created_by.email)
submission = services.application_submit(actor=lead, application=application, idempotency_key="backup-test")
services.render_and_send_pdf_task.call(submission.pk)  # the PDF lands in MEDIA_ROOT
attachment = Attachment(application=application, partner=application.partners.first(), kind="other",
    original_name="offerte.pdf", content_type="application/pdf", size=9, sha256="ab" * 32, uploaded_by=lead)
attachment.file.save("ab" * 32, ContentFile(b"%PDF-1.4\\n"), save=True)
result = submission.pk
"""


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def original(engine: str) -> Iterator[Stack]:
    with Stack(engine, name="backup") as stack:
        stack.prepare(consortia=2, applicants=1, closes_in=3600)
        stack.query(SUBMIT_WITH_FILES)
        yield stack


def test_backup_restores_rows_and_files_into_a_fresh_database(original: Stack, engine: str) -> None:
    backup = original.dir / "backup"
    original.manage("backup", "--output", str(backup))
    before = original.query(STATE)
    assert before["counts"]["applications_submission"] == 1 and len(before["files"]) == 2
    with Stack(engine, name="restored") as fresh:
        fresh.manage("restore", str(backup), "--yes")
        after = fresh.query(STATE)
    assert after["counts"] == before["counts"]
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]


def test_a_damaged_backup_is_refused_before_anything_is_replaced(original: Stack, engine: str) -> None:
    backup = original.dir / "backup"
    original.manage("backup", "--output", str(backup))
    database = next(p for p in Path(backup).iterdir() if p.name.startswith("db."))
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))
    with Stack(engine, name="restored") as fresh:
        fresh.manage("migrate", "--noinput", "-v0")
        with pytest.raises(RuntimeError, match="damaged"):
            fresh.manage("restore", str(backup), "--yes")
        users = fresh.query("from django.contrib.auth import get_user_model\nresult = get_user_model().objects.count()")
        assert users == 0
