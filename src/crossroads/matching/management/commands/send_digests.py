from typing import Any

from django.core.management.base import BaseCommand

from crossroads.matching.housekeeping import digests_send


class Command(BaseCommand):
    help = "Weekly: e-mail each saved search's new matching profiles."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{digests_send()} digests sent")
