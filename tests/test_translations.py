"""Every UI string is translatable and Dutch (the default) is complete; English is the source language."""

from __future__ import annotations

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "locale"
SRC = Path(__file__).resolve().parents[1] / "src" / "crossroads"


def po_entries(path: Path) -> list[dict]:
    """Minimal .po reader: msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries, current, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        else:
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[(\d)\])?) "(.*)"$', line)
            if match:
                key, index, text = match.groups()
                field = ("msgstr", int(index or 0)) if key.startswith("msgstr") else key
            else:
                text = re.match(r'^"(.*)"$', line).group(1)
            if isinstance(field, tuple):
                current["msgstr"][field[1]] = current["msgstr"].get(field[1], "") + text
            else:
                current[field] = current.get(field, "") + text
    return [e for e in entries if e.get("msgid")]


def test_dutch_catalogue_is_complete():
    entries = po_entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    missing = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}")
    for entry in po_entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po"):
        for text in entry["msgstr"].values():
            assert set(pattern.findall(text)) <= set(pattern.findall(entry["msgid"] + entry.get("msgid_plural", ""))), (
                entry["msgid"]
            )
            assert set(pattern.findall(entry["msgid"])) <= set(pattern.findall(text)) or entry.get("msgid_plural"), (
                entry["msgid"]
            )


def test_no_string_is_missing_from_the_catalogue(tmp_path):
    """Run makemessages on a copy of the catalogue: it must not find new strings."""
    import shutil

    from django.core.management import call_command

    work = tmp_path / "crossroads"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    before = {e["msgid"] for e in po_entries(work / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    import os

    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    after = {e["msgid"] for e in po_entries(work / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    assert after - before == set(), f"new strings not in the catalogue: {sorted(after - before)[:10]}"
