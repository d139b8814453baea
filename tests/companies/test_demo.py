"""The demo programme is believable and loads idempotently (issue #2, section 5)."""

from __future__ import annotations

from collections import Counter

import pytest

from crossroads.accounts.models import Role, User
from crossroads.companies.demo import demo_load
from crossroads.companies.models import Company
from crossroads.companies.selectors import company_verdicts

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    first = demo_load()
    second = demo_load()
    assert first == second
    assert Company.objects.count() == first["companies"] >= 150
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_demo_is_spread_and_contains_failing_cases():
    demo_load()
    companies = list(Company.objects.prefetch_related("establishments"))
    by_country = Counter(c.country for c in companies)
    assert by_country["BE"] >= 70 and by_country["NL"] >= 70
    assert all(c.is_fictional for c in companies)
    verdicts = {c.legal_name: company_verdicts(c) for c in companies}
    outcomes = Counter(v.eligibility.outcome for v in verdicts.values())
    assert outcomes["core"] >= 100 and outcomes["limited"] >= 5 and outcomes["not_eligible"] >= 3
    assert sum(v.size.size_class == "large" for v in verdicts.values()) >= 5
    assert sum(v.difficulty.status == "in_difficulty" for v in verdicts.values()) >= 2
    statuses = Counter(v.eligibility.region_status for v in verdicts.values())
    assert statuses["core"] and statuses["extended"] and statuses["outside"]
    provinces = {e.nuts3.province_id for c in companies for e in c.establishments.all() if e.nuts3}
    assert {"BE21", "BE22", "BE23", "BE24", "BE25", "NL34", "NL41", "NL42", "NL36"} <= provinces


def test_demo_applicants_manage_a_company_each():
    demo_load()
    for email in ("ondernemer@crossroads.example", "ondernemer.nl@crossroads.example"):
        assert User.objects.get(email=email).memberships.filter(role="manager").count() == 1
