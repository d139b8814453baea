from django.core.management.base import BaseCommand

from crossroads.assessment.services.assignment import assignments_remind


class Command(BaseCommand):
    help = "Remind assessors whose scores are due soon (daily)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write(f"{assignments_remind()} assessment reminder(s) sent")
