"""Put a backup made by `manage.py backup` back: the database and the uploaded files, checked against the manifest.

Stop the web server and the worker first. The configured database is replaced (SQLite: the file, PostgreSQL:
pg_restore --clean into the configured database, which may be a new, empty one); the uploaded files are unpacked
into MEDIA_ROOT. Afterwards the row count of every table is compared with the manifest."""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import is_sqlite, postgres_args, postgres_tool, row_counts, sha256_file


class Command(BaseCommand):
    help = "Restore a backup directory made by `manage.py backup` into the configured database and MEDIA_ROOT."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", help="the backup directory")
        parser.add_argument("--yes", action="store_true", help="do not ask: the current data is replaced")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["backup"])
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
        database, media = source / manifest["database"], source / manifest["media"]
        for path, expected in ((database, manifest["database_sha256"]), (media, manifest["media_sha256"])):
            if sha256_file(path) != expected:
                raise CommandError(f"{path} does not match its checksum in the manifest: the backup is damaged.")
        if manifest["engine"] != connection.vendor:
            raise CommandError(f"This is a {manifest['engine']} backup; the database here is {connection.vendor}.")
        if not options["yes"]:
            name = settings.DATABASES["default"]["NAME"]
            answer = input(f"Replace the database {name} and the uploaded files? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing restored.")
        if is_sqlite():
            self._restore_sqlite(database)
        else:
            command, env = postgres_args()
            subprocess.run(
                [
                    postgres_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    *command,
                    str(database),
                ],
                env=env,
                check=True,
            )
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as archive:
            archive.extractall(media_root, filter="data")  # "data" refuses absolute paths and ../ escapes
        counts = row_counts()
        expected = manifest["row_counts_at_start"]
        # A backup taken while the site ran may hold more rows than counted at its start, never fewer.
        short = {t: (n, counts.get(t, 0)) for t, n in expected.items() if counts.get(t, 0) < n}
        if short:
            raise CommandError(f"Restored tables have fewer rows than the backup counted: {short}")
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables and "
            f"{manifest['media_files']} uploaded files from {source}."
        )

    @staticmethod
    def _restore_sqlite(database: Path) -> None:
        import sqlite3

        target = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        temporary = target.with_name(target.name + ".restoring")
        with sqlite3.connect(database) as backup, sqlite3.connect(temporary) as copy:
            backup.backup(copy)
        copy.close()
        backup.close()
        for suffix in ("-wal", "-shm"):  # the old write-ahead log belongs to the old file
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(temporary, target)
