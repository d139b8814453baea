"""Error pages: the JSON API answers errors in JSON, pages in the site's own layout and the user's language.

Django's defaults are bare English pages; an API client would get HTML for a mistyped id (the URL resolver never
reaches the API's own error handling). Nothing here shows internals: no paths, no exception text.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class ServiceError(Exception):
    """A step a service refuses, with a message for the user (already translated when raised inside a request or
    under `translation.override`). `field` names the form field the message belongs to, if any.

    Views do not catch it themselves: `ServiceErrorMiddleware` turns it into the right answer (see
    `service_error_response`), and `core.views_support.call_service` puts it on a form."""

    def __init__(self, message: object = "", *, field: str | None = None, status: int = 409) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.status = status

    def __str__(self) -> str:
        return self.message


def service_error_response(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """The one place a refused step becomes a response: JSON for the API, otherwise the message shown on the page
    the user came from (a redirect back, so a reload does not post again), or an error page without a referrer."""
    from django.contrib import messages
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if _is_api(request):
        return JsonResponse({"error": str(error)}, status=error.status)
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = request.path if request.method == "POST" else ""
    if back:
        messages.error(request, str(error))
        return HttpResponseRedirect(back)
    return _page(request, error.status, _("This step is not possible"), str(error))


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    return _page(request, 400, _("The request could not be read"), _("Go back and try again."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": _("You do not have access to this.")}, status=403)
    return _page(request, 403, _("You cannot do this"), _("Your account does not give access to this page."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": _("Not found.")}, status=404)
    return _page(
        request, 404, _("Page not found"), _("This page does not exist, or it is not available to your account.")
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # No template context processors and no database: whatever failed may fail again while rendering.
    if _is_api(request):
        return JsonResponse({"error": _("Something went wrong on our side. Try again later.")}, status=500)
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
