"""Reads for the company registry: who sees which companies, and the verdicts with their figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from crossroads.accounts.models import User
from crossroads.core import clock
from crossroads.programme.models import Programme
from crossroads.programme.selectors import current_programme

from .models import Company, DeMinimisAid, Holding
from .rules.de_minimis import DeMinimisVerdict, de_minimis_verdict
from .rules.difficulty import DifficultyVerdict, difficulty_verdict
from .rules.eligibility import EligibilityVerdict, eligibility_verdict
from .rules.size import SizeVerdict, size_verdict
from .rules.types import AidEntry, Enterprise, Link, YearFigures


def companies_visible_to(user: User | AnonymousUser) -> QuerySet[Company]:
    """Members see their companies, advisers the companies with an establishment in their provinces,
    the secretariat and admins everything; other roles nothing."""
    base = Company.objects.all()
    if not user.is_authenticated:
        return base.none()
    if user.is_programme_staff:
        return base
    if user.is_adviser:
        provinces = user.province_codes()
        return base.filter(Q(establishments__nuts3__province__in=provinces) | Q(memberships__user=user)).distinct()
    return base.filter(memberships__user=user).distinct()


def _group_company_ids(company: Company, reference: dt.date | None = None) -> tuple[set[int], list[Holding]]:
    """Every company connected to `company` through holdings held on `reference` (today by default; both
    directions), and those holdings. A holding that ended before, or starts after, the reference date links nobody."""
    reference = reference or clock.today_brussels()
    seen, frontier, holdings = {company.pk}, {company.pk}, {}
    current = (Q(started_on__isnull=True) | Q(started_on__lte=reference)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=reference)
    )
    while frontier:
        batch = Holding.objects.filter(current).filter(Q(owner_id__in=frontier) | Q(owned_id__in=frontier))
        frontier = set()
        for holding in batch:
            holdings[holding.pk] = holding
            for other in (holding.owner_id, holding.owned_id):
                if other not in seen:
                    seen.add(other)
                    frontier.add(other)
    return seen, list(holdings.values())


def _enterprise(company: Company) -> Enterprise:
    years = tuple(
        YearFigures(
            year=f.year,
            staff=f.staff_fte,
            turnover=f.turnover,
            balance_total=f.balance_sheet_total,
            equity=f.equity,
            subscribed_capital=f.subscribed_capital,
            is_interim=f.is_interim,
            attested_on=f.attested_on,
        )
        for f in company.financial_years.all()
    )
    return Enterprise(company.pk, company.display_name, company.legal_form, company.founded_on, company.role, years)


@dataclass
class CompanyVerdicts:
    reference: dt.date
    size: SizeVerdict
    difficulty: DifficultyVerdict
    de_minimis: DeMinimisVerdict
    eligibility: EligibilityVerdict
    nuts3: str | None
    related: list[Company]


def company_verdicts(
    company: Company, *, programme: Programme | None = None, reference: dt.date | None = None
) -> CompanyVerdicts:
    programme = programme or current_programme()
    rules = programme.rules()
    reference = reference or clock.today_brussels()
    ids, holdings = _group_company_ids(company, reference)
    companies = {c.pk: c for c in Company.objects.filter(pk__in=ids).prefetch_related("financial_years")}
    enterprises = {pk: _enterprise(c) for pk, c in companies.items()}
    links = [Link(h.owner_id, h.owned_id, h.percent, h.has_control) for h in holdings]
    aid = [
        AidEntry(a.company_id, a.granted_on, a.amount, a.granting_body)
        for a in DeMinimisAid.objects.filter(company_id__in=ids)
    ]
    size = size_verdict(company.pk, enterprises, links, rules)
    difficulty = difficulty_verdict(company.pk, enterprises, links, rules, reference=reference, is_sme=size.is_sme)
    de_minimis = de_minimis_verdict(company.pk, aid, links, rules, reference=reference)
    site = company.project_establishment
    nuts3 = site.nuts3_id if site else None
    eligibility = eligibility_verdict(
        role=company.role,
        country=site.country if site else company.country,
        nuts3=nuts3,
        size=size,
        difficulty=difficulty,
        de_minimis=de_minimis,
        rules=rules,
    )
    related = [c for pk, c in companies.items() if pk != company.pk]
    return CompanyVerdicts(reference, size, difficulty, de_minimis, eligibility, nuts3, related)


def _current_holdings(reference: dt.date) -> Q:
    return (Q(started_on__isnull=True) | Q(started_on__lte=reference)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=reference)
    )


def _groups_of(pks: set[int], reference: dt.date) -> tuple[dict[int, set[int]], list[Holding]]:
    """Each company's group (as `_group_company_ids`), for many companies at once: one query per level of
    holdings, however many companies."""
    seen, frontier, holdings = set(pks), set(pks), {}
    while frontier:
        batch = Holding.objects.filter(_current_holdings(reference)).filter(
            Q(owner_id__in=frontier) | Q(owned_id__in=frontier)
        )
        frontier = set()
        for holding in batch:
            holdings[holding.pk] = holding
            for other in (holding.owner_id, holding.owned_id):
                if other not in seen:
                    seen.add(other)
                    frontier.add(other)
    neighbours: dict[int, set[int]] = {}
    for h in holdings.values():
        neighbours.setdefault(h.owner_id, set()).add(h.owned_id)
        neighbours.setdefault(h.owned_id, set()).add(h.owner_id)
    groups = {}
    for pk in pks:
        group, todo = {pk}, [pk]
        while todo:
            for other in neighbours.get(todo.pop(), ()):
                if other not in group:
                    group.add(other)
                    todo.append(other)
        groups[pk] = group
    return groups, list(holdings.values())


def company_verdicts_many(
    companies: list[Company], *, programme: Programme | None = None, reference: dt.date | None = None
) -> dict[int, CompanyVerdicts]:
    """`company_verdicts` of many companies in a constant number of queries (lists and overviews): the same
    verdicts, keyed by company id. The companies' establishments are read once (prefetched or not)."""
    if not companies:
        return {}
    programme = programme or current_programme()
    rules = programme.rules()
    reference = reference or clock.today_brussels()
    groups, holdings = _groups_of({c.pk for c in companies}, reference)
    ids = set().union(*groups.values())
    loaded = {c.pk: c for c in Company.objects.filter(pk__in=ids).prefetch_related("financial_years", "establishments")}
    enterprises = {pk: _enterprise(c) for pk, c in loaded.items()}
    aid_all = [
        AidEntry(a.company_id, a.granted_on, a.amount, a.granting_body)
        for a in DeMinimisAid.objects.filter(company_id__in=ids)
    ]
    result = {}
    for company in companies:
        group = groups[company.pk]
        own = loaded[company.pk]
        links = [
            Link(h.owner_id, h.owned_id, h.percent, h.has_control)
            for h in holdings
            if h.owner_id in group and h.owned_id in group
        ]
        group_enterprises = {pk: enterprises[pk] for pk in group}
        aid = [a for a in aid_all if a.enterprise in group]
        size = size_verdict(company.pk, group_enterprises, links, rules)
        difficulty = difficulty_verdict(
            company.pk, group_enterprises, links, rules, reference=reference, is_sme=size.is_sme
        )
        de_minimis = de_minimis_verdict(company.pk, aid, links, rules, reference=reference)
        site = own.project_establishment
        nuts3 = site.nuts3_id if site else None
        eligibility = eligibility_verdict(
            role=company.role,
            country=site.country if site else company.country,
            nuts3=nuts3,
            size=size,
            difficulty=difficulty,
            de_minimis=de_minimis,
            rules=rules,
        )
        related = [c for pk, c in loaded.items() if pk in group and pk != company.pk]
        result[company.pk] = CompanyVerdicts(reference, size, difficulty, de_minimis, eligibility, nuts3, related)
    return result
