"""Applicants: the decision on their application, its letter, and an objection until the deadline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.views_support import call_service

from ..forms import ObjectionForm
from ..models import ConsensusScore, Decision
from ..permissions import can_view_decision
from ..services.decisions import objection_lodge


def _decision(request: HttpRequest, decision_id: int) -> tuple[Decision, HttpResponse | None]:
    decision = get_object_or_404(Decision.objects.select_related("application__call"), pk=decision_id)
    if not can_view_decision(request.user, decision):
        # Like the application itself: a decision that is not yours does not exist for you.
        raise Http404
    return decision, None


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision, refused = _decision(request, decision_id)
    if refused:
        return refused
    open_for_objection = decision.objection_open(clock.now())
    is_partner = decision.application.partners.filter(company__memberships__user=request.user).exists()
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lodged = call_service(
            form, lambda: objection_lodge(actor=request.user, decision=decision, grounds=form.cleaned_data["grounds"])
        )
        if lodged is not None:
            messages.success(request, _("Your objection was registered. The secretariat will answer it."))
            return redirect("assessment:decision_detail", decision.pk)
    consensus = ConsensusScore.objects.filter(application=decision.application).select_related("criterion")
    return render(
        request,
        "assessment/decision_detail.html",
        {
            "decision": decision,
            "scores": sorted(consensus, key=lambda c: c.criterion.order),
            "form": form,
            "can_object": open_for_objection and is_partner,
            "objection_open": open_for_objection,
            "objections": decision.objections.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def decision_letter(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision, refused = _decision(request, decision_id)
    if refused:
        return refused
    if not decision.letter:
        raise Http404(_("The letter is being prepared; try again in a minute."))
    return FileResponse(
        decision.letter.open("rb"), content_type="application/pdf", filename=f"decision-{decision.application_id}.pdf"
    )
