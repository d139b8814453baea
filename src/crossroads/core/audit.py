"""Audit trail: services call `audit_record` inside their transaction.

The trail is append-only (see core.models.AuditEvent): nothing here or elsewhere changes or deletes an event.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import models

from .models import AuditEvent


class AuditVerb(StrEnum):
    """Base of every app's verbs (`<app>/verbs.py`: `class ApplicationVerb(AuditVerb): SUBMIT = "application.submit"`),
    so each verb is a searchable name and `all_verbs()` lists them all. No f-strings: a verb built at run time can
    neither be found in the code nor listed."""


def all_verbs() -> list[str]:
    """Every verb the platform can write, for the audit screens and the docs."""
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("crossroads."):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.verbs")
    return sorted(v.value for cls in AuditVerb.__subclasses__() for v in cls)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # files, UUIDs and the like: their textual form is what the trail needs


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Plain-data copy of a model instance's concrete fields, for before/after comparisons."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: _jsonable(getattr(instance, name)) for name in names}


def _label(obj: models.Model) -> str:
    # A person's account is named by its id only: the trail is append-only and must outlive an erasure (GDPR),
    # so it never stores an e-mail address or a name that could not be removed later.
    if obj._meta.label_lower == "accounts.user":
        return f"user #{obj.pk}"
    return str(obj)[:255]


def audit_record(
    *,
    actor: Any,
    verb: AuditVerb,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    if not isinstance(verb, AuditVerb):
        raise TypeError(f"audit verb {verb!r} must be an AuditVerb member, not a string")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        verb=verb.value,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=_label(obj),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
