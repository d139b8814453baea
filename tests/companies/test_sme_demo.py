"""Issue 15 §4: the demo data hold the worked cases of the SME definition, with the verdicts they are there for."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossroads.companies.demo import demo_load
from crossroads.companies.models import Company
from crossroads.companies.selectors import company_verdicts

pytestmark = pytest.mark.django_db


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


def test_demo_sme_cases_give_the_verdicts_they_illustrate():
    """Vlasveld Robotics (25 FTE, 23.4 AWU in 2024): Schelde Ventures (VC, 40 %) is exempt (Art. 3(2) 2nd subpar.),
    Rhein Sensorik GmbH (Germany, no KBO/KvK, 42 FTE) is a 25 % partner: 23.4 + 10.5 = 33.9 AWU -> small, SME.
    Mechelse Maatwerk (31 FTE) and Vermeulen Precisie (238 FTE) are controlled by Hilde Vermeulen on the same NACE
    group 25.6: linked (Art. 3(3) 4th subpar.) -> 269 FTE, not an SME. Polderlicht has only an attested estimate
    (3.5 AWU, EUR 250,000) -> micro (Art. 4(3))."""
    demo_load()
    vlasveld = company_verdicts(Company.objects.get(legal_name="Vlasveld Robotics"))
    assert vlasveld.size.years[-1].figures.staff == Decimal("33.9")
    assert (vlasveld.size.size_class, vlasveld.size.is_sme) == ("small", True)
    assert {"size.exempt_investor", "size.partner_added"} <= set(codes(vlasveld.size))
    german = Company.objects.get(legal_name="Rhein Sensorik")
    assert german.enterprise_number == "" and german.foreign_identifier.startswith("HRB")
    mechelen = company_verdicts(Company.objects.get(legal_name="Mechelse Maatwerk"))
    assert mechelen.size.is_sme is False
    assert "size.linked_through_person" in codes(mechelen.size)
    start_up = company_verdicts(Company.objects.get(legal_name="Polderlicht"))
    assert (start_up.size.size_class, start_up.size.is_sme) == ("micro", True)
    assert codes(start_up.size)[0] == "size.estimate_used"


def test_art_3_2_demo_dutch_aid_leaves_the_belgian_headroom_intact():
    """Reg. (EU) 2023/2831 Art. 3(2): Grensland Logistiek (Essen, BE) received EUR 280,000 from the Netherlands
    (RVO, 10 months ago) and EUR 40,000 from Flanders (VLAIO, 20 months ago). The CrossRoads aid is Belgian: only
    the Belgian EUR 40,000 counts, headroom EUR 260,000 (not 300,000 - 320,000 = 0); the Dutch aid is named
    under its own ceiling. The partner stays eligible under de minimis."""
    demo_load()
    company = Company.objects.get(legal_name="Grensland Logistiek")
    assert set(company.de_minimis_aid.values_list("member_state", flat=True)) == {"BE", "NL"}
    verdict = company_verdicts(company).de_minimis
    assert verdict.member_state == "BE"
    assert (verdict.used, verdict.headroom) == (Decimal("40000"), Decimal("260000"))
    assert verdict.used_by_state["NL"] == Decimal("280000")
    other = next(r for r in verdict.reasons if r.code == "deminimis.other_state")
    assert (other.params["state"], other.params["granting_state"], other.params["count"]) == ("NL", "BE", 1)
    demo_load()  # loading twice creates no aid twice
    assert company.de_minimis_aid.count() == 2


def test_insights_size_classes_match_the_company_page_for_the_demo_sme_cases(programme):
    """The insights' size classes are the company page's: Mechelse Maatwerk linked through Hilde Vermeulen (same
    market) is large, Vlasveld Robotics with its exempt investor small, Polderlicht (attested estimate) micro."""
    from crossroads.insights.selectors.size import size_classes

    demo_load()
    names = ["Mechelse Maatwerk", "Vlasveld Robotics", "Polderlicht", "Grensland Logistiek"]
    companies = list(Company.objects.filter(legal_name__in=names))
    classes = size_classes([c.pk for c in companies], programme)
    for company in companies:
        assert classes[company.pk] == company_verdicts(company, programme=programme).size.size_class, company
