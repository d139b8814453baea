"""Closure indicators proposed from what the platform knows (pure: no Django). The secretariat confirms or
corrects each proposal; a proposal carries a short reason (a key and its values, worded by the selectors).

Per company (each organisation in the agreement):
- RCO01 enterprises supported, by size class: 1, with the size class of the company's size verdict;
- RCO02 enterprises supported by grants: 1 when the company has a grant above zero;
- RCO04 enterprises with non-financial support: 1 when a coaching contact was logged for it or for the project;
- RCO10 enterprises cooperating with research organisations: 1 for an enterprise when a research organisation
  (knowledge institution) is another partner of the project; a research organisation itself is not counted;
- RCO87 organisations cooperating across borders: 1 when the consortium has organisations in two countries;
- RCR03 SMEs introducing product or process innovation: proposed 1 for an SME when the final report shows a
  demonstrated prototype, to be confirmed per company; a large company or research organisation is not counted.
Per project:
- RCO84 pilot actions developed jointly and implemented: 1 when the final report's prototype was demonstrated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ONE, ZERO = Decimal("1"), Decimal("0")

COMPANY_CODES = ("RCO01", "RCO02", "RCO04", "RCO10", "RCO87", "RCR03")
PROJECT_CODES = ("RCO84",)
SIZE_CLASSES = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class CompanyFacts:
    company_id: int
    size_class: str | None  # micro, small, medium, large; None without figures
    is_research: bool  # a knowledge institution / research organisation
    grant_positive: bool
    coached: bool  # a coaching contact for this company or for the whole project
    country: str


@dataclass(frozen=True)
class ProjectFacts:
    companies: tuple[CompanyFacts, ...]
    prototype_demonstrated: bool
    final_report_known: bool  # False: no submitted final report yet (the latest report was used, if any)


@dataclass(frozen=True)
class Proposal:
    code: str
    company_id: int | None  # None: a project-level value
    value: Decimal
    why: str  # a reason key
    params: dict[str, str] = field(default_factory=dict)
    size_class: str = ""


def _flag(value: bool) -> Decimal:
    return ONE if value else ZERO


def propose_company(company: CompanyFacts, project: ProjectFacts) -> list[Proposal]:
    cid = company.company_id
    others = [c for c in project.companies if c.company_id != cid]
    countries = {c.country for c in project.companies if c.country}
    research_partner = any(c.is_research for c in others)
    size = company.size_class if company.size_class in SIZE_CLASSES else ""
    is_sme = size in ("micro", "small", "medium") and not company.is_research
    out = [
        Proposal("RCO01", cid, ONE, "size.known" if size else "size.unknown", {"size": size}, size_class=size),
        Proposal("RCO02", cid, _flag(company.grant_positive), "grant.yes" if company.grant_positive else "grant.no"),
        Proposal("RCO04", cid, _flag(company.coached), "coaching.yes" if company.coached else "coaching.no"),
    ]
    if company.is_research:
        out.append(Proposal("RCO10", cid, ZERO, "research.itself"))
    else:
        out.append(
            Proposal("RCO10", cid, _flag(research_partner), "research.yes" if research_partner else "research.no")
        )
    across = len(countries) > 1
    out.append(Proposal("RCO87", cid, _flag(across), "border.yes" if across else "border.no"))
    if not is_sme:
        out.append(Proposal("RCR03", cid, ZERO, "innovation.not_sme"))
    elif project.prototype_demonstrated:
        out.append(Proposal("RCR03", cid, ONE, "innovation.demonstrated"))
    else:
        out.append(Proposal("RCR03", cid, ZERO, "innovation.not_demonstrated"))
    return out


def propose_project(project: ProjectFacts) -> list[Proposal]:
    if project.prototype_demonstrated:
        why = "pilot.demonstrated" if project.final_report_known else "pilot.demonstrated_interim"
    else:
        why = "pilot.no_final_report" if not project.final_report_known else "pilot.not_demonstrated"
    return [Proposal("RCO84", None, _flag(project.prototype_demonstrated), why)]


def propose(project: ProjectFacts) -> list[Proposal]:
    """Every proposal: the project's first, then each company's in the order given."""
    proposals = propose_project(project)
    for company in project.companies:
        proposals.extend(propose_company(company, project))
    return proposals


def totals(values: list[tuple[str, Decimal, str]]) -> dict[str, Decimal]:
    """Project totals per code from (code, value, size_class) rows; RCO01 also per size class as "RCO01:<size>"."""
    out: dict[str, Decimal] = {}
    for code, value, size in values:
        out[code] = out.get(code, ZERO) + value
        if code == "RCO01" and size:
            key = f"RCO01:{size}"
            out[key] = out.get(key, ZERO) + value
    return out
