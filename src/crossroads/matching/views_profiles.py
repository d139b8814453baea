from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.companies.models import Company
from crossroads.companies.permissions import can_edit_company, can_view_company
from crossroads.core.formatting import format_integer
from crossroads.core.numbers import parse_int_id
from crossroads.core.transitions import TransitionError
from crossroads.core.views import forbidden
from crossroads.programme.selectors import current_programme

from . import services
from .forms import CooperationProfileForm
from .models import CooperationProfile, ProfileStatus
from .permissions import can_edit_profile, can_see_identity, can_view_profile, member_company_ids
from .selectors import introduction_rows, profile_by_ref, redactor


@login_required
def my_profiles(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.filter(pk__in=member_company_ids(request.user)).prefetch_related("cooperation_profiles")
    return render(
        request,
        "matching/my_profiles.html",
        {
            "companies": companies,
            "months": settings.PROFILE_VALIDITY_MONTHS,
            "introductions": introduction_rows(request.user),
        },
    )


@login_required
def profile_create(request: HttpRequest, company_pk: str) -> HttpResponse:
    company = get_object_or_404(Company, pk=parse_int_id(company_pk) or 0)
    if company.pk not in member_company_ids(request.user):
        if not can_view_company(request.user, company):
            raise Http404  # whether another company exists is not for everyone to learn
        permission = can_edit_company(request.user, company)
        return forbidden(request, permission.reason if not permission else _("Only members create profiles."))
    form = CooperationProfileForm(request.POST or None, programme=current_programme())
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.company = company
        profile = services.profile_save(actor=request.user, profile=profile, themes=form.cleaned_data["themes"])
        if "publish" in request.POST:
            services.profile_set_status(actor=request.user, profile=profile, status=ProfileStatus.PUBLISHED)
            messages.success(
                request,
                _("Profile published. It stays visible for %(months)s months unless you renew it.")
                % {"months": format_integer(settings.PROFILE_VALIDITY_MONTHS)},
            )
        else:
            messages.success(request, _("Draft saved. Publish it to be found."))
        return redirect("matching:profile_detail", ref=profile.ref)
    return render(request, "matching/profile_form.html", {"form": form, "company": company, "profile": None})


def _profile_or_404(request: HttpRequest, ref: str) -> CooperationProfile:
    profile = profile_by_ref(request.user, ref)
    if profile is None:
        raise Http404
    return profile


@login_required
def profile_edit(request: HttpRequest, ref: str) -> HttpResponse:
    profile = _profile_or_404(request, ref)
    permission = can_edit_profile(request.user, profile)
    if not permission:
        if not can_view_profile(request.user, profile):
            raise Http404
        return forbidden(request, permission.reason)
    form = CooperationProfileForm(request.POST or None, instance=profile, programme=current_programme())
    if request.method == "POST" and form.is_valid():
        services.profile_save(actor=request.user, profile=form.save(commit=False), themes=form.cleaned_data["themes"])
        messages.success(request, _("Profile saved."))
        return redirect("matching:profile_detail", ref=profile.ref)
    return render(request, "matching/profile_form.html", {"form": form, "company": profile.company, "profile": profile})


@login_required
@require_POST
def profile_status(request: HttpRequest, ref: str) -> HttpResponse:
    profile = _profile_or_404(request, ref)
    permission = can_edit_profile(request.user, profile)
    if not permission:
        raise Http404
    status = request.POST.get("status", "")
    try:
        services.profile_set_status(actor=request.user, profile=profile, status=status)
    except TransitionError:  # the page's own wording, back to the profile
        messages.error(request, _("That change of status is not possible."))
    else:
        texts = {
            ProfileStatus.PUBLISHED: _("Profile published. It stays visible for %(months)s months unless you renew it.")
            % {"months": format_integer(settings.PROFILE_VALIDITY_MONTHS)},
            ProfileStatus.DRAFT: _("Profile withdrawn: it is a draft again."),
            ProfileStatus.EXPIRED: _("Profile expired."),
        }
        messages.success(request, texts.get(status, _("Saved.")))
    return redirect("matching:profile_detail", ref=profile.ref)


@login_required
def profile_detail(request: HttpRequest, ref: str) -> HttpResponse:
    profile = _profile_or_404(request, ref)
    if not can_view_profile(request.user, profile):
        raise Http404
    company = profile.company
    visible = can_see_identity(request.user, company, profile)
    redact = (lambda text: text) if visible else redactor(company)
    site = company.project_establishment
    return render(
        request,
        "matching/profile_detail.html",
        {
            "profile": profile,
            "company": company if visible else None,
            "province": site.nuts3.province.name if site and site.nuts3 else "",
            "country": company.get_country_display(),
            "offers": [redact(x) for x in profile.offer_list],
            "seeks": [redact(x) for x in profile.seek_list],
            "idea": redact(profile.idea),
            "title": redact(profile.display_title),
            "can_edit": can_edit_profile(request.user, profile).allowed,
            "is_member": company.pk in member_company_ids(request.user),
        },
    )
