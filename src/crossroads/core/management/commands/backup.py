"""A consistent backup of the database and the uploaded files, while the site keeps running.

SQLite is copied with SQLite's online backup API (a consistent copy even while the web server and the worker
write); PostgreSQL with pg_dump in its custom format (one snapshot transaction). The uploaded files (MEDIA_ROOT)
go into a tar archive. A manifest records the row count of every table and the checksums, so `restore` can
prove it put back what was saved. See docs/operations.md."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per table of every installed model (auto-created many-to-many tables included)."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in tables and table not in counts:
            counts[table] = model._default_manager.using("default").count()
    return dict(sorted(counts.items()))


def postgres_tool(name: str) -> str:
    """pg_dump/pg_restore: $PG_BIN first, then the newest server binaries (a dump needs a client >= the server)."""
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / name)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name or 0))
    for folder in reversed(versions):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} not found: install the PostgreSQL client or set PG_BIN.")
    return found


def postgres_args() -> tuple[list[str], dict[str, str]]:
    """Connection arguments without the password on the command line (it goes in PGPASSWORD)."""
    db = settings.DATABASES["default"]
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432)]
    args += ["--username", str(db.get("USER") or ""), "--dbname", str(db["NAME"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new directory (default var/backups/<time>)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", help="directory to create (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(options["output"]) if options["output"] else Path(settings.VAR_DIR) / "backups" / stamp
        if target.exists():
            raise CommandError(f"{target} exists already: a backup never overwrites another one.")
        target.mkdir(parents=True)
        counts = row_counts()  # before the copy: a count can only grow while the site runs
        if is_sqlite():
            database = target / "db.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(database) as copy:
                connection.connection.backup(copy)  # the online backup API: consistent despite writers
            copy.close()
        else:
            database = target / "db.dump"
            command, env = postgres_args()
            subprocess.run(
                [
                    postgres_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(database),
                    *command,
                ],
                env=env,
                check=True,
            )
        media_root = Path(settings.MEDIA_ROOT)
        media = target / "media.tar.gz"
        files = 0
        with tarfile.open(media, "w:gz") as archive:
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        files += 1
        manifest = {
            "created_at": stamp,
            "engine": connection.vendor,
            "database": database.name,
            "database_sha256": sha256_file(database),
            "media": media.name,
            "media_sha256": sha256_file(media),
            "media_files": files,
            "row_counts_at_start": counts,
        }
        (target / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        self.stdout.write(
            f"Backup in {target}: {database.name} ({database.stat().st_size} bytes), {files} uploaded files."
        )
