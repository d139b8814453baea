"""`manage.py match` reads JSON lines and needs no database (issue #3, section 4)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

PROFILES = [
    {
        "id": "be1",
        "name": "Kringloop",
        "country": "BE",
        "postcode": "2440",
        "description": "Wij sorteren kunststofafval.",
        "seeks": ["Een partner met machine vision om kunststoffen te sorteren."],
    },
    {
        "id": "nl1",
        "name": "Visio",
        "country": "NL",
        "postcode": "5611 AZ",
        "description": "Camerasystemen voor kwaliteitscontrole.",
        "offers": ["Beeldherkenning en camera-inspectie voor recyclinglijnen."],
    },
    {"id": "nl2", "name": "Bakker", "country": "NL", "description": "Een bakkerij met brood en taart."},
    {
        "id": "nl3",
        "name": "Amsterdam",
        "country": "NL",
        "postcode": "1012 AB",
        "description": "Camera-inspectie voor recycling in Amsterdam.",
    },
    {"id": "be2", "name": "Gent", "country": "BE", "description": "Glastuinbouw met restwarmte."},
]


def run(tmp_path, top=2):  # type: ignore[no-untyped-def]
    path = tmp_path / "profiles.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in PROFILES), encoding="utf-8")
    out = StringIO()
    call_command("match", profiles=str(path), top=top, stdout=out)
    return {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}


@pytest.mark.django_db(databases=[])  # proves it does not touch the database
def test_every_profile_gets_cross_border_matches_with_reasons(tmp_path):
    rows = run(tmp_path)
    assert set(rows) == {p["id"] for p in PROFILES}
    assert rows["be1"]["matches"][0]["id"] == "nl1"
    assert all(m["id"].startswith("nl") for m in rows["be1"]["matches"])
    assert all(m["id"].startswith("be") for m in rows["nl1"]["matches"])
    assert "nl3" not in {m["id"] for m in rows["be1"]["matches"]}  # Amsterdam is outside the programme area
    assert any("machine vision" in r for r in rows["be1"]["matches"][0]["reasons"])
    assert len(rows["be1"]["matches"]) <= 2


@pytest.mark.django_db(databases=[])
def test_bad_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "country": "BE"}\n{not json}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("match", profiles=str(path), top=1, stdout=StringIO())
