"""The funnel: how many companies reach each step, from registered to finished, and how many each step loses.

Each step counts the companies of the filter that reached it; the period keeps the steps whose own event (a profile
created, an interest sent, an introduction made, an application started or submitted, a decision, the closure)
happened in it; the call keeps the steps from the application on to that call. Suggestions are not stored: a
company "has suggestions" when it is in the matching index (an active embedding), for which the engine computes
them. One query per funnel; a breakdown by province, agency or theme is one query more."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import PartnerOrganisation
from crossroads.applications.models import Partner
from crossroads.grants.models import AgreementPartner, AgreementStatus
from crossroads.matching.models import CooperationProfile, Embedding, ExpressionOfInterest, Introduction
from crossroads.programme.models import Province, Theme

from ..filters import InsightFilter
from .scope import FUNDED, companies

STEP_LABELS: dict[str, Promise] = {
    "companies": _("Companies"),
    "profile": _("With a cooperation profile"),
    "suggestions": _("With partner suggestions"),
    "interest": _("With an expression of interest"),
    "introduction": _("With an introduction"),
    "application": _("In an application"),
    "submitted": _("In a submitted application"),
    "funded": _("Funded"),
    "finished": _("Finished"),
}
STEPS = tuple(STEP_LABELS)


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    count: int
    loss: int | None  # fewer than the previous step (negative: more); None for the first step


@dataclass(frozen=True)
class Funnel:
    label: str
    steps: list[FunnelStep]

    @property
    def top(self) -> int:
        return self.steps[0].count if self.steps else 0


@dataclass(frozen=True)
class GroupedFunnels:
    dimension: str
    funnels: list[Funnel]


def _partners(flt: InsightFilter, **extra: object):
    partners = Partner.objects.filter(company__isnull=False, **extra)
    if flt.call is not None:
        partners = partners.filter(application__call=flt.call)
    return partners.values("company")


def _members(flt: InsightFilter, statuses: tuple, **extra: object):
    members = AgreementPartner.objects.filter(agreement__status__in=statuses, **extra)
    if flt.call is not None:
        members = members.filter(agreement__grant__application__call=flt.call)
    return members.values("company")


def step_conditions(flt: InsightFilter) -> dict[str, Q]:
    """Per step, the condition on a company (a row of `scope.companies`) of having reached it."""
    interests = ExpressionOfInterest.objects.filter(**flt.moments("created_at"))
    introductions = Introduction.objects.filter(**flt.moments("created_at"))
    return {
        "companies": Q(created_at__lt=flt.end) if flt.end is not None else Q(pk__isnull=False),
        "profile": Q(pk__in=CooperationProfile.objects.filter(**flt.moments("created_at")).values("company")),
        "suggestions": Q(pk__in=Embedding.objects.filter(active=True).values("company")),
        "interest": Q(pk__in=interests.values("sender_company")) | Q(pk__in=interests.values("target_company")),
        "introduction": Q(pk__in=introductions.values("company_a")) | Q(pk__in=introductions.values("company_b")),
        "application": Q(pk__in=_partners(flt, **flt.moments("application__created_at"))),
        "submitted": Q(
            pk__in=_partners(flt, application__submitted_at__isnull=False, **flt.moments("application__submitted_at"))
        ),
        "funded": Q(pk__in=_members(flt, FUNDED, **flt.moments("agreement__accepted_at"))),
        "finished": Q(pk__in=_members(flt, (AgreementStatus.CLOSED,), **flt.moments("agreement__closed_at"))),
    }


def _aggregates(flt: InsightFilter) -> dict[str, Count]:
    return {key: Count("pk", distinct=True, filter=cond) for key, cond in step_conditions(flt).items()}


def _steps(counts: dict[str, int]) -> list[FunnelStep]:
    steps, previous = [], None
    for key in STEPS:
        count = counts.get(key) or 0
        steps.append(FunnelStep(key, str(STEP_LABELS[key]), count, None if previous is None else previous - count))
        previous = count
    return steps


def funnel(flt: InsightFilter) -> Funnel:
    """The funnel of the filter: one query."""
    counts = companies(flt).aggregate(**_aggregates(flt))
    return Funnel(str(_("All companies in the selection")), _steps(counts))


def _by_province(flt: InsightFilter) -> dict[str | None, dict[str, int]]:
    rows = companies(flt).values("province").annotate(**_aggregates(flt)).order_by("province")  # type: ignore[misc]  # "province" is an annotation of companies()
    return {row.pop("province"): row for row in rows}


def _add(total: dict[str, int], row: dict[str, int]) -> None:
    for key in STEPS:
        total[key] = total.get(key, 0) + (row.get(key) or 0)


def funnels_by_province(flt: InsightFilter) -> GroupedFunnels:
    rows = _by_province(flt)
    names = dict(Province.objects.filter(code__in=[c for c in rows if c]).values_list("code", "name"))
    funnels = [
        Funnel(names.get(code, str(_("Region unknown"))) if code else str(_("Region unknown")), _steps(row))
        for code, row in rows.items()
    ]
    funnels.sort(key=lambda f: f.label)
    return GroupedFunnels("province", funnels)


def funnels_by_agency(flt: InsightFilter) -> GroupedFunnels:
    """Per partner organisation, the companies of the provinces it serves (two organisations that serve the same
    province both count its companies)."""
    rows = _by_province(flt)
    agencies = PartnerOrganisation.objects.prefetch_related("provinces").order_by("name")
    if flt.agency is not None:
        agencies = agencies.filter(pk=flt.agency.pk)
    funnels = []
    for agency in agencies:
        total: dict[str, int] = defaultdict(int)
        for province in agency.provinces.all():
            _add(total, rows.get(province.code, {}))
        if agency.provinces.all():
            funnels.append(Funnel(agency.name, _steps(total)))
    return GroupedFunnels("agency", funnels)


def funnels_by_theme(flt: InsightFilter) -> GroupedFunnels:
    """Per theme the company chose (a company with two themes counts in both)."""
    rows = cast(
        Iterable[dict[str, int]],  # the stubs type the row without the annotated counts
        companies(flt).filter(themes__isnull=False).values("themes").annotate(**_aggregates(flt)),
    )
    themes = {t.pk: t for t in Theme.objects.all()}
    funnels = [Funnel(themes[row.pop("themes")].name, _steps(row)) for row in rows]
    funnels.sort(key=lambda f: f.label)
    return GroupedFunnels("theme", funnels)


DIMENSIONS = {"agency": funnels_by_agency, "province": funnels_by_province, "theme": funnels_by_theme}
