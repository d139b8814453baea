"""Pages of the follow-up: a partner's cost claim (lines, supporting documents, the live checks, submission).

A claim is seen by its own company's members, the secretariat, finance and the adviser of the project's region;
for anyone else it does not exist. Only the company's members change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from crossroads.accounts.requests import signed_in
from crossroads.applications.files import ALLOWED, safe_name
from crossroads.core.views import forbidden
from crossroads.core.views_support import call_service

from ..files import SizeLimitUploadHandler, max_upload_bytes
from ..forms.claims import ClaimDocumentForm, ClaimLineForm, ClaimSubmitForm
from ..messages.claims import finding_text, severity_label
from ..models import ClaimDocument, ClaimLine, CostClaim
from ..permissions import advises, can_act_for, is_finance
from ..selectors.claims import EDITABLE, category_rows, claim_findings, claim_total, is_member
from ..services import claims as services
from .reports import period_for

__all__ = ["urlpatterns"]


def claim_for(request: HttpRequest, pk: int) -> CostClaim:
    claim = get_object_or_404(
        CostClaim.objects.select_related("period__agreement__grant__application", "agreement_partner__company"),
        pk=pk,
    )
    user = signed_in(request)
    member = claim.agreement_partner
    if is_member(user, member) or user.is_programme_staff or is_finance(user):
        return claim
    if advises(user, member.agreement):
        return claim
    raise Http404


def _editable(request: HttpRequest, claim: CostClaim) -> bool:
    return can_act_for(signed_in(request), claim.agreement_partner).allowed and claim.status in EDITABLE


def _page(request: HttpRequest, claim: CostClaim, *, status: int = 200, **forms: object) -> HttpResponse:
    editable = _editable(request, claim)
    findings = claim_findings(claim, today=services.today())
    by_line: dict[int | None, list[dict[str, str]]] = {}
    for finding in findings:
        item = {"severity": finding.severity, "label": severity_label(finding.severity), "text": finding_text(finding)}
        by_line.setdefault(finding.line, []).append(item)
    lines = list(claim.lines.prefetch_related("documents"))
    context = {
        "claim": claim,
        "period": claim.period,
        "agreement": claim.period.agreement,
        "member": claim.agreement_partner,
        "editable": editable,
        "lines": [(line, by_line.get(line.pk, []), _document_form(line, forms, editable)) for line in lines],
        "claim_findings": by_line.get(None, []),
        "errors": sum(1 for f in findings if f.severity == "error"),
        "rows": category_rows(claim),
        "total": claim_total(claim),
        "line_form": forms.get("line_form")
        or (ClaimLineForm(initial={"version": claim.lock_version}) if editable else None),
        "submit_form": ClaimSubmitForm(initial={"version": claim.lock_version}),
    }
    return render(request, "grants/claims/claim.html", context, status=status)


def _document_form(line: ClaimLine, forms: dict[str, object], editable: bool) -> object:
    """Each line has its own upload form (ids prefixed by the line); the one just refused keeps its errors."""
    if not editable:
        return None
    if forms.get("document_line") == line.pk:
        return forms["document_form"]
    return ClaimDocumentForm(auto_id=f"doc{line.pk}_%s")


def _refused(request: HttpRequest, claim: CostClaim) -> HttpResponse | None:
    """Another company's claim cannot be changed (403); a submitted one is shown with the reason (redirect)."""
    permission = can_act_for(signed_in(request), claim.agreement_partner)
    if not permission.allowed:
        return forbidden(request, permission.reason)
    if claim.status not in EDITABLE:
        messages.error(request, _("This claim was submitted; it can only be changed once finance returns it."))
        return redirect(reverse("grants:claim", args=[claim.pk]))
    return None


@login_required
@require_POST
def claim_start(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request, pk)
    user = signed_in(request)
    from ..selectors.claims import member_of

    member = member_of(user, period)
    if member is None:
        return forbidden(request, _("Only the partners of this project file claims."))
    claim = services.claim_start(actor=user, period=period, member=member)
    return redirect(reverse("grants:claim", args=[claim.pk]))


@login_required
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim; a POST adds a line."""
    found = claim_for(request, pk)
    if request.method != "POST":
        return _page(request, found)
    if response := _refused(request, found):
        return response
    form = ClaimLineForm(request.POST)
    if form.is_valid():
        version = form.cleaned_data.get("version")
        data = form.values()
        done = call_service(
            form, lambda: services.claim_line_save(actor=signed_in(request), claim=found, data=data, version=version)
        )
        if done is not None:
            messages.success(request, _("Cost added. Now upload its supporting documents."))
            return redirect(reverse("grants:claim", args=[found.pk]) + f"#line-{done.pk}")
    return _page(request, found, line_form=form, status=400)


@login_required
def claim_line(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    found = claim_for(request, pk)
    line = get_object_or_404(ClaimLine, pk=line_pk, claim=found)
    if response := _refused(request, found):
        return response
    if request.method != "POST":
        initial = {name: getattr(line, name) for name in ClaimLineForm.base_fields if hasattr(line, name)}
        if line.category == "personnel" and line.annual_cost is not None:
            initial["hourly_rate"] = None  # the method's rate unless one is typed again
        initial["version"] = found.lock_version
        form = ClaimLineForm(initial=initial, category=line.category)
        return render(request, "grants/claims/line.html", {"claim": found, "line": line, "form": form})
    form = ClaimLineForm(request.POST, category=line.category)
    if form.is_valid():
        version = form.cleaned_data.get("version")
        data = form.values()
        done = call_service(
            form,
            lambda: services.claim_line_save(
                actor=signed_in(request), claim=found, line=line, data=data, version=version
            ),
        )
        if done is not None:
            messages.success(request, _("Cost saved."))
            return redirect(reverse("grants:claim", args=[found.pk]) + f"#line-{line.pk}")
    return render(request, "grants/claims/line.html", {"claim": found, "line": line, "form": form}, status=400)


@login_required
@require_POST
def claim_line_delete(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    found = claim_for(request, pk)
    line = get_object_or_404(ClaimLine, pk=line_pk, claim=found)
    if response := _refused(request, found):
        return response
    services.claim_line_delete(actor=signed_in(request), line=line)
    messages.success(request, _("Cost deleted."))
    return redirect(reverse("grants:claim", args=[found.pk]))


@csrf_exempt
@login_required
@require_POST
def claim_document_add(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """The size limit holds while the body is read (the handler goes in before anything reads POST, the CSRF check
    included, which runs in the inner view)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, max_upload_bytes()))
    return _claim_document_add(request, pk, line_pk)


@csrf_protect
def _claim_document_add(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    found = claim_for(request, pk)
    line = get_object_or_404(ClaimLine, pk=line_pk, claim=found)
    if response := _refused(request, found):
        return response
    form = ClaimDocumentForm(
        request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False), auto_id=f"doc{line.pk}_%s"
    )
    if form.is_valid():
        checked = form.cleaned_data["checked"]
        kind = form.cleaned_data["kind"]
        done = call_service(
            form,
            lambda: services.claim_document_add(actor=signed_in(request), line=line, kind=kind, checked=checked),
        )
        if done is not None:
            messages.success(request, _("Document added."))
            return redirect(reverse("grants:claim", args=[found.pk]) + f"#line-{line.pk}")
    return _page(request, found, document_form=form, document_line=line.pk, status=400)


@login_required
def claim_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    """Always a download, under the type detected at upload, never sniffed."""
    found = claim_for(request, pk)
    user = signed_in(request)
    # Timesheets and invoices carry salaries and personal data: the claiming company, finance and the secretariat
    # open them; an adviser follows the project from its pages, not from its payroll.
    if not (is_member(user, found.agreement_partner) or user.is_programme_staff or is_finance(user)):
        return forbidden(
            request, _("Only the company that claims, finance and the secretariat open supporting documents.")
        )
    document = get_object_or_404(ClaimDocument, pk=document_pk, line__claim=found)
    content_type = document.content_type if document.content_type in ALLOWED else "application/octet-stream"
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=safe_name(document.original_name, ALLOWED.get(content_type, ".bin")),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def claim_submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = claim_for(request, pk)
    if response := _refused(request, found):
        return response
    form = ClaimSubmitForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    done = call_service(form, lambda: services.claim_submit(actor=signed_in(request), claim=found, version=version))
    if done is None:
        for error in [*form.non_field_errors(), *form.errors.get("version", [])]:
            messages.error(request, str(error))
        return redirect(reverse("grants:claim", args=[found.pk]))
    messages.success(request, _("Claim submitted. Finance verifies it and you will hear the outcome."))
    return redirect(reverse("grants:claim", args=[found.pk]))


urlpatterns = [
    path("periods/<int:pk>/claim/", claim_start, name="claim_start"),
    path("claims/<int:pk>/", claim, name="claim"),
    path("claims/<int:pk>/lines/<int:line_pk>/", claim_line, name="claim_line"),
    path("claims/<int:pk>/lines/<int:line_pk>/delete/", claim_line_delete, name="claim_line_delete"),
    path("claims/<int:pk>/lines/<int:line_pk>/documents/", claim_document_add, name="claim_document_add"),
    path("claims/<int:pk>/documents/<int:document_pk>/", claim_document, name="claim_document"),
    path("claims/<int:pk>/submit/", claim_submit, name="claim_submit"),
]
