"""The e-mails of matchmaking, composed in the worker in the recipient's language (`core.notifications`).

Each composer reads the records by id as they are when the mail goes out. Anonymity holds in mail as on the
pages: an answer from an anonymous profile that declined never names its company."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossroads.companies.models import Company
from crossroads.core.formatting import format_date, format_integer, site_url
from crossroads.core.notifications import Email, message

from .contacts import contact_card
from .models import CooperationProfile, ExpressionOfInterest, Introduction, IntroductionReply, SavedSearch


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
    about = profile.display_title if profile else interest.target_company.legal_name
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
            "days": format_integer(settings.INTEREST_VALIDITY_DAYS),
            "link": _interests_link(),
        },
    )


@message
def interest_answered(*, interest_id: int, accept: bool) -> Email:
    """To the members of the company that sent the expression of interest: accepted (with the contact) or
    declined (an anonymous addressee stays anonymous)."""
    interest = (
        ExpressionOfInterest.objects.select_related("target_company", "target_profile", "responded_by")
        .prefetch_related("target_company__memberships__user", "target_company__establishments")
        .get(pk=interest_id)
    )
    target = interest.target_company
    link = _interests_link()
    if accept:
        city = _city(target)
        card = contact_card(target, person=interest.responded_by)
        return Email(
            _("%(target)s accepted your expression of interest") % {"target": target.legal_name},
            _("Good news: %(target)s wants to talk. Their contact details:\n\n%(contact)s\n\nDetails: %(link)s\n")
            % {
                "target": f"{target.legal_name} ({city})" if city else target.legal_name,
                "contact": card.text(),
                "link": link,
            },
        )
    name = _("the anonymous profile") if interest.target_is_anonymous else target.legal_name
    return Email(
        _("Your expression of interest was declined"),
        _("%(target)s has declined your expression of interest. Keep looking: %(link)s\n")
        % {"target": name, "link": link},
    )


def _introductions_link() -> str:
    return site_url(reverse("matching:interests") + "#introductions")


@message
def introduction_made(*, introduction_id: int, other_company_id: int) -> Email:
    """To the members of one company of an introduction, about the other one. No contact details yet: they are
    exchanged when both companies have answered that they are interested (`introduction_agreed`)."""
    introduction = Introduction.objects.select_related("adviser").get(pk=introduction_id)
    other = Company.objects.get(pk=other_company_id)
    adviser = introduction.adviser
    return Email(
        _("Introduction to %(other)s") % {"other": other.legal_name},
        _(
            "Your CrossRoads adviser %(adviser)s introduces you to %(other)s (%(country)s):\n\n%(note)s\n\n"
            "Are you interested? Answer on the platform: %(link)s\n"
            "When both companies are interested, you receive each other's contact details.\n"
        )
        % {
            "adviser": adviser.get_full_name() or adviser.email,
            "other": other.legal_name,
            "country": other.get_country_display(),
            "note": introduction.note,
            "link": _introductions_link(),
        },
    )


@message
def introduction_answered(*, reply_id: int) -> Email:
    """To the adviser who made the introduction: one company's answer, with its note."""
    reply = IntroductionReply.objects.select_related(
        "company", "introduction__company_a", "introduction__company_b"
    ).get(pk=reply_id)
    introduction = reply.introduction
    other = introduction.company_b if reply.company_id == introduction.company_a_id else introduction.company_a
    body = _("%(company)s answered your introduction to %(other)s: %(answer)s.\n") % {
        "company": reply.company.legal_name,
        "other": other.legal_name,
        "answer": reply.get_status_display(),
    }
    if reply.note:
        body += "\n" + _("Their note:") + "\n" + reply.note + "\n"
    body += "\n" + _("Your introductions: %(link)s\n") % {"link": site_url(reverse("matching:adviser_matches"))}
    return Email(
        _("%(company)s answered your introduction") % {"company": reply.company.legal_name},
        body,
    )


@message
def introduction_agreed(*, introduction_id: int) -> Email:
    """To the members of both companies, once both answered that they are interested: both sides' contact details
    (company, contact person, e-mail, telephone when given)."""
    introduction = (
        Introduction.objects.select_related("company_a", "company_b")
        .prefetch_related("company_a__memberships__user", "company_b__memberships__user", "replies__answered_by")
        .get(pk=introduction_id)
    )
    replies = {r.company_id: r for r in introduction.replies.all()}
    cards = []
    for company in (introduction.company_a, introduction.company_b):
        reply = replies.get(company.pk)
        cards.append(
            contact_card(company, person=reply.answered_by if reply else None, phone=reply.phone if reply else "")
        )
    return Email(
        _("Introduction: %(a)s and %(b)s are both interested")
        % {"a": introduction.company_a.legal_name, "b": introduction.company_b.legal_name},
        _(
            "Both companies answered that they are interested, so here are both sides' contact details:\n\n"
            "%(contacts)s\n\nTake the next step together; your adviser is glad to help. %(link)s\n"
        )
        % {"contacts": "\n\n".join(card.text() for card in cards), "link": _introductions_link()},
    )


@message
def profile_expiring(*, profile_id: int) -> Email:
    """To the members of the company whose published profile expires soon."""
    profile = CooperationProfile.objects.get(pk=profile_id)
    link = site_url(reverse("matching:profile_detail", args=[profile.ref]))
    subject = (
        _("Your profile “%(title)s” expires on %(date)s")
        % {"title": profile.display_title, "date": format_date(profile.expires_at)}
        if profile.expires_at
        else _("Your profile “%(title)s” expires soon") % {"title": profile.display_title}
    )
    return Email(
        subject,
        _("Renew it with one click to stay findable for another %(months)s months: %(link)s\n")
        % {"months": format_integer(settings.PROFILE_VALIDITY_MONTHS), "link": link},
    )


@message
def interest_expiring(*, interest_id: int) -> Email:
    """To the members of the company that has not answered an expression of interest yet."""
    interest = ExpressionOfInterest.objects.select_related("sender_company").get(pk=interest_id)
    return Email(
        _("%(sender)s is still waiting for your answer") % {"sender": interest.sender_company.legal_name},
        _("Their expression of interest expires on %(date)s. Accept or decline: %(link)s\n")
        % {"date": format_date(interest.expires_at), "link": _interests_link()},
    )


@message
def saved_search_digest(*, search_id: int, lines: str, count: int) -> Email:
    """The weekly digest of one saved search; `lines` lists the new profiles as the user may see them (composed
    when the digest ran, with the user's own anonymity rules applied)."""
    search = SavedSearch.objects.get(pk=search_id)
    return Email(
        ngettext("%(count)s new partner profile for “%(name)s”", "%(count)s new partner profiles for “%(name)s”", count)
        % {"count": format_integer(count), "name": search.name},
        _("New or updated profiles that match your saved search:\n\n%(lines)s\n") % {"lines": lines},
    )
