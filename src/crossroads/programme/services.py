"""Loading the programme rulebook and the region tables from the files in the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from crossroads.accounts.models import PartnerOrganisation

from .models import CostCategory, Nuts3, Programme, Province, RegionStatus, Theme
from .regions import nuts3_table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_LIST_KEYS = {"themes", "cost_categories", "partner_organisations", "region_status"}


def regions_load() -> int:
    """Create or update provinces (NUTS2) and NUTS3 regions from data/nuts3.csv. Returns the NUTS3 count."""
    rows = nuts3_table()
    for row in rows.values():
        Province.objects.update_or_create(
            code=row["nuts2"], defaults={"name": row["nuts2_name"], "country": row["country"]}
        )
    existing = set(Nuts3.objects.values_list("code", flat=True))
    for code, row in rows.items():
        if code in existing:
            Nuts3.objects.filter(code=code).update(name=row["name"], province_id=row["nuts2"])
        else:
            Nuts3.objects.create(code=code, name=row["name"], province_id=row["nuts2"])
    return len(rows)


def status_for(code: str, prefixes: dict[str, list[str]]) -> str:
    """Region status of a NUTS3 code from prefix lists; the longest matching prefix wins."""
    best, best_len = "outside", 0
    for status, codes in prefixes.items():
        if status.startswith("_"):
            continue
        for prefix in codes:
            if code.startswith(prefix) and len(prefix) > best_len:
                best, best_len = status, len(prefix)
    return best


@transaction.atomic
def programme_load(data: dict[str, Any]) -> Programme:
    """Create or update a programme from its data file: numbers, themes, cost categories, area, agencies."""
    regions_load()
    fields = {k: v for k, v in data.items() if k not in _LIST_KEYS and k != "code"}
    programme, _created = Programme.objects.update_or_create(code=data["code"], defaults=fields)
    for order, theme in enumerate(data.get("themes", [])):
        Theme.objects.update_or_create(
            programme=programme,
            code=theme["code"],
            defaults={"name_nl": theme["name_nl"], "name_en": theme["name_en"], "order": order},
        )
    for order, cat in enumerate(data.get("cost_categories", [])):
        CostCategory.objects.update_or_create(
            programme=programme,
            code=cat["code"],
            defaults={"name_nl": cat["name_nl"], "name_en": cat["name_en"], "order": order},
        )
    prefixes = data.get("region_status", {})
    for nuts3 in Nuts3.objects.all():
        RegionStatus.objects.update_or_create(
            programme=programme, nuts3=nuts3, defaults={"status": status_for(nuts3.code, prefixes)}
        )
    for org in data.get("partner_organisations", []):
        agency, _ = PartnerOrganisation.objects.update_or_create(
            code=org["code"], defaults={"name": org["name"], "country": org["country"], "website": org["website"]}
        )
        agency.provinces.set(Province.objects.filter(code__in=org["provinces"]))
    programme.refresh_from_db()  # typed values (Decimal, date) instead of the strings from the file
    return programme


def programme_load_file(path: Path | str) -> Programme:
    with open(path, encoding="utf-8") as fh:
        return programme_load(json.load(fh))


def programme_load_default() -> Programme:
    return programme_load_file(FIXTURES / "crossroads-2023-2029.json")
