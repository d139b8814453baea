"""Secretariat: ranking with what-if, meeting mode, freezing, decisions and objections."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..compliance import current_override, unmet_rules
from ..errors import AssessmentError
from ..forms import WhatIfForm
from ..rules.ranking import funding_line_moves
from ..selectors import (
    applications_by_id,
    current_ranking,
    has_decisions,
    ranking_rows,
)
from ..services.ranking import ranking_freeze, ranking_preview, ranking_unfreeze
from .common import call_or_404, secretariat_only


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
            "rows": ranking_rows(call, result, full=False) if result else [],
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
    rows = ranking_rows(call, result)
    for row in rows:  # the committee sees where the call's assessment rules were set aside, and why
        row["override"] = current_override(row["application"])
        row["unmet"] = [] if row["override"] else unmet_rules(row["application"])
    return render(
        request,
        "assessment/meeting.html",
        {"call": call, "result": result, "rows": rows, "criteria": list(call.criteria.all())},
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
