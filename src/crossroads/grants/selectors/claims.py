"""Reads of claims and reports: the facts the live checks take, what a partner claimed before, who sees what."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from crossroads.applications.models import CostCategoryCode
from crossroads.applications.rules.budget import CostRules
from crossroads.applications.selectors import cost_rules
from crossroads.core.money import fraction_to_money

from ..models import AgreementPartner, ClaimLine, ClaimStatus, CostClaim, LineDecision, ReportingPeriod
from ..rules.claims import ClaimFacts, EarlierClaim, Finding, LineFacts, check_claim, hours_by_year, person_key
from .budget import approved_budget
from .duplicates import Duplicate, duplicates_of

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

EDITABLE = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)
# What counts as claimed: every claim past the draft.
COUNTED = tuple(s for s in ClaimStatus.values if s not in (ClaimStatus.DRAFT,))


def rules_for(member: AgreementPartner) -> CostRules:
    """The money rules of the call the agreement came from (the application's own `cost_rules`)."""
    return cost_rules(member.agreement.grant.application.call)


def counted_amount(line: ClaimLine) -> Decimal:
    """What a line of an earlier claim weighs: the amount, the accepted amount once reduced, nothing once rejected."""
    if line.decision == LineDecision.REJECTED:
        return Decimal("0.00")
    if line.decision == LineDecision.REDUCED and line.accepted_amount is not None:
        return line.accepted_amount
    return line.amount


def _other_lines(claim: CostClaim) -> QuerySet[ClaimLine]:
    return ClaimLine.objects.filter(
        claim__agreement_partner=claim.agreement_partner_id, claim__status__in=COUNTED
    ).exclude(claim=claim)


def claimed_before(claim: CostClaim, other_lines: list[ClaimLine] | None = None) -> dict[str, Decimal]:
    """The partner's other claims (past the draft), per category. `other_lines`: those lines, read already."""
    totals = {c: Decimal("0.00") for c in CostCategoryCode.values}
    for line in _other_lines(claim) if other_lines is None else other_lines:
        totals[line.category] = totals.get(line.category, Decimal("0.00")) + counted_amount(line)
    return totals


def hours_before(claim: CostClaim, other_lines: list[ClaimLine] | None = None) -> dict[tuple[str, int], Decimal]:
    """Hours per person and calendar year in the partner's other claims (rejected lines do not count)."""
    totals: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    if other_lines is None:
        lines = list(_other_lines(claim).filter(category="personnel").exclude(decision=LineDecision.REJECTED))
    else:
        lines = [x for x in other_lines if x.category == "personnel" and x.decision != LineDecision.REJECTED]
    for line in lines:
        if line.work_from and line.work_to and line.hours is not None:
            for year, hours in hours_by_year(line.work_from, line.work_to, line.hours).items():
                totals[(person_key(line.person), year)] += hours
    return {key: fraction_to_money(value) for key, value in totals.items()}


@dataclass
class Prepared:
    """What `claim_facts` reads, read in bulk for a page of claims (see finance.claims_prepared)."""

    lines: list[ClaimLine]  # with their documents
    other_lines: list[ClaimLine]  # the partner's lines in its other claims past the draft
    budget: dict[str, Decimal]
    rules: CostRules
    duplicates: dict[int, list[Duplicate]]


def earlier_claims(line: ClaimLine, duplicates: list[Duplicate] | None = None) -> tuple[EarlierClaim, ...]:
    out = []
    for duplicate in duplicates_of(line) if duplicates is None else duplicates:
        other = duplicate.line.claim
        out.append(
            EarlierClaim(
                reference=other.agreement_partner.agreement.reference,
                period=other.period.number,
                partner=str(other.agreement_partner.company),
                how=duplicate.how,
            )
        )
    return tuple(out)


def line_facts(line: ClaimLine, duplicates: list[Duplicate] | None = None) -> LineFacts:
    return LineFacts(
        id=line.pk,
        category=line.category,
        description=line.description,
        person=line.person,
        work_from=line.work_from,
        work_to=line.work_to,
        hours=line.hours,
        hourly_rate=line.hourly_rate,
        annual_cost=line.annual_cost,
        supplier=line.supplier,
        invoice_number=line.invoice_number,
        invoice_date=line.invoice_date,
        paid_on=line.paid_on,
        amount=line.amount,
        documents=frozenset(d.kind for d in line.documents.all()),
        duplicates=earlier_claims(line, duplicates),
    )


def claim_facts(claim: CostClaim, *, today: dt.date, prepared: Prepared | None = None) -> ClaimFacts:
    member = claim.agreement_partner
    agreement = member.agreement
    period = claim.period
    if prepared is not None:
        return ClaimFacts(
            project_start=agreement.start_date,
            project_end=agreement.end_date,
            period_start=period.starts_on,
            period_end=period.ends_on,
            today=today,
            rules=prepared.rules,
            country=member.company.country,
            budget=prepared.budget,
            claimed_before=claimed_before(claim, prepared.other_lines),
            hours_before=hours_before(claim, prepared.other_lines),
            lines=tuple(line_facts(line, prepared.duplicates.get(line.pk, [])) for line in prepared.lines),
        )
    lines = claim.lines.prefetch_related("documents")
    return ClaimFacts(
        project_start=agreement.start_date,
        project_end=agreement.end_date,
        period_start=period.starts_on,
        period_end=period.ends_on,
        today=today,
        rules=rules_for(member),
        country=member.company.country,
        budget=approved_budget(member),
        claimed_before=claimed_before(claim),
        hours_before=hours_before(claim),
        lines=tuple(line_facts(line) for line in lines),
    )


def claim_findings(claim: CostClaim, *, today: dt.date, prepared: Prepared | None = None) -> list[Finding]:
    return check_claim(claim_facts(claim, today=today, prepared=prepared))


@dataclass(frozen=True)
class CategoryRow:
    category: str
    budget: Decimal
    before: Decimal
    this: Decimal

    @property
    def total(self) -> Decimal:
        return self.before + self.this

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.total


def category_rows(claim: CostClaim) -> list[CategoryRow]:
    """Per category: the approved budget, claimed before, this claim, and what remains (may be negative)."""
    budget = approved_budget(claim.agreement_partner)
    before = claimed_before(claim)
    this = {c: Decimal("0.00") for c in CostCategoryCode.values}
    for line in claim.lines.all():
        this[line.category] += line.amount
    return [
        CategoryRow(c, budget.get(c, Decimal("0.00")), before.get(c, Decimal("0.00")), this[c])
        for c in CostCategoryCode.values
        if budget.get(c) or this[c] or before.get(c)
    ]


def claim_total(claim: CostClaim) -> Decimal:
    return sum((line.amount for line in claim.lines.all()), Decimal("0.00"))


def is_member(user: AnyUser, member: AgreementPartner) -> bool:
    return bool(user.is_authenticated and user.memberships.filter(company_id=member.company_id).exists())


def member_of(user: AnyUser, period: ReportingPeriod) -> AgreementPartner | None:
    """The user's company in the period's agreement (the first, should a user belong to two partners)."""
    if not user.is_authenticated:
        return None
    companies = user.memberships.values_list("company_id", flat=True)
    return period.agreement.partners.filter(company__in=companies, left_on__isnull=True).first()


def period_claims(period: ReportingPeriod) -> list[CostClaim]:
    return list(period.claims.select_related("agreement_partner__company"))
