"""Content-Security-Policy on every response: the pages load scripts, styles and images from this site only.

The templates have no inline scripts, event handlers or style attributes (allauth's QR code is an <img> with a
data: URI, its JSON blocks are `type="application/json"`, which browsers do not execute); keep it that way.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_POLICY))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that sets its own (stricter) policy keeps it.
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response


# What a browser sends for a form: anything else posted to a page would bind no form and come back blank.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormBodyMiddleware:
    """Pages take their POSTs as forms; a JSON or text body to a page gets 415 with a message, not a blank form.

    The views bind `Form(request.POST or None)`: a body the form parser cannot read leaves request.POST empty and
    the page would re-render as if nothing had been sent, without a word. The JSON API under /api/ answers for
    itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH") and not request.path.startswith("/api/"):
            content_type = request.content_type or ""
            has_body = int(request.META.get("CONTENT_LENGTH") or 0) > 0
            if has_body and content_type not in FORM_CONTENT_TYPES:
                from django.shortcuts import render

                return render(request, "core/unsupported_form.html", status=415)
        return self.get_response(request)


class ServiceErrorMiddleware:
    """Turns a `ServiceError` a view let through into the right response (`core.errors.service_error_response`),
    so views do not repeat try/except around every service call."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from .errors import ServiceError, service_error_response

        if isinstance(exception, ServiceError):
            return service_error_response(request, exception)
        return None
