from django.core.management.base import BaseCommand

from crossroads.matching.housekeeping import digests_send


class Command(BaseCommand):
    help = "Weekly: e-mail each saved search's new matching profiles."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write(f"{digests_send()} digests sent")
