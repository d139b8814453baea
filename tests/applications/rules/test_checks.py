"""The checks take the programme's countries as data: a second scheme (say German-Dutch) needs no code (issue 11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from crossroads.applications.rules.budget import CostRules, PartnerCosts, allocate_grant, cost_share_over
from crossroads.applications.rules.checks import ApplicationFacts, PartnerFacts, check_application


def _sme(id: str, country: str, costs: str) -> PartnerFacts:
    return PartnerFacts(
        id=id, name=f"SME {id}", country=country, region_status="core", participation="core", role="core",
        is_lead=id == "a", de_minimis_applies=False, eligible_costs=D(costs), declarations_signed=True, confirmed=True,
    )  # fmt: skip


def _facts(partners: tuple[PartnerFacts, ...], countries: tuple[str, ...]) -> ApplicationFacts:
    today = dt.date(2026, 3, 1)
    return ApplicationFacts(
        duration_months=24, max_duration_months=36, themes=frozenset({"energy"}), call_themes=frozenset({"energy"}),
        sections_filled=frozenset(), required_sections=(), attachments=frozenset(), required_attachments=(),
        planned_start=today, today=today, partners=partners, countries=countries,
        total_costs=sum((p.eligible_costs for p in partners), D("0")),
    )  # fmt: skip


def test_each_of_the_programmes_countries_needs_an_sme() -> None:
    partners = (_sme("a", "DE", "50000"), _sme("b", "NL", "50000"))
    assert [m.rule_id for m in check_application(_facts(partners, ("DE", "NL")))] == []
    only_dutch = (_sme("b", "NL", "50000"),)
    consortium = [m for m in check_application(_facts(only_dutch, ("DE", "NL"))) if m.section == "consortium"]
    assert [(m.rule_id, m.params) for m in consortium] == [("consortium.no_sme_de", {"country": "DE"})]
    assert "consortium.no_sme_be" in {m.rule_id for m in check_application(_facts(partners, ("BE", "NL")))}


def test_the_checks_and_the_grant_allocation_give_the_same_cost_share() -> None:
    partners = (_sme("a", "DE", "71000"), _sme("b", "NL", "29000"))
    [warning] = [m for m in check_application(_facts(partners, ("DE", "NL"))) if m.rule_id == "budget.cost_share"]
    costs = [
        PartnerCosts("a", "core", True, D(0), D("71000"), D(0)),
        PartnerCosts("b", "core", False, D(0), D("29000"), D(0)),
    ]
    allocation = allocate_grant(costs, CostRules())
    [(_code, params)] = allocation.warnings
    assert warning.params["share"] == params["share"] * 100 == D("71.0000")
    assert cost_share_over(D("70"), D("100"), D("0.70")) is None  # exactly the limit is not above it
