"""Loading the programme rulebook and the region tables from the files in the repository."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from crossroads.accounts.models import PartnerOrganisation
from crossroads.core.clock import BRUSSELS

from .models import Call, CostCategory, Criterion, Nuts3, Programme, Province, RegionStatus, Theme
from .regions import nuts3_table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_LIST_KEYS = {
    "themes",
    "cost_categories",
    "partner_organisations",
    "region_status",
    "default_criteria",
    "criterion_scale_max",
    "criterion_threshold",
    "overall_threshold",
    "default_close_time",
    "calls",
}


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
    for call in data.get("calls", []):
        if not Call.objects.filter(code=call["code"]).exists():
            call_create(programme=programme, data=data, call=call)
    return programme


def call_create(*, programme: Programme, data: dict[str, Any], call: dict[str, Any]) -> Call:
    """A call with the programme's default criteria grid; times are given in Europe/Brussels."""

    def moment(text: str) -> dt.datetime:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BRUSSELS)

    created = Call.objects.create(
        programme=programme,
        code=call["code"],
        name_nl=call["name_nl"],
        name_en=call["name_en"],
        opens_at=moment(call["opens"]),
        closes_at=moment(call["closes"]),
        budget=Decimal(call["budget"]),
        stages=call.get("stages", 1),
        overall_threshold=Decimal(data.get("overall_threshold", "60")),
    )
    created.themes.set(programme.themes.all())
    for order, criterion in enumerate(data.get("default_criteria", [])):
        Criterion.objects.create(
            call=created,
            code=criterion["code"],
            name_nl=criterion["name_nl"],
            name_en=criterion["name_en"],
            weight=criterion["weight"],
            scale_max=data.get("criterion_scale_max", 10),
            threshold=Decimal(data.get("criterion_threshold", "5")),
            order=order,
        )
    return created


def programme_load_file(path: Path | str) -> Programme:
    with open(path, encoding="utf-8") as fh:
        return programme_load(json.load(fh))


def programme_load_default() -> Programme:
    return programme_load_file(FIXTURES / "crossroads-2023-2029.json")
