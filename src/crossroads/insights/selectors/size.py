"""Size classes of many companies at once, as the company page computes them (EU recommendation 2003/361/EC:
linked and partner enterprises through holdings, the two-year rule), from two queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from crossroads.companies.models import Company, FinancialYear, Holding
from crossroads.companies.rules.size import size_verdict
from crossroads.companies.rules.types import Enterprise, Link, YearFigures
from crossroads.core import clock
from crossroads.programme.models import Programme


def size_classes(company_ids: Iterable[int], programme: Programme) -> dict[int, str | None]:
    """company id -> "micro" / "small" / "medium" / "large", or None without closed financial years."""
    wanted = set(company_ids)
    if not wanted:
        return {}
    today = clock.today_brussels()
    current = (Q(started_on__isnull=True) | Q(started_on__lte=today)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    holdings = list(Holding.objects.filter(current).values_list("owner_id", "owned_id", "percent", "has_control"))
    links = [Link(owner, owned, percent, control) for owner, owned, percent, control in holdings]
    everyone = wanted | {h[0] for h in holdings} | {h[1] for h in holdings}
    years: dict[int, list[YearFigures]] = defaultdict(list)
    for row in FinancialYear.objects.filter(company__in=everyone).values_list(
        "company_id", "year", "staff_fte", "turnover", "balance_sheet_total", "is_interim"
    ):
        company, year, staff, turnover, balance, interim = row
        years[company].append(YearFigures(year, staff, turnover, balance, is_interim=interim))
    names = dict(Company.objects.filter(pk__in=everyone).values_list("pk", "legal_name"))
    enterprises = {pk: Enterprise(pk, names.get(pk, ""), years=tuple(years[pk])) for pk in everyone}
    rules = programme.rules()
    return {pk: size_verdict(pk, enterprises, links, rules).size_class for pk in wanted}
