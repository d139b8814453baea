"""The audit verbs of the company registry (stored in the trail: never rename one)."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class CompanyVerb(AuditVerb):
    COMPANY_CREATE = "company.create"
    COMPANY_UPDATE = "company.update"
    COMPANY_NACE = "company.nace"
    COMPANY_IMPORT = "company.import"
    ESTABLISHMENT_SAVE = "establishment.save"
    ESTABLISHMENT_DELETE = "establishment.delete"
    FINANCIAL_YEAR_SAVE = "financial_year.save"
    FINANCIAL_YEAR_DELETE = "financial_year.delete"
    HOLDING_SAVE = "holding.save"
    HOLDING_DELETE = "holding.delete"
    DE_MINIMIS_SAVE = "de_minimis.save"
    DE_MINIMIS_DELETE = "de_minimis.delete"
    INVITATION_CREATE = "invitation.create"
    INVITATION_ACCEPT = "invitation.accept"
