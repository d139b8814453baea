"""Turns the rule functions' reason codes into sentences in the user's language, quoting the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crossroads.core.formatting import format_date, format_integer, format_money, format_number, format_percent
from crossroads.programme.regions import nuts3_table

from .models import Country, MemberState
from .rules.types import Reason


@dataclass(frozen=True)
class Counted:
    """A sentence whose wording follows a count (`key` in the reason's parameters): '1 aid' / '2 aids'."""

    key: str
    text: Callable[[int], str]


Text = Promise | Counted

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
SIZE_TEXTS: dict[str, Text] = {
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
    "size.two_year_rule": Counted(
        "years",
        lambda n: ngettext(
            "In %(year)s the figures alone would make it a %(raw)s, but the class only changes after "
            "%(years)s financial year, so it remains a %(kept)s.",
            "In %(year)s the figures alone would make it a %(raw)s, but the class only changes after "
            "%(years)s consecutive financial years, so it remains a %(kept)s.",
            n,
        ),
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
        "%(name)s has no figures for this year. Its figures are needed: they are never counted as zero."
    ),
    "size.figures_needed": _(
        "Figures needed: the SME status can only be decided once the figures of %(names)s are entered."
    ),
    "size.estimate_used": _(
        "A new enterprise without closed accounts: its good-faith estimate for %(year)s, attested on "
        "%(attested_on)s, is used."
    ),
    "size.estimate_not_attested": _(
        "The good-faith estimate for the current year has not been attested yet, so it cannot be used."
    ),
    "size.public_bodies": _(
        "%(share)s of the capital or voting rights is held, directly or indirectly, by public bodies (%(names)s): "
        "from 25 %% on an enterprise is not an SME."
    ),
    "size.exempt_investor": _(
        "%(holders)s (%(share)s) is an investor of the kinds listed in the SME definition and not linked: the stake "
        "does not make it a partner enterprise."
    ),
    "size.linked_through_person": _(
        "Linked through %(person)s, who controls both enterprises, on the same or an adjacent market (%(basis)s)."
    ),
    "size.not_linked_other_market": _(
        "Not linked through %(person)s, who controls both enterprises: they are on different markets (%(basis)s)."
    ),
    "size.joint_stake": _(
        "%(holders)s are linked or act jointly: their stakes in %(held)s count together (%(share)s)."
    ),
    "size.control_without_majority": _(
        "%(holders)s controls %(held)s without a majority of the shares (%(share)s): board appointment, a "
        "contract or statutes, or an agreement with other shareholders."
    ),
    "size.ownership_changed": _(
        "The holdings changed after the last closed financial year; with the holdings of %(reference)s it is a "
        "%(class)s at once (a change of ownership does not wait for a second year)."
    ),
}

# The undertaking-in-difficulty test.
DIFFICULTY_TEXTS: dict[str, Text] = {
    "oim.exempt_legal_form": _("The legal form %(form)s does not need an undertaking-in-difficulty test."),
    "oim.young_sme": Counted(
        "years",
        lambda n: ngettext(
            "An SME founded on %(founded)s is younger than %(years)s year on %(reference)s: no test needed.",
            "An SME founded on %(founded)s is younger than %(years)s years on %(reference)s: no test needed.",
            n,
        ),
    ),
    "oim.young_sme_group": Counted(
        "years",
        lambda n: ngettext(
            "The oldest enterprise of the group was founded on %(founded)s, less than %(years)s year before "
            "%(reference)s: no test needed.",
            "The oldest enterprise of the group was founded on %(founded)s, less than %(years)s years before "
            "%(reference)s: no test needed.",
            n,
        ),
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
    "oim.group_fails": Counted(
        "members",
        lambda n: ngettext(
            "At group level (%(members)s linked enterprise) equity %(equity)s is below %(ratio)s of the "
            "subscribed capital %(capital)s (%(threshold)s).",
            "At group level (%(members)s linked enterprises) equity %(equity)s is below %(ratio)s of the "
            "subscribed capital %(capital)s (%(threshold)s).",
            n,
        ),
    ),
    "oim.group_passes": Counted(
        "members",
        lambda n: ngettext(
            "At group level (%(members)s linked enterprise) equity %(equity)s is at least %(threshold)s.",
            "At group level (%(members)s linked enterprises) equity %(equity)s is at least %(threshold)s.",
            n,
        ),
    ),
    "oim.collective_insolvency": _(
        "%(name)s is subject to collective insolvency proceedings, or meets the criteria for them (%(year)s)."
    ),
    "oim.rescue_aid_outstanding": _(
        "%(name)s received rescue aid and has not yet repaid the loan or ended the guarantee (%(year)s)."
    ),
    "oim.restructuring_aid_running": _(
        "%(name)s received restructuring aid and is still subject to a restructuring plan (%(year)s)."
    ),
    "oim.group_figures_needed": Counted(
        "missing",
        lambda n: ngettext(
            "Figures needed: %(missing)s linked enterprise has no figures for %(year)s (%(names)s); with figures "
            "for only %(members)s of the group's enterprises the group test cannot be concluded.",
            "Figures needed: %(missing)s linked enterprises have no figures for %(year)s (%(names)s); with figures "
            "for only %(members)s of the group's enterprises the group test cannot be concluded.",
            n,
        ),
    ),
    "oim.leverage_fails": _(
        "In each of the years %(years)s the book debt was more than %(leverage)s times the equity and EBITDA "
        "covered less than %(coverage)s times the interest expense."
    ),
    "oim.leverage_passes": _(
        "Debt to equity above %(leverage)s together with interest cover below %(coverage)s did not occur in each "
        "of the years %(years)s."
    ),
    "oim.leverage_figures_needed": _(
        "Figures needed: book debt, EBITDA and interest expense of the last two closed years (%(years)s) are "
        "required for an enterprise that is not an SME."
    ),
    "oim.leverage_not_two_years": _(
        "Only one closed year (%(year)s): the two-year debt and interest-cover test cannot be met."
    ),
    "oim.de_minimis_route": _(
        "The programme grants de minimis aid, for which the test does not apply: this result does not "
        "block participation."
    ),
}

# The de minimis ledger.
DE_MINIMIS_TEXTS: dict[str, Text] = {
    "deminimis.headroom": Counted(
        "count",
        lambda n: ngettext(
            "%(count)s aid between %(start)s and %(end)s totals %(used)s of the %(ceiling)s ceiling: "
            "%(headroom)s headroom.",
            "%(count)s aids between %(start)s and %(end)s total %(used)s of the %(ceiling)s ceiling: "
            "%(headroom)s headroom.",
            n,
        ),
    ),
    "deminimis.single_undertaking": Counted(
        "members",
        lambda n: ngettext(
            "The aid of the %(members)s linked enterprise counts together (single undertaking).",
            "The aid of all %(members)s linked enterprises counts together (single undertaking).",
            n,
        ),
    ),
    "deminimis.headroom_state": Counted(
        "count",
        lambda n: ngettext(
            "%(count)s aid granted by %(state)s between %(start)s and %(end)s totals %(used)s of the %(ceiling)s "
            "ceiling: %(headroom)s headroom.",
            "%(count)s aids granted by %(state)s between %(start)s and %(end)s total %(used)s of the %(ceiling)s "
            "ceiling: %(headroom)s headroom.",
            n,
        ),
    ),
    "deminimis.other_state": Counted(
        "count",
        lambda n: ngettext(
            "%(count)s aid granted by %(state)s totals %(used)s; it counts under that Member State's own ceiling, "
            "not under that of %(granting_state)s.",
            "%(count)s aids granted by %(state)s total %(used)s; they count under that Member State's own ceiling, "
            "not under that of %(granting_state)s.",
            n,
        ),
    ),
    "deminimis.merged_aid": Counted(
        "count",
        lambda n: ngettext(
            "%(count)s aid of %(used)s was taken over in a merger or acquisition and counts here.",
            "%(count)s aids totalling %(used)s were taken over in a merger or acquisition and count here.",
            n,
        ),
    ),
    "deminimis.split_aid": Counted(
        "count",
        lambda n: ngettext(
            "%(count)s aid of %(used)s was allocated to this undertaking on a split and counts here.",
            "%(count)s aids totalling %(used)s were allocated to this undertaking on a split and count here.",
            n,
        ),
    ),
    "deminimis.exhausted": _("The ceiling is reached; headroom frees up on %(release)s."),
}

# A sentence that names a parameter only when the rules recorded it: code -> (parameter, code of that wording).
VARIANTS: dict[str, tuple[str, str]] = {"deminimis.headroom": ("state", "deminimis.headroom_state")}

# The eligibility verdict that combines them.
ELIGIBILITY_TEXTS: dict[str, Text] = {
    "elig.country_outside": _("Registered in %(country)s, not in one of the programme's countries."),
    "elig.no_establishment": _("No establishment with a known postcode has been entered."),
    "elig.region_outside": _("The project establishment lies in %(nuts3)s: %(status)s."),
    "elig.region_extended": _(
        "The project establishment lies in %(nuts3)s: eligible, but outside the Interreg core area "
        "(the assessors see a note)."
    ),
    "elig.region_core": _("The project establishment lies in %(nuts3)s, inside the programme area."),
    "elig.in_difficulty": _("The company is an undertaking in difficulty and the aid basis requires the test."),
    "elig.difficulty_figures_needed": _("Figures are needed for the undertaking-in-difficulty test."),
    "elig.no_de_minimis_headroom": _("There is no de minimis headroom left under the %(ceiling)s ceiling."),
    "elig.core_sme": _("An SME (%(class)s) may be a core partner."),
    "elig.size_unknown": _("The SME status is unknown until financial figures are entered."),
    "elig.figures_needed": _(
        "Eligibility waits for the figures of %(names)s: without them the SME status cannot be decided."
    ),
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

TEXTS: dict[str, Text] = {**SIZE_TEXTS, **DIFFICULTY_TEXTS, **DE_MINIMIS_TEXTS, **ELIGIBILITY_TEXTS}

MARKET_BASIS_LABELS = {
    "declared": _("as declared on the holding"),
    "nace": _("by their NACE codes"),
    "assumed": _("assumed: a NACE code is missing"),
}

# The article each reason rests on, shown beside it on the verdict pages.
ARTICLES: dict[str, Promise] = {
    "size.no_figures": _("Rec. 2003/361 Annex Art. 4(1)"),
    "size.within_ceilings": _("Rec. 2003/361 Annex Art. 2"),
    "size.staff_too_high": _("Rec. 2003/361 Annex Art. 2(1), 5"),
    "size.both_financials_too_high": _("Rec. 2003/361 Annex Art. 2(1), 4(1)"),
    "size.two_year_rule": _("Rec. 2003/361 Annex Art. 4(2)"),
    "size.linked_added": _("Rec. 2003/361 Annex Art. 3(3), 6(2)"),
    "size.partner_added": _("Rec. 2003/361 Annex Art. 3(2), 6(2)-(3)"),
    "size.related_without_figures": _("Rec. 2003/361 Annex Art. 6"),
    "size.figures_needed": _("Rec. 2003/361 Annex Art. 6"),
    "size.estimate_used": _("Rec. 2003/361 Annex Art. 4(3)"),
    "size.estimate_not_attested": _("Rec. 2003/361 Annex Art. 4(3)"),
    "size.public_bodies": _("Rec. 2003/361 Annex Art. 3(4)"),
    "size.exempt_investor": _("Rec. 2003/361 Annex Art. 3(2), second subparagraph"),
    "size.linked_through_person": _("Rec. 2003/361 Annex Art. 3(3), fourth subparagraph"),
    "size.not_linked_other_market": _("Rec. 2003/361 Annex Art. 3(3), fourth subparagraph"),
    "size.joint_stake": _("Rec. 2003/361 Annex Art. 3(2)-(3)"),
    "size.control_without_majority": _("Rec. 2003/361 Annex Art. 3(3)(b)-(d)"),
    "size.ownership_changed": _("Rec. 2003/361 Annex Art. 3, 4(2)"),
    "oim.exempt_legal_form": _("GBER Art. 2(18)(a)-(b)"),
    "oim.young_sme": _("GBER Art. 2(18)(a)-(b)"),
    "oim.young_sme_group": _("GBER Art. 2(18)(a)-(b)"),
    "oim.no_figures": _("GBER Art. 2(18)"),
    "oim.last_accounts_used": _("GBER Art. 2(18)"),
    "oim.interim_used": _("GBER Art. 2(18)"),
    "oim.standalone_fails": _("GBER Art. 2(18)(a)-(b)"),
    "oim.standalone_passes": _("GBER Art. 2(18)(a)-(b)"),
    "oim.group_fails": _("GBER Art. 2(18)(a)-(b)"),
    "oim.group_passes": _("GBER Art. 2(18)(a)-(b)"),
    "oim.collective_insolvency": _("GBER Art. 2(18)(c)"),
    "oim.rescue_aid_outstanding": _("GBER Art. 2(18)(d)"),
    "oim.restructuring_aid_running": _("GBER Art. 2(18)(d)"),
    "oim.group_figures_needed": _("GBER Art. 2(18)(a)"),
    "oim.leverage_fails": _("GBER Art. 2(18)(e)"),
    "oim.leverage_passes": _("GBER Art. 2(18)(e)"),
    "oim.leverage_figures_needed": _("GBER Art. 2(18)(e)"),
    "oim.leverage_not_two_years": _("GBER Art. 2(18)(e)"),
    "oim.de_minimis_route": _("Reg. (EU) 2023/2831 Art. 1"),
    "deminimis.headroom": _("Reg. (EU) 2023/2831 Art. 3(2)"),
    "deminimis.headroom_state": _("Reg. (EU) 2023/2831 Art. 3(2)"),
    "deminimis.other_state": _("Reg. (EU) 2023/2831 Art. 3(2)"),
    "deminimis.merged_aid": _("Reg. (EU) 2023/2831 Art. 3(8)"),
    "deminimis.split_aid": _("Reg. (EU) 2023/2831 Art. 3(9)"),
    "deminimis.single_undertaking": _("Reg. (EU) 2023/2831 Art. 2(2)"),
    "deminimis.exhausted": _("Reg. (EU) 2023/2831 Art. 3(2)"),
    "elig.core_sme": _("Rec. 2003/361 Annex Art. 2"),
    "elig.size_unknown": _("Rec. 2003/361 Annex Art. 4"),
    "elig.figures_needed": _("Rec. 2003/361 Annex Art. 6"),
    "elig.in_difficulty": _("GBER Art. 1(4)(c), 2(18)"),
    "elig.difficulty_figures_needed": _("GBER Art. 1(4)(c), 2(18)"),
    "elig.country_outside": _("Interreg VI-A Vlaanderen-Nederland programme area"),
    "elig.no_establishment": _("Interreg VI-A Vlaanderen-Nederland programme area"),
    "elig.region_outside": _("Interreg VI-A Vlaanderen-Nederland programme area"),
    "elig.region_extended": _("Interreg VI-A Vlaanderen-Nederland programme area"),
    "elig.region_core": _("Interreg VI-A Vlaanderen-Nederland programme area"),
    "elig.knowledge_limited": _("CrossRoads call rules: consortium composition"),
    "elig.large_limited": _("CrossRoads call rules: consortium composition"),
    "elig.no_de_minimis_headroom": _("Reg. (EU) 2023/2831 Art. 3(2)"),
    "elig.not_sme_limited": _("Rec. 2003/361 Annex Art. 2"),
}


class Explained(str):
    """A reason's sentence (a plain string everywhere) that also knows the article it rests on: `.article`."""

    article: str

    def __new__(cls, text: str, article: str = "") -> Explained:
        explained = super().__new__(cls, text)
        explained.article = article
        return explained


def article(code: str) -> str:
    """The article behind a reason code, in the active language ("" when none is recorded)."""
    found = ARTICLES.get(code)
    return str(found) if found is not None else ""


_MONEY_KEYS = frozenset(
    {"turnover", "balance", "turnover_limit", "balance_limit", "equity", "capital", "threshold", "used", "ceiling"}
    | {"headroom"}
)
_COUNT_KEYS = frozenset({"count", "members", "years", "missing"})
_LABELS: dict[str, Mapping[str, Promise | str]] = {
    "class": SIZE_LABELS,
    "raw": SIZE_LABELS,
    "kept": SIZE_LABELS,
    "status": REGION_LABELS,
    "country": dict(Country.choices),
    "basis": MARKET_BASIS_LABELS,
    "state": dict(MemberState.choices),
    "granting_state": dict(MemberState.choices),
}


def _fmt_decimal(key: str, value: Decimal) -> str:
    if key in _MONEY_KEYS:
        return format_money(value)
    if key == "share":  # in percent (25.00)
        return format_percent(value)
    if key == "ratio":  # a fraction (0.5)
        return format_percent(value * 100)
    if key in {"leverage", "coverage"}:  # GBER Art. 2(18)(e): 7.5 and 1.0 as the regulation writes them
        return format_number(value, 1)
    return format_number(value)


def _region(code: str) -> str:
    """A NUTS3 region by its name and province, as people know it ('Arr. Antwerpen, Antwerpen'), not its code."""
    region = nuts3_table().get(code)
    return f"{region['name']}, {region['nuts2_name']}" if region else code


def _years(value: Any) -> str:
    """A list of years as a sentence reads it: '2025 and 2026', '2024, 2025 and 2026' ('2025 - 2026' too)."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(" - ") if part.strip()]
    years = [str(year) for year in value]
    if len(years) < 2:
        return "".join(years)
    return _("%(first)s and %(last)s") % {"first": ", ".join(years[:-1]), "last": years[-1]}


def _fmt_value(key: str, value: Any) -> str:
    """One parameter of a reason as the sentence quotes it: money, percentages, FTE, labels, regions, dates."""
    if value is None:
        return "–"
    if key == "years" and not isinstance(value, int):
        return _years(value)
    if isinstance(value, Decimal):
        return _fmt_decimal(key, value)
    if key in _LABELS:
        return str(_LABELS[key].get(value, value))
    if key == "nuts3" and isinstance(value, str):
        return _region(value)
    if key in _COUNT_KEYS and isinstance(value, int):
        return format_integer(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _fmt(params: dict[str, Any]) -> dict[str, str]:
    return {key: _fmt_value(key, value) for key, value in params.items()}


def describe(reason: Reason) -> str:
    """The reason as a sentence in the active language (with `.article`); an unknown code is shown as itself."""
    code = reason.code
    if code in VARIANTS and reason.params.get(VARIANTS[code][0]):
        code = VARIANTS[code][1]
    template = TEXTS.get(code)
    if template is None:
        return Explained(reason.code, article(reason.code))
    if isinstance(template, Counted):
        text = template.text(int(reason.params.get(template.key) or 0)) % _fmt(reason.params)
    else:
        text = str(template) % _fmt(reason.params)
    return Explained(text, article(code))
