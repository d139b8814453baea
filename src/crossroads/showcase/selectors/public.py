"""The one whitelist of what the public may see of a funded project. Pages, the open-data API, its CSV and the
keep.eu export all read `PublicProject` and nothing else, so a field can only become public by being added here.

A project is public once its grant agreement has been accepted (running, closing or closed): that is "contracted"
in Interreg's sense. An agreement still on offer, a terminated one, a renounced grant, an application of any other
status, scores and assessments never appear. Texts written by the consortium (summary, story, results) show only in
the copy the secretariat approved (`ProjectStory.published_*`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from crossroads.grants.models import Agreement, AgreementPartner
from crossroads.grants.models.agreement import AgreementStatus

PUBLIC_STATUSES = (AgreementStatus.RUNNING, AgreementStatus.CLOSING, AgreementStatus.CLOSED)


@dataclass(frozen=True)
class PublicPartner:
    name: str
    country: str  # "BE" / "NL"
    municipality: str
    nuts3: str  # the region code keep.eu and the Interreg reports use ("BE211", "NL412")
    is_lead: bool


@dataclass(frozen=True)
class PublicTheme:
    code: str
    name_nl: str
    name_en: str


@dataclass(frozen=True)
class PublicProject:
    reference: str  # the stable address: /projects/<slug>/
    slug: str
    title: str
    acronym: str
    call_code: str
    themes: tuple[PublicTheme, ...]
    partners: tuple[PublicPartner, ...]
    grant: Decimal
    start_date: dt.date
    end_date: dt.date
    status: str  # "running" / "finished"
    summary: str = ""
    story: str = ""
    results: str = ""
    story_language: str = ""
    published_at: dt.datetime | None = None
    extra: dict = field(default_factory=dict, compare=False)  # never filled from the database; for callers' use


def slug_of(reference: str) -> str:
    return reference.lower()


def public_agreements() -> QuerySet[Agreement]:
    """Contracted projects whose grant still stands."""
    return Agreement.objects.filter(status__in=PUBLIC_STATUSES, grant__renounced_at__isnull=True)


def _with_relations(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    partners = AgreementPartner.objects.select_related("company").prefetch_related("company__establishments")
    return queryset.select_related("grant__application__call", "story").prefetch_related(
        "grant__application__themes", Prefetch("partners", queryset=partners.order_by("-is_lead", "pk"))
    )


def _place(company) -> tuple[str, str]:
    """Municipality and NUTS3 code of the establishment in the company's own country (the first one recorded)."""
    establishments = sorted(company.establishments.all(), key=lambda e: (e.country != company.country, e.pk))
    return (establishments[0].city, establishments[0].nuts3_id or "") if establishments else ("", "")


def _story(agreement: Agreement) -> dict:
    story = getattr(agreement, "story", None)
    if story is None or story.published_at is None:
        return {}
    return {
        "summary": story.published_summary,
        "story": story.published_story,
        "results": story.published_results,
        "story_language": story.language,
        "published_at": story.published_at,
    }


def to_public(agreement: Agreement) -> PublicProject:
    application = agreement.grant.application
    partners = tuple(
        PublicPartner(
            name=member.company.display_name,
            country=member.company.country,
            municipality=_place(member.company)[0],
            nuts3=_place(member.company)[1],
            is_lead=member.is_lead,
        )
        for member in agreement.partners.all()
        if member.left_on is None
    )
    themes = tuple(PublicTheme(t.code, t.name_nl, t.name_en) for t in application.themes.all())
    return PublicProject(
        reference=agreement.reference,
        slug=slug_of(agreement.reference),
        title=application.title,
        acronym=application.acronym,
        call_code=application.call.code,
        themes=themes,
        partners=partners,
        grant=agreement.grant.total,
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        status="finished" if agreement.status == AgreementStatus.CLOSED else "running",
        **_story(agreement),
    )


def _filtered(
    *, text: str = "", theme: str = "", country: str = "", call: str = "", status: str = "", year: int | None = None
) -> QuerySet[Agreement]:
    queryset = public_agreements()
    if text:
        queryset = queryset.filter(
            Q(grant__application__title__icontains=text)
            | Q(grant__application__acronym__icontains=text)
            | Q(partners__company__legal_name__icontains=text)
            | Q(story__published_summary__icontains=text)
            | Q(story__published_story__icontains=text)
        )
    if theme:
        queryset = queryset.filter(grant__application__themes__code=theme)
    if country:
        queryset = queryset.filter(partners__company__country=country.upper())
    if call:
        queryset = queryset.filter(grant__application__call__code__iexact=call)
    if status == "finished":
        queryset = queryset.filter(status=AgreementStatus.CLOSED)
    elif status == "running":
        queryset = queryset.exclude(status=AgreementStatus.CLOSED)
    if year is not None:
        queryset = queryset.filter(start_date__year__lte=year, end_date__year__gte=year)
    return Agreement.objects.filter(pk__in=queryset.values("pk").distinct()).order_by("-start_date", "reference")


def public_projects(
    *,
    text: str = "",
    theme: str = "",
    country: str = "",
    call: str = "",
    status: str = "",
    year: int | None = None,
) -> list[PublicProject]:
    """Every public project matching the filters, newest start first. Filters are plain values from the query
    string; an unknown value simply matches nothing."""
    agreements = _with_relations(
        _filtered(text=text, theme=theme, country=country, call=call, status=status, year=year)
    )
    return [to_public(agreement) for agreement in agreements]


def public_project_page(*, page: int, per_page: int, **filters: object) -> tuple[list[PublicProject], int]:
    """One page of `public_projects(**filters)` and the number of matches; only the page's rows are read, in a
    constant number of queries."""
    queryset = _filtered(**filters)  # type: ignore[arg-type]
    total = queryset.count()
    start = max(page - 1, 0) * per_page
    return [to_public(agreement) for agreement in _with_relations(queryset)[start : start + per_page]], total


def public_filter_options() -> dict[str, list]:
    """The values the public filters offer: calls and years that have public projects."""
    agreements = public_agreements()
    calls = sorted(set(agreements.values_list("grant__application__call__code", flat=True)))
    spans = agreements.values_list("start_date__year", "end_date__year")
    years = sorted({year for first, last in spans for year in range(first, last + 1)})
    return {"calls": calls, "years": years}


def public_project(slug: str) -> PublicProject | None:
    agreement = _with_relations(public_agreements()).filter(reference__iexact=slug).first()
    return to_public(agreement) if agreement is not None else None


def public_totals(projects: Iterable[PublicProject]) -> dict[str, object]:
    """Headline figures of a list of public projects: count, distinct companies, grant."""
    projects = list(projects)
    companies = {(p.name, p.country) for project in projects for p in project.partners}
    return {
        "projects": len(projects),
        "companies": len(companies),
        "grant": sum((project.grant for project in projects), Decimal("0.00")),
    }
