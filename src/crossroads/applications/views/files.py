"""Attachments (upload with the size limit enforced while the body is read; download never sniffed) and the
submissions' PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.core.views import forbidden

from .. import services
from ..files import ALLOWED, SizeLimitUploadHandler, max_upload_bytes, safe_name
from ..forms import AttachmentForm
from ..models import Attachment
from .common import application_for, application_page, closed


@csrf_exempt
@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The size limit is enforced while the body is read: the handler has to be in place before anything reads
    request.POST, the CSRF check included, so the check runs in the inner view."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, max_upload_bytes()))
    return _attachment_upload(request, pk)


@csrf_protect
def _attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for(request, pk)
    mine = application.partners.filter(company__memberships__user=signed_in(request)).first()
    if mine is None:
        return forbidden(request, _("Only partners add attachments."))
    if response := closed(request, application, attachments=True):
        return response
    form = AttachmentForm(request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False))
    if form.is_valid():
        checked = form.cleaned_data["checked"]
        try:
            services.attachment_add(
                actor=signed_in(request),
                application=application,
                partner=mine,
                kind=form.cleaned_data["kind"],
                name=checked.name,
                content=checked.content,
                content_type=checked.content_type,
            )
        except services.ApplicationError as exc:  # the refusal belongs at the file
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Attachment added."))
            return redirect(reverse("applications:detail", args=[pk]) + "#attachments")
    return application_page(request, application, attachment_form=form, status=400)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """Always a download, under the extension and type detected at upload (never text/html), never sniffed."""
    application = application_for(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    content_type = attachment.content_type if attachment.content_type in ALLOWED else "application/octet-stream"
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=safe_name(attachment.original_name, ALLOWED.get(content_type, ".bin")),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def submission_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    application = application_for(request, pk)
    submission = get_object_or_404(application.submissions, number=number)
    if not submission.pdf:
        raise Http404
    return FileResponse(
        submission.pdf.open("rb"),
        as_attachment=True,
        filename=f"aanvraag-{application.pk}-{number}.pdf",
        content_type="application/pdf",
    )
