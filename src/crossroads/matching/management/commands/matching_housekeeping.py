from typing import Any

from django.core.management.base import BaseCommand

from crossroads.matching.housekeeping import interests_expire_and_remind, profiles_expire_and_remind


class Command(BaseCommand):
    help = "Daily: expire profiles and expressions of interest, send the reminders before they expire."

    def handle(self, *args: Any, **options: Any) -> None:
        expired, reminded = profiles_expire_and_remind()
        i_expired, i_reminded = interests_expire_and_remind()
        self.stdout.write(
            f"profiles: {expired} expired, {reminded} reminded; interests: {i_expired} expired, {i_reminded} reminded"
        )
