from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crossroads.core.formatting import format_integer
from crossroads.core.spreadsheets import csv_writer
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from .forms import ImportUploadForm
from .importer import COLUMN_LABELS, COLUMNS, ImportNotAllowed, import_commit, import_prepare, labelled_errors
from .models import Country, ImportBatch
from .permissions import can_import_companies


def _batch_for(request: HttpRequest, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.created_by_id != request.user.pk:
        raise Http404
    return batch


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    permission = can_import_companies(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = call_service(form, lambda: import_prepare(actor=request.user, name=upload.name, content=upload.read()))
        if batch is not None:
            return redirect("companies:import_preview", pk=batch.pk)
    return render(request, "companies/import_upload.html", {"form": form, "columns": _columns()})


def _columns() -> list[tuple[str, str]]:
    """The file's headers with what each holds, in the user's language."""
    return [(column, str(COLUMN_LABELS[column])) for column in COLUMNS]


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    permission = can_import_companies(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="crossroads-companies-template.csv"'
    writer = csv_writer(response)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "Voorbeeld Sensoren BV",
            "BV",
            "BE",
            "0403.019.261",
            "BE0403019261",
            "sme",
            "2015-04-01",
            "",
            "Sensoren voor warmtenetten",
            "Kaai 1",
            "2000",
            "Antwerpen",
            "26.51",
            "2024",
            "12,5",
            "1.800.000,00",
            "950.000,00",
            "400.000,00",
            "100.000,00",
        ]
    )
    return response


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_import_companies(request.user):
        raise Http404
    batch = _batch_for(request, pk)
    countries = dict(Country.choices)
    rows = [
        (
            row,
            countries.get(row.get("country"), row.get("country")),
            labelled_errors(batch.errors.get(str(row["line_no"]), {})),
        )
        for row in batch.rows
    ]
    return render(
        request,
        "companies/import_preview.html",
        {
            "batch": batch,
            "rows": rows,
            "error_count": len(batch.errors),
            # A new upload right on the preview: correcting the file is the next step after errors.
            "upload_form": ImportUploadForm() if batch.errors and not batch.committed_at else None,
        },
    )


@login_required
@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_import_companies(request.user):
        raise Http404
    batch = _batch_for(request, pk)
    try:
        created = import_commit(actor=request.user, batch=batch)
    except ImportNotAllowed as exc:  # back to the preview, also when the form was posted without a referrer
        messages.error(request, str(exc))
        return redirect("companies:import_preview", pk=batch.pk)
    messages.success(
        request,
        ngettext("%(count)s company imported.", "%(count)s companies imported.", len(created))
        % {"count": format_integer(len(created))},
    )
    return redirect("companies:list")
