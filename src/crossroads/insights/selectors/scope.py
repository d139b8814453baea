"""Who and what the filter keeps: companies (by the province of their establishment, for an agency), funded
agreements (by call and by their partners), and the establishment's province and NUTS3 region as columns."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery

from crossroads.companies.models import Company, Establishment
from crossroads.grants.models import Agreement, AgreementStatus

from ..filters import InsightFilter

# An agreement every partner accepted: the project runs, is closing or is closed ("funded").
FUNDED = (AgreementStatus.RUNNING, AgreementStatus.CLOSING, AgreementStatus.CLOSED)


def _establishment(field: str) -> Subquery:
    """The company's establishment that carries out projects (else its registered office, else its first one)."""
    first = Establishment.objects.filter(company=OuterRef("pk")).order_by(
        "-is_project_site", "-is_registered_office", "pk"
    )
    return Subquery(first.values(field)[:1])


def companies(flt: InsightFilter) -> QuerySet[Company]:
    """Every company the filter keeps, with `province` (NUTS2) and `nuts3` of its establishment annotated.
    An agency keeps the companies whose establishment lies in one of the provinces it serves."""
    qs = Company.objects.annotate(province=_establishment("nuts3__province_id"), nuts3=_establishment("nuts3_id"))
    if flt.agency is not None:
        qs = qs.filter(province__in=flt.agency.provinces.values("code"))
    return qs


def company_ids(flt: InsightFilter) -> QuerySet:
    """The ids of `companies(flt)`, as a subquery."""
    return companies(flt).values("pk")


def funded_agreements(flt: InsightFilter) -> QuerySet[Agreement]:
    """Agreements accepted by every partner (running, closing, closed) of the call, accepted in the period, with
    at least one partner of the agency."""
    qs = Agreement.objects.filter(status__in=FUNDED, **flt.moments("accepted_at"))
    if flt.call is not None:
        qs = qs.filter(grant__application__call=flt.call)
    if flt.agency is not None:
        qs = qs.filter(partners__company__in=company_ids(flt))
    return qs.distinct()


def agreement_member_filter(flt: InsightFilter, prefix: str = "") -> Q:
    """Rows of agreement partners (through `prefix`) that belong to a funded agreement and, with an agency, are
    one of its companies."""
    q = Q(**{f"{prefix}agreement__in": funded_agreements(flt).values("pk")})
    if flt.agency is not None:
        q &= Q(**{f"{prefix}company__in": company_ids(flt)})
    return q
