"""Reads of the results area: coaching contacts, the closure indicators (facts, proposals, recorded values, their
wording) and the follow-up surveys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import CompanyRole
from crossroads.core import clock
from crossroads.core.formatting import format_number

from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    ClosureIndicator,
    CoachingContact,
    FollowUpSurvey,
    IndicatorCode,
    PeriodKind,
    PrototypeStatus,
    ReportStatus,
)
from ..rules.indicators import CompanyFacts, ProjectFacts, Proposal, propose, totals
from .budget import partner_grant

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

# What each indicator counts (the EU common indicators for ERDF and Interreg, as the programme uses them).
DEFINITIONS: dict[str, Promise] = {
    IndicatorCode.RCO01: _(
        "Enterprises supported, by size class (micro, small, medium-sized, large): each enterprise in the project "
        "counts once, in the size class of its size check."
    ),
    IndicatorCode.RCO02: _("Enterprises supported by grants: enterprises that receive a grant from the project."),
    IndicatorCode.RCO04: _(
        "Enterprises with non-financial support: enterprises that received advice, coaching or matchmaking."
    ),
    IndicatorCode.RCO10: _(
        "Enterprises cooperating with research organisations in joint research for the duration of the project; a "
        "pure service contract does not count."
    ),
    IndicatorCode.RCO84: _("Pilot actions developed jointly and implemented in the project."),
    IndicatorCode.RCO87: _("Organisations cooperating across borders in the project."),
    IndicatorCode.RCR03: _("SMEs introducing a product or process innovation as a result of the project."),
    IndicatorCode.RCR84: _(
        "Organisations still cooperating across the border one year after the end of the project (follow-up survey)."
    ),
}

SIZE_LABELS: dict[str, Promise] = {
    "micro": _("Micro enterprise"),
    "small": _("Small enterprise"),
    "medium": _("Medium-sized enterprise"),
    "large": _("Large enterprise"),
}

WHY: dict[str, Promise] = {
    "size.known": _("From the company's size check: %(size)s."),
    "size.unknown": _("The company has no financial figures: choose the size class."),
    "grant.yes": _("The company has a grant in the agreement."),
    "grant.no": _("The company has no grant in the agreement."),
    "coaching.yes": _("Coaching contacts were logged for the company or the project."),
    "coaching.no": _("No coaching contact was logged."),
    "research.itself": _("A research organisation itself is not counted."),
    "research.yes": _("A research organisation is a partner in the project."),
    "research.no": _("No research organisation is a partner in the project."),
    "border.yes": _("The partners are in more than one country."),
    "border.no": _("All partners are in one country."),
    "innovation.not_sme": _("Only SMEs are counted."),
    "innovation.demonstrated": _("The prototype was demonstrated: confirm with the company that it introduced it."),
    "innovation.not_demonstrated": _("No demonstrated prototype in the reports: confirm with the company."),
    "pilot.demonstrated": _("The final report says the prototype was demonstrated."),
    "pilot.demonstrated_interim": _("A progress report says the prototype was demonstrated (no final report yet)."),
    "pilot.not_demonstrated": _("The final report does not report a demonstrated prototype."),
    "pilot.no_final_report": _("No final report yet, and no demonstrated prototype in the progress reports."),
}


def why_text(proposal: Proposal) -> str:
    params = dict(proposal.params)
    if "size" in params:
        params["size"] = str(SIZE_LABELS.get(params["size"], "")).lower()
    return str(WHY[proposal.why]) % params


# ---------------------------------------------------------------------- coaching
def coaching_of(agreement: Agreement) -> QuerySet[CoachingContact]:
    return agreement.coaching.select_related("company", "adviser")


def coaching_by(user: AnyUser) -> QuerySet[CoachingContact]:
    """The contacts a person logged, newest first, with their project."""
    return CoachingContact.objects.filter(adviser_id=user.pk).select_related("agreement__grant__application", "company")


@dataclass(frozen=True)
class CoachingSummary:
    count: int
    dates: list[dt.date]


def coaching_summary(agreement: Agreement) -> CoachingSummary:
    """What the partners see: how many contacts and when (the advisers' notes stay with the programme)."""
    dates = list(agreement.coaching.values_list("happened_on", flat=True))
    return CoachingSummary(len(dates), dates)


# ---------------------------------------------------------------------- indicators
def _prototype(agreement: Agreement) -> tuple[bool, bool]:
    """(demonstrated, from a submitted final report). The final report when submitted; else any report."""
    sent = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    final = agreement.periods.filter(kind=PeriodKind.FINAL, report__status__in=sent).select_related("report").first()
    if final is not None:
        return final.report.prototype_status == PrototypeStatus.DEMONSTRATED, True
    demonstrated = agreement.periods.filter(report__prototype_status=PrototypeStatus.DEMONSTRATED).exists()
    return demonstrated, False


def _size_class(member: AgreementPartner, reference: dt.date) -> str | None:
    from crossroads.companies.selectors import company_verdicts

    programme = member.agreement.grant.application.call.programme
    return company_verdicts(member.company, programme=programme, reference=reference).size.size_class


def _country(member: AgreementPartner) -> str:
    site = member.company.project_establishment
    return (site.country if site else "") or member.company.country


def indicator_facts(agreement: Agreement) -> ProjectFacts:
    members = list(agreement.partners.select_related("company").filter(left_on__isnull=True))
    project_coached = agreement.coaching.filter(company__isnull=True).exists()
    coached = set(agreement.coaching.values_list("company_id", flat=True))
    reference = min(agreement.end_date, clock.today_brussels())
    demonstrated, final_known = _prototype(agreement)
    companies = tuple(
        CompanyFacts(
            company_id=m.company_id,
            size_class=_size_class(m, reference),
            is_research=m.company.role == CompanyRole.KNOWLEDGE,
            grant_positive=partner_grant(m) > 0,
            coached=project_coached or m.company_id in coached,
            country=_country(m),
        )
        for m in members
    )
    return ProjectFacts(companies, demonstrated, final_known)


@dataclass
class IndicatorRow:
    code: str
    label: str
    definition: str
    company: Any  # Company or None (the project)
    proposal: Proposal
    why: str
    recorded: ClosureIndicator | None

    @property
    def key(self) -> str:
        return f"{self.code}-{self.company.pk if self.company else 'project'}"

    @property
    def value(self) -> Decimal:
        return self.recorded.value if self.recorded else self.proposal.value

    @property
    def size_class(self) -> str:
        return self.recorded.size_class if self.recorded else self.proposal.size_class

    @property
    def size_label(self) -> str:
        return str(SIZE_LABELS.get(self.size_class, ""))


def indicator_rows(agreement: Agreement) -> list[IndicatorRow]:
    """Every proposal with what was recorded for it, the project first, then company by company."""
    companies = {m.company_id: m.company for m in agreement.partners.select_related("company")}
    recorded = {(r.code, r.company_id): r for r in agreement.indicators.all()}
    labels = dict(IndicatorCode.choices)
    return [
        IndicatorRow(
            code=p.code,
            label=str(labels[p.code]),
            definition=str(DEFINITIONS[p.code]),
            company=companies.get(p.company_id) if p.company_id else None,
            proposal=p,
            why=why_text(p),
            recorded=recorded.get((p.code, p.company_id)),
        )
        for p in propose(indicator_facts(agreement))
    ]


@dataclass(frozen=True)
class TotalRow:
    code: str
    label: str
    definition: str
    value: str
    by_size: list[tuple[str, str]]


def indicator_totals(agreement: Agreement) -> list[TotalRow]:
    """The project's totals of the recorded values (RCO01 also per size class), RCR84 from the surveys."""
    rows = agreement.indicators.all()
    sums = totals([(r.code, r.value, r.size_class) for r in rows])
    labels = dict(IndicatorCode.choices)
    out = []
    for code in IndicatorCode.values:
        if code not in sums:
            continue
        by_size = [
            (str(SIZE_LABELS[size]), format_number(sums[f"RCO01:{size}"], None))
            for size in SIZE_LABELS
            if code == IndicatorCode.RCO01 and f"RCO01:{size}" in sums
        ]
        out.append(TotalRow(code, str(labels[code]), str(DEFINITIONS[code]), format_number(sums[code], None), by_size))
    return out


# ---------------------------------------------------------------------- surveys
def surveys_of(agreement: Agreement) -> QuerySet[FollowUpSurvey]:
    return FollowUpSurvey.objects.filter(agreement_partner__agreement=agreement).select_related(
        "agreement_partner__company"
    )


def surveys_open() -> QuerySet[FollowUpSurvey]:
    """Unanswered surveys, with the programme that sets when their reminders go out."""
    return FollowUpSurvey.objects.filter(answered_at__isnull=True).select_related(
        "agreement_partner__agreement__grant__application__call__programme"
    )


def agreements_to_close(today: dt.date) -> QuerySet[Agreement]:
    return Agreement.objects.filter(status=AgreementStatus.RUNNING, end_date__lt=today)


def agreements_without_surveys() -> QuerySet[Agreement]:
    """Closing or closed agreements with a current partner that has no survey yet (e.g. moved by another path)."""
    return Agreement.objects.filter(
        Q(status__in=(AgreementStatus.CLOSING, AgreementStatus.CLOSED)),
        partners__left_on__isnull=True,
        partners__survey__isnull=True,
    ).distinct()


def survey_opens_on(survey: FollowUpSurvey) -> dt.date:
    """The day the question is asked: the programme's reminder days before its due date."""
    programme = survey.agreement_partner.agreement.grant.application.call.programme
    return survey.due_on - dt.timedelta(days=programme.reminder_days_before)
