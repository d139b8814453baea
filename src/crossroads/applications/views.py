from __future__ import annotations

import uuid
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.numbers import parse_int_id
from crossroads.core.views import forbidden
from crossroads.programme.models import Call, CallDocument

from . import services
from .check_text import describe_check, link_for
from .files import ALLOWED, SizeLimitUploadHandler, max_upload_bytes, safe_name
from .forms import (
    AttachmentForm,
    BudgetLineForm,
    CopyForm,
    DeclarationsForm,
    PartnerAddForm,
    PartnerForm,
    SharedForm,
    StartApplicationForm,
    WorkPackageForm,
)
from .models import Application, ApplicationStatus, Attachment, BudgetLine, Partner
from .permissions import can_edit_partner, can_edit_shared, can_start_application, can_view_application
from .rules.checks import ERROR, check_application
from .selectors import application_facts, applications_visible_to, line_too_large


def _application_for(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("call__programme", "lead_company"), pk=pk)
    if not can_view_application(request.user, application):
        raise Http404
    return application


def _closed(request: HttpRequest, application: Application, *, attachments: bool = False) -> HttpResponse | None:
    """A redirect with the reason when the application cannot be changed any more (its forms are not shown)."""
    try:
        services.ensure_editable(application, attachments=attachments)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("applications:detail", pk=application.pk)
    return None


def _my_companies(user) -> list[Company]:  # type: ignore[no-untyped-def]
    return list(Company.objects.filter(memberships__user=user))


# ------------------------------------------------------------------------------ calls (public)
def call_list(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    calls = Call.objects.select_related("programme").order_by("-opens_at")
    return render(
        request,
        "applications/call_list.html",
        {
            "open_calls": [c for c in calls if c.is_open(now)],
            "other_calls": [c for c in calls if not c.is_open(now)],
        },
    )


def call_detail(request: HttpRequest, code: str, *, start_form: StartApplicationForm | None = None) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    now = clock.now()
    companies = _my_companies(request.user) if request.user.is_authenticated else []
    return render(
        request,
        "applications/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(now),
            "seconds_left": max(0, int((call.closes_at - now).total_seconds())),
            "companies": companies,
            "start_form": start_form or StartApplicationForm(companies=companies),
            "criteria": call.criteria.all(),
            "programme": call.programme,
        },
        status=400 if start_form is not None else 200,
    )


@login_required
@require_POST
def application_start(request: HttpRequest, code: str) -> HttpResponse:
    call = get_object_or_404(Call, code=code)
    permission = can_start_application(request.user)
    if not permission:
        return forbidden(request, permission.reason)
    companies = _my_companies(request.user)
    if not any(str(c.pk) == request.POST.get("lead") for c in companies):
        raise Http404  # a company that is not one's own, or no company id at all
    form = StartApplicationForm(request.POST, companies=companies)
    if form.is_valid():
        lead = Company.objects.get(pk=form.cleaned_data["lead"])
        try:
            application = services.application_create(
                actor=request.user, call=call, lead=lead, title=form.cleaned_data["title"]
            )
        except services.ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("applications:detail", pk=application.pk)
    return call_detail(request, code, start_form=form)


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/my_applications.html", {"applications": applications_visible_to(request.user)})


# ------------------------------------------------------------------------------ the application
def by_country(summaries: list) -> list[tuple[str, Decimal, Decimal]]:
    """Eligible costs and grant per country, for the live totals."""
    totals: dict[str, list[Decimal]] = {}
    for summary in summaries:
        row = totals.setdefault(summary.partner.company.country, [Decimal("0"), Decimal("0")])
        row[0] += summary.costs.eligible
        row[1] += summary.grant
    return [(country, costs, grant) for country, (costs, grant) in sorted(totals.items())]


def _checks(application: Application, *, at_submission: bool = True) -> tuple[list, object, list]:
    facts, allocation, summaries = application_facts(application)
    checks = check_application(facts, at_submission=at_submission)
    rendered = [{"severity": m.severity, "text": describe_check(m), "link": link_for(application, m)} for m in checks]
    return rendered, allocation, summaries


def _detail(request, application, *, form=None, conflict=None, status=200, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The application page; also re-rendered with the posted form (`form` for the shared parts, or `wp_form`,
    `partner_form`, `attachment_form`, `copy_form`) after an error or a conflict, so what was typed is kept."""
    checks, allocation, summaries = _checks(application)
    my = {c.pk for c in _my_companies(request.user)}
    open_calls = [c for c in Call.objects.exclude(pk=application.call_id) if c.is_open(clock.now())]
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "shared_form": form or SharedForm(instance=application, sections=application.required_sections),
            "conflict": conflict,
            "can_edit_shared": can_edit_shared(request.user, application).allowed
            and application.status == ApplicationStatus.DRAFT,
            "is_lead": application.lead_company_id in my,
            "my_companies": my,
            "checks": checks,
            "errors": [c for c in checks if c["severity"] == ERROR],
            "allocation": allocation,
            "summaries": summaries,
            "by_country": by_country(summaries),
            "invited": application.partners.filter(company__isnull=True),
            "attachments": application.attachments.all(),
            "attachment_form": forms.get("attachment_form") or AttachmentForm(),
            "partner_form": forms.get("partner_form") or PartnerAddForm(),
            "join_requests": application.partners.filter(join_requested_by__isnull=False).select_related(
                "join_requested_by", "join_requested_company"
            ),
            "missing_items_open": services.missing_items_open(application),
            "screening": getattr(application, "screening", None),
            "decision": getattr(application, "decision", None),
            "submissions": application.submissions.all(),
            "submit_key": uuid.uuid4().hex,
            "copy_form": forms.get("copy_form") or (CopyForm(calls=open_calls) if open_calls else None),
            "work_packages": application.work_packages.all(),
            "wp_form": forms.get("wp_form")
            or WorkPackageForm(
                partners=list(application.partners.filter(company__isnull=False).select_related("company"))
            ),
            "call_open": application.window_open(clock.now()),
            "can_invite_full": request.user.role in ("secretariat", "admin")
            and application.stage == "idea"
            and application.status == ApplicationStatus.SUBMITTED,
        },
        status=status,
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _application_for(request, pk))


@login_required
@require_POST
def application_shared(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the shared parts. Also used by autosave (fetch with Accept: application/json)."""
    application = _application_for(request, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    permission = can_edit_shared(request.user, application)
    if not permission:
        return (
            JsonResponse({"error": str(permission.reason)}, status=403)
            if wants_json
            else forbidden(request, permission.reason)
        )
    try:
        services.ensure_editable(application)
    except services.ApplicationError as exc:
        if wants_json:
            return JsonResponse({"error": str(exc)}, status=400)
        messages.error(request, str(exc))
        return redirect("applications:detail", pk=pk)
    posted = request.POST.copy()
    if application.planned_start and not posted.get("planned_start") and (wants_json or "planned_start" not in posted):
        # An autosave (or a partial post) without a date never erases the stored one; clearing it takes a Save.
        posted["planned_start"] = application.planned_start.isoformat()
    form = SharedForm(posted, instance=Application.objects.get(pk=pk), sections=application.required_sections)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("Please correct the fields marked below."))
        return _detail(request, application, form=form, status=400)
    data = {f: form.cleaned_data[f] for f in ("title", "acronym", "duration_months", "planned_start")}
    data["sections"] = form.sections_data()
    data["indicators"] = form.indicators_data()
    try:
        saved = services.shared_update(
            actor=request.user,
            application=application,
            data=data,
            version=form.cleaned_data["version"],
            themes=form.cleaned_data["themes"],
        )
    except services.ConflictError as exc:
        if wants_json:
            return JsonResponse(
                {"conflict": str(exc), "version": exc.version, "current": {k: str(v) for k, v in exc.current.items()}},
                status=409,
            )
        return _detail(request, application, form=form, conflict=exc, status=409)
    except services.ApplicationError as exc:
        if wants_json:
            return JsonResponse({"error": str(exc)}, status=400)
        form.add_error(None, str(exc))
        return _detail(request, application, form=form, status=400)
    if wants_json:
        return JsonResponse({"saved": True, "version": saved.lock_version})
    messages.success(request, _("Saved."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    if not permission:
        return forbidden(request, permission.reason)
    if closed := _closed(request, application):
        return closed
    form = PartnerAddForm(request.POST)
    if form.is_valid():
        number, email = form.cleaned_data["enterprise_number"].strip(), form.cleaned_data["email"]
        try:
            if number:
                digits = number.replace(".", "").replace(" ", "")
                company = Company.objects.filter(
                    enterprise_number__in=[number, digits, f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"]
                ).first()
                if company is None:
                    form.add_error(
                        "enterprise_number",
                        _("No company with this enterprise or KvK number is registered. Invite it by e-mail instead."),
                    )
                else:
                    services.partner_add(actor=request.user, application=application, company=company)
            else:
                services.partner_add(actor=request.user, application=application, email=email)
        except services.ApplicationError as exc:
            form.add_error(None, str(exc))
        if not form.errors:
            messages.success(request, _("Partner invited."))
            return redirect(reverse("applications:detail", args=[pk]) + "#consortium")
    return _detail(request, application, partner_form=form, status=400)


@login_required
def partner_join(request: HttpRequest, token: str) -> HttpResponse:
    if not token.isascii() or not token.isprintable() or len(token) > 64:
        raise Http404  # tokens are URL-safe ASCII; a NUL would fail in PostgreSQL
    partner = get_object_or_404(Partner.objects.select_related("application"), invite_token=token)
    companies = _my_companies(request.user)
    invited_other = bool(
        partner.company_id is None
        and partner.invited_email
        and partner.invited_email.lower() not in services.verified_emails(request.user)
    )
    error = ""
    if request.method == "POST":
        company = next((c for c in companies if str(c.pk) == request.POST.get("company")), None)
        if company is None:
            error = _("Choose one of your companies.")
        else:
            try:
                if request.POST.get("action") == "request":
                    services.partner_join_request(actor=request.user, token=token, company=company)
                    messages.success(request, _("The lead partner has been asked to confirm you."))
                    return redirect("applications:partner_join", token=token)
                services.partner_join(actor=request.user, token=token, company=company)
            except services.ApplicationError as exc:
                error = str(exc)
            else:
                return redirect("applications:partner", pk=partner.application_id, partner_pk=partner.pk)
    return render(
        request,
        "applications/partner_join.html",
        {
            "partner": partner,
            "companies": companies,
            "invited_other": invited_other,
            "requested": partner.join_requested_by_id == request.user.pk,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def partner_join_decide(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    """The lead confirms or refuses someone who asked to take an invitation sent to another address."""
    application = _application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    if not permission:
        return forbidden(request, permission.reason)
    partner = get_object_or_404(application.partners, pk=partner_pk)
    accept = request.POST.get("decision") == "confirm"
    try:
        services.partner_join_decide(actor=request.user, partner=partner, accept=accept)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Partner confirmed.") if accept else _("Request refused."))
    return redirect(reverse("applications:detail", args=[pk]) + "#consortium")


def _line_of(partner: Partner, raw: object) -> BudgetLine:
    line_pk = parse_int_id(raw)
    if line_pk is None:
        raise Http404
    return get_object_or_404(BudgetLine, pk=line_pk, partner=partner)


@login_required
def partner_detail(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    partner = get_object_or_404(Partner.objects.select_related("company"), pk=partner_pk, application=application)
    can_edit = can_edit_partner(request.user, partner).allowed and application.status == ApplicationStatus.DRAFT
    part_form = PartnerForm(instance=partner)
    fixed_rate = application.call.method == "fixed_rate"
    editing = _line_of(partner, request.GET["edit"]) if can_edit and "edit" in request.GET else None
    line_form = BudgetLineForm(instance=editing, fixed_rate=fixed_rate)
    conflict = None
    status = 200
    if request.method == "POST":
        if not can_edit:
            return forbidden(request, can_edit_partner(request.user, partner).reason)
        action = request.POST.get("action")
        status = 400  # unless a branch below saves and redirects
        try:
            if action == "part":
                part_form = PartnerForm(request.POST, instance=Partner.objects.get(pk=partner.pk))
                if part_form.is_valid():
                    services.partner_update(
                        actor=request.user,
                        partner=partner,
                        version=part_form.cleaned_data["version"],
                        data={"role": part_form.cleaned_data["role"], "tasks": part_form.cleaned_data["tasks"]},
                    )
                    messages.success(request, _("Saved."))
                    return redirect("applications:partner", pk=pk, partner_pk=partner.pk)
            elif action == "line":
                editing = _line_of(partner, request.POST["line"]) if request.POST.get("line") else None
                line_form = BudgetLineForm(request.POST, instance=editing, fixed_rate=fixed_rate)
                if line_form.is_valid():
                    try:
                        services.budget_line_save(
                            actor=request.user, partner=partner, line=line_form.save(commit=False)
                        )
                    except services.FieldErrors as exc:
                        for field, message in exc.errors.items():
                            line_form.add_error(field if field in line_form.fields else None, message)
                    except services.ApplicationError as exc:
                        line_form.add_error(None, str(exc))
                    else:
                        messages.success(request, _("Budget line saved.") if editing else _("Budget line added."))
                        return redirect(f"{request.path}#budget")
            elif action == "delete_line":
                line = _line_of(partner, request.POST.get("line", ""))
                services.budget_line_delete(actor=request.user, line=line)
                messages.success(request, _("Budget line deleted."))
                return redirect(f"{request.path}#budget")
            elif action == "declare":
                form = DeclarationsForm(request.POST)
                form.is_valid()
                services.partner_declare(actor=request.user, partner=partner, declarations=form.cleaned_data)
                messages.success(
                    request,
                    _("Declarations saved.")
                    if Partner.objects.get(pk=partner.pk).signed_all
                    else _("Saved; sign all declarations to confirm your part."),
                )
                return redirect("applications:partner", pk=pk, partner_pk=partner.pk)
        except services.ConflictError as exc:
            conflict = exc
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
    _checks_rendered, allocation, summaries = _checks(application)
    summary = next((s for s in summaries if s.partner.pk == partner.pk), None)
    lines = list(partner.budget_lines.all())
    for line in lines:
        line.too_large = line_too_large(line)
    return render(
        request,
        "applications/partner_detail.html",
        {
            "application": application,
            "partner": partner,
            "can_edit": can_edit,
            "part_form": part_form,
            "line_form": line_form,
            "editing": editing,
            "lines": lines,
            "summary": summary,
            "allocation": allocation,
            "declarations_form": DeclarationsForm(initial=partner.declarations),
            "conflict": conflict,
        },
        status=409 if conflict else status,
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    key = (request.POST.get("idempotency_key") or "")[:64]
    if not key or not key.isascii() or not key.isprintable():
        messages.error(request, _("Reload the page and submit again."))
        return redirect("applications:detail", pk=pk)
    try:
        submission = services.application_submit(
            actor=request.user,
            application=application,
            idempotency_key=key,
            arrived_at=clock.request_arrival(request),  # a trusted proxy's stamp (REQUEST_START_HEADER), else now
        )
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Submitted on %(time)s. Every partner receives the PDF by e-mail.")
            % {"time": submission.submitted_at.astimezone(clock.BRUSSELS).strftime("%d-%m-%Y %H:%M:%S")},
        )
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Withdrawn. The application is a draft again."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def application_copy(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    if not permission:
        return forbidden(request, permission.reason)
    open_calls = [c for c in Call.objects.exclude(pk=application.call_id) if c.is_open(clock.now())]
    form = CopyForm(request.POST, calls=open_calls)
    if form.is_valid():
        call = Call.objects.get(code=form.cleaned_data["call"])
        try:
            copy = services.application_copy(actor=request.user, application=application, call=call)
        except services.ApplicationError as exc:
            form.add_error("call", str(exc))
        else:
            messages.success(request, _("Copied into %(call)s as a new draft.") % {"call": call.name})
            return redirect("applications:detail", pk=copy.pk)
    return _detail(request, application, copy_form=form, status=400)


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
    application = _application_for(request, pk)
    mine = application.partners.filter(company__memberships__user=request.user).first()
    if mine is None:
        return forbidden(request, _("Only partners add attachments."))
    if closed := _closed(request, application, attachments=True):
        return closed
    form = AttachmentForm(request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False))
    if form.is_valid():
        checked = form.cleaned_data["checked"]
        try:
            services.attachment_add(
                actor=request.user,
                application=application,
                partner=mine,
                kind=form.cleaned_data["kind"],
                name=checked.name,
                content=checked.content,
                content_type=checked.content_type,
            )
        except services.ApplicationError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Attachment added."))
            return redirect(reverse("applications:detail", args=[pk]) + "#attachments")
    return _detail(request, application, attachment_form=form, status=400)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """Always a download, under the extension and type detected at upload (never text/html), never sniffed."""
    application = _application_for(request, pk)
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
def submission_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    application = _application_for(request, pk)
    submission = get_object_or_404(application.submissions, number=number)
    if not submission.pdf:
        raise Http404
    return FileResponse(
        submission.pdf.open("rb"),
        as_attachment=True,
        filename=f"aanvraag-{application.pk}-{number}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def work_package_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    if not permission:
        return forbidden(request, permission.reason)
    if closed := _closed(request, application):
        return closed
    partners = list(application.partners.select_related("company").filter(company__isnull=False))
    form = WorkPackageForm(request.POST, partners=partners)
    if form.is_valid():
        try:
            services.work_package_save(
                actor=request.user,
                application=application,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                effort=form.effort(),
            )
        except services.ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Work package added."))
            return redirect(reverse("applications:detail", args=[pk]) + "#workplan")
    return _detail(request, application, wp_form=form, status=400)


@login_required
@require_POST
def work_package_delete(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    application = _application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    if not permission:
        return forbidden(request, permission.reason)
    package = get_object_or_404(application.work_packages, number=number)
    try:
        services.work_package_delete(actor=request.user, package=package)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("applications:detail", args=[pk]) + "#workplan")


def call_document(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Call documents are public; they are served through here because uploads never sit in the web root."""
    document = get_object_or_404(CallDocument, pk=pk, call__code=code)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def application_invite_full(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    if request.user.role not in ("secretariat", "admin"):
        return forbidden(request, _("Only the secretariat invites project ideas to a full proposal."))
    try:
        services.application_invite_full(actor=request.user, application=application)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The lead partner is invited to write the full proposal."))
    return redirect("applications:detail", pk=pk)
