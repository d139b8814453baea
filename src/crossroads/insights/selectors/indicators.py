"""The Interreg indicators (rules reference §5.2), each with its definition and how it is computed here.

Where the secretariat recorded closure values (grants.ClosureIndicator) for the funded projects of the filter, the
figure is the sum of those values ("reported"); otherwise it is derived from the platform's data ("derived").
Indicators that the data cannot show (pilot actions, innovations introduced) are only reported."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import CompanyRole
from crossroads.companies.verdict_text import SIZE_LABELS
from crossroads.grants.models import AgreementPartner, ClosureIndicator, CoachingContact, FollowUpSurvey, IndicatorCode
from crossroads.matching.models import Introduction
from crossroads.programme.models import Programme

from ..filters import InsightFilter
from .scope import agreement_member_filter, company_ids, funded_agreements
from .size import size_classes

REPORTED, DERIVED, NONE = "reported", "derived", "none"
SOURCE_LABELS: dict[str, Promise] = {
    REPORTED: _("reported"),
    DERIVED: _("derived"),
    NONE: _("not recorded yet"),
}

DEFINITIONS: dict[str, Promise] = {
    IndicatorCode.RCO01: _("Enterprises supported, by size (micro, small, medium, large)."),
    IndicatorCode.RCO02: _("Enterprises supported by grants."),
    IndicatorCode.RCO04: _("Enterprises with non-financial support, such as matchmaking and coaching."),
    IndicatorCode.RCO10: _(
        "Enterprises that actively cooperate in joint research projects with research institutions for the "
        "duration of the project; pure service contracts without joint research do not count."
    ),
    IndicatorCode.RCO84: _("Pilot actions developed jointly and implemented in projects."),
    IndicatorCode.RCO87: _("Organisations cooperating across borders."),
    IndicatorCode.RCR03: _("SMEs introducing product or process innovation."),
    IndicatorCode.RCR84: _("Organisations cooperating across borders after project completion."),
}

COMPUTATIONS: dict[str, Promise] = {
    IndicatorCode.RCO01: _(
        "Distinct companies in funded projects, by the size class the company page computes from their financial "
        "years and holdings; or the values recorded at closure."
    ),
    IndicatorCode.RCO02: _(
        "Distinct companies with a share in a grant that was not renounced, in funded projects; or the values "
        "recorded at closure."
    ),
    IndicatorCode.RCO04: _(
        "Distinct companies introduced to a partner by an adviser or with a coaching contact logged. Suggestions "
        "and expressions of interest alone do not count, as no one gave support; or the values recorded at closure."
    ),
    IndicatorCode.RCO10: _(
        "Distinct companies in funded projects that have a knowledge institution as a partner. The platform does "
        "not know whether the cooperation is joint research, so check the recorded values at closure."
    ),
    IndicatorCode.RCO84: _("Only the values recorded at closure: the platform cannot derive pilot actions."),
    IndicatorCode.RCO87: _(
        "Distinct organisations (companies and knowledge institutions) in funded projects; every project is "
        "cross-border by the programme's rules. Or the values recorded at closure."
    ),
    IndicatorCode.RCR03: _("Only the values recorded at closure: the platform cannot derive innovations introduced."),
    IndicatorCode.RCR84: _(
        "Distinct organisations that answered yes to the follow-up survey one year after their project ended: "
        "still cooperating across the border."
    ),
}


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    computation: str
    value: Decimal
    source: str  # REPORTED, DERIVED or NONE
    breakdown: list[tuple[str, Decimal]] = field(default_factory=list)  # RCO01 by size class

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])


def _reported(flt: InsightFilter) -> tuple[dict[str, Decimal], dict[str, dict[str, Decimal]]]:
    """Sum of the recorded values per code, and per size class for RCO01: one query."""
    rows = ClosureIndicator.objects.filter(agreement__in=funded_agreements(flt).values("pk"))
    if flt.agency is not None:
        rows = rows.filter(Q(company__isnull=True) | Q(company__in=company_ids(flt)))
    totals: dict[str, Decimal] = {}
    sizes: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for code, size, total in rows.values_list("code", "size_class").annotate(total=Sum("value")).order_by():
        totals[code] = totals.get(code, Decimal(0)) + total
        sizes[code][size or "unknown"] = sizes[code].get(size or "unknown", Decimal(0)) + total
    return totals, sizes


def _derived(flt: InsightFilter, programme: Programme) -> dict[str, tuple[Decimal, list[tuple[str, Decimal]]]]:
    members = AgreementPartner.objects.filter(agreement_member_filter(flt))
    funded_companies = list(members.values_list("company", flat=True).order_by().distinct())
    classes = size_classes(funded_companies, programme, flt.memo)
    by_size: dict[str, Decimal] = defaultdict(Decimal)
    for company in funded_companies:
        by_size[classes.get(company) or "unknown"] += 1
    granted = members.filter(grant_share__amount__gt=0, agreement__grant__renounced_at__isnull=True)
    with_knowledge = members.filter(
        agreement__partners__company__role=CompanyRole.KNOWLEDGE,
    ).exclude(company__role=CompanyRole.KNOWLEDGE)
    scope = company_ids(flt)
    intros = Introduction.objects.filter(**flt.moments("created_at"))
    supported = (
        scope.filter(
            Q(pk__in=intros.values("company_a"))
            | Q(pk__in=intros.values("company_b"))
            | Q(pk__in=CoachingContact.objects.filter(**flt.days("happened_on")).values("company"))
        )
        .distinct()
        .count()
    )
    cooperating = FollowUpSurvey.objects.filter(
        still_cooperating=True, agreement_partner__in=members.values("pk")
    ).values("agreement_partner__company")
    return {
        IndicatorCode.RCO01: (Decimal(len(funded_companies)), _size_rows(by_size)),
        IndicatorCode.RCO02: (Decimal(granted.values("company").order_by().distinct().count()), []),
        IndicatorCode.RCO04: (Decimal(supported), []),
        IndicatorCode.RCO10: (Decimal(with_knowledge.values("company").order_by().distinct().count()), []),
        IndicatorCode.RCO87: (Decimal(len(funded_companies)), []),
        IndicatorCode.RCR84: (Decimal(cooperating.order_by().distinct().count()), []),
    }


def _size_rows(values: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    labels = {**{k: str(v) for k, v in SIZE_LABELS.items()}, "unknown": str(_("size unknown (no figures)"))}
    return [(labels[k], values[k]) for k in labels if values.get(k)]


def indicators(flt: InsightFilter, programme: Programme) -> list[Indicator]:
    reported, reported_sizes = _reported(flt)
    derived = _derived(flt, programme)
    out = []
    for code, name in IndicatorCode.choices:
        if code in reported:
            value, source, breakdown = reported[code], REPORTED, _size_rows(reported_sizes.get(code, {}))
            if code != IndicatorCode.RCO01:
                breakdown = []
        elif code in derived:
            value, source = derived[code][0], DERIVED
            breakdown = derived[code][1]
        else:
            value, source, breakdown = Decimal(0), NONE, []
        out.append(
            Indicator(
                code=code,
                name=str(name),
                definition=str(DEFINITIONS[code]),
                computation=str(COMPUTATIONS[code]),
                value=value,
                source=source,
                breakdown=breakdown,
            )
        )
    return out
