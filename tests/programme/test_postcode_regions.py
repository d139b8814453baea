"""Postcode -> NUTS3 look-up (crossroads-rules.md 2.1 'key on postcode -> arrondissement/COROP';
decisions.md 'Region status of an establishment, from its postcode -> NUTS3'; data/SOURCE.md)."""

from __future__ import annotations

import csv

import pytest

from crossroads.programme.regions import (
    DATA_DIR,
    PostcodeError,
    normalise_postcode,
    nuts3_for_postcode,
    nuts3_table,
)

# One row of data/postcodes_nl_pc6_exceptions.csv: 6118 AN lies in Zuid-Limburg (NL423) while most of PC4 6118
# lies in Midden-Limburg (NL422).
EXCEPTION_PC6, EXCEPTION_NUTS3, EXCEPTION_PC4_MAJORITY = "6118AN", "NL423", "NL422"


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("postcode", "nuts3"),
    [
        ("2000", "BE211"),  # Antwerpen
        ("9000", "BE234"),  # Gent
        ("1000", "BE100"),  # Brussel
        ("1500", "BE241"),  # Halle (Halle-Vilvoorde)
        ("8900", "BE253"),  # Ieper
        ("3000", "BE242"),  # Leuven
        (" 2000 ", "BE211"),
        ("B-2000", "BE211"),
    ],
)
def test_belgian_postcodes(postcode, nuts3):
    """crossroads-rules 2.1 (arrondissements of the programme area): Belgian 4-digit postcode -> arrondissement."""
    assert nuts3_for_postcode("BE", postcode) == nuts3


@pytest.mark.parametrize(
    ("postcode", "nuts3"),
    [
        ("4331 AB", "NL342"),  # Middelburg, Overig Zeeland
        ("4331ab", "NL342"),
        ("4331", "NL342"),
        ("5611", "NL414"),  # Eindhoven, Zuidoost-Noord-Brabant
        ("6211", "NL423"),  # Maastricht, Zuid-Limburg
        ("3011", "NL366"),  # Rotterdam, Groot-Rijnmond
        ("1012", "NL32B"),  # Amsterdam, Groot-Amsterdam
    ],
)
def test_dutch_postcodes(postcode, nuts3):
    """crossroads-rules 2.1 (COROP regions): Dutch PC4 or PC6, any case, with or without the space."""
    assert nuts3_for_postcode("NL", postcode) == nuts3


def test_normalised_forms():
    """data/SOURCE.md look-up rule: '4331ab' -> '4331 AB', ' 2000 ' -> '2000'."""
    assert normalise_postcode("NL", "4331ab") == "4331 AB"
    assert normalise_postcode("NL", " 4331 AB ") == "4331 AB"
    assert normalise_postcode("NL", "4331") == "4331"
    assert normalise_postcode("BE", " 2000 ") == "2000"


def test_pc6_exception_overrides_the_pc4_majority():
    """data/SOURCE.md: 'if the full PC6 is in the exceptions file use that NUTS3, else use the PC4 row'."""
    exceptions = {row["pc6"]: row["nuts3"] for row in read_csv("postcodes_nl_pc6_exceptions.csv")}
    assert exceptions[EXCEPTION_PC6] == EXCEPTION_NUTS3
    pc4 = {row["pc4"]: row["nuts3"] for row in read_csv("postcodes_nl_pc4.csv")}
    assert pc4[EXCEPTION_PC6[:4]] == EXCEPTION_PC4_MAJORITY
    assert nuts3_for_postcode("NL", "6118 AN") == "NL423"
    assert nuts3_for_postcode("NL", "6118an") == "NL423"
    assert nuts3_for_postcode("NL", "6118") == "NL422"  # PC4 only: the majority
    assert nuts3_for_postcode("NL", "6118 AA") == "NL422"  # another PC6 of the same PC4


def test_every_pc6_exception_is_applied():
    """data/SOURCE.md: every PC6 whose NUTS3 differs from its PC4 majority is in the exceptions file, and the
    look-up returns it."""
    pc4 = {row["pc4"]: row["nuts3"] for row in read_csv("postcodes_nl_pc4.csv")}
    rows = read_csv("postcodes_nl_pc6_exceptions.csv")
    assert rows
    for row in rows:
        pc6, nuts3 = row["pc6"], row["nuts3"]
        assert nuts3 != pc4[pc6[:4]], pc6
        assert nuts3_for_postcode("NL", f"{pc6[:4]} {pc6[4:]}") == nuts3, pc6


@pytest.mark.parametrize(
    ("country", "text"),
    [
        ("BE", "20000"),
        ("BE", "ABCD"),
        ("BE", "200"),
        ("BE", ""),
        ("NL", "ABCD"),
        ("NL", "4331 A"),
        ("NL", "0331 AB"),
        ("NL", "43311"),
        ("DE", "10115"),
    ],
)
def test_malformed_postcodes_raise(country, text):
    """data/SOURCE.md: BE has four digits, NL four digits (not starting with 0) and optionally two letters."""
    with pytest.raises(PostcodeError):
        nuts3_for_postcode(country, text)


@pytest.mark.parametrize(("country", "text"), [("BE", "9999"), ("BE", "1001"), ("NL", "1000")])
def test_unknown_postcode_has_no_region(country, text):
    """data/SOURCE.md 'Unknown postcode: no region': well-formed but not in the tables -> None."""
    assert nuts3_for_postcode(country, text) is None


def test_every_nuts3_in_the_postcode_tables_exists():
    """data/SOURCE.md: nuts3.csv describes every NUTS3 code the postcode tables can return."""
    known = set(nuts3_table())
    used = (
        {row["nuts3"] for row in read_csv("postcodes_be.csv")}
        | {row["nuts3"] for row in read_csv("postcodes_nl_pc4.csv")}
        | {row["nuts3"] for row in read_csv("postcodes_nl_pc6_exceptions.csv")}
    )
    assert used - known == set()


def test_table_sizes():
    """data/SOURCE.md: 1188 BE postcodes and 4073 NL PC4 rows; a truncated table would fail here."""
    be = read_csv("postcodes_be.csv")
    nl = read_csv("postcodes_nl_pc4.csv")
    assert len(be) >= 1100
    assert len(nl) >= 4000
    assert len({row["postcode"] for row in be}) == len(be)
    assert len({row["pc4"] for row in nl}) == len(nl)


def test_core_regions_are_the_interreg_programme_area():
    """crossroads-rules 2.1: the 19 arrondissements and 9 COROP regions of Interreg VI VL-NL are core."""
    core = {row["name"] for row in nuts3_table().values() if row["region_status"] == "core"}
    arrondissements = {
        "Aalst",
        "Antwerpen",
        "Brugge",
        "Dendermonde",
        "Diksmuide",
        "Eeklo",
        "Gent",
        "Hasselt",
        "Kortrijk",
        "Leuven",
        "Maaseik",
        "Mechelen",
        "Oostende",
        "Oudenaarde",
        "Roeselare",
        "Sint-Niklaas",
        "Tielt",
        "Tongeren",
        "Turnhout",
    }
    corop = {
        "Midden-Limburg",
        "Midden-Noord-Brabant",
        "Noord-Limburg",
        "Noordoost-Noord-Brabant",
        "Overig Zeeland",
        "West-Noord-Brabant",
        "Zeeuwsch-Vlaanderen",
        "Zuid-Limburg",
        "Zuidoost-Noord-Brabant",
    }
    assert core == {f"Arr. {name}" for name in arrondissements} | corop


def test_extended_regions_are_rest_of_flanders_and_zuid_holland():
    """Decisions.md 'extended: rest of Flanders (Halle-Vilvoorde, Ieper, Veurne) and Zuid-Holland'."""
    table = nuts3_table()
    extended = {code for code, row in table.items() if row["region_status"] == "extended"}
    zuid_holland = {code for code, row in table.items() if row["nuts2_name"] == "Zuid-Holland"}
    assert zuid_holland
    assert extended == {"BE241", "BE253", "BE258"} | zuid_holland
    assert table["BE100"]["region_status"] == "outside"
