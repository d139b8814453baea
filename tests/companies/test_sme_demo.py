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
