"""Pages of the follow-up: the progress report of a period (the lead writes it, everyone who sees the agreement
reads it, the secretariat reviews it) and the overdue list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.applications.display import indicator_rows
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..forms.reports import ReportForm, ReviewForm
from ..models import ProgressReport, ReportingPeriod
from ..permissions import can_review_report, can_view_agreement, can_write_report
from ..selectors.claims import member_of, period_claims
from ..selectors.overdue import overdue_csv, overdue_filters, overdue_rows
from ..services import reports as services

OVERDUE_PER_PAGE = 50

__all__ = ["urlpatterns"]


def period_for(request: HttpRequest, pk: int) -> ReportingPeriod:
    """The period, if the user may see its agreement; otherwise it does not exist for them."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("agreement__grant__application"), pk=pk)
    if not can_view_agreement(signed_in(request), period.agreement).allowed:
        raise Http404
    return period


def _page(
    request: HttpRequest, period: ReportingPeriod, form: ReportForm | None = None, **extra: object
) -> HttpResponse:
    user = signed_in(request)
    report = ProgressReport.objects.filter(period=period).first() or ProgressReport(period=period)
    work_packages = services.work_packages(period)
    can_write = can_write_report(user, period.agreement).allowed and report.status in services.EDITABLE
    if can_write and form is None:
        form = ReportForm(report=report, work_packages=work_packages)
    review_form = extra.pop("review_form", None)
    if review_form is None and report.status == "submitted" and can_review_report(user).allowed:
        review_form = ReviewForm()
    done = report.work_done or {}
    context = {
        "period": period,
        "agreement": period.agreement,
        "report": report,
        "form": form if can_write else None,
        "review_form": review_form,
        "work_rows": [(wp, done.get(str(wp.number), "")) for wp in work_packages],
        "indicators": indicator_rows(report.indicator_values or {}),
        "claims": period_claims(period),
        "mine": member_of(user, period),
        **extra,
    }
    return render(
        request, "grants/reports/report.html", context, status=400 if form is not None and form.errors else 200
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request, pk)
    if request.method != "POST":
        return _page(request, period)
    user = signed_in(request)
    permission = can_write_report(user, period.agreement)
    if not permission.allowed:
        return forbidden(request, permission.reason)
    current = ProgressReport.objects.filter(period=period).first() or ProgressReport(period=period)
    form = ReportForm(request.POST, report=current, work_packages=services.work_packages(period))
    if not form.is_valid():
        return _page(request, period, form)
    submit = request.POST.get("action") == "submit"
    service = services.report_submit if submit else services.report_save
    version = form.cleaned_data.get("version")
    done = call_service(form, lambda: service(actor=user, period=period, data=form.values(), version=version))
    if done is None:
        return _page(request, period, form)
    messages.success(request, _("Report submitted.") if submit else _("Draft saved."))
    return redirect(reverse("grants:report", args=[period.pk]))


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request, pk)
    user = signed_in(request)
    permission = can_review_report(user)
    if not permission.allowed:
        return forbidden(request, permission.reason)
    form = ReviewForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        comment = form.cleaned_data["comment"]
        done = call_service(
            form, lambda: services.report_review(actor=user, period=period, accept=accept, comment=comment)
        )
        if done is not None:
            messages.success(request, _("Report accepted.") if accept else _("Report returned to the lead partner."))
            return redirect(reverse("grants:report", args=[period.pk]))
    return _page(request, period, review_form=form)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not (user.is_programme_staff or user.is_adviser):
        return forbidden(request, _("The overdue list is for the secretariat and the advisers."))
    filters = overdue_filters(request.GET)
    rows = overdue_rows(user, kind=filters["kind"], q=filters["q"])
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="overdue.csv"'
        overdue_csv(response, rows)
        return response
    # Hundreds of rows at programme scale: one page at a time; the downloads hold them all.
    page = Paginator(rows, OVERDUE_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    context = {"rows": list(page), "page": page, "query": query, "total": len(rows), "filters": filters}
    return render(request, "grants/reports/overdue.html", context)


urlpatterns = [
    path("periods/<int:pk>/report/", report, name="report"),
    path("periods/<int:pk>/report/review/", report_review, name="report_review"),
    path("overdue/", overdue, name="overdue"),
]
