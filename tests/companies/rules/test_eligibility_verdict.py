"""Worked examples for eligibility as a CrossRoads partner (crossroads-rules.md 2.1-2.5; decisions.md 'Who and
where')."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from crossroads.companies.rules.de_minimis import DeMinimisVerdict, de_minimis_verdict
from crossroads.companies.rules.difficulty import DifficultyVerdict, difficulty_verdict
from crossroads.companies.rules.eligibility import eligibility_verdict
from crossroads.companies.rules.size import SizeVerdict, size_verdict
from crossroads.companies.rules.types import AidEntry, Enterprise, YearFigures

D = Decimal
LIMITED_ROLES = ("non_primary_recipient", "service_provider", "unpaid_partner")

SME = SizeVerdict("small", True)
LARGE = SizeVerdict("large", False)
UNKNOWN_SIZE = SizeVerdict(None, None)
HEALTHY = DifficultyVerdict("healthy", False)
BLOCKING_OIM = DifficultyVerdict("in_difficulty", True)
NON_BLOCKING_OIM = DifficultyVerdict("in_difficulty", False)


def headroom(amount) -> DeMinimisVerdict:
    left = D(str(amount))
    return DeMinimisVerdict(dt.date(2022, 6, 16), dt.date(2025, 6, 15), D("300000") - left, D("300000"), left)


def judge(rules, *, role="sme", country="BE", nuts3="BE211", size=SME, difficulty=HEALTHY, de_minimis=None):
    return eligibility_verdict(
        role=role,
        country=country,
        nuts3=nuts3,
        size=size,
        difficulty=difficulty,
        de_minimis=de_minimis if de_minimis is not None else headroom(300000),
        rules=rules,
    )


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


# --- region -----------------------------------------------------------------------------------------------------


def test_sme_in_core_region_is_core(rules):
    """crossroads-rules 2.1/2.2 and decisions.md: an SME in the Interreg area (Arr. Antwerpen) is a core partner."""
    verdict = judge(rules)
    assert verdict.outcome == "core"
    assert verdict.region_status == "core"
    assert codes(verdict) == ["elig.core_sme", "elig.region_core"]
    assert verdict.reasons[0].params == {"class": "small"}
    assert verdict.allowed_roles == ()


def test_dutch_sme_in_core_region_is_core(rules):
    """crossroads-rules 2.1: Zeeland (Overig Zeeland, NL342) is in the programme area."""
    verdict = judge(rules, country="NL", nuts3="NL342")
    assert (verdict.outcome, verdict.region_status) == ("core", "core")


def test_sme_in_extended_region_is_core_with_a_note(rules):
    """Decisions.md 'extended: rest of Flanders ... eligible, shown with a note': Halle-Vilvoorde (BE241)."""
    verdict = judge(rules, nuts3="BE241")
    assert verdict.outcome == "core"
    assert verdict.region_status == "extended"
    assert codes(verdict) == ["elig.core_sme", "elig.region_extended"]
    assert verdict.reasons[1].params == {"nuts3": "BE241"}


def test_zuid_holland_sme_is_core_with_a_note(rules):
    """Decisions.md 'extended ... Zuid-Holland': Groot-Rijnmond (NL366)."""
    verdict = judge(rules, country="NL", nuts3="NL366")
    assert verdict.outcome == "core"
    assert "elig.region_extended" in codes(verdict)


def test_brussels_is_not_eligible(rules):
    """Decisions.md 'outside: everything else (Brussels, ...)': BE100 is not eligible."""
    verdict = judge(rules, nuts3="BE100")
    assert verdict.outcome == "not_eligible"
    assert verdict.region_status == "outside"
    assert codes(verdict) == ["elig.region_outside"]
    assert verdict.reasons[0].params == {"nuts3": "BE100", "status": "outside"}


def test_region_not_in_the_table_is_outside(rules):
    """Decisions.md 'outside: ... other Dutch provinces': Flevoland (NL230), not listed, is outside."""
    verdict = judge(rules, country="NL", nuts3="NL230")
    assert verdict.outcome == "not_eligible"
    assert verdict.region_status == "outside"


def test_no_establishment_is_not_eligible(rules):
    """Decisions.md: the establishment that carries out the project decides the region; none -> not eligible."""
    verdict = judge(rules, nuts3=None)
    assert verdict.outcome == "not_eligible"
    assert codes(verdict) == ["elig.no_establishment"]


def test_eligible_region_statuses_come_from_the_rules(rules):
    """Decisions.md 'every value is a parameter': a call open to the core area only refuses Ieper (BE253)."""
    core_only = dataclasses.replace(rules, eligible_region_statuses=frozenset({"core"}))
    assert judge(rules, nuts3="BE253").outcome == "core"
    verdict = judge(core_only, nuts3="BE253")
    assert verdict.outcome == "not_eligible"
    assert codes(verdict) == ["elig.region_outside"]


# --- country ------------------------------------------------------------------------------------------------


def test_country_outside_the_programme_is_not_eligible(rules):
    """crossroads-rules 2.1: only Flanders (BE) and South Netherlands (NL) companies."""
    verdict = judge(rules, country="DE")
    assert verdict.outcome == "not_eligible"
    assert codes(verdict)[0] == "elig.country_outside"
    assert verdict.reasons[0].params == {"country": "DE"}
    assert judge(rules, country=None).outcome == "not_eligible"


def test_countries_come_from_the_rules(rules):
    """Decisions.md 'every value is a parameter': with countries=('BE',) a Dutch SME is refused."""
    belgium_only = dataclasses.replace(rules, countries=("BE",))
    verdict = judge(belgium_only, country="NL", nuts3="NL342")
    assert verdict.outcome == "not_eligible"
    assert "elig.country_outside" in codes(verdict)


# --- size and role ------------------------------------------------------------------------------------------


def test_large_company_is_limited(rules):
    """crossroads-rules 2.4 (PwC): large companies only as non-primary recipient, service provider on a
    quotation, or unpaid partner."""
    verdict = judge(rules, role="large", size=LARGE)
    assert verdict.outcome == "limited"
    assert verdict.allowed_roles == LIMITED_ROLES
    assert codes(verdict) == ["elig.large_limited", "elig.region_core"]


def test_knowledge_institution_is_limited(rules):
    """crossroads-rules 2.4: knowledge institutions take part in the limited roles."""
    verdict = judge(rules, role="knowledge", size=UNKNOWN_SIZE)
    assert verdict.outcome == "limited"
    assert verdict.allowed_roles == LIMITED_ROLES
    assert codes(verdict)[0] == "elig.knowledge_limited"


def test_company_registered_as_sme_but_large_by_figures_is_limited(rules):
    """crossroads-rules 2.2/2.4: the EU size test decides; a 'sme' that is large gets the limited roles."""
    verdict = judge(rules, role="sme", size=LARGE)
    assert verdict.outcome == "limited"
    assert codes(verdict)[0] == "elig.not_sme_limited"
    assert verdict.allowed_roles == LIMITED_ROLES


def test_limited_roles_come_from_the_rules(rules):
    """Decisions.md 'every value is a parameter': a call allowing only unpaid partners."""
    unpaid_only = dataclasses.replace(rules, limited_roles=("unpaid_partner",))
    assert judge(unpaid_only, role="large", size=LARGE).allowed_roles == ("unpaid_partner",)


def test_unknown_size_is_not_eligible(rules):
    """crossroads-rules 2.2: the SME status must be shown; without figures the SME is not (yet) eligible."""
    verdict = judge(rules, size=UNKNOWN_SIZE)
    assert verdict.outcome == "not_eligible"
    assert codes(verdict)[0] == "elig.size_unknown"
    assert verdict.allowed_roles == ()


# --- OIM and de minimis ---------------------------------------------------------------------------------------


def test_blocking_oim_is_not_eligible(rules):
    """crossroads-rules 2.3/2.6: an undertaking in difficulty is excluded (when the test applies)."""
    verdict = judge(rules, difficulty=BLOCKING_OIM)
    assert verdict.outcome == "not_eligible"
    assert codes(verdict)[0] == "elig.in_difficulty"


def test_non_blocking_oim_under_de_minimis_stays_core(rules):
    """crossroads-rules 2.3 'If the aid falls under de minimis, the OIM test does not apply'."""
    assert judge(rules, difficulty=NON_BLOCKING_OIM).outcome == "core"


def test_no_de_minimis_headroom_is_not_eligible(rules):
    """Reg. 2023/2831 Art. 3(2), decisions.md 'the de minimis headroom is the limit': nothing left -> refused."""
    verdict = judge(rules, de_minimis=headroom(0))
    assert verdict.outcome == "not_eligible"
    assert codes(verdict)[0] == "elig.no_de_minimis_headroom"
    assert verdict.reasons[0].params == {"ceiling": D("300000")}
    assert judge(rules, de_minimis=headroom("0.01")).outcome == "core"


def test_de_minimis_headroom_does_not_matter_under_gber(rules):
    """Decisions.md 'A call can select GBER instead': no de minimis ceiling applies then."""
    gber = dataclasses.replace(rules, state_aid_basis="gber")
    assert judge(gber, de_minimis=headroom(0)).outcome == "core"


def test_all_blockers_are_reported(rules):
    """Decisions.md (explanations for assessors): every reason for a refusal is listed, not just the first."""
    verdict = judge(rules, country="DE", nuts3="BE100", difficulty=BLOCKING_OIM, de_minimis=headroom(0))
    assert verdict.outcome == "not_eligible"
    assert codes(verdict) == [
        "elig.country_outside",
        "elig.region_outside",
        "elig.in_difficulty",
        "elig.no_de_minimis_headroom",
    ]


# --- end to end with the pure verdicts ------------------------------------------------------------------------


def test_end_to_end_small_healthy_company_in_gent(rules):
    """crossroads-rules 2.2, 2.3, 2.5 together: 30 FTE / EUR 4M, equity 80k of 100k, EUR 50k de minimis
    used -> core partner with EUR 250k headroom."""
    company = Enterprise(
        "A",
        "Gentse BV",
        legal_form="bv",
        founded_on=dt.date(2010, 1, 1),
        years=(YearFigures(2024, D("30"), D("4000000"), D("3000000"), D("80000"), D("100000")),),
    )
    world = {"A": company}
    reference = dt.date(2025, 6, 15)
    size = size_verdict("A", world, [], rules)
    difficulty = difficulty_verdict("A", world, [], rules, reference=reference, is_sme=size.is_sme)
    de_minimis = de_minimis_verdict(
        "A", [AidEntry("A", dt.date(2024, 9, 1), D("50000"))], [], rules, reference=reference
    )
    assert (size.size_class, difficulty.status, de_minimis.headroom) == ("small", "healthy", D("250000"))
    verdict = eligibility_verdict(
        role="sme",
        country="BE",
        nuts3="BE234",
        size=size,
        difficulty=difficulty,
        de_minimis=de_minimis,
        rules=rules,
    )
    assert verdict.outcome == "core"
    assert codes(verdict) == ["elig.core_sme", "elig.region_core"]


def test_art_2_18_unknown_difficulty_under_gber_says_figures_are_needed(rules):
    """GBER Art. 1(4)(c), 2(18): with the test not yet possible (status 'unknown', blocking under GBER) the SME is
    not eligible yet, and the reason says figures are needed - not that it is in difficulty."""
    unknown = DifficultyVerdict("unknown", True)
    verdict = judge(rules, difficulty=unknown)
    assert verdict.outcome == "not_eligible"
    assert "elig.difficulty_figures_needed" in codes(verdict)
    assert "elig.in_difficulty" not in codes(verdict)
    assert codes(judge(rules, difficulty=BLOCKING_OIM))[0] == "elig.in_difficulty"
