"""Company data that matching uses (texts, region, size, eligibility, group) changed: refresh its rows."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from crossroads.companies.models import Company, Establishment, FinancialYear, Holding, NaceCode

from .embeddings import company_keys, schedule_refresh

_local = threading.local()


@contextmanager
def refresh_suppressed() -> Iterator[None]:
    """Bulk loaders refresh everything once at the end instead of once per saved row."""
    _local.suppressed = True
    try:
        yield
    finally:
        _local.suppressed = False


def _companies_of(instance: object) -> list[Company]:
    if isinstance(instance, Company):
        return [instance]
    if isinstance(instance, Holding):
        return [c for c in (instance.owner, instance.owned) if c is not None]
    company = getattr(instance, "company", None)
    return [company] if company is not None else []


def _changed(sender: type, instance: object, **kwargs: Any) -> None:
    if getattr(_local, "suppressed", False) or kwargs.get("raw"):
        return
    keys: list[str] = []
    for company in _companies_of(instance):
        if company.pk and Company.objects.filter(pk=company.pk).exists():
            keys += company_keys(company)
    if keys:
        schedule_refresh(keys)


def connect() -> None:
    for model in (Company, Establishment, FinancialYear, Holding, NaceCode):
        post_save.connect(_changed, sender=model, dispatch_uid=f"matching-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"matching-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=Company.themes.through, dispatch_uid="matching-company-themes")
