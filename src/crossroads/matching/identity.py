"""The facts that name a company, read from the database for the pure redaction (`redaction.py`)."""

from __future__ import annotations

from collections.abc import Callable

from crossroads.companies.models import Company

from .redaction import IdentityFacts, make_redactor


def identity_facts(company: Company) -> IdentityFacts:
    """Everything that names `company`: legal name and form, trade names (named establishments), website, the
    members' e-mail addresses, enterprise and VAT numbers."""
    trade_names = [name for name in company.establishments.values_list("name", flat=True) if name]
    emails = list(company.memberships.values_list("user__email", flat=True))
    return IdentityFacts(
        names=(company.legal_name, *trade_names),
        legal_forms=(company.legal_form,) if company.legal_form else (),
        websites=(company.website,) if company.website else (),
        emails=tuple(emails),
        identifiers=tuple(x for x in (company.enterprise_number, company.vat_number) if x),
    )


def redactor(company: Company) -> Callable[[str], str]:
    """Belt and braces: even if an owner typed their own name (in any spelling), website, e-mail address or
    enterprise number in an anonymous profile, it is not shown (see `redaction`)."""
    return make_redactor(identity_facts(company))
