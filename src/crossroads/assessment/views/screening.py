"""Secretariat: the screening of a call's submitted applications."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crossroads.applications.check_text import describe_check
from crossroads.applications.selectors import application_checks, application_checks_many

from ..errors import AssessmentError
from ..forms import IneligibleForm, RequestItemsForm
from ..models import Screening
from ..selectors import submitted_applications
from ..services import screening as services
from .common import call_or_404, secretariat_only, submitted_or_404


@secretariat_only
def call_overview(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    rows = []
    # A call draws hundreds of applications: 25 a page (with the total), the checks of the page's applications
    # computed together.
    page = Paginator(submitted_applications(call).select_related("call__programme"), 25).get_page(
        request.GET.get("page")
    )
    applications = list(page)
    checks_of = application_checks_many(applications)  # one bulk computation: queries do not grow with the rows
    for application in applications:
        checks = checks_of[application.pk]
        screening = getattr(application, "screening", None)  # select_related by the selector; None when unscreened
        rows.append(
            {
                "application": application,
                "errors": sum(1 for m in checks if m.severity == "error"),
                "warnings": sum(1 for m in checks if m.severity == "warning"),
                "screening": screening,
            }
        )
    return render(request, "assessment/call_overview.html", {"call": call, "rows": rows, "page": page, "query": ""})


@secretariat_only
def screening_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = submitted_or_404(application_id)
    screening, _created = Screening.objects.get_or_create(application=application)
    items_form = RequestItemsForm(request.POST if request.POST.get("action") == "incomplete" else None)
    ineligible_form = IneligibleForm(request.POST if request.POST.get("action") == "ineligible" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "complete":
                services.screening_mark_complete(actor=request.user, application=application)
            elif action == "eligible":
                services.screening_mark_eligible(actor=request.user, application=application)
            elif action == "incomplete" and items_form.is_valid():
                services.screening_request_items(
                    actor=request.user,
                    application=application,
                    items=items_form.cleaned_data["items"],
                    deadline=items_form.cleaned_data["deadline"],
                )
            elif action == "ineligible" and ineligible_form.is_valid():
                services.screening_mark_ineligible(
                    actor=request.user, application=application, reason=ineligible_form.cleaned_data["reason"]
                )
            elif action in ("incomplete", "ineligible"):
                # The form shows its own errors at the fields; the summary points there.
                raise AssessmentError(_("Check the fields marked below."))
            else:
                raise AssessmentError(_("Choose one of the screening verdicts."))
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Screening saved; the applicants were informed where needed."))
            return redirect("assessment:screening", application.pk)
    checks = [(m, describe_check(m)) for m in application_checks(application)]
    return render(
        request,
        "assessment/screening_detail.html",
        {
            "application": application,
            "screening": screening,
            "checks": checks,
            "items_form": items_form,
            "ineligible_form": ineligible_form,
        },
        status=400 if request.method == "POST" else 200,
    )
