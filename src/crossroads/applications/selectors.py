"""Reads for applications: who may see which, the live totals and grant, and the facts the checks need."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from crossroads.accounts.models import Role
from crossroads.companies.selectors import company_verdicts
from crossroads.core import clock
from crossroads.programme.models import Call

from .models import Application, BudgetLine, Partner, column_max
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


def applications_visible_to(user) -> QuerySet[Application]:  # type: ignore[no-untyped-def]
    base = Application.objects.select_related("call", "lead_company")
    if not user.is_authenticated:
        return base.none()
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
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


def over_hours(partner: Partner, application: Application) -> list[str]:
    """Persons of the partner whose declared hours exceed the allowed hours over the project."""
    rules = cost_rules(application.call)
    country = partner.company.country if partner.company else ""
    persons = []
    for line in partner.budget_lines.all():
        if line.category == "personnel" and line.hours is not None:
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


def grant_allocation(application: Application) -> GrantAllocation:
    partners = application.partners.prefetch_related("budget_lines")
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


def application_facts(application: Application) -> tuple[ApplicationFacts, GrantAllocation, list[PartnerSummary]]:
    call = application.call
    programme = call.programme
    rules = programme.rules()
    partners = list(application.partners.select_related("company").prefetch_related("budget_lines"))
    allocation = allocate_grant(
        [partner_costs(p) for p in partners], cost_rules(call), share_warning=programme.cost_share_warning
    )
    facts, summaries = [], []
    for p in partners:
        costs = partner_costs(p)
        grant = allocation.per_partner.get(str(p.pk), Decimal("0"))
        if p.company is None:
            facts.append(
                PartnerFacts(
                    id=str(p.pk),
                    name=p.invited_email,
                    country=None,
                    region_status="outside",
                    participation="not_eligible",
                    role=p.role,
                    is_lead=p.is_lead,
                    registered=False,
                )
            )
            continue
        verdicts = company_verdicts(p.company, programme=programme)
        facts.append(
            PartnerFacts(
                id=str(p.pk),
                name=p.company.legal_name,
                country=p.company.country,
                region_status=verdicts.eligibility.region_status,
                participation=verdicts.eligibility.outcome,
                role=p.role,
                is_lead=p.is_lead,
                oim_blocks=verdicts.difficulty.blocks,
                de_minimis_applies=rules.state_aid_basis == "de_minimis",
                de_minimis_headroom=verdicts.de_minimis.headroom,
                requested_grant=grant,
                eligible_costs=costs.eligible,
                over_hours=tuple(over_hours(p, application)),
                oversized_lines=tuple(line.description for line in p.budget_lines.all() if line_too_large(line)),
                declarations_signed=p.signed_all,
                confirmed=p.confirmed_at is not None,
            )
        )
        summaries.append(
            PartnerSummary(p, costs, grant, verdicts.eligibility.region_status, verdicts.eligibility.outcome)
        )
    app_facts = ApplicationFacts(
        duration_months=application.duration_months,
        max_duration_months=programme.max_duration_months,
        themes=frozenset(application.themes.values_list("code", flat=True)),
        call_themes=frozenset(call.themes.values_list("code", flat=True)),
        sections_filled=frozenset(k for k, v in application.sections.items() if (v or "").strip()),
        required_sections=tuple(application.required_sections),
        attachments=frozenset(application.attachments.values_list("kind", flat=True)),
        # Quotations are needed only when there are external costs to quote.
        required_attachments=tuple(
            kind
            for kind in call.required_attachments
            if kind != "quotations" or allocation.by_category.get("external", Decimal("0")) > 0
        ),
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
