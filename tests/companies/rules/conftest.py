"""Pure company-rule tests (size, difficulty, de minimis, eligibility): the CrossRoads 2023-2029 numbers as a
`ProgrammeRules` (no database).

The numbers are typed in here from the reference (crossroads-rules.md sections 2.2, 2.3, 2.5 and
design/decisions.md), not read from the programme fixture, so that a wrong fixture or loader cannot hide
behind the tests. Variants are made with `dataclasses.replace(rules, ...)`.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from crossroads.programme.rules import ProgrammeRules, SizeThresholds

# The project runs pytest without caches (-p no:cacheprovider); keep Hypothesis' own storage (constants
# cache) out of the working tree too, unless the caller chose a place.
if not os.getenv("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "crossroads-hypothesis")

# A few NUTS3 codes with their status per design/decisions.md "Who and where".
REGION_STATUS = {
    "BE211": "core",  # Arr. Antwerpen
    "BE234": "core",  # Arr. Gent
    "BE242": "core",  # Arr. Leuven
    "BE241": "extended",  # Arr. Halle-Vilvoorde
    "BE253": "extended",  # Arr. Ieper
    "BE100": "outside",  # Brussels
    "NL342": "core",  # Overig Zeeland
    "NL414": "core",  # Zuidoost-Noord-Brabant
    "NL423": "core",  # Zuid-Limburg
    "NL366": "extended",  # Groot-Rijnmond (Zuid-Holland)
    "NL32B": "outside",  # Groot-Amsterdam
}


def make_rules() -> ProgrammeRules:
    return ProgrammeRules(
        micro=SizeThresholds(Decimal("10"), Decimal("2000000"), Decimal("2000000")),
        small=SizeThresholds(Decimal("50"), Decimal("10000000"), Decimal("10000000")),
        medium=SizeThresholds(Decimal("250"), Decimal("50000000"), Decimal("43000000")),
        partner_holding_min=Decimal("25"),
        linked_holding_above=Decimal("50"),
        status_change_years=2,
        oim_equity_ratio=Decimal("0.5"),
        oim_young_company_years=3,
        oim_interim_max_age_months=2,
        oim_exempt_legal_forms=frozenset({"eenmanszaak", "maatschap", "vzw", "stichting"}),
        state_aid_basis="de_minimis",
        de_minimis_ceiling=Decimal("300000"),
        de_minimis_window_years=3,
        countries=("BE", "NL"),
        eligible_region_statuses=frozenset({"core", "extended"}),
        limited_roles=("non_primary_recipient", "service_provider", "unpaid_partner"),
        region_status_by_nuts3=dict(REGION_STATUS),
    )


@pytest.fixture
def rules() -> ProgrammeRules:
    return make_rules()
