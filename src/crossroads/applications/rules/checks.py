"""Eligibility and completeness checks of an application. Pure: they take plain facts and return structured
messages (rule id, severity, section, parameters); the web layer words them in Dutch or English and links each
one to the place to fix it. They run live while editing and are enforced at submission."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

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
    countries: tuple[str, ...] = ("BE", "NL")
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


def check_application(facts: ApplicationFacts, *, at_submission: bool = False) -> list[Message]:
    out: list[Message] = []
    add = out.append

    # Consortium minimum: an eligible SME on each side of the border.
    for country in facts.countries:
        if not any(_is_core_sme(p, facts) and p.country == country for p in facts.partners):
            add(Message(f"consortium.no_sme_{country.lower()}", ERROR, "consortium", {"country": country}))

    for p in facts.partners:
        where = f"partner:{p.id}"
        if not p.registered:
            add(Message("partner.not_registered", ERROR, where, {"name": p.name}))
            continue
        if p.participation == "not_eligible":
            add(Message("partner.not_eligible", ERROR, where, {"name": p.name}))
        elif p.region_status not in facts.eligible_region_statuses and p.role == "core":
            add(Message("partner.region_outside", ERROR, where, {"name": p.name, "status": p.region_status}))
        elif p.region_status == "extended":
            add(Message("partner.region_extended", INFO, where, {"name": p.name}))
        if p.participation == "limited" and p.role not in facts.limited_roles:
            add(Message("partner.role_not_allowed", ERROR, where, {"name": p.name}))
        if p.oim_blocks:
            add(Message("partner.in_difficulty", ERROR, where, {"name": p.name}))
        if p.de_minimis_applies and p.requested_grant > p.de_minimis_headroom:
            add(
                Message(
                    "partner.de_minimis_exceeded",
                    ERROR,
                    where,
                    {"name": p.name, "grant": p.requested_grant, "headroom": p.de_minimis_headroom},
                )
            )
        for line in p.oversized_lines:
            add(Message("budget.line_too_large", ERROR, f"budget:{p.id}", {"name": p.name, "line": line}))
        for person in p.over_hours:
            add(Message("budget.too_many_hours", ERROR, f"budget:{p.id}", {"name": p.name, "person": person}))
        if at_submission and not p.declarations_signed:
            add(Message("partner.declarations_missing", ERROR, where, {"name": p.name}))
        if at_submission and not p.confirmed and not p.is_lead:
            add(Message("partner.not_confirmed", ERROR, where, {"name": p.name}))

    if facts.duration_months is None:
        add(Message("project.duration_missing", ERROR, "project"))
    elif facts.duration_months > facts.max_duration_months:
        add(
            Message(
                "project.duration_too_long",
                ERROR,
                "project",
                {"months": facts.duration_months, "max": facts.max_duration_months},
            )
        )
    if not facts.themes:
        add(Message("project.no_theme", ERROR, "project"))
    elif facts.call_themes and not facts.themes <= facts.call_themes:
        add(
            Message("project.theme_not_in_call", ERROR, "project", {"themes": sorted(facts.themes - facts.call_themes)})
        )
    if facts.planned_start is None:
        add(Message("project.start_missing", ERROR, "project"))
    elif facts.planned_start < facts.today:
        add(
            Message(
                "project.start_before_submission",
                ERROR,
                "project",
                {"start": facts.planned_start, "today": facts.today},
            )
        )

    for code in facts.required_sections:
        if code not in facts.sections_filled:
            add(Message("section.missing", ERROR, f"section:{code}", {"section": code}))
    for kind in facts.required_attachments:
        if kind not in facts.attachments:
            add(Message("attachment.missing", ERROR, "attachments", {"kind": kind}))

    if facts.total_costs <= 0:
        add(Message("budget.empty", ERROR, "budget"))
    else:
        for p in facts.partners:
            share = p.eligible_costs / facts.total_costs
            if share > facts.cost_share_warning:
                add(
                    Message(
                        "budget.cost_share",
                        WARNING,
                        f"budget:{p.id}",
                        {
                            "name": p.name,
                            "share": (share * 100).quantize(Decimal("0.1")),
                            "limit": (facts.cost_share_warning * 100).quantize(Decimal("1")),
                        },
                    )
                )
    if facts.grant_capped:
        add(Message("budget.grant_capped", INFO, "budget", {"grant": facts.project_grant, "max": facts.max_grant}))
    return out


def blocking(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.severity == ERROR]
