"""Privacy pages: the public notice, a person's own data download and erasure, and the secretariat's list of
erasure requests. Thin: check permission, call one service or selector, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.accounts.models import PartnerOrganisation
from crossroads.accounts.requests import signed_in
from crossroads.core import clock
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Programme
from crossroads.programme.selectors import current_programme

from . import services
from .forms import ErasureForm
from .models import ErasureRequest, ErasureStatus
from .permissions import can_manage_erasures
from .selectors import erasure_blockers, erasure_requests_overview, pending_erasure_request


def notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice: public, its periods read from the programme's settings."""
    try:
        programme = current_programme()
    except Programme.DoesNotExist:
        programme = None  # a fresh installation still shows the notice, with the periods marked as not set
    return render(
        request,
        "privacy/notice.html",
        {
            "programme": programme,
            "agencies": PartnerOrganisation.objects.order_by("name"),
            "profile_months": settings.PROFILE_VALIDITY_MONTHS,
        },
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponseBase:
    """GET explains what the download holds; POST makes it (a POST, because it writes an audit event)."""
    if request.method == "POST":
        person = signed_in(request)
        filename, archive = services.personal_data_export(actor=person, user=person)
        return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")
    return render(request, "privacy/my_data.html")


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    blockers = erasure_blockers(user, now=clock.now())
    pending = pending_erasure_request(user)
    form = ErasureForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        if blockers:
            services.erasure_request_file(actor=user, user=user, blockers=blockers)
            messages.info(request, _("Your request has been passed on to the programme secretariat."))
            return redirect("privacy:erase")
        # Not left to the error middleware: the page is shown again with every reason listed, as on a GET.
        try:
            services.account_erase(actor=user, user=user)
        except services.PrivacyError as error:  # something changed since the page was shown
            blockers = error.reasons
        else:
            logout(request)
            return redirect("privacy:erased")
    return render(request, "privacy/erase.html", {"form": form, "blockers": blockers, "pending": pending})


def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/erased.html")


@login_required
def requests_list(request: HttpRequest) -> HttpResponse:
    permission = can_manage_erasures(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    rows = erasure_requests_overview(now=clock.now())
    return render(request, "privacy/requests.html", {"rows": rows})


@login_required
@require_POST
def request_carry_out(request: HttpRequest, pk: str) -> HttpResponse:
    permission = can_manage_erasures(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    number = parse_int_id(pk)
    if number is None:
        raise Http404
    item = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=number, status=ErasureStatus.PENDING)
    # Not left to the error middleware: each reason is its own message, and the list is shown again (the POST-only
    # URL of this button is no page to go back to).
    try:
        services.account_erase(actor=signed_in(request), user=item.user, request=item)
    except services.PrivacyError as error:
        for reason in error.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("The account has been erased."))
    return redirect("privacy:requests")
