"""Success rate, time to decision, the balance between the two countries and the distributions of funded
companies and grants by theme, province, NUTS3 region and size class."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from crossroads.assessment.models import Decision, GrantShare, Outcome
from crossroads.companies.models import Country
from crossroads.companies.verdict_text import SIZE_LABELS
from crossroads.core import clock
from crossroads.grants.models import Agreement, AgreementPartner
from crossroads.programme.models import Nuts3, Programme, Province, Theme

from ..filters import InsightFilter
from .scope import agreement_member_filter, companies, company_ids, funded_agreements
from .size import size_classes

ZERO = Decimal("0.00")
APPROVED = (Outcome.APPROVE, Outcome.APPROVE_CONDITIONS)


@dataclass(frozen=True)
class Decisions:
    decided: int  # approved or rejected (the reserve list is not decided yet)
    approved: int
    median_days: Decimal | None  # from submission to decision

    @property
    def success_rate(self) -> Decimal | None:
        return Decimal(self.approved) / Decimal(self.decided) if self.decided else None


@dataclass(frozen=True)
class Row:
    """One bar of a distribution: a label, how many companies (or projects) and how much grant."""

    key: str
    label: str
    count: int
    grant: Decimal


def _calendar_days(start: dt.datetime, end: dt.datetime) -> int:
    """Days between two moments as the calendar in Brussels counts them."""
    return (end.astimezone(clock.BRUSSELS).date() - start.astimezone(clock.BRUSSELS).date()).days


def decisions(flt: InsightFilter) -> Decisions:
    qs = Decision.objects.filter(outcome__in=(*APPROVED, Outcome.REJECT), **flt.moments("decided_at"))
    if flt.call is not None:
        qs = qs.filter(application__call=flt.call)
    if flt.agency is not None:
        qs = qs.filter(application__partners__company__in=company_ids(flt)).distinct()
    rows = list(qs.values_list("outcome", "decided_at", "application__submitted_at"))
    days = sorted(_calendar_days(submitted, decided) for _o, decided, submitted in rows if submitted is not None)
    median = Decimal(str(statistics.median(days))) if days else None
    return Decisions(
        decided=len(rows), approved=sum(1 for outcome, *_rest in rows if outcome in APPROVED), median_days=median
    )


def _live_shares(flt: InsightFilter):
    """Grant shares of companies in funded agreements whose grant is not renounced."""
    members = AgreementPartner.objects.filter(agreement_member_filter(flt), grant_share__isnull=False)
    return GrantShare.objects.filter(pk__in=members.values("grant_share"), grant__renounced_at__isnull=True)


def _funded_members(flt: InsightFilter):
    return AgreementPartner.objects.filter(agreement_member_filter(flt))


def country_balance(flt: InsightFilter) -> list[Row]:
    """Distinct funded companies and their grant per country of registration."""
    counts = dict(
        _funded_members(flt)
        .values("company__country")
        .annotate(n=Count("company", distinct=True))
        .values_list("company__country", "n")
    )
    grants = dict(
        _live_shares(flt)
        .values("company__country")
        .annotate(total=Sum("amount"))
        .values_list("company__country", "total")
    )
    return [Row(code, str(label), counts.get(code, 0), grants.get(code) or ZERO) for code, label in Country.choices]


def by_theme(flt: InsightFilter) -> list[Row]:
    """Funded projects and their grant per theme of the application (a project with two themes counts in both)."""
    funded = funded_agreements(flt).values("pk")
    data = (
        Agreement.objects.filter(pk__in=funded, grant__application__themes__isnull=False)
        .values("grant__application__themes")
        .annotate(n=Count("pk", distinct=True), total=Sum("grant__total", filter=Q(grant__renounced_at__isnull=True)))
    )
    themes = {t.pk: t for t in Theme.objects.all()}
    out = [
        Row(
            themes[r["grant__application__themes"]].code,
            themes[r["grant__application__themes"]].name,
            r["n"],
            r["total"] or ZERO,
        )
        for r in data
    ]
    return sorted(out, key=lambda r: (-r.count, r.label))


def _by_region(flt: InsightFilter, field: str, names: dict[str, str]) -> list[Row]:
    counts: dict[str | None, int] = defaultdict(int)
    members = _funded_members(flt).values_list("company", flat=True).order_by().distinct()
    regions = dict(companies(flt).filter(pk__in=members).values_list("pk", field))
    for region in regions.values():
        counts[region] += 1
    grants: dict[str | None, Decimal] = defaultdict(lambda: ZERO)
    for company, amount in _live_shares(flt).values_list("company", "amount"):
        grants[regions.get(company)] += amount
    unknown = _("Region unknown")
    out = [Row(code or "", names.get(code or "", unknown), n, grants[code]) for code, n in counts.items()]
    return sorted(out, key=lambda r: (-r.count, r.label))


def by_province(flt: InsightFilter) -> list[Row]:
    """Distinct funded companies and their grant per province (NUTS2) of their establishment."""
    return _by_region(flt, "province", dict(Province.objects.values_list("code", "name")))


def by_nuts3(flt: InsightFilter) -> list[Row]:
    """Distinct funded companies and their grant per NUTS3 region of their establishment."""
    return _by_region(flt, "nuts3", dict(Nuts3.objects.values_list("code", "name")))


def by_size(flt: InsightFilter, programme: Programme) -> list[Row]:
    """Distinct funded companies and their grant per size class (EU recommendation, from their financial years
    and holdings; "unknown" without figures)."""
    members = list(_funded_members(flt).values_list("company", flat=True).order_by().distinct())
    classes = size_classes(members, programme, flt.memo)
    counts: dict[str, int] = defaultdict(int)
    for company in members:
        counts[classes.get(company) or "unknown"] += 1
    grants: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for company, amount in _live_shares(flt).values_list("company", "amount"):
        grants[classes.get(company) or "unknown"] += amount
    labels = {**{k: str(v) for k, v in SIZE_LABELS.items()}, "unknown": _("size unknown (no figures)")}
    return [Row(k, labels[k], counts[k], grants[k]) for k in labels if counts.get(k)]
