"""Conflicts of interest found without asking the assessor. Pure: the caller gathers the facts.

An assessor is conflicted for an application when
- the assessor works for one of its partners or is a member of its account on the platform (same company),
- the assessor holds shares or a mandate in one of its partners (shareholding),
- the assessor's e-mail domain is the domain of a partner's staff or website (same e-mail domain); public
  mailbox providers do not count, everybody has an address there,
- a company the assessor works for or holds shares in took part in a recent project (a submitted application or
  a grant within the look-back period) together with one of its partners (recent joint project),
- or the assessor declared a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "outlook.be",
        "hotmail.com",
        "hotmail.be",
        "live.com",
        "live.be",
        "live.nl",
        "icloud.com",
        "me.com",
        "yahoo.com",
        "proton.me",
        "protonmail.com",
        "telenet.be",
        "skynet.be",
        "proximus.be",
        "ziggo.nl",
        "kpnmail.nl",
        "planet.nl",
        "home.nl",
        "xs4all.nl",
        "example.org",
    }
)


@dataclass(frozen=True)
class AssessorLinks:
    user_id: int
    email: str
    employer_id: int | None = None
    interest_ids: frozenset[int] = frozenset()
    member_of_ids: frozenset[int] = frozenset()  # companies whose platform account the assessor is a member of
    # Companies that shared a recent project with the assessor's companies.
    recent_partner_ids: frozenset[int] = frozenset()
    declared_conflict: bool = False


@dataclass(frozen=True)
class ApplicationLinks:
    application_id: int
    company_ids: frozenset[int]
    domains: frozenset[str] = field(default_factory=frozenset)  # partners' staff e-mail and website domains


@dataclass(frozen=True)
class Conflict:
    code: str  # same_company / shareholding / same_email_domain / recent_joint_project / declared
    params: dict


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


def website_domain(url: str) -> str:
    host = url.strip().lower().split("//")[-1].split("/")[0].split(":")[0]
    return host.removeprefix("www.")


def conflicts(assessor: AssessorLinks, application: ApplicationLinks) -> list[Conflict]:
    found: list[Conflict] = []
    if assessor.declared_conflict:
        found.append(Conflict("declared", {}))
    if assessor.employer_id is not None and assessor.employer_id in application.company_ids:
        found.append(Conflict("same_company", {"company": assessor.employer_id}))
    for company in sorted((assessor.member_of_ids & application.company_ids) - {assessor.employer_id}):
        found.append(Conflict("same_company", {"company": company}))
    for company in sorted(assessor.interest_ids & application.company_ids):
        found.append(Conflict("shareholding", {"company": company}))
    domain = email_domain(assessor.email)
    if domain and domain not in PUBLIC_MAIL_DOMAINS and domain in application.domains:
        found.append(Conflict("same_email_domain", {"domain": domain}))
    for company in sorted(assessor.recent_partner_ids & application.company_ids):
        found.append(Conflict("recent_joint_project", {"company": company}))
    return found
