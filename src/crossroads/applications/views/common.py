"""What the application pages share: finding the application the user may see, the refusal that sends the user
back to the application page, and the application page itself (also shown again with a posted form)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.accounts.models import User
from crossroads.companies.models import Company
from crossroads.core import clock
from crossroads.core.views import forbidden
from crossroads.programme.models import Call

from .. import services
from ..check_text import describe_check, link_for
from ..display import conflict_rows, indicator_rows
from ..forms import AttachmentForm, CopyForm, PartnerAddForm, SharedForm, WorkPackageForm
from ..labels import section_label
from ..models import Application, Stage
from ..permissions import can_edit_shared, can_view_application
from ..rules.checks import ERROR, check_application
from ..selectors import PartnerSummary, application_facts, application_state

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from ..rules.budget import GrantAllocation


def application_for(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("call__programme", "lead_company"), pk=pk)
    if not can_view_application(request.user, application):
        raise Http404
    return application


def editable_application(request: HttpRequest, pk: int) -> tuple[Application, HttpResponse | None]:
    """The application the user may see, and the refusal page (with its reason) when they may not change its shared
    part: `application, refused = editable_application(request, pk); if refused: return refused`."""
    application = application_for(request, pk)
    permission = can_edit_shared(request.user, application)
    return application, None if permission else forbidden(request, permission.reason)


def back_to_application(anchor: str = "") -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A refused step (`ApplicationError`) of a POST-only view is shown on the application page (at `anchor`), not
    on the page the ServiceErrorMiddleware would pick (the POST's own URL, when there is no Referer)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, pk, *args, **kwargs)
            except services.ApplicationError as exc:
                messages.error(request, str(exc))
                return redirect(reverse("applications:detail", args=[pk]) + anchor)

        return wrapped

    return decorate


def closed(request: HttpRequest, application: Application, *, attachments: bool = False) -> HttpResponse | None:
    """A redirect with the reason when the application cannot be changed any more (its forms are not shown)."""
    try:
        services.ensure_editable(application, attachments=attachments)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("applications:detail", pk=application.pk)
    return None


def my_companies(user: User | AnonymousUser) -> list[Company]:
    if not user.is_authenticated:
        return []
    return list(Company.objects.filter(memberships__user=user))


def _country_total_label(country: str) -> str:
    labels = {"BE": _("Total Flanders"), "NL": _("Total the Netherlands")}
    return str(labels.get(country) or _("Total %(country)s") % {"country": country})


def by_country(summaries: list[PartnerSummary]) -> list[tuple[str, Decimal, Decimal]]:
    """Eligible costs and grant per country (labelled "Total Flanders", ...), for the live totals."""
    totals: dict[str, list[Decimal]] = {}
    for summary in summaries:
        company = summary.partner.company
        row = totals.setdefault(company.country if company else "", [Decimal("0"), Decimal("0")])
        row[0] += summary.costs.eligible
        row[1] += summary.grant
    return [(_country_total_label(country), costs, grant) for country, (costs, grant) in sorted(totals.items())]


def rendered_checks(
    application: Application, *, at_submission: bool = True
) -> tuple[list[dict[str, str]], GrantAllocation, list[PartnerSummary]]:
    facts, allocation, summaries = application_facts(application)
    checks = check_application(facts, at_submission=at_submission)
    rendered = [{"severity": m.severity, "text": describe_check(m), "link": link_for(application, m)} for m in checks]
    return rendered, allocation, summaries


def _forms(application: Application, forms: dict[str, Any]) -> dict[str, Any]:
    """The page's forms: the posted one (kept after an error, with what was typed) or a fresh one."""
    open_calls = [c for c in Call.objects.exclude(pk=application.call_id) if c.is_open(clock.now())]
    partners = list(application.partners.filter(company__isnull=False).select_related("company"))
    return {
        "shared_form": forms.get("form") or SharedForm(instance=application, sections=application.required_sections),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "partner_form": forms.get("partner_form") or PartnerAddForm(),
        "copy_form": forms.get("copy_form") or (CopyForm(calls=open_calls) if open_calls else None),
        "wp_form": forms.get("wp_form") or WorkPackageForm(partners=partners),
    }


def section_rows(application: Application) -> list[tuple[str, str]]:
    """(label, text) of the sections: the ones the call asks first, in its order, then any other written one."""
    codes = list(application.required_sections)
    codes += [c for c, text in (application.sections or {}).items() if c not in codes and (text or "").strip()]
    return [(section_label(code), (application.sections or {}).get(code, "")) for code in codes]


def typed_shared(form: SharedForm | None) -> dict[str, Any] | None:
    """What the user typed in the shared parts, in the shape of `services.SHARED_FIELDS` (None if unknown)."""
    if form is None or not hasattr(form, "cleaned_data"):
        return None
    data = {f: form.cleaned_data.get(f) for f in ("title", "acronym", "duration_months", "planned_start")}
    data["sections"] = form.sections_data()
    data["indicators"] = form.indicators_data()
    return data


def application_page(
    request: HttpRequest,
    application: Application,
    *,
    conflict: services.ConflictError | None = None,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    """The application page; also re-rendered with the posted form (`form` for the shared parts, or `wp_form`,
    `partner_form`, `attachment_form`, `copy_form`) after an error or a conflict, so what was typed is kept."""
    checks, allocation, summaries = rendered_checks(application)
    my = {c.pk for c in my_companies(request.user)}
    state = application_state(application)
    user = request.user
    context = {
        "application": application,
        "state": state,
        "conflict": conflict,
        "conflict_rows": conflict_rows(conflict.current, typed_shared(forms.get("form"))) if conflict else [],
        "can_edit_shared": can_edit_shared(user, application).allowed and state.is_draft,
        "is_lead": application.lead_company_id in my,
        "my_companies": my,
        "checks": checks,
        "errors": [c for c in checks if c["severity"] == ERROR],
        "allocation": allocation,
        "summaries": summaries,
        "by_country": by_country(summaries),
        "invited": application.partners.filter(company__isnull=True),
        "attachments": application.attachments.all(),
        "join_requests": application.partners.filter(join_requested_by__isnull=False).select_related(
            "join_requested_by", "join_requested_company"
        ),
        "missing_items_open": state.missing_items_open,
        "screening": getattr(application, "screening", None),
        "decision": getattr(application, "decision", None),
        "submissions": application.submissions.all(),
        "submit_key": uuid.uuid4().hex,
        "work_packages": application.work_packages.all(),
        "section_rows": section_rows(application),
        "indicator_rows": indicator_rows(application.indicators or {}),
        "call_open": application.window_open(clock.now()),
        "can_invite_full": user.is_authenticated
        and user.is_programme_staff
        and application.stage == Stage.IDEA
        and state.is_submitted,
        **_forms(application, forms),
    }
    return render(request, "applications/application_detail.html", context, status=status)
