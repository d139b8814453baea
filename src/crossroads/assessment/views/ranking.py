"""Secretariat: ranking with what-if, meeting mode, freezing, decisions and objections."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.views_support import call_service

from ..errors import AssessmentError
from ..forms import DecisionForm, WhatIfForm
from ..models import Decision, Objection, ObjectionStatus, Outcome
from ..rules import ranking as rules
from ..rules.ranking import funding_line_moves
from ..selectors import (
    applications_by_id,
    current_ranking,
    decision_rows,
    has_decisions,
    letter_language,
    ranking_rows,
)
from ..services import decisions as decision_services
from ..services.ranking import ranking_freeze, ranking_preview, ranking_unfreeze
from .common import call_or_404, secretariat_only

SUGGESTED = {rules.FUNDED: Outcome.APPROVE, rules.REDUCED: Outcome.APPROVE, rules.RESERVE: Outcome.RESERVE}


@secretariat_only
def ranking_view(request: HttpRequest, call_id: int) -> HttpResponse:
    """The ranking under the call's rules; with what-if numbers, the ranking they give and what moved."""
    call = call_or_404(call_id)
    form = WhatIfForm(request.GET or None, criteria=list(call.criteria.order_by("order")))
    what_if, moves, base = {}, [], None
    try:
        base = ranking_preview(call)
        result = base
        if request.GET and form.is_valid():
            what_if = form.what_if()
            if what_if:
                result = ranking_preview(call, **what_if)
                moves = funding_line_moves(base, result)
    except AssessmentError as error:  # the page still shows the form, with the reason above it
        messages.error(request, str(error))
        result = None
    applications = applications_by_id([m[0] for m in moves])
    frozen = current_ranking(call)
    return render(
        request,
        "assessment/ranking.html",
        {
            "call": call,
            "form": form,
            "result": result,
            "rows": ranking_rows(call, result) if result else [],
            "criteria": list(call.criteria.all()),
            "what_if": what_if,
            "moves": [(applications[int(a)], old, new) for a, old, new in moves],
            "frozen": frozen,
            "frozen_with_decisions": has_decisions(frozen),
        },
        status=400 if request.GET and form.errors else 200,
    )


@secretariat_only
def meeting_view(request: HttpRequest, call_id: int) -> HttpResponse:
    """Meeting mode: the ranking list with every application's consensus scores on one screen."""
    call = call_or_404(call_id)
    try:
        result = ranking_preview(call)
    except AssessmentError as error:  # back to the ranking page, which shows why
        messages.error(request, str(error))
        return redirect("assessment:ranking", call.pk)
    return render(
        request,
        "assessment/meeting.html",
        {"call": call, "result": result, "rows": ranking_rows(call, result), "criteria": list(call.criteria.all())},
    )


@require_POST
@secretariat_only
def ranking_freeze_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    try:
        ranking_freeze(actor=request.user, call=call)
    except AssessmentError as error:  # the ranking page, not the page the button was on
        messages.error(request, str(error))
        return redirect("assessment:ranking", call.pk)
    messages.success(request, _("The ranking is frozen. Decisions can now be taken."))
    return redirect("assessment:decisions", call.pk)


@require_POST
@secretariat_only
def ranking_unfreeze_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    try:
        ranking_unfreeze(actor=request.user, call=call)
    except AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The ranking is no longer frozen."))
    return redirect("assessment:ranking", call.pk)


@secretariat_only
def decisions_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    ranking = current_ranking(call)
    if ranking is None:
        messages.error(request, _("Freeze the ranking first: decisions follow the frozen ranking."))
        return redirect("assessment:ranking", call.pk)
    posted_for = request.POST.get("application") if request.method == "POST" else None
    rows = []
    for entry, application, decision in decision_rows(ranking):
        bound = posted_for == str(application.pk)
        initial = {"outcome": SUGGESTED.get(entry.status, Outcome.REJECT), "language": letter_language(application)}
        form = DecisionForm(request.POST if bound else None, initial=initial, prefix=f"a{application.pk}")
        if bound and form.is_valid():
            recorded = call_service(
                form,
                lambda application=application, form=form: decision_services.decision_record(
                    actor=request.user, application=application, **form.cleaned_data
                ),
            )
            if recorded is not None:
                messages.success(request, _("Decision recorded; the letter is sent to all partners."))
                return redirect("assessment:decisions", call.pk)
        rows.append({"entry": entry, "application": application, "decision": decision, "form": form})
    return render(
        request,
        "assessment/decisions.html",
        {"call": call, "ranking": ranking, "rows": rows},
        status=400 if posted_for else 200,
    )


@require_POST
@secretariat_only
def objection_resolve_view(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("decision__application"), pk=objection_id)
    status = request.POST.get("status")
    try:
        if status not in (ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED):
            raise AssessmentError(_("Choose upheld or dismissed."))
        decision_services.objection_resolve(actor=request.user, objection=objection, status=status)
    except AssessmentError as error:  # the decisions page of the call, wherever the form was
        messages.error(request, str(error))
    else:
        messages.success(request, _("Objection updated."))
    return redirect("assessment:decisions", objection.decision.application.call_id)


@require_POST
@secretariat_only
def grant_renounce_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("application"), pk=decision_id)
    grant = getattr(decision, "grant", None)
    try:
        if grant is None:
            raise AssessmentError(_("This decision has no grant."))
        promoted = decision_services.grant_renounce(actor=request.user, grant=grant)
    except AssessmentError as error:
        messages.error(request, str(error))
    else:
        if promoted:
            messages.success(
                request,
                _("Grant given up; %(title)s moved up from the reserve list.") % {"title": promoted.application},
            )
        else:
            messages.success(request, _("Grant given up; no reserve application fits the money freed."))
    return redirect("assessment:decisions", decision.application.call_id)
