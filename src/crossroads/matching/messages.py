"""The e-mails of matchmaking, composed in the worker in the recipient's language (`core.notifications`).

Each composer reads the records by id as they are when the mail goes out. Anonymity holds in mail as on the
pages: an answer from an anonymous profile that declined never names its company."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.companies.models import Company
from crossroads.core.formatting import site_url
from crossroads.core.notifications import Email, message

from .models import CooperationProfile, ExpressionOfInterest, Introduction, SavedSearch


def _interests_link() -> str:
    return site_url(reverse("matching:interests"))


def _city(company: Company) -> str:
    site = company.project_establishment
    return site.city if site else ""


@message
def interest_received(*, interest_id: int) -> Email:
    """To the members of the company that received an expression of interest."""
    interest = ExpressionOfInterest.objects.select_related("sender_company", "target_company", "target_profile").get(
        pk=interest_id
    )
    sender = interest.sender_company
    profile = interest.target_profile
    about = profile.title if profile else interest.target_company.legal_name
    return Email(
        _("%(sender)s is interested in working with you") % {"sender": sender.legal_name},
        _(
            '%(sender)s (%(country)s) has expressed interest in "%(about)s":\n\n%(message)s\n\n'
            "Accept to exchange contact details, or decline. Answer within %(days)s days: %(link)s\n"
        )
        % {
            "sender": sender.legal_name,
            "country": sender.get_country_display(),
            "about": about,
            "message": interest.message,
            "days": settings.INTEREST_VALIDITY_DAYS,
            "link": _interests_link(),
        },
    )


@message
def interest_answered(*, interest_id: int, accept: bool) -> Email:
    """To the members of the company that sent the expression of interest: accepted (with the contact) or
    declined (an anonymous addressee stays anonymous)."""
    interest = ExpressionOfInterest.objects.select_related("target_company", "target_profile").get(pk=interest_id)
    target = interest.target_company
    link = _interests_link()
    if accept:
        contact = ", ".join(m.user.email for m in target.memberships.select_related("user"))
        return Email(
            _("%(target)s accepted your expression of interest") % {"target": target.legal_name},
            _("Good news: %(target)s (%(city)s) wants to talk. Contact: %(contact)s\n\nDetails: %(link)s\n")
            % {"target": target.legal_name, "city": _city(target), "contact": contact, "link": link},
        )
    name = _("the anonymous profile") if interest.target_is_anonymous else target.legal_name
    return Email(
        _("Your expression of interest was declined"),
        _("%(target)s has declined your expression of interest. Keep looking: %(link)s\n")
        % {"target": name, "link": link},
    )


@message
def introduction_made(*, introduction_id: int, other_company_id: int) -> Email:
    """To the members of one company of an introduction, about the other one."""
    introduction = Introduction.objects.select_related("adviser").get(pk=introduction_id)
    other = Company.objects.get(pk=other_company_id)
    adviser = introduction.adviser
    return Email(
        _("Introduction to %(other)s") % {"other": other.legal_name},
        _(
            "Your CrossRoads adviser %(adviser)s introduces you to %(other)s (%(country)s):\n\n%(note)s\n\n"
            "Reply to your adviser or contact %(other)s directly.\n"
        )
        % {
            "adviser": adviser.get_full_name() or adviser.email,
            "other": other.legal_name,
            "country": other.get_country_display(),
            "note": introduction.note,
        },
    )


@message
def profile_expiring(*, profile_id: int) -> Email:
    """To the members of the company whose published profile expires soon."""
    profile = CooperationProfile.objects.get(pk=profile_id)
    link = site_url(reverse("matching:profile_detail", args=[profile.ref]))
    expires = profile.expires_at.date().isoformat() if profile.expires_at else ""
    return Email(
        _("Your profile “%(title)s” expires on %(date)s") % {"title": profile.title, "date": expires},
        _("Renew it with one click to stay findable for another %(months)s months: %(link)s\n")
        % {"months": settings.PROFILE_VALIDITY_MONTHS, "link": link},
    )


@message
def interest_expiring(*, interest_id: int) -> Email:
    """To the members of the company that has not answered an expression of interest yet."""
    interest = ExpressionOfInterest.objects.select_related("sender_company").get(pk=interest_id)
    return Email(
        _("%(sender)s is still waiting for your answer") % {"sender": interest.sender_company.legal_name},
        _("Their expression of interest expires on %(date)s. Accept or decline: %(link)s\n")
        % {"date": interest.expires_at.date().isoformat(), "link": _interests_link()},
    )


@message
def saved_search_digest(*, search_id: int, lines: str, count: int) -> Email:
    """The weekly digest of one saved search; `lines` lists the new profiles as the user may see them (composed
    when the digest ran, with the user's own anonymity rules applied)."""
    search = SavedSearch.objects.get(pk=search_id)
    return Email(
        _("%(count)s new partner profiles for “%(name)s”") % {"count": count, "name": search.name},
        _("New or updated profiles that match your saved search:\n\n%(lines)s\n") % {"lines": lines},
    )
