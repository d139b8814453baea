"""The dashboard, its CSV downloads and the yearly report as a PDF. Read-only: no service is called."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.spreadsheets import csv_writer
from crossroads.core.views import forbidden
from crossroads.programme.selectors import current_programme

from . import charts
from .filters import InsightFilterForm
from .permissions import can_view_insights
from .report import report_pdf, valid_year

GROUPS = ("agency", "province", "theme")


def _form(request: HttpRequest) -> InsightFilterForm:
    """The filter form from the query string. An adviser's first visit is filtered on their own agency; a
    submitted form (even with the agency cleared) is taken as it is."""
    data = request.GET.copy()
    user = signed_in(request)
    if "submitted" not in data and not data.get("agency") and user.is_adviser and user.agency_id:
        agency = user.agency
        assert agency is not None  # agency_id is set
        data["agency"] = agency.code
    return InsightFilterForm(data)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    permission = can_view_insights(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    form = _form(request)
    flt = form.to_filter()
    programme = current_programme()
    group = request.GET.get("group", "agency")
    if group not in GROUPS:
        group = "agency"
    bar_charts = [charts.CHARTS[key](flt, programme) for key in charts.BAR_CHARTS]
    context = {
        "form": form,
        "query": cast(QueryDict, form.data).urlencode() if form.is_valid() else "",
        "targets": charts.targets_chart(flt, programme),
        "bar_charts": bar_charts,
        "indicators": charts.indicators_table(flt, programme),
        "rates": charts.rates(flt),
        "groups": charts.funnel_groups(flt, group),
        "group": group,
        "group_choices": [("agency", _("partner organisation")), ("province", _("province")), ("theme", _("theme"))],
        "years": range(programme.start_date.year, programme.end_date.year + 1),
        "programme": programme,
    }
    return render(request, "insights/dashboard.html", context)


@login_required
def chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    permission = can_view_insights(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    if chart not in charts.CHARTS:
        raise Http404
    form = _form(request)
    data = charts.CHARTS[chart](form.to_filter(), current_programme())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="crossroads-{chart}.csv"'
    writer = csv_writer(response)
    writer.writerow(data.columns)
    for row in data.raw_rows:
        writer.writerow(row)
    return response


@login_required
def report(request: HttpRequest, year: int) -> HttpResponse:
    permission = can_view_insights(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    programme = current_programme()
    if not valid_year(programme, year):
        raise Http404
    language = request.GET.get("lang", "")
    if language not in ("nl", "en"):
        language = request.LANGUAGE_CODE or "nl"
    response = HttpResponse(report_pdf(programme, year, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="crossroads-report-{year}-{language}.pdf"'
    return response
