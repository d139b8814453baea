"""Eligibility and completeness checks of an application. Pure: they take plain facts and return structured
messages (rule id, severity, section, parameters); the web layer words them in Dutch or English and links each
one to the place to fix it. They run live while editing and are enforced at submission."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .budget import cost_share_over

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Message:
    rule_id: str
    severity: str
    section: str  # where to fix it: "consortium", "partner:<id>", "budget:<id>", "section:<code>", ...
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PartnerFacts:
    id: str
    name: str
    country: str | None
    region_status: str  # core / extended / outside
    participation: str  # core / limited / not_eligible (registry verdict)
    role: str  # core / non_primary_recipient / service_provider / unpaid_partner
    is_lead: bool
    registered: bool = True  # False: invited by e-mail, no company in the registry yet
    oim_blocks: bool = False
    de_minimis_applies: bool = True
    de_minimis_headroom: Decimal = Decimal("0")
    requested_grant: Decimal = Decimal("0")
    eligible_costs: Decimal = Decimal("0")
    over_hours: tuple[str, ...] = ()  # persons whose hours exceed the allowed maximum
    oversized_lines: tuple[str, ...] = ()  # budget lines stored with a figure too large for its column
    declarations_signed: bool = False
    confirmed: bool = False


@dataclass(frozen=True)
class ApplicationFacts:
    duration_months: int | None
    max_duration_months: int
    themes: frozenset[str]
    call_themes: frozenset[str]
    sections_filled: frozenset[str]
    required_sections: tuple[str, ...]
    attachments: frozenset[str]
    required_attachments: tuple[str, ...]
    planned_start: dt.date | None
    today: dt.date
    partners: tuple[PartnerFacts, ...]
    countries: tuple[str, ...]  # the programme's two sides (Programme.countries): no default, it is data
    eligible_region_statuses: frozenset[str] = frozenset({"core", "extended"})
    limited_roles: tuple[str, ...] = ("non_primary_recipient", "service_provider", "unpaid_partner")
    total_costs: Decimal = Decimal("0")
    project_grant: Decimal = Decimal("0")
    grant_capped: bool = False
    max_grant: Decimal = Decimal("250000")
    cost_share_warning: Decimal = Decimal("0.70")


def _is_core_sme(p: PartnerFacts, facts: ApplicationFacts) -> bool:
    return (
        p.registered
        and p.role == "core"
        and p.participation == "core"
        and p.region_status in facts.eligible_region_statuses
        and not p.oim_blocks
    )


def _consortium(facts: ApplicationFacts) -> list[Message]:
    """Consortium minimum: an eligible SME on each side of the border (the programme's countries)."""
    return [
        Message(f"consortium.no_sme_{country.lower()}", ERROR, "consortium", {"country": country})
        for country in facts.countries
        if not any(_is_core_sme(p, facts) and p.country == country for p in facts.partners)
    ]


def _partner_eligibility(p: PartnerFacts, facts: ApplicationFacts) -> list[Message]:
    where, name = f"partner:{p.id}", {"name": p.name}
    out = []
    if p.participation == "not_eligible":
        out.append(Message("partner.not_eligible", ERROR, where, name))
    elif p.region_status not in facts.eligible_region_statuses and p.role == "core":
        out.append(Message("partner.region_outside", ERROR, where, {**name, "status": p.region_status}))
    elif p.region_status == "extended":
        out.append(Message("partner.region_extended", INFO, where, name))
    if p.participation == "limited" and p.role not in facts.limited_roles:
        out.append(Message("partner.role_not_allowed", ERROR, where, name))
    if p.oim_blocks:
        out.append(Message("partner.in_difficulty", ERROR, where, name))
    if p.de_minimis_applies and p.requested_grant > p.de_minimis_headroom:
        params = {**name, "grant": p.requested_grant, "headroom": p.de_minimis_headroom}
        out.append(Message("partner.de_minimis_exceeded", ERROR, where, params))
    return out


def _partner_budget_and_signatures(p: PartnerFacts, *, at_submission: bool) -> list[Message]:
    where, budget = f"partner:{p.id}", f"budget:{p.id}"
    out = [
        Message("budget.line_too_large", ERROR, budget, {"name": p.name, "line": line}) for line in p.oversized_lines
    ]
    out += [Message("budget.too_many_hours", ERROR, budget, {"name": p.name, "person": who}) for who in p.over_hours]
    if at_submission and not p.declarations_signed:
        out.append(Message("partner.declarations_missing", ERROR, where, {"name": p.name}))
    if at_submission and not p.confirmed and not p.is_lead:
        out.append(Message("partner.not_confirmed", ERROR, where, {"name": p.name}))
    return out


def _partners(facts: ApplicationFacts, *, at_submission: bool) -> list[Message]:
    out: list[Message] = []
    for p in facts.partners:
        if not p.registered:
            out.append(Message("partner.not_registered", ERROR, f"partner:{p.id}", {"name": p.name}))
            continue
        out += _partner_eligibility(p, facts)
        out += _partner_budget_and_signatures(p, at_submission=at_submission)
    return out


def _project(facts: ApplicationFacts) -> list[Message]:
    out: list[Message] = []
    params: dict[str, Any]
    if facts.duration_months is None:
        out.append(Message("project.duration_missing", ERROR, "project"))
    elif facts.duration_months > facts.max_duration_months:
        params = {"months": facts.duration_months, "max": facts.max_duration_months}
        out.append(Message("project.duration_too_long", ERROR, "project", params))
    if not facts.themes:
        out.append(Message("project.no_theme", ERROR, "project"))
    elif facts.call_themes and not facts.themes <= facts.call_themes:
        params = {"themes": sorted(facts.themes - facts.call_themes)}
        out.append(Message("project.theme_not_in_call", ERROR, "project", params))
    if facts.planned_start is None:
        out.append(Message("project.start_missing", ERROR, "project"))
    elif facts.planned_start < facts.today:
        params = {"start": facts.planned_start, "today": facts.today}
        out.append(Message("project.start_before_submission", ERROR, "project", params))
    return out


def _documents(facts: ApplicationFacts) -> list[Message]:
    sections = [
        Message("section.missing", ERROR, f"section:{code}", {"section": code})
        for code in facts.required_sections
        if code not in facts.sections_filled
    ]
    attachments = [
        Message("attachment.missing", ERROR, "attachments", {"kind": kind})
        for kind in facts.required_attachments
        if kind not in facts.attachments
    ]
    return sections + attachments


def _budget(facts: ApplicationFacts) -> list[Message]:
    out = []
    if facts.total_costs <= 0:
        out.append(Message("budget.empty", ERROR, "budget"))
    else:
        for p in facts.partners:
            # The same decision and the same figure as the grant allocation's warning (`cost_share_over`).
            share = cost_share_over(p.eligible_costs, facts.total_costs, facts.cost_share_warning)
            if share is not None:
                params = {"name": p.name, "share": share * 100, "limit": facts.cost_share_warning * 100}
                out.append(Message("budget.cost_share", WARNING, f"budget:{p.id}", params))
    if facts.grant_capped:
        out.append(
            Message("budget.grant_capped", INFO, "budget", {"grant": facts.project_grant, "max": facts.max_grant})
        )
    return out


def check_application(facts: ApplicationFacts, *, at_submission: bool = False) -> list[Message]:
    """Every check, in the order the page lists them: consortium, partners, project, sections and attachments,
    budget. `at_submission` adds what is needed only to submit (signatures, confirmations)."""
    return [
        *_consortium(facts),
        *_partners(facts, at_submission=at_submission),
        *_project(facts),
        *_documents(facts),
        *_budget(facts),
    ]


def blocking(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.severity == ERROR]
