import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from crossroads.matching.index_service import snapshot_write


class Command(BaseCommand):
    help = "Save the matching index as a snapshot, so web processes start in seconds instead of rebuilding it."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            directory = snapshot_write()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Snapshot written to {directory} in {time.perf_counter() - started:.1f} s")
