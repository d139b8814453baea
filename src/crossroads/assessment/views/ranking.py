"""Secretariat: ranking with what-if, meeting mode, freezing, decisions and objections."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.formatting import format_brussels, format_money, format_number
from crossroads.core.views_support import call_service
from crossroads.programme.models import Call

from ..compliance import current_override, unmet_rules
from ..errors import AssessmentError
from ..forms import DecisionForm, ObjectionResolveForm, WhatIfForm
from ..models import Decision, Objection, ObjectionStatus, Outcome, Ranking
from ..rules import ranking as rules
from ..rules.ranking import funding_line_moves
from ..selectors import (
    applications_by_id,
    current_ranking,
    decision_rows,
    has_decisions,
    letter_languages,
    overrides_of,
    ranking_rows,
    ranking_status_label,
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


@secretariat_only
def decisions_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    ranking = current_ranking(call)
    if ranking is None:
        messages.error(request, _("Freeze the ranking first: decisions follow the frozen ranking."))
        return redirect("assessment:ranking", call.pk)
    posted_for = request.POST.get("application") if request.method == "POST" else None
    for _entry, application, decision in decision_rows(ranking) if posted_for else []:
        if posted_for != str(application.pk) or (decision is not None and decision.reopened_at is None):
            continue
        form = DecisionForm(request.POST, prefix=f"a{application.pk}")
        if form.is_valid():
            recorded = call_service(
                form,
                lambda application=application, form=form: decision_services.decision_record(
                    actor=request.user, application=application, **form.cleaned_data
                ),
            )
            if recorded is not None:
                messages.success(request, _("Decision recorded; the letter is sent to all partners."))
                return redirect("assessment:decisions", call.pk)
        return _decisions_page(request, call, ranking, decision_form=(application.pk, form), status=400)
    return _decisions_page(request, call, ranking, status=400 if posted_for else 200)


def _decisions_page(
    request: HttpRequest,
    call: Call,
    ranking: Ranking,
    *,
    decision_form: tuple[int, DecisionForm] | None = None,
    objection_form: tuple[int, ObjectionResolveForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Each entry of the frozen ranking: its decision, or the form to take it (again, after an upheld objection);
    each objection received with the form to resolve it. A bound form (with its errors) replaces the empty one."""
    rows = []
    decision_list = decision_rows(ranking)
    overrides = overrides_of([application.pk for _entry, application, _decision in decision_list])
    open_ones = [a for _e, a, d in decision_list if d is None or d.reopened_at is not None]
    languages = letter_languages(open_ones)
    for entry, application, decision in decision_list:
        form = None
        if decision is None or decision.reopened_at is not None:
            initial = {
                "outcome": SUGGESTED.get(entry.status, Outcome.REJECT),
                "language": languages[application.pk],
            }
            form = DecisionForm(initial=initial, prefix=f"a{application.pk}")
            if decision_form is not None and decision_form[0] == application.pk:
                form = decision_form[1]
        objections = []
        for objection in decision.objections.all() if decision is not None else []:
            resolve = None
            if objection.status == ObjectionStatus.RECEIVED:
                resolve = ObjectionResolveForm(prefix=f"o{objection.pk}")
                if objection_form is not None and objection_form[0] == objection.pk:
                    resolve = objection_form[1]
            objections.append((objection, resolve))
        rows.append(
            {
                "entry": entry,
                "application": application,
                "decision": decision,
                "form": form,
                "objections": objections,
                "override": overrides.get(application.pk),
                "status_label": ranking_status_label(entry.status),
                "cells": {  # formatted once here: about 200 rows at programme scale
                    "weighted": format_number(entry.weighted_score),
                    "requested": format_money(entry.requested),
                    "granted": format_money(entry.granted),
                    "decided_at": format_brussels(decision.decided_at) if decision is not None else "",
                },
            }
        )
    return render(request, "assessment/decisions.html", {"call": call, "ranking": ranking, "rows": rows}, status=status)


@require_POST
@secretariat_only
def objection_resolve_view(request: HttpRequest, objection_id: int) -> HttpResponse:
    """Uphold or dismiss an objection: a reason and a confirmation are required; the applicant is mailed both."""
    objection = get_object_or_404(
        Objection.objects.select_related("decision__application__call", "decision__ranking"), pk=objection_id
    )
    call = objection.decision.application.call
    form = ObjectionResolveForm(request.POST, prefix=f"o{objection.pk}")
    if form.is_valid():
        resolved = call_service(
            form,
            lambda: decision_services.objection_resolve(
                actor=request.user,
                objection=objection,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                confirmed=form.cleaned_data["confirm"],
            ),
        )
        if resolved is not None:
            if resolved.status == ObjectionStatus.UPHELD:
                messages.success(
                    request,
                    _("Objection upheld; the applicant is informed. Take the new decision on the application below."),
                )
            else:
                messages.success(request, _("Objection dismissed; the applicant is informed."))
            return redirect("assessment:decisions", call.pk)
    ranking = current_ranking(call) or objection.decision.ranking
    return _decisions_page(request, call, ranking, objection_form=(objection.pk, form), status=400)


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
