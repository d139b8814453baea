"""Reads for applications: who may see which, the live totals and grant, and the facts the checks need."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from crossroads.companies.selectors import CompanyVerdicts, cache_lists, company_verdicts, company_verdicts_many
from crossroads.core import clock
from crossroads.programme.models import Call, Programme

from .models import Application, ApplicationStatus, Attachment, BudgetLine, CostCategoryCode, Partner, column_max
from .rules.budget import (
    BudgetError,
    CostRules,
    GrantAllocation,
    PartnerCosts,
    PersonnelLine,
    allocate_grant,
    personnel_cost,
)
from .rules.checks import ApplicationFacts, Message, PartnerFacts, check_application

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def applications_visible_to(user: User | AnonymousUser) -> QuerySet[Application]:
    base = Application.objects.select_related("call", "lead_company")
    if not user.is_authenticated:
        return base.none()
    if user.is_programme_staff:
        return base
    companies = user.memberships.values_list("company_id", flat=True)
    return base.filter(partners__company__in=companies).distinct()


def cost_rules(call: Call) -> CostRules:
    programme = call.programme
    return CostRules(
        method=call.method,
        annual_hours=programme.annual_hours,
        hourly_cap=call.hourly_cap,
        fixed_rate=call.fixed_hourly_rate,
        nl_uplift=programme.nl_employer_uplift,
        grant_rate=programme.grant_rate,
        max_grant=programme.max_grant_per_project,
    )


LINE_COLUMNS = ("annual_cost", "fte", "hours", "hourly_rate", "amount")


def line_too_large(line: BudgetLine) -> bool:
    """A line stored with a figure wider than its column (an older version did not check): shown with a warning,
    blocks submission until the partner corrects or deletes it."""
    return any(getattr(line, f) is not None and abs(getattr(line, f)) > column_max(BudgetLine, f) for f in LINE_COLUMNS)


def missing_items_open(application: Application) -> bool:
    """The secretariat's screening asked for missing items: they can be added to the submitted application until
    the deadline it set."""
    screening = getattr(application, "screening", None)  # no screening yet: the reverse accessor raises
    return bool(
        application.status == ApplicationStatus.SUBMITTED
        and screening is not None
        and screening.completeness == "incomplete"
        and screening.missing_deadline is not None
        and clock.now() <= screening.missing_deadline
    )


@dataclass(frozen=True)
class ApplicationState:
    """What the pages need to know of the application's status, so templates compare no status strings."""

    label: str
    is_draft: bool
    is_submitted: bool
    missing_items_open: bool

    @property
    def takes_attachments(self) -> bool:
        return self.is_draft or self.missing_items_open


def application_state(application: Application) -> ApplicationState:
    return ApplicationState(
        label=str(application.get_status_display()),
        is_draft=application.status == ApplicationStatus.DRAFT,
        is_submitted=application.status == ApplicationStatus.SUBMITTED,
        missing_items_open=missing_items_open(application),
    )


def over_hours(partner: Partner, application: Application) -> list[str]:
    """Persons of the partner whose declared hours exceed the allowed hours over the project."""
    rules = cost_rules(application.call)
    country = partner.company.country if partner.company else ""
    persons = []
    for line in partner.budget_lines.all():
        if line.category == CostCategoryCode.PERSONNEL and line.hours is not None:
            try:
                result = personnel_cost(
                    rules,
                    PersonnelLine(line.person or line.description, line.annual_cost, line.hours, line.fte),
                    country=country,
                    duration_months=application.duration_months or 0,
                )
            except BudgetError:  # incomplete cost rules are reported when the line is saved
                continue
            if result.over_hours:
                persons.append(line.person or line.description)
    return persons


def partner_costs(partner: Partner) -> PartnerCosts:
    totals = {"personnel": Decimal("0"), "consumables": Decimal("0"), "external": Decimal("0")}
    for line in partner.budget_lines.all():
        totals[line.category] += line.amount
    return PartnerCosts(id=str(partner.pk), role=partner.role, is_lead=partner.is_lead, **totals)


def grant_allocation(application: Application, *, prefetched: bool = False) -> GrantAllocation:
    """`prefetched`: the application's partners and their budget lines are prefetched, and its call's programme
    select_related (lists of applications: no query per row)."""
    partners = application.partners.all() if prefetched else application.partners.prefetch_related("budget_lines")
    return allocate_grant(
        [partner_costs(p) for p in partners],
        cost_rules(application.call),
        share_warning=application.call.programme.cost_share_warning,
    )


@dataclass
class PartnerSummary:
    partner: Partner
    costs: PartnerCosts
    grant: Decimal
    region_status: str
    participation: str


def _partner_facts(
    partner: Partner,
    application: Application,
    programme: Programme,
    *,
    costs: PartnerCosts,
    grant: Decimal,
    de_minimis_applies: bool,
    verdicts: CompanyVerdicts | None = None,
) -> tuple[PartnerFacts, PartnerSummary | None]:
    """The checks' facts of one partner, and its line in the totals (none for an invitation not accepted yet)."""
    if partner.company is None:
        waiting = PartnerFacts(
            id=str(partner.pk),
            name=partner.invited_email,
            country=None,
            region_status="outside",
            participation="not_eligible",
            role=partner.role,
            is_lead=partner.is_lead,
            registered=False,
        )
        return waiting, None
    verdicts = verdicts or company_verdicts(partner.company, programme=programme)
    facts = PartnerFacts(
        id=str(partner.pk),
        name=partner.company.legal_name,
        country=partner.company.country,
        region_status=verdicts.eligibility.region_status,
        participation=verdicts.eligibility.outcome,
        role=partner.role,
        is_lead=partner.is_lead,
        oim_blocks=verdicts.difficulty.blocks,
        de_minimis_applies=de_minimis_applies,
        de_minimis_headroom=verdicts.de_minimis.headroom,
        requested_grant=grant,
        eligible_costs=costs.eligible,
        over_hours=tuple(over_hours(partner, application)),
        oversized_lines=tuple(line.description for line in partner.budget_lines.all() if line_too_large(line)),
        declarations_signed=partner.signed_all,
        confirmed=partner.confirmed_at is not None,
    )
    summary = PartnerSummary(partner, costs, grant, verdicts.eligibility.region_status, verdicts.eligibility.outcome)
    return facts, summary


def _required_attachments(call: Call, allocation: GrantAllocation) -> tuple[str, ...]:
    # Quotations are needed only when there are external costs to quote.
    external = allocation.by_category.get("external", Decimal("0"))
    return tuple(kind for kind in call.required_attachments if kind != "quotations" or external > 0)


def application_facts(application: Application) -> tuple[ApplicationFacts, GrantAllocation, list[PartnerSummary]]:
    """Everything the checks need, in plain data (the programme's own numbers and countries included), with the
    grant allocation and the per-partner totals the pages show."""
    call = application.call
    partners = list(application.partners.select_related("company").prefetch_related("budget_lines"))
    return _facts(
        application,
        partners,
        themes=frozenset(application.themes.values_list("code", flat=True)),
        call_themes=frozenset(call.themes.values_list("code", flat=True)),
        attachments=frozenset(application.attachments.values_list("kind", flat=True)),
        verdicts=None,
    )


def _facts(
    application: Application,
    partners: list[Partner],
    *,
    themes: frozenset[str],
    call_themes: frozenset[str],
    attachments: frozenset[str],
    verdicts: dict[int, CompanyVerdicts] | None,
) -> tuple[ApplicationFacts, GrantAllocation, list[PartnerSummary]]:
    call = application.call
    programme = call.programme
    costs = {p.pk: partner_costs(p) for p in partners}
    allocation = allocate_grant(list(costs.values()), cost_rules(call), share_warning=programme.cost_share_warning)
    # The state-aid basis is a plain field of the programme: no need to build its rules (and read its regions).
    de_minimis = programme.state_aid_basis == "de_minimis"
    facts, summaries = [], []
    for p in partners:
        grant = allocation.per_partner.get(str(p.pk), Decimal("0"))
        partner_facts, summary = _partner_facts(
            p,
            application,
            programme,
            costs=costs[p.pk],
            grant=grant,
            de_minimis_applies=de_minimis,
            verdicts=(verdicts or {}).get(p.company_id) if p.company_id else None,
        )
        facts.append(partner_facts)
        if summary is not None:
            summaries.append(summary)
    app_facts = ApplicationFacts(
        duration_months=application.duration_months,
        max_duration_months=programme.max_duration_months,
        themes=themes,
        call_themes=call_themes,
        sections_filled=frozenset(k for k, v in application.sections.items() if (v or "").strip()),
        required_sections=tuple(application.required_sections),
        attachments=attachments,
        required_attachments=_required_attachments(call, allocation),
        planned_start=application.planned_start,
        today=clock.today_brussels(),
        partners=tuple(facts),
        countries=tuple(programme.countries),
        eligible_region_statuses=frozenset(programme.eligible_region_statuses),
        limited_roles=tuple(programme.limited_roles),
        total_costs=allocation.total_costs,
        project_grant=allocation.project_grant,
        grant_capped=allocation.capped,
        max_grant=programme.max_grant_per_project,
        cost_share_warning=programme.cost_share_warning,
    )
    return app_facts, allocation, summaries


def application_checks(application: Application, *, at_submission: bool = False) -> list[Message]:
    facts, _allocation, _summaries = application_facts(application)
    return check_application(facts, at_submission=at_submission)


def application_checks_many(applications: list[Application]) -> dict[int, list[Message]]:
    """`application_checks` of many applications of one programme (an overview of a call) in a constant number
    of queries: partners, budget lines, themes and attachments are read in bulk and the partners' company
    verdicts computed together."""
    if not applications:
        return {}
    ids = [a.pk for a in applications]
    partners_of: dict[int, list[Partner]] = {pk: [] for pk in ids}
    partners = list(Partner.objects.filter(application_id__in=ids).select_related("company"))  # the model's order
    for partner in partners:
        partners_of[partner.application_id].append(partner)
    cache_lists(partners, "budget_lines", BudgetLine.objects.all(), "partner")
    themes_of: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, code in Application.themes.through.objects.filter(application_id__in=ids).values_list(
        "application_id", "theme__code"
    ):
        themes_of[pk].add(code)
    attachments_of: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, kind in Attachment.objects.filter(application_id__in=ids).values_list("application_id", "kind"):
        attachments_of[pk].add(kind)
    call_themes = {
        call_id: frozenset(Call.objects.get(pk=call_id).themes.values_list("code", flat=True))
        for call_id in {a.call_id for a in applications}
    }
    programme = applications[0].call.programme
    companies = {p.company_id: p.company for p in partners if p.company_id and p.company is not None}
    verdicts = company_verdicts_many(list(companies.values()), programme=programme)
    result = {}
    for application in applications:
        facts, _allocation, _summaries = _facts(
            application,
            partners_of[application.pk],
            themes=frozenset(themes_of[application.pk]),
            call_themes=call_themes[application.call_id],
            attachments=frozenset(attachments_of[application.pk]),
            verdicts=verdicts,
        )
        result[application.pk] = check_application(facts)
    return result
