from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from crossroads.programme.services import programme_load_default, programme_load_file


class Command(BaseCommand):
    help = "Load (or update) the programme rulebook, regions and partner organisations from a data file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", help="JSON file; default: the CrossRoads 2023-2029 fixture")

    def handle(self, *args: Any, path: str | None = None, **options: Any) -> None:
        programme = programme_load_file(path) if path else programme_load_default()
        self.stdout.write(f"Programme {programme.code}: {programme.region_statuses.count()} regions loaded.")
