"""Postcode -> NUTS3 look-up from the tables shipped in data/ (Eurostat TERCET; see data/SOURCE.md).

Pure Python: the tables are read once per process and kept in memory (a few hundred kB).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

_BE_POSTCODE = re.compile(r"^(?:B-?)?(\d{4})$")
_NL_POSTCODE = re.compile(r"^(?:NL-?)?([1-9]\d{3})\s?([A-Z]{2})?$")


class PostcodeError(ValueError):
    """The text is not a postcode of the given country."""


@cache
def _be_table() -> dict[str, str]:
    with open(DATA_DIR / "postcodes_be.csv", encoding="utf-8") as fh:
        return {row["postcode"]: row["nuts3"] for row in csv.DictReader(fh)}


@cache
def _nl_pc4_table() -> dict[str, str]:
    with open(DATA_DIR / "postcodes_nl_pc4.csv", encoding="utf-8") as fh:
        return {row["pc4"]: row["nuts3"] for row in csv.DictReader(fh)}


@cache
def _nl_pc6_exceptions() -> dict[str, str]:
    with open(DATA_DIR / "postcodes_nl_pc6_exceptions.csv", encoding="utf-8") as fh:
        return {row["pc6"]: row["nuts3"] for row in csv.DictReader(fh)}


@cache
def nuts3_table() -> dict[str, dict[str, str]]:
    """code -> {name, nuts2, nuts2_name, country, region_status} as shipped in data/nuts3.csv."""
    with open(DATA_DIR / "nuts3.csv", encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def normalise_postcode(country: str, text: str) -> str:
    """'4331ab' -> '4331 AB'; ' 2000 ' -> '2000'. Raises PostcodeError when the format is wrong."""
    cleaned = (text or "").strip().upper()
    if country == "BE":
        match = _BE_POSTCODE.match(cleaned.replace(" ", ""))
        if not match:
            raise PostcodeError("A Belgian postcode has four digits, e.g. 2000.")
        return match.group(1)
    if country == "NL":
        match = _NL_POSTCODE.match(cleaned)
        if not match:
            raise PostcodeError("A Dutch postcode has four digits and two letters, e.g. 4331 AB.")
        digits, letters = match.groups()
        return f"{digits} {letters}" if letters else digits
    raise PostcodeError("Only Belgian and Dutch postcodes are known.")


def nuts3_for_postcode(country: str, text: str) -> str | None:
    """NUTS3 code of a postcode, or None when the postcode does not exist in the tables."""
    postcode = normalise_postcode(country, text)
    if country == "BE":
        return _be_table().get(postcode)
    pc4 = postcode[:4]
    if len(postcode) > 4:
        exception = _nl_pc6_exceptions().get(postcode.replace(" ", ""))
        if exception:
            return exception
    return _nl_pc4_table().get(pc4)
