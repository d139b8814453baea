"""Secretariat: the decisions on a frozen ranking. The list is the worklist (what is still to decide, the objections
to resolve, what was decided); each decision is taken on its own page, beside the facts it rests on."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.applications.models import Application
from crossroads.core.formatting import format_brussels, format_date, format_money, format_number
from crossroads.core.views_support import call_service
from crossroads.programme.models import Call

from ..errors import AssessmentError
from ..forms import DecisionForm, ObjectionResolveForm
from ..models import AssessmentOverride, Decision, Objection, ObjectionStatus, Outcome, Ranking
from ..rules import ranking as rules
from ..rules.frozen import FrozenEntry
from ..selectors import (
    current_ranking,
    decision_row,
    decision_rows,
    letter_language,
    objections_of,
    overrides_of,
    ranking_status_label,
)
from ..services import decisions as decision_services
from .common import call_or_404, secretariat_only

SUGGESTED = {rules.FUNDED: Outcome.APPROVE, rules.REDUCED: Outcome.APPROVE, rules.RESERVE: Outcome.RESERVE}


def _frozen_or_redirect(request: HttpRequest, call: Call) -> Ranking | HttpResponse:
    ranking = current_ranking(call)
    if ranking is None:
        messages.error(request, _("Freeze the ranking first: decisions follow the frozen ranking."))
        return redirect("assessment:ranking", call.pk)
    return ranking


@secretariat_only
def decisions_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = call_or_404(call_id)
    ranking = _frozen_or_redirect(request, call)
    if isinstance(ranking, HttpResponse):
        return ranking
    return _decisions_page(request, call, ranking)


def _decisions_page(
    request: HttpRequest,
    call: Call,
    ranking: Ranking,
    *,
    objection_form: tuple[int, ObjectionResolveForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Each entry of the frozen ranking in one of three groups: still to decide (a row with a link to its decision
    page), decided with an objection (each received one with the form to resolve it), decided. A call has about
    200 entries at programme scale: rows with their cells formatted here, not a form or a section each. A bound
    objection form (with its errors) replaces the empty one."""
    rows = []
    decision_list = decision_rows(ranking)
    overrides = overrides_of([application.pk for _entry, application, _decision in decision_list])
    objections_by_decision = objections_of([d for _e, _a, d in decision_list if d is not None])
    for entry, application, decision in decision_list:
        objections = []
        for objection in objections_by_decision.get(decision.pk, []) if decision is not None else []:
            resolve = None
            if objection.status == ObjectionStatus.RECEIVED:
                resolve = ObjectionResolveForm(prefix=f"o{objection.pk}")
                if objection_form is not None and objection_form[0] == objection.pk:
                    resolve = objection_form[1]
            objections.append((objection, resolve))
        rows.append(_row(call, entry, application, decision, objections, overrides.get(application.pk)))
    context = {
        "call": call,
        "ranking": ranking,
        "rows": rows,
        "open_rows": [row for row in rows if row["open"]],
        "objection_rows": [row for row in rows if not row["open"] and row["objections"]],
        "decided_rows": [row for row in rows if not row["open"] and not row["objections"]],
    }
    return render(request, "assessment/decisions.html", context, status=status)


def _row(
    call: Call,
    entry: FrozenEntry,
    application: Application,
    decision: Decision | None,
    objections: list[tuple[Objection, ObjectionResolveForm | None]],
    override: AssessmentOverride | None,
) -> dict[str, Any]:
    """One entry of the frozen ranking as the list and the decision page show it."""
    return {
        "entry": entry,
        "application": application,
        "decision": decision,
        "open": decision is None or decision.reopened_at is not None,
        "objections": objections,
        "override": override,
        "status_label": ranking_status_label(entry.status),
        "cells": _decision_cells(call, entry, application.pk, decision),
    }


def _decision_cells(call: Call, entry: FrozenEntry, application_id: int, decision: Decision | None) -> dict[str, str]:
    """What a row shows, formatted once (numbers, money and dates through core.formatting)."""
    cells = {
        "weighted": format_number(entry.weighted_score),
        "requested": format_money(entry.requested),
        "granted": format_money(entry.granted),
        "suggested": str(SUGGESTED.get(entry.status, Outcome.REJECT).label),
        "decided_at": "",
        "reopened_on": format_date(decision.reopened_at) if decision is not None and decision.reopened_at else "",
    }
    if decision is None or decision.reopened_at is not None:  # still to decide: the link to its page
        cells["take_url"] = reverse("assessment:decision_take", args=[call.pk, application_id])
    if decision is None:
        return cells
    grant = getattr(decision, "grant", None) if decision.approved else None  # an approval may not have one yet
    renounced_at = grant.renounced_at if grant is not None else None
    cells.update(
        {
            "decided_at": format_brussels(decision.decided_at),
            "outcome": decision.get_outcome_display(),
            "amount": format_money(decision.granted) if decision.approved else "",
            "given_up": _("given up on %(date)s") % {"date": format_date(renounced_at)} if renounced_at else "",
            "detail_url": reverse("assessment:decision_detail", args=[decision.pk]),
            "renounce_url": (
                reverse("assessment:grant_renounce", args=[decision.pk])
                if grant is not None and renounced_at is None
                else ""
            ),
        }
    )
    return cells


@secretariat_only
def decision_take_view(request: HttpRequest, call_id: int, application_id: int) -> HttpResponse:
    """One application of the frozen ranking: what it rests on (rank, scores, money, a set-aside rule, objections)
    and the form to record its decision; the letter goes to every partner. An application decided already (and not
    reopened by an upheld objection) shows its decision instead of a form, and a post to it is refused."""
    call = call_or_404(call_id)
    ranking = _frozen_or_redirect(request, call)
    if isinstance(ranking, HttpResponse):
        return ranking
    found = decision_row(ranking, application_id)
    if found is None:
        raise Http404
    entry, application, decision = found
    is_open = decision is None or decision.reopened_at is not None
    status = 200
    form = None
    if is_open:
        initial = {"outcome": SUGGESTED.get(entry.status, Outcome.REJECT), "language": letter_language(application)}
        form = DecisionForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                recorded = call_service(
                    form,
                    lambda: decision_services.decision_record(
                        actor=signed_in(request), application=application, **form.cleaned_data
                    ),
                )
                if recorded is not None:
                    messages.success(request, _("Decision recorded; the letter is sent to all partners."))
                    return redirect("assessment:decisions", call.pk)
            status = 400
    elif request.method == "POST":
        messages.error(request, _("This application has its decision already."))
        status = 400
    objections = objections_of([decision]).get(decision.pk, []) if decision is not None else []
    override = overrides_of([application.pk]).get(application.pk)
    row = _row(call, entry, application, decision, [(objection, None) for objection in objections], override)
    context = {"call": call, "ranking": ranking, "row": row, "form": form}
    return render(request, "assessment/decision_take.html", context, status=status)


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
                actor=signed_in(request),
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
        promoted = decision_services.grant_renounce(actor=signed_in(request), grant=grant)
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
