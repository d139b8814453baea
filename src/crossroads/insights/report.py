"""The yearly programme report as a PDF (WeasyPrint, offline, in Dutch or English): the figures of the calendar
year against the targets, the funnel, the distributions with their charts (SVG) and the Interreg indicators."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils.translation import override

from crossroads.core import clock
from crossroads.programme.models import Programme

from . import charts
from .filters import InsightFilter


def valid_year(programme: Programme, year: int) -> bool:
    """A report exists for each calendar year the programme runs."""
    return programme.start_date.year <= year <= programme.end_date.year


def report_html(programme: Programme, year: int, *, language: str) -> str:
    flt = InsightFilter(date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))
    with override(language):
        return render_to_string(
            "insights/report.html",
            {
                "programme": programme,
                "year": year,
                "language": language,
                "targets": charts.targets_chart(flt, programme),
                "bar_charts": [charts.CHARTS[key](flt, programme) for key in charts.BAR_CHARTS],
                "indicators": charts.indicators_table(flt, programme),
                "rates": charts.rates(flt),
                "today": clock.today_brussels(),
            },
        )


def report_pdf(programme: Programme, year: int, *, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(programme, year, language=language)).write_pdf()
