from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.companies.models import Company
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from . import services
from .forms import InterestForm, IntroductionReplyForm
from .models import CooperationProfile, ExpressionOfInterest, Introduction, ProfileStatus
from .permissions import can_answer_interest, can_answer_introduction, can_see_identity, member_company_ids
from .selectors import interest_rows, introduction_rows, redactor, resolve_key, shown_by_matching

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def _target(user: User, key: str) -> tuple[Company, CooperationProfile | None]:
    """A published profile (by its public key), or a company that the matching shows to others (in the area,
    eligible)."""
    resolved = resolve_key(user, key)
    if resolved is None:
        raise Http404
    _index_key, company, profile = resolved
    if profile is not None:
        if profile.status != ProfileStatus.PUBLISHED:
            raise Http404
        return company, profile
    if not shown_by_matching(company):
        raise Http404
    return company, None


@login_required
def interest_create(request: HttpRequest, key: str) -> HttpResponse:
    companies = list(Company.objects.filter(pk__in=member_company_ids(request.user)))
    if not companies:
        return forbidden(request, _("Register your company first: interest is expressed company to company."))
    target, profile = _target(request.user, key)
    visible = can_see_identity(request.user, target, profile)
    form = InterestForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        sender = next(c for c in companies if str(c.pk) == form.cleaned_data["sender"])
        sent = call_service(
            form,
            lambda: services.interest_send(
                actor=request.user, sender=sender, target=target, profile=profile, message=form.cleaned_data["message"]
            ),
        )
        if sent is not None:
            messages.success(request, _("Your expression of interest has been sent."))
            return redirect("matching:interests")
    return render(
        request,
        "matching/interest_form.html",
        {
            "form": form,
            "profile": profile,
            "profile_title": (
                (profile.display_title if visible else redactor(target)(profile.display_title)) if profile else ""
            ),
            "target_name": target.legal_name if visible else None,
        },
    )


@login_required
def interests(request: HttpRequest) -> HttpResponse:
    received, sent = interest_rows(request.user)
    return render(
        request,
        "matching/interests.html",
        {"received": received, "sent": sent, "introductions": introduction_rows(request.user)},
    )


@login_required
def introduction_answer(request: HttpRequest, pk: str) -> HttpResponse:
    """A member of an introduced company answers for it: interested or not, with an optional note and telephone
    number. Anyone else gets "not found": an introduction is nobody else's business."""
    introduction = get_object_or_404(Introduction, pk=parse_int_id(pk) or 0)
    if not can_answer_introduction(request.user, introduction):
        raise Http404
    row = next((r for r in introduction_rows(request.user) if r.introduction.pk == introduction.pk and r.waiting), None)
    if row is None:
        messages.info(request, _("Your company has already answered this introduction."))
        return redirect(reverse("matching:interests") + "#introductions")
    form = IntroductionReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answered = call_service(
            form,
            lambda: services.introduction_reply(
                actor=signed_in(request),
                introduction=introduction,
                company=row.company,
                interested=form.interested,
                note=form.cleaned_data["note"],
                phone=form.cleaned_data["phone"],
            ),
        )
        if answered is not None:
            messages.success(
                request,
                _("Thank you: your adviser has your answer. You receive the contact details when both are interested.")
                if form.interested
                else _("Thank you: your adviser has your answer."),
            )
            return redirect(reverse("matching:interests") + "#introductions")
    return render(request, "matching/introduction_answer.html", {"form": form, "row": row})


@login_required
@require_POST
def interest_answer(request: HttpRequest, pk: str) -> HttpResponse:
    interest = get_object_or_404(ExpressionOfInterest, pk=parse_int_id(pk) or 0)
    permission = can_answer_interest(request.user, interest)
    if not permission:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    try:
        services.interest_answer(actor=request.user, interest=interest, accept=accept)
    except services.InterestError as exc:  # back to the list (the middleware would go back to the referrer)
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Accepted: you now see each other's details.") if accept else _("Declined."))
    return redirect("matching:interests")
