"""The figures against numbers computed by hand from the world in conftest.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crossroads.accounts.models import PartnerOrganisation
from crossroads.insights.filters import InsightFilter
from crossroads.insights.selectors import funnel, indicators, outcomes, targets

pytestmark = pytest.mark.django_db


def test_targets_against_actuals(world, programme):  # type: ignore[no-untyped-def]
    t = targets.targets(InsightFilter(), programme)
    assert t.projects == 2  # P1 running + P2 closed (P4 terminated, P3 rejected)
    assert t.approved == 3  # grants of P1, P2, P4 (renounced later)
    assert t.companies == 4  # A, B, C, D
    assert t.committed == Decimal("90000.00")  # 40.000 + 20.000 + 15.000 + 15.000; P4 renounced
    assert t.paid == Decimal("28000.00")  # 20.000 + 10.000 paid - 2.000 recovered; returned/proposed not
    assert t.remaining == Decimal("9910000.00")  # 10.000.000 - 90.000
    assert t.investment == Decimal("200000.00")  # P1 v2 140.000 + P2 v1 60.000
    assert (t.target_projects, t.target_companies) == (programme.target_projects, programme.target_companies)


def test_targets_of_one_agency(world, programme):  # type: ignore[no-untyped-def]
    liof = PartnerOrganisation.objects.get(code="liof")  # Limburg (NL42): company B only
    t = targets.targets(InsightFilter(agency=liof), programme)
    assert t.projects == 2  # B is in P1 and P2
    assert t.companies == 1
    assert t.committed == Decimal("35000.00")  # B: 20.000 + 15.000
    assert t.paid == Decimal("8000.00")  # 10.000 - 2.000
    assert t.investment == Decimal("70000.00")  # B: 40.000 (P1 v2) + 30.000 (P2)


def test_period_keeps_what_happened_in_it(world, programme):  # type: ignore[no-untyped-def]
    t = targets.targets(InsightFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31)), programme)
    assert t.projects == 1  # P1 accepted 2026-06-01; P2 in 2025
    assert t.paid == Decimal("28000.00")  # 20.000 + 10.000 (June 2026) - 2.000 (March 2026)


def test_funnel_counts_and_losses(world):  # type: ignore[no-untyped-def]
    f = funnel.funnel(InsightFilter())
    counts = {s.key: s.count for s in f.steps}
    assert counts == {
        "companies": 5,
        "profile": 2,  # A, E
        "suggestions": 1,  # A (active embedding)
        "interest": 2,  # A -> B
        "introduction": 2,  # B, D
        "application": 5,
        "submitted": 5,
        "funded": 4,  # A, B, C, D
        "finished": 2,  # P2 closed: B, D
    }
    assert [s.loss for s in f.steps] == [None, 3, 1, -1, 0, -3, 0, 1, 2]


def test_funnel_by_agency_and_province(world):  # type: ignore[no-untyped-def]
    by_agency = {f.label: f for f in funnel.funnels_by_agency(InsightFilter()).funnels}
    liof = by_agency["LIOF"]
    assert [s.count for s in liof.steps] == [1, 0, 0, 1, 1, 1, 1, 1, 1]  # B
    # REWIN and BOM both serve Noord-Brabant (NL41): D counts in both.
    assert by_agency["REWIN West-Brabant"].steps[0].count == 1
    assert by_agency["Brabantse Ontwikkelings Maatschappij (BOM)"].steps[0].count == 1
    vlaio = by_agency["VLAIO – Agentschap Innoveren & Ondernemen"]
    assert vlaio.steps[0].count == 3  # A, C, E
    provinces = {f.label: f.steps[0].count for f in funnel.funnels_by_province(InsightFilter()).funnels}
    assert provinces["Antwerpen"] == 1


def test_decisions(world):  # type: ignore[no-untyped-def]
    d = outcomes.decisions(InsightFilter())
    assert (d.decided, d.approved) == (4, 3)
    assert d.success_rate == Decimal("0.75")
    assert d.median_days == Decimal("45")  # 30, 40, 50, 60


def test_country_balance_and_distributions(world, programme):  # type: ignore[no-untyped-def]
    countries = {r.key: (r.count, r.grant) for r in outcomes.country_balance(InsightFilter())}
    assert countries == {"BE": (2, Decimal("40000.00")), "NL": (2, Decimal("50000.00"))}
    themes = {r.key: (r.count, r.grant) for r in outcomes.by_theme(InsightFilter())}
    assert themes == {"energy": (2, Decimal("90000.00")), "digital": (1, Decimal("30000.00"))}
    provinces = {r.key: (r.count, r.grant) for r in outcomes.by_province(InsightFilter())}
    assert provinces == {
        "BE21": (1, Decimal("40000.00")),
        "BE23": (1, Decimal("0.00")),
        "NL42": (1, Decimal("35000.00")),
        "NL41": (1, Decimal("15000.00")),
    }
    sizes = {r.key: r.count for r in outcomes.by_size(InsightFilter(), programme)}
    assert sizes == {"small": 4}  # 14 FTE, turnover 1,7M: small


def test_indicators(world, programme):  # type: ignore[no-untyped-def]
    values = {i.code: (i.value, i.source) for i in indicators.indicators(InsightFilter(), programme)}
    assert values["RCO01"] == (Decimal(4), "derived")
    assert values["RCO02"] == (Decimal(3), "derived")  # A, B, D have a live share; C none
    assert values["RCO04"] == (Decimal(3), "derived")  # introduction B-D, coaching A
    assert values["RCO10"] == (Decimal(2), "derived")  # A, B with knowledge institution C in P1
    assert values["RCO84"] == (Decimal(2), "reported")  # recorded for P2
    assert values["RCO87"] == (Decimal(4), "derived")
    assert values["RCR03"] == (Decimal(0), "none")
    assert values["RCR84"] == (Decimal(1), "derived")  # B yes, D no


def test_size_classes_follow_a_change_of_figures_at_once(world, programme):  # type: ignore[no-untyped-def]
    """The dashboard keeps the size classes between requests (half a second at programme scale), but never past a
    change: a funded company that now declares 300 FTE is counted as large on the next view."""
    from crossroads.assessment.models import GrantShare
    from crossroads.companies.models import FinancialYear

    assert {r.key: r.count for r in outcomes.by_size(InsightFilter(), programme)} == {"small": 4}
    company = GrantShare.objects.order_by("pk").first().company
    FinancialYear.objects.filter(company=company).update(staff_fte=Decimal("300"))
    assert {r.key: r.count for r in outcomes.by_size(InsightFilter(), programme)} == {"small": 3, "large": 1}
