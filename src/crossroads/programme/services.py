"""Loading the programme rulebook and the region tables from the files in the repository."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.accounts.models import PartnerOrganisation
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.clock import BRUSSELS

from .errors import ProgrammeError
from .models import (
    Call,
    CallDocument,
    CostCategory,
    Criterion,
    Nuts3,
    Programme,
    Province,
    RegionStatus,
    Theme,
    default_tie_breakers,
)
from .regions import nuts3_table
from .verbs import ProgrammeVerb

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


# --- Calls managed by the secretariat ------------------------------------------------------------------------------

# What the form edits on the call itself (themes and the criteria grid travel separately).
CALL_FIELDS = (
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "opens_at",
    "closes_at",
    "full_proposal_closes_at",
    "budget",
    "stages",
    "personnel_cost_method",
    "hourly_cap",
    "fixed_hourly_rate",
    "required_sections",
    "idea_sections",
    "required_attachments",
    "overall_threshold",
    "allocation_policy",
    "reduced_grant_min_share",
    "assessors_per_application",
    "advance_share",
    "report_interval_months",
    "interim_report_due_months",
    "final_report_months",
    "budget_shift_free_share",
)
# What submitted applications were written, budgeted and assessed against: frozen once one is submitted.
FROZEN_AFTER_SUBMISSION = {
    "stages": gettext_lazy("the number of stages"),
    "required_sections": gettext_lazy("the required sections"),
    "idea_sections": gettext_lazy("the sections of a project idea"),
    "required_attachments": gettext_lazy("the required attachments"),
    "personnel_cost_method": gettext_lazy("the personnel cost method"),
    "hourly_cap": gettext_lazy("the hourly cap"),
    "fixed_hourly_rate": gettext_lazy("the fixed hourly rate"),
    "overall_threshold": gettext_lazy("the overall threshold"),
    "criteria": gettext_lazy("the criteria grid"),
}


@dataclass(frozen=True)
class CriterionData:
    code: str
    name_nl: str
    name_en: str
    weight: int
    scale_max: int
    threshold: Decimal


def call_snapshot(call: Call) -> dict[str, Any]:
    """The call as the audit trail records it: its fields, its theme codes and its criteria grid."""
    data = snapshot(call, ["code", *CALL_FIELDS])
    data["themes"] = sorted(call.themes.values_list("code", flat=True)) if call.pk else []
    data["criteria"] = [
        {
            "code": c.code,
            "name_nl": c.name_nl,
            "name_en": c.name_en,
            "weight": c.weight,
            "scale_max": c.scale_max,
            "threshold": str(c.threshold),
        }
        for c in (call.criteria.order_by("order") if call.pk else [])
    ]
    return data


def _wanted(call: Call, themes: list[Theme], criteria: list[CriterionData]) -> dict[str, Any]:
    """The snapshot of the call with the new values set (not saved yet) and the given themes and grid."""
    data = snapshot(call, ["code", *CALL_FIELDS])
    data["themes"] = sorted(t.code for t in themes)
    data["criteria"] = [
        {**asdict(c), "threshold": str(Decimal(c.threshold).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))}
        for c in criteria
    ]
    return data


def _refuse_breaking_changes(call: Call, before: dict[str, Any], after: dict[str, Any]) -> None:
    from .selectors import has_submissions

    changed = [key for key in FROZEN_AFTER_SUBMISSION if before.get(key) != after.get(key)]
    if changed and has_submissions(call):
        key = changed[0]
        raise ProgrammeError(
            _(
                "Applications have already been submitted in this call, so %(what)s can no longer be changed: "
                "those applications were written and assessed against the call as it stood."
            )
            % {"what": FROZEN_AFTER_SUBMISSION[key]},
            field=key,
        )


def _refuse_window_changes(call: Call, values: dict[str, Any], now: dt.datetime) -> None:
    if call.opens_at <= now and values.get("opens_at", call.opens_at) != call.opens_at:
        raise ProgrammeError(_("The call has opened: its opening moment can no longer move."), field="opens_at")
    closes = values.get("closes_at", call.closes_at)
    if closes != call.closes_at and closes <= now and call.opens_at <= now:
        raise ProgrammeError(
            _("An open or closed call cannot be given a closing moment in the past."), field="closes_at"
        )


def _save_criteria(call: Call, criteria: list[CriterionData]) -> None:
    keep = {c.code for c in criteria}
    call.criteria.exclude(code__in=keep).delete()
    for order, item in enumerate(criteria):
        Criterion.objects.update_or_create(
            call=call,
            code=item.code,
            defaults={
                "name_nl": item.name_nl,
                "name_en": item.name_en,
                "weight": item.weight,
                "scale_max": item.scale_max,
                "threshold": item.threshold,
                "order": order,
            },
        )
    # Tie-breakers name criteria: keep those that still exist, in their order, and end with the submission moment.
    breakers = [code for code in call.tie_breakers if code in keep]
    call.tie_breakers = [*breakers, "submitted_at"]
    call.save(update_fields=["tie_breakers"])


def _normal(field: str, value: Any) -> Any:
    """A typed value as the database gives it back (2 decimals, UTC), so an unchanged field compares equal."""
    column = Call._meta.get_field(field)
    if isinstance(value, Decimal) and isinstance(column, models.DecimalField):
        return value.quantize(Decimal(1).scaleb(-column.decimal_places), rounding=ROUND_HALF_UP)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return value


def _apply(call: Call, values: dict[str, Any]) -> None:
    for key in CALL_FIELDS:
        if key in values:
            setattr(call, key, _normal(key, values[key]))


@transaction.atomic
def call_save(
    *,
    actor: Any,
    programme: Programme,
    call: Call | None,
    values: dict[str, Any],
    themes: list[Theme],
    criteria: list[CriterionData],
    reason: str = "",
) -> Call:
    """Create a call (call=None, values holds its code) or change one. Once a call has opened, a change needs a
    reason; once applications were submitted, what they were written against stays as it is. Audited with the
    call's snapshot before and after."""
    now = clock.now()
    if call is None:
        call = Call(programme=programme, code=values["code"], tie_breakers=[])
        before: dict[str, Any] | None = None
        verb = ProgrammeVerb.CALL_CREATE
    else:
        call = Call.objects.select_for_update().get(pk=call.pk)
        before = call_snapshot(call)
        _refuse_window_changes(call, values, now)
        opened = call.opens_at <= now
        _apply(call, values)
        after = _wanted(call, themes, criteria)
        if after == before:
            return call
        if opened and not reason.strip():
            raise ProgrammeError(
                _("This call has already opened: say why it changes. The reason is kept in the audit trail."),
                field="reason",
            )
        _refuse_breaking_changes(call, before, after)
        verb = ProgrammeVerb.CALL_UPDATE
    _apply(call, values)
    if verb == ProgrammeVerb.CALL_CREATE:
        codes = {c.code for c in criteria}
        call.tie_breakers = [code for code in default_tie_breakers() if code in codes]
    call.save()
    call.themes.set(themes)
    _save_criteria(call, criteria)
    recorded = call_snapshot(call)
    if reason.strip():
        recorded["reason"] = reason.strip()
    audit_record(actor=actor, verb=verb, obj=call, before=before, after=recorded)
    return call


@transaction.atomic
def call_document_add(*, actor: Any, call: Call, title: str, file: Any, language: str) -> CallDocument:
    document = CallDocument.objects.create(call=call, title=title, file=file, language=language)
    audit_record(
        actor=actor,
        verb=ProgrammeVerb.CALL_DOCUMENT_ADD,
        obj=call,
        after={"document": document.pk, "title": title, "language": language},
    )
    return document


@transaction.atomic
def call_document_remove(*, actor: Any, document: CallDocument) -> None:
    call = document.call
    before = {"document": document.pk, "title": document.title, "language": document.language}
    document.file.delete(save=False)
    document.delete()
    audit_record(actor=actor, verb=ProgrammeVerb.CALL_DOCUMENT_REMOVE, obj=call, before=before)
