"""Reads for the company registry: who sees which companies, and the verdicts with their figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from crossroads.accounts.models import User
from crossroads.core import clock
from crossroads.programme.models import Programme
from crossroads.programme.rules import ProgrammeRules
from crossroads.programme.selectors import current_programme

from .models import Company, DeMinimisAid, Establishment, FinancialYear, Holding, NaceCode, PartyKind
from .rules.de_minimis import DeMinimisVerdict, de_minimis_verdict
from .rules.difficulty import DifficultyVerdict, difficulty_verdict
from .rules.eligibility import EligibilityVerdict, eligibility_verdict
from .rules.size import SizeVerdict, size_verdict
from .rules.types import AidEntry, Enterprise, Link, YearFigures, links_on


def companies_visible_to(user: User | AnonymousUser, *, holders: bool = False) -> QuerySet[Company]:
    """Members see their companies, advisers the companies with an establishment in their provinces,
    the secretariat and admins everything; other roles nothing. Persons and public bodies recorded as holders
    (kind other than enterprise) are no partners: the staff's and advisers' lists leave them out unless `holders`."""
    base = Company.objects.all()
    if not user.is_authenticated:
        return base.none()
    listed = base if holders else base.filter(kind=PartyKind.ENTERPRISE)
    if user.is_programme_staff:
        return listed
    if user.is_adviser:
        provinces = user.province_codes()
        return listed.filter(Q(establishments__nuts3__province__in=provinces) | Q(memberships__user=user)).distinct()
    return base.filter(memberships__user=user).distinct()


def _group_company_ids(
    company: Company, reference: dt.date | None = None, *, history: bool = False
) -> tuple[set[int], list[Holding]]:
    """Every company connected to `company` through holdings held on `reference` (today by default; both
    directions), and those holdings. A holding that ended before, or starts after, the reference date links nobody.
    With `history`, holdings that ended before the reference date are included too (the size test consolidates
    each reference year with the holdings of that year)."""
    reference = reference or clock.today_brussels()
    seen, frontier, holdings = {company.pk}, {company.pk}, {}
    current = _holdings_until(reference) if history else _current_holdings(reference)
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
            annual_work_units=f.annual_work_units,
            is_estimate=f.is_estimate,
            collective_insolvency=f.collective_insolvency,
            rescue_aid_outstanding=f.rescue_aid_outstanding,
            restructuring_aid_running=f.restructuring_aid_running,
            book_debt=f.book_debt,
            ebitda=f.ebitda,
            interest_expense=f.interest_expense,
        )
        for f in company.financial_years.all()
    )
    return Enterprise(
        company.pk,
        company.display_name,
        company.legal_form,
        company.founded_on,
        company.role,
        years,
        kind=company.kind,
        investor_type=company.investor_type,
        country=company.country,
        nace=tuple(n.code for n in company.nace_codes.all()),
        authority_budget=company.local_authority_budget,
        authority_inhabitants=company.local_authority_inhabitants,
    )


def _link(h: Holding) -> Link:
    return Link(
        h.owner_id,
        h.owned_id,
        h.percent,
        h.has_control,
        voting_percent=h.voting_percent,
        board_majority=h.appoints_board_majority,
        votes_by_agreement=h.controls_votes_by_agreement,
        acting_jointly=h.acting_jointly_group,
        market=h.market_relation,
        invested=h.invested_amount,
        started_on=h.started_on,
        ended_on=h.ended_on,
    )


def _aid(a: DeMinimisAid) -> AidEntry:
    return AidEntry(
        a.company_id,
        a.granted_on,
        a.amount,
        a.granting_body,
        member_state=a.member_state,
        origin=a.origin,
        origin_source=a.origin_source,
    )


def _de_minimis(
    company: Company,
    site: Establishment | None,
    aid: list[AidEntry],
    links: list[Link],
    enterprises: dict,
    rules: ProgrammeRules,
    reference: dt.date,
) -> DeMinimisVerdict:
    """Reg. 2023/2831 Art. 3(2): the headroom under the ceiling of the Member State that grants the CrossRoads aid,
    the country of the establishment carrying out the project (else of registration); an aid without a recorded
    Member State is its recipient's country's."""
    countries = {pk: e.country for pk, e in enterprises.items() if e.country}
    granting_state = (site.country if site else "") or company.country
    return de_minimis_verdict(
        company.pk, aid, links, rules, reference=reference, granting_state=granting_state, countries=countries
    )


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
    ids, holdings = _group_company_ids(company, reference, history=True)
    companies = {c.pk: c for c in Company.objects.filter(pk__in=ids).prefetch_related("financial_years", "nace_codes")}
    enterprises = {pk: _enterprise(c) for pk, c in companies.items()}
    history = [_link(h) for h in holdings]
    links = links_on(history, reference)
    aid = [_aid(a) for a in DeMinimisAid.objects.filter(company_id__in=ids)]
    size = size_verdict(company.pk, enterprises, history, rules, reference=reference)
    difficulty = difficulty_verdict(company.pk, enterprises, links, rules, reference=reference, is_sme=size.is_sme)
    site = company.project_establishment
    de_minimis = _de_minimis(company, site, aid, links, enterprises, rules, reference)
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
    current = {pk for link in links for pk in (link.owner, link.owned)}
    related = [c for pk, c in companies.items() if pk != company.pk and pk in current]
    return CompanyVerdicts(reference, size, difficulty, de_minimis, eligibility, nuts3, related)


def _holdings_until(reference: dt.date) -> Q:
    """Holdings held on `reference` or before it: each reference year of the size test uses its own (Art. 4)."""
    return Q(started_on__isnull=True) | Q(started_on__lte=reference)


def _current_holdings(reference: dt.date) -> Q:
    return (Q(started_on__isnull=True) | Q(started_on__lte=reference)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=reference)
    )


def _groups_of(pks: set[int], reference: dt.date) -> tuple[dict[int, set[int]], list[Holding]]:
    """Each company's group (as `_group_company_ids`), for many companies at once: one query per level of
    holdings, however many companies."""
    seen, frontier, holdings = set(pks), set(pks), {}
    while frontier:
        batch = Holding.objects.filter(_holdings_until(reference)).filter(
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


def cache_lists(instances: list[Any], name: str, queryset: QuerySet[Any], key: str) -> None:
    """What `prefetch_related_objects(instances, name)` does for one reverse foreign key, in one query, without
    building a filtered queryset per instance (that cost dominates lists of hundreds): `instance.<name>.all()`
    then returns the rows of `queryset` (in its order) whose `key` is the instance."""
    import copy
    from collections import defaultdict

    groups: dict[int, list[Any]] = defaultdict(list)
    for item in queryset.filter(**{f"{key}__in": [i.pk for i in instances]}):
        groups[getattr(item, f"{key}_id")].append(item)
    empty = queryset.none()
    for instance in instances:
        cached = copy.copy(empty)
        cached._result_cache = groups.get(instance.pk, [])
        cached._prefetch_done = True  # type: ignore[attr-defined]  # private QuerySet flag, not in the stubs
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = cached


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
    loaded = {c.pk: c for c in Company.objects.filter(pk__in=ids)}
    for name, model in (
        ("financial_years", FinancialYear),
        ("establishments", Establishment),
        ("nace_codes", NaceCode),
    ):
        cache_lists(list(loaded.values()), name, model.objects.all(), "company")
    enterprises = {pk: _enterprise(c) for pk, c in loaded.items()}
    aid_all = [_aid(a) for a in DeMinimisAid.objects.filter(company_id__in=ids)]
    result = {}
    for company in companies:
        group = groups[company.pk]
        own = loaded[company.pk]
        history = [_link(h) for h in holdings if h.owner_id in group and h.owned_id in group]
        links = links_on(history, reference)
        group_enterprises = {pk: enterprises[pk] for pk in group}
        aid = [a for a in aid_all if a.enterprise in group]
        size = size_verdict(company.pk, group_enterprises, history, rules, reference=reference)
        difficulty = difficulty_verdict(
            company.pk, group_enterprises, links, rules, reference=reference, is_sme=size.is_sme
        )
        site = own.project_establishment
        de_minimis = _de_minimis(own, site, aid, links, group_enterprises, rules, reference)
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
        current = {pk for link in links for pk in (link.owner, link.owned)}
        related = [c for pk, c in loaded.items() if pk in current and pk != company.pk]
        result[company.pk] = CompanyVerdicts(reference, size, difficulty, de_minimis, eligibility, nuts3, related)
    return result
