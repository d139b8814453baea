"""The one place where the applications area names its codes for people: sections, attachments, partner roles, cost
categories, declarations, indicators and the fields of the shared and partner parts. Screens, e-mails and the
submission PDF show these labels (in the reader's language), never the codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import Country

from .models import ATTACHMENT_LABELS, SECTION_LABELS, CostCategoryCode, PartnerRole

# The declarations each partner signs, worded in full (the form's checkboxes and the PDF use the same text).
DECLARATION_LABELS = {
    "sme": _("We are an SME as defined in EU Recommendation 2003/361, or take part in an allowed role."),
    "oim": _("We are not an undertaking in difficulty."),
    "de_minimis": _("We declared all de minimis aid of the last three years in the registry."),
    "truthful": _("Everything in our part of the application is true and complete."),
}

# The result indicators of the shared part, and how each is counted: a number of things, FTE or euros.
INDICATORS = {
    "new_products": _("New products, processes or services to the market (number)"),
    "jobs": _("Jobs created within two years after the project (FTE)"),
    "turnover": _("Expected additional yearly turnover after three years (€)"),
}
INDICATOR_KINDS = {"new_products": "integer", "jobs": "number", "turnover": "money"}

# The fields of the shared part and of a partner's part, as the edit-conflict box names them.
FIELD_LABELS = {
    "title": _("Project title"),
    "acronym": _("Acronym"),
    "duration_months": _("Duration (months)"),
    "planned_start": _("Planned start"),
    "themes": _("Themes"),
    "role": _("Role in the project"),
    "tasks": _("Tasks in the project"),
}


def _fallback(code: str) -> str:
    """A code that has no label yet (a call configured with a new section): readable words, not the key."""
    return code.replace("_", " ").strip().capitalize() if code else "–"


def section_label(code: str) -> str:
    return str(SECTION_LABELS.get(code) or _fallback(code))


def attachment_label(kind: str) -> str:
    return str(ATTACHMENT_LABELS.get(kind) or _fallback(kind))


def role_label(code: str) -> str:
    return str(PartnerRole(code).label) if code in PartnerRole.values else _fallback(code)


def category_label(code: str) -> str:
    return str(CostCategoryCode(code).label) if code in CostCategoryCode.values else _fallback(code)


def country_label(code: str | None) -> str:
    if not code:
        return "–"
    return str(Country(code).label) if code in Country.values else code


def declaration_label(code: str) -> str:
    return str(DECLARATION_LABELS.get(code) or _fallback(code))


def indicator_label(code: str) -> str:
    return str(INDICATORS.get(code) or _fallback(code))


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name) or _fallback(name))
