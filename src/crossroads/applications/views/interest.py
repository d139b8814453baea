"""A joint application started from an accepted expression of interest (the button on the matching page posts here):
with one open call it is made at once; with several, this page asks which call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossroads.accounts.requests import signed_in
from crossroads.core.views_support import call_service
from crossroads.matching.models import ExpressionOfInterest, InterestStatus
from crossroads.programme.models import Call

from .. import services
from ..forms import InterestStartForm
from ..permissions import can_start_from_interest


def _page(
    request: HttpRequest, interest: ExpressionOfInterest, form: InterestStartForm, calls: list[Call], status: int
) -> HttpResponse:
    mine = set(signed_in(request).memberships.values_list("company_id", flat=True))
    other = interest.target_company if interest.sender_company_id in mine else interest.sender_company
    return render(
        request,
        "applications/start_from_interest.html",
        {
            "interest": interest,
            "other": other,
            "form": form,
            "calls": calls,
            "accepted": interest.status == InterestStatus.ACCEPTED,
        },
        status=status,
    )


@login_required
def start_from_interest(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page to choose the call. POST: start the application (at once when one call is open)."""
    interest = get_object_or_404(ExpressionOfInterest.objects.select_related("sender_company", "target_company"), pk=pk)
    if not can_start_from_interest(request.user, interest):
        raise Http404  # another company's interest: its existence is not revealed
    calls = services.open_calls()
    mine = set(signed_in(request).memberships.values_list("company_id", flat=True))
    other = interest.target_company if interest.sender_company_id in mine else interest.sender_company
    if request.method != "POST":
        return _page(request, interest, InterestStartForm(calls=calls), calls, 200)
    posted = request.POST.copy()
    if not posted.get("call"):
        if len(calls) > 1:  # the choice is asked, nothing is wrong yet
            return _page(request, interest, InterestStartForm(calls=calls), calls, 200)
        if calls:
            posted["call"] = calls[0].code
    form = InterestStartForm(posted, calls=calls)
    if not calls:
        form.is_valid()
        form.add_error(None, _("No call is open at the moment; you can start the application when one opens."))
        return _page(request, interest, form, calls, 400)
    if form.is_valid():
        call = next(c for c in calls if c.code == form.cleaned_data["call"])
        application = call_service(
            form,
            lambda: services.application_start_from_interest(
                actor=signed_in(request), interest_id=interest.pk, call=call, title=form.cleaned_data["title"]
            ),
        )
        if application is not None:
            messages.success(
                request,
                _("The joint application is started; %(company)s is invited as a partner.")
                % {"company": other.legal_name},
            )
            return redirect("applications:detail", pk=application.pk)
    return _page(request, interest, form, calls, 400)
