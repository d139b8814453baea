"""Can this organisation take part in CrossRoads, and in which role? Combines the other verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from crossroads.programme.rules import ProgrammeRules

from .de_minimis import DeMinimisVerdict
from .difficulty import DifficultyVerdict
from .size import SizeVerdict
from .types import Reason

CORE = "core"  # eligible as a core (SME) partner
LIMITED = "limited"  # only as non-primary recipient, service provider on a quotation, or unpaid partner
NOT_ELIGIBLE = "not_eligible"


@dataclass
class EligibilityVerdict:
    outcome: str
    region_status: str
    reasons: list[Reason] = field(default_factory=list)
    allowed_roles: tuple[str, ...] = ()


def eligibility_verdict(
    *,
    role: str,
    country: str | None,
    nuts3: str | None,
    size: SizeVerdict,
    difficulty: DifficultyVerdict,
    de_minimis: DeMinimisVerdict,
    rules: ProgrammeRules,
) -> EligibilityVerdict:
    region_status = rules.region_status(nuts3)
    reasons: list[Reason] = []
    blockers: list[Reason] = []

    if country not in rules.countries:
        blockers.append(Reason("elig.country_outside", {"country": country or "-"}))
    if nuts3 is None:
        blockers.append(Reason("elig.no_establishment"))
    elif region_status not in rules.eligible_region_statuses:
        blockers.append(Reason("elig.region_outside", {"nuts3": nuts3, "status": region_status}))
    elif region_status == "extended":
        reasons.append(Reason("elig.region_extended", {"nuts3": nuts3}))
    else:
        reasons.append(Reason("elig.region_core", {"nuts3": nuts3}))

    if difficulty.blocks:
        # An unknown status blocks too (never healthy by default), but it says what is missing, not "in difficulty".
        code = "elig.difficulty_figures_needed" if difficulty.status == "unknown" else "elig.in_difficulty"
        blockers.append(Reason(code))
    if rules.state_aid_basis == "de_minimis" and de_minimis.headroom <= 0:
        blockers.append(Reason("elig.no_de_minimis_headroom", {"ceiling": de_minimis.ceiling}))

    if blockers:
        return EligibilityVerdict(NOT_ELIGIBLE, region_status, blockers + reasons)

    if role == "sme" and size.is_sme:
        reasons.insert(0, Reason("elig.core_sme", {"class": size.size_class}))
        return EligibilityVerdict(CORE, region_status, reasons)
    if role == "sme" and size.is_sme is None and getattr(size, "figures_needed", None):
        # Rec. 2003/361 Annex Art. 6: a related enterprise's figures are needed; the verdict waits for them.
        waiting = Reason("elig.figures_needed", {"names": ", ".join(size.figures_needed)})
        return EligibilityVerdict(NOT_ELIGIBLE, region_status, [waiting, *reasons])
    if role == "sme" and size.is_sme is None:
        return EligibilityVerdict(NOT_ELIGIBLE, region_status, [Reason("elig.size_unknown"), *reasons])

    code = {"knowledge": "elig.knowledge_limited", "large": "elig.large_limited"}.get(role, "elig.not_sme_limited")
    return EligibilityVerdict(LIMITED, region_status, [Reason(code), *reasons], rules.limited_roles)
