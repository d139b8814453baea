"""The checks' messages in the user's language, each with a link to the place to fix it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.companies.verdict_text import REGION_LABELS
from crossroads.core.formatting import format_date, format_money, format_months, format_percent

from .models import ATTACHMENT_LABELS, SECTION_LABELS, Application
from .rules.checks import Message


def _texts() -> dict[str, str]:
    """Each check's wording in the active language (built per call: gettext answers in the current language)."""
    return {
        "consortium.no_sme_be": _("The consortium needs at least one eligible Flemish SME."),
        "consortium.no_sme_nl": _(
            "The consortium needs at least one eligible SME from the South of the Netherlands "
            "(Zeeland, Noord-Brabant, Limburg or Zuid-Holland)."
        ),
        "partner.not_registered": _("%(name)s has not joined yet: the invitation is waiting."),
        "partner.not_eligible": _("%(name)s cannot take part (see its verdicts in the registry)."),
        "partner.region_outside": _("%(name)s: the project establishment is %(status)s."),
        "partner.region_extended": _("%(name)s lies outside the Interreg core area; the assessors see a note."),
        "partner.role_not_allowed": _(
            "%(name)s is not an SME: choose one of the allowed roles (non-primary "
            "recipient, service provider on a quotation, unpaid partner)."
        ),
        "partner.in_difficulty": _("%(name)s is an undertaking in difficulty."),
        "partner.de_minimis_exceeded": _(
            "%(name)s would receive %(grant)s, more than its de minimis headroom of %(headroom)s."
        ),
        "partner.declarations_missing": _("%(name)s has not signed all declarations."),
        "partner.not_confirmed": _("%(name)s has not confirmed its part."),
        "budget.line_too_large": _(
            "%(name)s: the budget line “%(line)s” has a figure too large to be processed; correct or delete it."
        ),
        "budget.too_many_hours": _("%(name)s: %(person)s has more hours than allowed per person-year."),
        "project.duration_missing": _("Enter the duration."),
        "project.duration_too_long": _("The duration of %(months)s exceeds the maximum of %(max)s."),
        "project.no_theme": _("Choose at least one theme."),
        "project.theme_not_in_call": _("These themes are not part of this call: %(themes)s."),
        "project.start_missing": _("Enter the planned start date."),
        "project.start_before_submission": _(
            "Costs are eligible from the submission date: the planned start %(start)s lies before today (%(today)s)."
        ),
        "section.missing": _("The section “%(section)s” is empty."),
        "attachment.missing": _("The attachment “%(kind)s” is missing."),
        "budget.empty": _("The budget has no costs yet."),
        "budget.cost_share": _(
            "%(name)s carries %(share)s of the costs, more than %(limit)s: the assessors "
            "may question the cross-border added value."
        ),
        "budget.grant_capped": _("The grant is capped at %(max)s."),
    }


def _params(message: Message) -> dict[str, Any]:
    """The message's parameters as the user reads them: amounts, dates, labels."""
    p = dict(message.params)
    if message.rule_id == "project.duration_too_long":  # months, not money
        p["months"], p["max"] = format_months(p["months"]), format_months(p["max"])
    for key in ("grant", "headroom", "max"):
        if key in p and message.rule_id != "project.duration_too_long":
            p[key] = format_money(p[key])
    for key in ("start", "today"):
        if key in p:
            p[key] = format_date(p[key])
    if message.rule_id == "budget.cost_share":  # a percentage to the hundredth, as the grant allocation has it
        p["share"], p["limit"] = format_percent(p["share"], 2), format_percent(p["limit"], 0)
    if "status" in p:
        p["status"] = REGION_LABELS.get(p["status"], p["status"])
    if message.rule_id == "section.missing":
        p["section"] = str(SECTION_LABELS.get(p["section"], p["section"]))
    if message.rule_id == "attachment.missing":
        p["kind"] = str(ATTACHMENT_LABELS.get(p["kind"], p["kind"]))
    if message.rule_id == "project.theme_not_in_call":
        p["themes"] = ", ".join(_theme_names(p["themes"]))
    return p


def _theme_names(codes: list[str]) -> list[str]:
    from crossroads.programme.models import Theme

    names = {t.code: t.name for t in Theme.objects.filter(code__in=codes)}
    return [names.get(code, code) for code in codes]


def describe_check(message: Message) -> str:
    p = _params(message)
    template = _texts().get(message.rule_id)
    if template is None and message.rule_id.startswith("consortium.no_sme_"):  # a scheme with other countries
        template = _("The consortium needs at least one eligible SME from %(country)s.")
    return template % p if template else message.rule_id


def link_for(application: Application, message: Message) -> str:
    base = reverse("applications:detail", args=[application.pk])
    kind, _sep, ref = message.section.partition(":")
    if kind in {"partner", "budget"} and ref:
        anchor = "#budget" if kind == "budget" else "#part"
        return reverse("applications:partner", args=[application.pk, int(ref)]) + anchor
    if kind == "section":
        return f"{base}#id_section_{ref}"
    return f"{base}#{kind}"
