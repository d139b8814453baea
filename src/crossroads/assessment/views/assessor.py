"""Assessors: their assignments, the declaration before anything is shown, the application and the score form,
their expertise profile, and an export of their own open assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossroads.accounts.models import Role
from crossroads.applications.models import SECTION_LABELS
from crossroads.applications.selectors import application_facts
from crossroads.core.formatting import format_date
from crossroads.core.spreadsheets import csv_writer
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..conflicts import conflicts_of
from ..errors import AssessmentError
from ..forms import AssessorProfileForm, DeclarationForm
from ..models import AssessorProfile, Assignment
from ..permissions import can_declare, can_open_application, can_score
from ..selectors import assignments_of
from ..services.assignment import conflict_declare
from ..services.scoring import ScoreErrors, scores_save
from .common import posted_scores


def _assessor_only(request: HttpRequest) -> HttpResponse | None:
    if request.user.role != Role.ASSESSOR:
        return forbidden(request, _("This page is for assessors."))
    return None


@login_required
def my_assignments(request: HttpRequest) -> HttpResponse:
    refused = _assessor_only(request)
    if refused:
        return refused
    rows = [(a, bool(can_open_application(request.user, a))) for a in assignments_of(request.user)]
    return render(request, "assessment/my_assignments.html", {"rows": rows})


@login_required
def my_assignments_export(request: HttpRequest) -> HttpResponse:
    """CSV of the assessor's own assignments; an application the assessor may not open shows no title."""
    refused = _assessor_only(request)
    if refused:
        return refused
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assignments.csv"'
    writer = csv_writer(response, delimiter=";")
    writer.writerow([_("Reference"), _("Call"), _("Application"), _("Status"), _("Due date")])
    for a in assignments_of(request.user):
        title = a.application.title if can_open_application(request.user, a) else ""
        due = format_date(a.due_date) if a.due_date else ""
        writer.writerow([a.pk, a.application.call.name, title, a.get_status_display(), due])
    return response


def _own_assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    # Someone else's assignment does not exist for this user: 404, not 403, so ids cannot be probed.
    return get_object_or_404(
        Assignment.objects.select_related("application__call", "application__lead_company"),
        pk=assignment_id,
        assessor=request.user,
    )


@login_required
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    refused = _assessor_only(request)
    if refused:
        return refused
    assignment = _own_assignment(request, assignment_id)
    application = assignment.application
    if conflicts_of(request.user, application):
        # A detected conflict: not even the declaration page (it shows the title and the partners).
        return forbidden(request, _("You have a conflict of interest with this application."))
    if can_declare(request.user, assignment):
        return _declaration(request, assignment)
    opened = can_open_application(request.user, assignment)
    if not opened:
        return forbidden(request, opened.reason)
    criteria = list(application.call.criteria.order_by("order"))
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = posted_scores(request, criteria, "justification")
        submit = request.POST.get("action") == "submit"
        try:
            scores_save(actor=request.user, assignment=assignment, values=values, submit=submit)
        except ScoreErrors as error:
            errors = error.errors
            messages.error(request, str(error))
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Scores submitted. Thank you.") if submit else _("Draft saved."))
            return redirect("assessment:assignment_detail", assignment.pk)
    saved = {s.criterion_id: s for s in assignment.scores.all()}
    rows = []
    for c in criteria:
        posted = request.method == "POST"
        rows.append(
            {
                "criterion": c,
                "score": request.POST.get(f"score-{c.code}")
                if posted
                else (saved[c.pk].score if c.pk in saved else ""),
                "justification": request.POST.get(f"justification-{c.code}")
                if posted
                else (saved[c.pk].justification if c.pk in saved else ""),
                "error": errors.get(c.code),
            }
        )
    _facts, allocation, partners = application_facts(application)
    sections = [
        (SECTION_LABELS.get(code, code), application.sections.get(code, "")) for code in application.required_sections
    ]
    return render(
        request,
        "assessment/assignment_detail.html",
        {
            "assignment": assignment,
            "application": application,
            "sections": sections,
            "partners": partners,
            "allocation": allocation,
            "rows": rows,
            "can_edit": bool(can_score(request.user, assignment)),
        },
        status=400 if errors else 200,
    )


def _declaration(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Only the title and the partners' names are shown: enough to know whether there is a conflict."""
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        declared = call_service(
            form,
            lambda: conflict_declare(
                actor=request.user,
                assignment=assignment,
                has_conflict=form.cleaned_data["has_conflict"],
                explanation=form.cleaned_data["explanation"],
            ),
        )
        if declared is not None:
            if form.cleaned_data["has_conflict"]:
                messages.success(request, _("Thank you. You will not assess this application."))
                return redirect("assessment:my_assignments")
            return redirect("assessment:assignment_detail", assignment.pk)
    partners = [p.company for p in assignment.application.partners.select_related("company") if p.company]
    return render(
        request,
        "assessment/declaration.html",
        {"assignment": assignment, "partners": partners, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def assessor_profile(request: HttpRequest) -> HttpResponse:
    refused = _assessor_only(request)
    if refused:
        return refused
    profile = AssessorProfile.objects.filter(user=request.user).first() or AssessorProfile(user=request.user)
    form = AssessorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your expertise profile is saved."))
        return redirect("assessment:my_assignments")
    return render(
        request, "assessment/assessor_profile.html", {"form": form}, status=400 if request.method == "POST" else 200
    )
