"""Pages of the follow-up: results. Coaching contacts per project and per adviser, the closure indicators, the
follow-up survey.

Who sees the coaching: the advisers of the project's regions and the secretariat see every contact with its topic
and notes; the partners (and finance) see how many contacts there were and when, not what the adviser wrote."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core import clock
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..forms.results import CoachingForm, IndicatorsForm, SurveyForm
from ..models import Agreement, CoachingContact, FollowUpSurvey
from ..permissions import can_act_for, can_log_coaching, can_record_indicators, can_view_agreement
from ..selectors.results import (
    coaching_by,
    coaching_of,
    coaching_summary,
    indicator_rows,
    indicator_totals,
    survey_opens_on,
    surveys_of,
)
from ..services.results import INDICATOR_STATES, coaching_delete, coaching_log, indicators_record, survey_answer


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("grant__application"), pk=pk)
    if not can_view_agreement(request.user, agreement):
        raise Http404  # an agreement that is not yours does not exist for you
    return agreement


@login_required
def coaching(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    may_log = can_log_coaching(request.user, agreement)
    if request.method == "POST" and not may_log:
        return forbidden(request, may_log.reason)
    form = CoachingForm(request.POST or None, agreement=agreement, initial={"happened_on": clock.today_brussels()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        logged = call_service(
            form,
            lambda: coaching_log(
                actor=request.user,  # type: ignore[arg-type]
                agreement=agreement,
                company_id=form.company_id(),
                happened_on=data["happened_on"],
                channel=data["channel"],
                topic=data["topic"],
                notes=data["notes"],
            ),
        )
        if logged is not None:
            messages.success(request, _("The coaching contact was logged."))
            return redirect("grants:coaching", agreement.pk)
    context = {
        "agreement": agreement,
        "may_log": bool(may_log),
        "form": form if may_log else None,
        "contacts": coaching_of(agreement) if may_log else None,
        "summary": coaching_summary(agreement),
    }
    return render(request, "grants/results/coaching.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def coaching_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(CoachingContact.objects.select_related("agreement"), pk=pk)
    agreement = _agreement(request, contact.agreement_id)
    if contact.adviser_id != request.user.pk:
        return forbidden(request, _("You can delete only the contacts you logged yourself."))
    coaching_delete(actor=request.user, contact=contact)
    messages.success(request, _("The coaching contact was deleted."))
    return redirect("grants:coaching", agreement.pk)


@login_required
def my_coaching(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_adviser or user.is_programme_staff):  # type: ignore[union-attr]
        return forbidden(request, _("Only advisers and the secretariat log coaching contacts."))
    return render(request, "grants/results/my_coaching.html", {"contacts": coaching_by(user)})


@login_required
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    permission = can_record_indicators(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    rows = indicator_rows(agreement)
    form = IndicatorsForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form,
            lambda: indicators_record(actor=request.user, agreement=agreement, values=form.values()),  # type: ignore[arg-type]
        )
        if changed is not None:
            messages.success(request, _("The closure indicators were recorded."))
            return redirect("grants:indicators", agreement.pk)
    context = {
        "agreement": agreement,
        "form": form,
        "open": agreement.status in INDICATOR_STATES,
        "totals": indicator_totals(agreement),
        "surveys": surveys_of(agreement),
    }
    return render(request, "grants/results/indicators.html", context, status=400 if request.method == "POST" else 200)


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        FollowUpSurvey.objects.select_related("agreement_partner__company", "agreement_partner__agreement"), pk=pk
    )
    agreement = _agreement(request, item.agreement_partner.agreement_id)
    permission = can_act_for(request.user, item.agreement_partner)
    if not permission:
        return forbidden(
            request,
            _("Only the members of %(company)s answer this question.") % {"company": item.agreement_partner.company},
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and item.answered_at is None and form.is_valid():
        data = form.cleaned_data
        answered = call_service(
            form,
            lambda: survey_answer(
                actor=request.user,  # type: ignore[arg-type]
                survey=item,
                still_cooperating=data["still_cooperating"],
                notes=data["notes"],
            ),
        )
        if answered is not None:
            messages.success(request, _("Thank you: your answer was recorded."))
            return redirect("grants:survey", item.pk)
    context = {
        "agreement": agreement,
        "survey": item,
        "form": form,
        "opens_on": survey_opens_on(item),
        "is_open": clock.today_brussels() >= survey_opens_on(item),
    }
    return render(request, "grants/results/survey.html", context, status=400 if request.method == "POST" else 200)


urlpatterns: list[URLPattern] = [
    path("agreements/<int:pk>/coaching/", coaching, name="coaching"),
    path("coaching/<int:pk>/delete/", coaching_remove, name="coaching_delete"),
    path("coaching/mine/", my_coaching, name="my_coaching"),
    path("agreements/<int:pk>/indicators/", indicators, name="indicators"),
    path("surveys/<int:pk>/", survey, name="survey"),
]
