"""Secretariat: the assessor proposal of a call, adjustments, invitations; consolidation and consensus."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.models import Role, User
from crossroads.applications.models import Application
from crossroads.core.permissions import is_id
from crossroads.core.views_support import call_service
from crossroads.programme.models import Call

from ..compliance import assessment_shortfalls, current_override
from ..errors import AssessmentError
from ..forms import DueDateForm, OverrideForm
from ..models import Assignment, AssignmentStatus
from ..selectors import all_submitted, assessable_applications, assessor_pool, consolidation
from ..services import assignment as services
from ..services.overrides import assessment_override_record
from ..services.scoring import ScoreErrors, assignment_reopen, consensus_record
from .common import call_or_404, posted_scores, secretariat_only, submitted_or_404


def _posted_id(request: HttpRequest, name: str) -> str:
    """A posted id, or 404: a malformed one ("abc") must not reach the database as a lookup (500)."""
    value = request.POST.get(name, "")
    if not is_id(value):
        raise Http404
    return value


def _board(request: HttpRequest, call: Call, due_form: DueDateForm, *, status: int = 200) -> HttpResponse:
    applications = list(assessable_applications(call))
    by_application = {a.pk: [] for a in applications}
    for assignment in Assignment.objects.filter(application__in=applications).select_related(
        "assessor__assessor_profile"
    ):
        by_application[assignment.application_id].append(assignment)
    pool = list(assessor_pool())
    loads = {p.user_id: 0 for p in pool}
    for items in by_application.values():
        for a in items:
            if a.status in services.ACTIVE and a.assessor_id in loads:
                loads[a.assessor_id] += 1
    return render(
        request,
        "assessment/assignment_board.html",
        {
            "call": call,
            "rows": [(a, by_application[a.pk]) for a in applications],
            "pool": [(p, loads[p.user_id]) for p in pool],
            "problems": services.assignment_check(call) if applications else [],
            "due_form": due_form,
        },
        status=status,
    )


@secretariat_only
def assignment_board(request: HttpRequest, call_id: int) -> HttpResponse:
    return _board(request, call_or_404(call_id), DueDateForm())


@require_POST
@secretariat_only
def assignment_action(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    action = request.POST.get("action")
    try:
        if action == "propose":
            count = services.assignment_propose(actor=request.user, call=call)
            messages.success(request, _("Proposal made: %(count)s assessor places.") % {"count": count})
        elif action == "add":
            application = get_object_or_404(assessable_applications(call), pk=_posted_id(request, "application"))
            assessor = get_object_or_404(User, pk=_posted_id(request, "assessor"), role=Role.ASSESSOR)
            services.assignment_add(actor=request.user, application=application, assessor=assessor)
            messages.success(request, _("Assessor added."))
        elif action == "cancel":
            assignment = get_object_or_404(Assignment, pk=_posted_id(request, "assignment"), application__call=call)
            services.assignment_cancel(actor=request.user, assignment=assignment)
            messages.success(request, _("Assignment cancelled."))
        elif action == "invite":
            form = DueDateForm(request.POST)
            if not form.is_valid():
                # The board again with the message at the field and the typed date kept (not a redirect).
                return _board(request, call, form, status=400)
            try:
                count = services.assignment_invite(
                    actor=request.user, call=call, due_date=form.cleaned_data["due_date"]
                )
            except AssessmentError as error:
                form.add_error(None, str(error))
                return _board(request, call, form, status=400)
            messages.success(request, _("%(count)s assessor(s) invited.") % {"count": count})
        else:
            messages.error(request, _("Unknown action."))
    except AssessmentError as error:
        messages.error(request, str(error))
    return redirect("assessment:assignment", call.pk)


@secretariat_only
def consolidation_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = submitted_or_404(application_id)
    errors: dict[str, str] = {}
    if request.method == "POST" and request.POST.get("action") == "reopen":
        assignment = get_object_or_404(Assignment, pk=_posted_id(request, "assignment"), application=application)
        try:
            assignment_reopen(actor=request.user, assignment=assignment)
            messages.success(request, _("The scores were given back to the assessor."))
        except AssessmentError as error:
            messages.error(request, str(error))
        return redirect("assessment:consolidation", application.pk)
    if request.method == "POST":
        values = posted_scores(request, application.call.criteria.all(), "rationale")
        try:
            consensus_record(actor=request.user, application=application, values=values)
        except ScoreErrors as error:
            errors = error.errors
            messages.error(request, str(error))
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Consensus saved."))
            return redirect("assessment:consolidation", application.pk)
    return _consolidation_page(request, application, errors=errors, status=400 if errors else 200)


def _consolidation_page(
    request: HttpRequest,
    application: Application,
    *,
    errors: dict[str, str] | None = None,
    override_form: OverrideForm | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    ready = all_submitted(application)
    data = consolidation(application) if ready else {"rows": [], "assessors": []}
    posted = request.method == "POST" and request.POST.get("action") != "override"
    for row in data["rows"]:
        code = row["criterion"].code
        row["error"] = errors.get(code)
        row["posted_score"] = request.POST.get(f"score-{code}") if posted else None
        row["posted_rationale"] = request.POST.get(f"rationale-{code}") if posted else None
    assignments = Assignment.objects.filter(
        application=application, status__in=(AssignmentStatus.INVITED, AssignmentStatus.SUBMITTED)
    ).select_related("assessor__assessor_profile")
    return render(
        request,
        "assessment/consolidation.html",
        {
            "application": application,
            "ready": ready,
            "data": data,
            "assignments": assignments,
            "shortfalls": assessment_shortfalls(application),
            "override": current_override(application),
            "override_form": override_form or OverrideForm(),
        },
        status=status,
    )


@require_POST
@secretariat_only
def override_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """The secretariat records why an application goes on although its assessment does not meet the call's rules."""
    application = submitted_or_404(str(application_id))
    actor = request.user
    assert isinstance(actor, User)  # secretariat_only: logged in
    form = OverrideForm(request.POST)
    if form.is_valid():
        recorded = call_service(
            form,
            lambda: assessment_override_record(
                actor=actor, application=application, reason=form.cleaned_data["reason"]
            ),
        )
        if recorded is not None:
            messages.success(request, _("Override recorded with its reason; it is shown in the meeting view."))
            return redirect("assessment:consolidation", application.pk)
    return _consolidation_page(request, application, override_form=form, status=400)
