"""Secretariat: the ranking and every score of a call as an XLSX workbook, for the committee's papers. Only the
secretariat can download it; assessors export only their own assignments (views/assessor.py)."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from crossroads.applications.models import Application
from crossroads.core.spreadsheets import append_row

from ..errors import AssessmentError
from ..labels import ranking_status_label
from ..models import ConsensusScore, Score
from ..services.ranking import ranking_preview
from .common import call_or_404, secretariat_only

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@secretariat_only
def ranking_export(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    criteria = list(call.criteria.order_by("order"))
    try:
        result = ranking_preview(call)
    except AssessmentError as error:
        return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
    applications = Application.objects.in_bulk([int(e.id) for e in result.entries])
    consensus: dict[int, dict[str, object]] = {}
    for c in ConsensusScore.objects.filter(application__call=call).select_related("criterion"):
        consensus.setdefault(c.application_id, {})[c.criterion.code] = float(c.score)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ranking")[:31]
    append_row(
        sheet,
        [
            _("Rank"),
            _("Application"),
            *[str(c.name) for c in criteria],
            _("Weighted"),
            _("Requested"),
            _("Granted"),
            _("Status"),
        ],
    )
    for entry in result.entries:
        scores = consensus.get(int(entry.id), {})
        append_row(
            sheet,
            [
                entry.rank,
                applications[int(entry.id)].title,
                *[scores.get(c.code) for c in criteria],
                float(entry.weighted_score) if entry.weighted_score is not None else None,
                float(entry.requested),
                float(entry.granted),
                ranking_status_label(entry.status),
            ],
        )
    detail = book.create_sheet(_("Scores")[:31])
    append_row(detail, [_("Application"), _("Assessor"), _("Criterion"), _("Score"), _("Justification")])
    scores = Score.objects.filter(assignment__application__call=call, assignment__status="submitted").select_related(
        "assignment__application", "assignment__assessor", "criterion"
    )
    for s in scores.order_by("assignment__application_id", "assignment__assessor__email", "criterion__order"):
        append_row(
            detail,
            [
                s.assignment.application.title,
                s.assignment.assessor.email,
                str(s.criterion.name),
                float(s.score),
                s.justification,
            ],
        )
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ranking-{call.code}.xlsx"'
    return response
