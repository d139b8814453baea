"""Downloads (CSV, XLSX) of a call's lists for the secretariat: the submitted applications, the submitted scores,
the frozen ranking. Anyone else gets the same 403 as on the pages these lists belong to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from crossroads.core.exports import export_format, export_response

from ..exports import (
    CALL_APPLICATION_COLUMNS,
    RANKING_COLUMNS,
    SCORE_COLUMNS,
    call_application_rows,
    call_score_rows,
    frozen_ranking_rows,
)
from ..selectors import current_ranking
from .common import call_or_404, secretariat_only


@secretariat_only
def call_applications_export(request: HttpRequest, call_id: int, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    call = call_or_404(call_id)
    return export_response(
        fmt,
        filename=f"applications-{call.code}",
        columns=CALL_APPLICATION_COLUMNS,
        rows=call_application_rows(call),
        title=_("Applications"),
    )


@secretariat_only
def call_scores_export(request: HttpRequest, call_id: int, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    call = call_or_404(call_id)
    return export_response(
        fmt, filename=f"scores-{call.code}", columns=SCORE_COLUMNS, rows=call_score_rows(call), title=_("Scores")
    )


@secretariat_only
def frozen_ranking_export(request: HttpRequest, call_id: int, fmt: str) -> HttpResponse:
    fmt = export_format(fmt)
    call = call_or_404(call_id)
    ranking = current_ranking(call)
    if ranking is None:
        raise Http404  # nothing frozen yet: the ranking page says so
    return export_response(
        fmt,
        filename=f"ranking-{call.code}",
        columns=RANKING_COLUMNS,
        rows=frozen_ranking_rows(ranking),
        title=_("Ranking"),
    )
