"""The companies list as an export: the same companies and filters as the list page (views.company_list)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import User
from crossroads.core.exports import Column
from crossroads.programme.selectors import current_programme

from .models import Company, Establishment
from .selectors import companies_visible_to


def company_list_rows(user: User, params: Any) -> QuerySet[Company]:
    """What the list page shows to `user` for the query string `params` (q, country), all pages, by name."""
    companies = companies_visible_to(user)
    query = str(params.get("q", "")).replace("\x00", "").strip()[:200]
    country = params.get("country", "")
    if query:
        companies = companies.filter(Q(legal_name__icontains=query) | Q(enterprise_number__icontains=query))
    if country in current_programme().countries:
        companies = companies.filter(country=country)
    establishments = Establishment.objects.select_related("nuts3__province")  # the model order: project site first
    return companies.prefetch_related(Prefetch("establishments", queryset=establishments)).order_by("legal_name", "pk")


def _establishment(company: Company) -> Establishment | None:
    found = list(company.establishments.all())  # prefetched, in the order the list page shows the first one
    return found[0] if found else None


def _province(company: Company) -> str | None:
    establishment = _establishment(company)
    if establishment is None or establishment.nuts3 is None:
        return None
    return establishment.nuts3.province.name


COMPANY_COLUMNS = [
    Column(_("Name"), lambda c: c.display_name, width=40),
    Column(_("Country"), lambda c: c.get_country_display()),
    Column(_("Enterprise number"), lambda c: c.enterprise_number, width=18),
    Column(_("Postcode"), lambda c: getattr(_establishment(c), "postcode", None), width=10),
    Column(_("City"), lambda c: getattr(_establishment(c), "city", None)),
    Column(_("Province"), _province),
]
