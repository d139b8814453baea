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


def size_classes(company_ids: Iterable[int], programme: Programme, memo: dict | None = None) -> dict[int, str | None]:
    """company id -> "micro" / "small" / "medium" / "large", or None without closed financial years. `memo` (the
    request's filter memo) keeps the answer for the same companies within one request."""
    wanted = set(company_ids)
    if not wanted:
        return {}
    key = ("size_classes", frozenset(wanted), programme.pk)
    if memo is not None and key in memo:
        return memo[key]
    out = _size_classes(wanted, programme)
    if memo is not None:
        memo[key] = out
    return out


def _size_classes(wanted: set[int], programme: Programme) -> dict[int, str | None]:
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
    # Each verdict only needs its own group's holdings and enterprises: handing it the whole programme made each of
    # thousands of verdicts scan every company and link (seconds per page at programme scale).
    by_group = _links_by_group(links)
    out: dict[int, str | None] = {}
    for pk in wanted:
        group_links = by_group.get(pk, [])
        members = {pk} | {link.owner for link in group_links} | {link.owned for link in group_links}
        group = {member: enterprises[member] for member in members if member in enterprises}
        out[pk] = size_verdict(pk, group, group_links, rules).size_class
    return out


def _links_by_group(links: list[Link]) -> dict[int, list[Link]]:
    """Company id -> the links of its connected group (holdings in either direction, any depth)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        parent[root(link.owner)] = root(link.owned)
    groups: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        groups[root(link.owner)].append(link)
    return {node: groups[root(node)] for node in parent}
