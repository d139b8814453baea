"""Turns the rule functions' reason codes into sentences in the user's language, quoting the figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.core.formatting import format_date, format_money, format_number, format_percent
from crossroads.programme.regions import nuts3_table

from .rules.types import Reason

SIZE_LABELS = {
    "micro": _("micro enterprise"),
    "small": _("small enterprise"),
    "medium": _("medium-sized enterprise"),
    "large": _("large enterprise"),
}
REGION_LABELS = {
    "core": _("core programme area"),
    "extended": _("extended area (outside the Interreg core area)"),
    "outside": _("outside the programme area"),
}
OUTCOME_LABELS = {
    "core": _("Eligible as a core partner (SME)"),
    "limited": _("May take part in a limited role only"),
    "not_eligible": _("Not eligible"),
}
DIFFICULTY_LABELS = {
    "in_difficulty": _("In difficulty"),
    "healthy": _("Not in difficulty"),
    "exempt": _("No test needed"),
    "unknown": _("Cannot be determined"),
}
LIMITED_ROLE_LABELS = {
    "non_primary_recipient": _("non-primary recipient"),
    "service_provider": _("service provider paid on a quotation"),
    "unpaid_partner": _("unpaid partner"),
}


# The size test (SME or not), per year and per linked or partner enterprise.
SIZE_TEXTS: dict[str, Promise] = {
    "size.no_figures": _("No closed financial year has been entered, so the size cannot be determined."),
    "size.within_ceilings": _(
        "In %(year)s the figures are %(staff)s FTE, turnover %(turnover)s and balance-sheet total "
        "%(balance)s: a %(class)s (an SME has fewer than %(staff_limit)s FTE and a turnover of at most "
        "%(turnover_limit)s or a balance-sheet total of at most %(balance_limit)s)."
    ),
    "size.staff_too_high": _(
        "In %(year)s the staff count is %(staff)s FTE, not below the SME ceiling of %(staff_limit)s FTE."
    ),
    "size.both_financials_too_high": _(
        "In %(year)s both the turnover (%(turnover)s, ceiling %(turnover_limit)s) and the balance-sheet "
        "total (%(balance)s, ceiling %(balance_limit)s) are above the SME ceilings."
    ),
    "size.two_year_rule": _(
        "In %(year)s the figures alone would make it a %(raw)s, but the class only changes after "
        "%(years)s consecutive financial years, so it remains a %(kept)s."
    ),
    "size.linked_added": _(
        "Linked enterprise %(name)s is added in full (%(share)s): %(staff)s FTE, turnover %(turnover)s, "
        "balance-sheet total %(balance)s."
    ),
    "size.partner_added": _(
        "Partner enterprise %(name)s is added pro rata (%(share)s): %(staff)s FTE, turnover %(turnover)s, "
        "balance-sheet total %(balance)s."
    ),
    "size.related_without_figures": _(
        "%(name)s has no figures for this year; it is counted as zero. Add its figures for a reliable verdict."
    ),
}

# The undertaking-in-difficulty test.
DIFFICULTY_TEXTS: dict[str, Promise] = {
    "oim.exempt_legal_form": _("The legal form %(form)s does not need an undertaking-in-difficulty test."),
    "oim.young_sme": _(
        "An SME founded on %(founded)s is younger than %(years)s years on %(reference)s: no test needed."
    ),
    "oim.young_sme_group": _(
        "The oldest enterprise of the group was founded on %(founded)s, less than %(years)s years before "
        "%(reference)s: no test needed."
    ),
    "oim.no_figures": _("No closed accounts or attested interim figures have been entered."),
    "oim.last_accounts_used": _("Test made on the last closed accounts (%(year)s)."),
    "oim.interim_used": _("Test made on interim figures attested on %(attested_on)s."),
    "oim.standalone_fails": _(
        "Equity %(equity)s is below %(ratio)s of the subscribed capital %(capital)s (%(threshold)s)."
    ),
    "oim.standalone_passes": _(
        "Equity %(equity)s is at least %(ratio)s of the subscribed capital %(capital)s (%(threshold)s)."
    ),
    "oim.group_fails": _(
        "At group level (%(members)s linked enterprises) equity %(equity)s is below %(ratio)s of the "
        "subscribed capital %(capital)s (%(threshold)s)."
    ),
    "oim.group_passes": _(
        "At group level (%(members)s linked enterprises) equity %(equity)s is at least %(threshold)s."
    ),
    "oim.de_minimis_route": _(
        "The programme grants de minimis aid, for which the test does not apply: this result does not "
        "block participation."
    ),
}

# The de minimis ledger.
DE_MINIMIS_TEXTS: dict[str, Promise] = {
    "deminimis.headroom": _(
        "%(count)s aid(s) between %(start)s and %(end)s total %(used)s of the %(ceiling)s ceiling: "
        "%(headroom)s headroom."
    ),
    "deminimis.single_undertaking": _(
        "The aid of all %(members)s linked enterprises counts together (single undertaking)."
    ),
    "deminimis.exhausted": _("The ceiling is reached; headroom frees up on %(release)s."),
}

# The eligibility verdict that combines them.
ELIGIBILITY_TEXTS: dict[str, Promise] = {
    "elig.country_outside": _("Registered in %(country)s, not in one of the programme's countries."),
    "elig.no_establishment": _("No establishment with a known postcode has been entered."),
    "elig.region_outside": _("The project establishment lies in %(nuts3)s: %(status)s."),
    "elig.region_extended": _(
        "The project establishment lies in %(nuts3)s: eligible, but outside the Interreg core area "
        "(the assessors see a note)."
    ),
    "elig.region_core": _("The project establishment lies in %(nuts3)s, inside the programme area."),
    "elig.in_difficulty": _("The company is an undertaking in difficulty and the aid basis requires the test."),
    "elig.no_de_minimis_headroom": _("There is no de minimis headroom left under the %(ceiling)s ceiling."),
    "elig.core_sme": _("An SME (%(class)s) may be a core partner."),
    "elig.size_unknown": _("The SME status is unknown until financial figures are entered."),
    "elig.knowledge_limited": _(
        "A knowledge institution may join only as non-primary recipient, paid service provider on a "
        "quotation, or unpaid partner."
    ),
    "elig.large_limited": _(
        "A large company may join only as non-primary recipient, paid service provider on a quotation, "
        "or unpaid partner."
    ),
    "elig.not_sme_limited": _(
        "Not an SME: may join only as non-primary recipient, paid service provider on a quotation, or unpaid partner."
    ),
}

TEXTS: dict[str, Promise] = {**SIZE_TEXTS, **DIFFICULTY_TEXTS, **DE_MINIMIS_TEXTS, **ELIGIBILITY_TEXTS}

_MONEY_KEYS = frozenset(
    {"turnover", "balance", "turnover_limit", "balance_limit", "equity", "capital", "threshold", "used", "ceiling"}
    | {"headroom"}
)


def _fmt_value(key: str, value: Any) -> str:
    """One parameter of a reason as the sentence quotes it: money, percentages, FTE, labels, regions, dates."""
    if isinstance(value, Decimal):
        if key in _MONEY_KEYS:
            return format_money(value)
        if key == "share":
            return format_percent(value)
        if key == "ratio":
            return format_percent(value * 100)
        if key in {"staff", "staff_limit"}:
            return format_number(value)
    if key in {"class", "raw", "kept"}:
        return str(SIZE_LABELS.get(value, value))
    if key == "status":
        return str(REGION_LABELS.get(value, value))
    if key == "nuts3" and isinstance(value, str):
        region = nuts3_table().get(value)
        return f"{region['name']}, {region['nuts2_name']} ({value})" if region else value
    if isinstance(value, dt.date):
        return format_date(value)
    return "–" if value is None else str(value)


def _fmt(params: dict[str, Any]) -> dict[str, str]:
    return {key: _fmt_value(key, value) for key, value in params.items()}


def describe(reason: Reason) -> str:
    """The reason as a sentence in the active language; an unknown code is shown as itself."""
    template = TEXTS.get(reason.code)
    if template is None:
        return reason.code
    return str(template) % _fmt(reason.params)
