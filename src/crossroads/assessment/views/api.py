"""JSON API (v1) of the assessment: the same permission checks as the pages. A conflicted assessor gets 403 for
the application and never sees its title in a list."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from crossroads.accounts.models import Role
from crossroads.programme.models import Call

from ..models import Assignment
from ..permissions import can_manage_assessment, can_open_application
from ..selectors import assignments_of
from ..services.ranking import entries_json, ranking_preview


def _refuse(request: HttpRequest, *, role: str | None = None) -> JsonResponse | None:
    # The API only reads: a POST, PUT or DELETE must not be answered as if it were a GET.
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"error": _("Only GET is allowed here.")}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log in to use the assessment API.")}, status=401)
    if role and request.user.role != role:
        return JsonResponse({"error": _("This is not available for your role.")}, status=403)
    return None


def assignments(request: HttpRequest) -> JsonResponse:
    refused = _refuse(request, role=Role.ASSESSOR)
    if refused:
        return refused
    items = []
    for a in assignments_of(request.user):
        opened = bool(can_open_application(request.user, a))
        items.append(
            {
                "id": a.pk,
                "call": a.application.call.code,
                "status": a.status,
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "application": {"id": a.application_id, "title": a.application.title} if opened else None,
            }
        )
    return JsonResponse({"assignments": items})


def assignment_application(request: HttpRequest, assignment_id: int) -> JsonResponse:
    refused = _refuse(request, role=Role.ASSESSOR)
    if refused:
        return refused
    assignment = (
        Assignment.objects.filter(pk=assignment_id, assessor=request.user).select_related("application").first()
    )
    if assignment is None:
        return JsonResponse({"error": "not found"}, status=404)
    opened = can_open_application(request.user, assignment)
    if not opened:
        return JsonResponse({"error": str(opened.reason)}, status=403)
    application = assignment.application
    return JsonResponse(
        {
            "id": application.pk,
            "title": application.title,
            "acronym": application.acronym,
            "sections": application.sections,
            "partners": [p.company.legal_name for p in application.partners.select_related("company") if p.company],
            "scores": {
                s.criterion.code: [str(s.score), s.justification] for s in assignment.scores.select_related("criterion")
            },
        }
    )


def ranking(request: HttpRequest, call_id: int) -> JsonResponse:
    refused = _refuse(request)
    if refused:
        return refused
    allowed = can_manage_assessment(request.user)
    if not allowed:
        return JsonResponse({"error": str(allowed.reason)}, status=403)
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        return JsonResponse({"error": "not found"}, status=404)
    result = ranking_preview(call)  # a refusal (AssessmentError) is answered {"error": ...} 409 by the middleware
    return JsonResponse(
        {
            "call": call.code,
            "budget": str(result.budget),
            "allocated": str(result.allocated),
            "remaining": str(result.remaining),
            "policy": result.policy,
            "funding_line": result.funding_line,
            "entries": entries_json(result),
        }
    )
