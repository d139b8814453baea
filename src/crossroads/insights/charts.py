"""The dashboard's charts as data: each has a title, a description for screen readers, the columns of its table
(and of its CSV download) and its rows. The SVG bars are drawn by templates/insights/_chart.html from `bars`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from crossroads.core.formatting import format_integer, format_money, format_percent, format_share
from crossroads.programme.models import Programme

from .filters import InsightFilter
from .selectors import funnel as funnel_selectors
from .selectors import indicators as indicator_selectors
from .selectors import outcomes
from .selectors import targets as target_selectors

BAR_HEIGHT, BAR_GAP = 28, 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    text: str  # the value as people read it
    fraction: Decimal  # 0..1 of the longest bar (or of the target)

    @property
    def width(self) -> str:
        """Width in the SVG's percentage units, never below a hair so an empty bar still shows."""
        return str((self.fraction * 100).quantize(Decimal("0.1")))


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list[str]]  # the table's cells as displayed
    raw_rows: list[list[object]]  # the CSV's cells (plain numbers)
    bars: list[Bar] = field(default_factory=list)

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * (BAR_HEIGHT + BAR_GAP)

    @property
    def positioned(self) -> list[tuple[Bar, int, int]]:
        """Each bar with the y of its rectangle and of its text."""
        return [(bar, i * (BAR_HEIGHT + BAR_GAP), i * (BAR_HEIGHT + BAR_GAP) + 19) for i, bar in enumerate(self.bars)]


def _fraction(value: Decimal | int, top: Decimal | int) -> Decimal:
    if not top:
        return Decimal(0)
    return min(Decimal(value) / Decimal(top), Decimal(1))


def targets_chart(flt: InsightFilter, programme: Programme) -> Chart:
    t = target_selectors.targets(flt, programme)
    items = [
        (
            _("Projects"),
            Decimal(t.projects),
            format_integer(t.projects),
            Decimal(t.target_projects),
            format_integer(t.target_projects),
        ),
        (
            _("Companies"),
            Decimal(t.companies),
            format_integer(t.companies),
            Decimal(t.target_companies),
            format_integer(t.target_companies),
        ),
        (_("Grant committed"), t.committed, format_money(t.committed), t.grant_budget, format_money(t.grant_budget)),
        (_("Grant paid"), t.paid, format_money(t.paid), t.grant_budget, format_money(t.grant_budget)),
        (_("Total investment"), t.investment, format_money(t.investment), t.total_budget, format_money(t.total_budget)),
    ]
    rows, raw, bars = [], [], []
    for label, value, text, target, target_text in items:
        share = _fraction(value, target) if target else None
        shown = format_share(Decimal(value) / Decimal(target)) if target else "–"
        rows.append([label, text, target_text if target else "–", shown])
        raw.append([label, value, target if target else "", (Decimal(value) / Decimal(target)) if target else ""])
        bars.append(Bar(f"{label}: {text} / {target_text}", value, shown, share or Decimal(0)))
    rows.append([_("Grant remaining"), format_money(t.remaining), format_money(t.grant_budget), "–"])
    raw.append([_("Grant remaining"), t.remaining, t.grant_budget, ""])
    rows.append([_("Projects approved (grants made)"), format_integer(t.approved), "–", "–"])
    raw.append([_("Projects approved (grants made)"), t.approved, "", ""])
    return Chart(
        "targets",
        _("Targets and actuals"),
        _("Progress bars: each figure as a share of its target."),
        [_("Figure"), _("Actual"), _("Target"), _("Reached")],
        rows,
        raw,
        bars,
    )


def _signed_change(loss: int | None) -> str:
    """The steps are not nested (a company may apply without an introduction), so a step can also gain companies:
    "-175" lost (shown with a true minus sign), "+12" gained, "0"."""
    if loss is None:
        return "–"
    if loss == 0:
        return format_integer(0)
    return ("\u2212" if loss > 0 else "+") + format_integer(abs(loss))


def funnel_chart(flt: InsightFilter) -> Chart:
    f = funnel_selectors.funnel(flt)
    top = max((s.count for s in f.steps), default=0)
    rows, raw, bars = [], [], []
    for step in f.steps:
        rows.append([step.label, format_integer(step.count), _signed_change(step.loss)])
        raw.append([step.label, step.count, "" if step.loss is None else -step.loss])
        bars.append(Bar(step.label, Decimal(step.count), format_integer(step.count), _fraction(step.count, top)))
    return Chart(
        "funnel",
        _("Funnel"),
        _("Bars: how many companies reach each step, from registered to finished."),
        [_("Step"), _("Companies"), _("Change from the step before")],
        rows,
        raw,
        bars,
    )


def _distribution(key: str, title: str, description: str, first: str, items: list[outcomes.Row]) -> Chart:
    top = max((r.count for r in items), default=0)
    rows = [[r.label, format_integer(r.count), format_money(r.grant)] for r in items]
    raw = [[r.label, r.count, r.grant] for r in items]
    bars = [Bar(r.label, Decimal(r.count), format_integer(r.count), _fraction(r.count, top)) for r in items]
    return Chart(key, title, description, [first, _("Companies"), _("Grant")], rows, raw, bars)


def countries_chart(flt: InsightFilter) -> Chart:
    return _distribution(
        "countries",
        _("Country balance"),
        _("Bars: funded companies per country, with their grant in the table."),
        _("Country"),
        outcomes.country_balance(flt),
    )


def themes_chart(flt: InsightFilter) -> Chart:
    chart = _distribution(
        "themes",
        _("Funded projects by theme"),
        _("Bars: funded projects per theme; a project with two themes counts in both."),
        _("Theme"),
        outcomes.by_theme(flt),
    )
    chart.columns[1] = _("Projects")
    return chart


def provinces_chart(flt: InsightFilter) -> Chart:
    return _distribution(
        "provinces",
        _("Funded companies by province"),
        _("Bars: funded companies per province of their establishment."),
        _("Province"),
        outcomes.by_province(flt),
    )


def nuts3_chart(flt: InsightFilter) -> Chart:
    return _distribution(
        "nuts3",
        _("Funded companies by NUTS3 region"),
        _("Bars: funded companies per NUTS3 region of their establishment."),
        _("NUTS3 region"),
        outcomes.by_nuts3(flt),
    )


def sizes_chart(flt: InsightFilter, programme: Programme) -> Chart:
    return _distribution(
        "sizes",
        _("Funded companies by size class"),
        _("Bars: funded companies per size class (EU SME definition)."),
        _("Size class"),
        outcomes.by_size(flt, programme),
    )


def indicators_table(flt: InsightFilter, programme: Programme) -> Chart:
    items = indicator_selectors.indicators(flt, programme)
    rows: list[list[str]] = []
    raw: list[list[object]] = []
    for i in items:
        value = format_integer(i.value) if i.value == i.value.to_integral_value() else format_money(i.value)
        if i.source == indicator_selectors.NONE:
            value = "–"
        rows.append([i.name, value, i.source_label, i.definition, i.computation])
        raw.append(
            [
                i.name,
                "" if i.source == indicator_selectors.NONE else i.value,
                i.source_label,
                i.definition,
                i.computation,
            ]
        )
        for label, amount in i.breakdown:
            rows.append([f"{i.code} · {label}", format_integer(amount), i.source_label, "", ""])
            raw.append([f"{i.code} · {label}", amount, i.source_label, "", ""])
    return Chart(
        "indicators",
        _("Interreg indicators"),
        _("Each indicator with its value, its definition and how it is computed here."),
        [_("Indicator"), _("Value"), _("Source"), _("Definition"), _("How it is computed here")],
        rows,
        raw,
    )


def rates(flt: InsightFilter) -> dict[str, str]:
    d = outcomes.decisions(flt)
    return {
        "decided": format_integer(d.decided),
        "approved": format_integer(d.approved),
        "success_rate": format_percent(d.success_rate * 100, 1) if d.success_rate is not None else "–",
        "median_days": format_integer(d.median_days) if d.median_days is not None else "–",
    }


def funnel_groups(flt: InsightFilter, dimension: str) -> Chart:
    grouped = funnel_selectors.DIMENSIONS[dimension](flt)
    labels = [str(funnel_selectors.STEP_LABELS[k]) for k in funnel_selectors.STEPS]
    rows = [[f.label, *(format_integer(s.count) for s in f.steps)] for f in grouped.funnels]
    raw = [[f.label, *(s.count for s in f.steps)] for f in grouped.funnels]
    first = {"agency": _("Partner organisation"), "province": _("Province"), "theme": _("Theme")}[dimension]
    return Chart(
        f"funnel_{dimension}",
        _("Funnel by %(dimension)s") % {"dimension": first.lower()},
        _("The funnel's steps per group, in a table."),
        [first, *labels],
        rows,
        raw,
    )


CHARTS: dict[str, Callable[[InsightFilter, Programme], Chart]] = {
    "targets": targets_chart,
    "funnel": lambda flt, _p: funnel_chart(flt),
    "countries": lambda flt, _p: countries_chart(flt),
    "themes": lambda flt, _p: themes_chart(flt),
    "provinces": lambda flt, _p: provinces_chart(flt),
    "nuts3": lambda flt, _p: nuts3_chart(flt),
    "sizes": sizes_chart,
    "indicators": indicators_table,
    "funnel_agency": lambda flt, _p: funnel_groups(flt, "agency"),
    "funnel_province": lambda flt, _p: funnel_groups(flt, "province"),
    "funnel_theme": lambda flt, _p: funnel_groups(flt, "theme"),
}
BAR_CHARTS = ("funnel", "countries", "themes", "provinces", "nuts3", "sizes")
