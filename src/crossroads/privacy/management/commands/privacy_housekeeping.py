"""Daily: anonymise applications that were not funded once the programme's retention period has passed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crossroads.privacy.services import privacy_housekeeping


class Command(BaseCommand):
    help = "Anonymise rejected, not eligible, withdrawn and never-submitted applications after the retention period."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would be anonymised; change nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        due = privacy_housekeeping(dry_run=dry_run)
        for application, retention in due:
            self.stdout.write(
                f"{'would anonymise' if dry_run else 'anonymised'} application {application.pk} "
                f"({retention.reason}, retention from {retention.reference:%Y-%m-%d})"
            )
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(self.style.SUCCESS(f"{len(due)} application(s) {verb}."))
