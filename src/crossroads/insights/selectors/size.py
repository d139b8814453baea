"""Size classes of many companies at once, as the company page computes them (EU recommendation 2003/361/EC:
linked and partner enterprises through holdings, the two-year rule), from four queries."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from crossroads.companies.models import Company, FinancialYear, Holding, NaceCode
from crossroads.companies.rules.size import size_verdict
from crossroads.companies.rules.types import Link
from crossroads.companies.selectors import _enterprise as enterprise_of
from crossroads.companies.selectors import _holdings_until as holdings_until
from crossroads.companies.selectors import _link as link_of
from crossroads.companies.selectors import cache_lists
from crossroads.core import clock
from crossroads.programme.models import Programme

# The dashboard's size classes take about half a second at programme scale (a verdict per funded company); the
# stamp below makes a longer life safe, this only bounds the cache's memory.
SHARED_SECONDS = 60 * 60


def size_classes(company_ids: Iterable[int], programme: Programme, memo: dict | None = None) -> dict[int, str | None]:
    """company id -> "micro" / "small" / "medium" / "large", or None without closed financial years. `memo` (the
    request's filter memo) keeps the answer for the same companies within one request."""
    wanted = set(company_ids)
    if not wanted:
        return {}
    key = ("size_classes", frozenset(wanted), programme.pk)
    if memo is not None and key in memo:
        return memo[key]
    # Across requests the answer is kept while nothing it rests on changed: the stamp changes with any added,
    # removed or edited financial year, holding or company, and with the day (holdings start and end on dates).
    shared = (
        "insights:size_classes:" + hashlib.sha256(repr((sorted(wanted), programme.pk, _stamp())).encode()).hexdigest()
    )
    out = cache.get(shared)
    if out is None:
        out = _size_classes(wanted, programme)
        cache.set(shared, out, SHARED_SECONDS)
    if memo is not None:
        memo[key] = out
    return out


def _stamp() -> tuple:
    """What the size classes rest on, in three aggregate queries."""
    years = FinancialYear.objects.aggregate(
        n=Count("pk"),
        last=Max("pk"),
        turnover=Sum("turnover"),
        staff=Sum("staff_fte"),
        balance=Sum("balance_sheet_total"),
    )
    holdings = Holding.objects.aggregate(
        n=Count("pk"),
        last=Max("pk"),
        share=Sum("percent"),
        votes=Sum("voting_percent"),
        ended=Max("ended_on"),
        started=Max("started_on"),
    )
    companies = Company.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    return (clock.today_brussels(), tuple(years.values()), tuple(holdings.values()), tuple(companies.values()))


def _size_classes(wanted: set[int], programme: Programme) -> dict[int, str | None]:
    """The size class as `company_verdicts` computes it: the holdings held up to today with their history (each
    reference year consolidates with its own holdings), enterprises and links built by the company selectors'
    builders (kind, investor type, AWU, estimates, voting rights, control rights, markets), reference = today."""
    today = clock.today_brussels()
    holdings = list(Holding.objects.filter(holdings_until(today)))
    links = [link_of(h) for h in holdings]
    everyone = wanted | {h.owner_id for h in holdings} | {h.owned_id for h in holdings}
    loaded = list(Company.objects.filter(pk__in=everyone))
    for name, model in (("financial_years", FinancialYear), ("nace_codes", NaceCode)):
        cache_lists(loaded, name, model.objects.all(), "company")
    enterprises = {c.pk: enterprise_of(c) for c in loaded}
    rules = programme.rules()
    # Each verdict only needs its own group's holdings and enterprises: handing it the whole programme made each of
    # thousands of verdicts scan every company and link (seconds per page at programme scale).
    by_group = _links_by_group(links)
    out: dict[int, str | None] = {}
    for pk in wanted:
        if pk not in enterprises:
            out[pk] = None
            continue
        group_links = by_group.get(pk, [])
        members = {pk} | {link.owner for link in group_links} | {link.owned for link in group_links}
        group = {member: enterprises[member] for member in members if member in enterprises}
        out[pk] = size_verdict(pk, group, group_links, rules, reference=today).size_class
    return out


def _links_by_group(links: list[Link]) -> dict[int | str, list[Link]]:
    """Company id -> the links of its connected group (holdings in either direction, any depth)."""
    parent: dict[int | str, int | str] = {}

    def root(node: int | str) -> int | str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        parent[root(link.owner)] = root(link.owned)
    groups: dict[int | str, list[Link]] = defaultdict(list)
    for link in links:
        groups[root(link.owner)].append(link)
    return {node: groups[root(node)] for node in parent}
