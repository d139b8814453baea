"""Who may see whom. An anonymous profile's company is known only to its own members, to people who may see
the company anyway (secretariat, advisers of its provinces), and to companies whose interest it accepted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import COMPANY_VIEWER_ROLES, MATCHMAKING_ROLES
from crossroads.companies.models import Company
from crossroads.companies.permissions import can_view_company
from crossroads.core.permissions import Permission, allow, deny

from .models import CooperationProfile, ExpressionOfInterest, InterestStatus, Introduction, ProfileStatus

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser


def member_company_ids(user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.memberships.values_list("company_id", flat=True))


def can_see_identity(
    user: AnyUser, company: Company, profile: CooperationProfile | None = None, *, anonymous: bool | None = None
) -> bool:
    """`anonymous` overrides the profile's own flag: an expression of interest sent to an anonymous profile keeps
    its addressee hidden even when that profile is gone."""
    if anonymous is None:
        anonymous = bool(profile and profile.is_anonymous)
    if not anonymous:
        return True
    if company.pk in member_company_ids(user) or can_view_company(user, company).allowed:
        return True
    return ExpressionOfInterest.objects.filter(
        target_company=company, sender_company__memberships__user=user, status=InterestStatus.ACCEPTED
    ).exists()


def can_view_profile(user: AnyUser, profile: CooperationProfile) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to see cooperation profiles."))
    if profile.company_id in member_company_ids(user):
        return allow()
    if profile.status != ProfileStatus.PUBLISHED:
        return deny(_("This profile is not published."))
    if user.role in MATCHMAKING_ROLES:
        return allow()
    return deny(_("Your role does not use matchmaking."))


def can_edit_profile(user: AnyUser, profile: CooperationProfile) -> Permission:
    if profile.company_id in member_company_ids(user):
        return allow()
    return deny(_("Only members of the company can change its cooperation profiles."))


def can_use_matchmaking(user: AnyUser) -> Permission:
    if user.is_authenticated and user.role in MATCHMAKING_ROLES:
        return allow()
    return deny(_("Matchmaking is for companies, advisers and the secretariat."))


def can_send_interest(user: AnyUser, sender: Company) -> Permission:
    if sender.pk in member_company_ids(user):
        return allow()
    return deny(_("You can express interest only on behalf of a company you are a member of."))


def can_answer_interest(user: AnyUser, interest: ExpressionOfInterest) -> Permission:
    if interest.target_company_id in member_company_ids(user):
        return allow()
    return deny(_("Only members of the company that received this expression of interest can answer it."))


def can_introduce(user: AnyUser) -> Permission:
    if user.is_authenticated and user.role in COMPANY_VIEWER_ROLES:
        return allow()
    return deny(_("Only advisers and the secretariat introduce companies to each other."))


def covers_company(user: AnyUser, company: Company) -> bool:
    """The adviser's own patch: a company with an establishment in a province they (or their agency) cover;
    the secretariat and admins cover every company."""
    return can_view_company(user, company).allowed


def can_introduce_pair(user: AnyUser, company_a: Company, company_b: Company, *, b_is_shown: bool) -> Permission:
    """An introduction is between a company the adviser covers and one across the border that the matching shows
    to everyone (`b_is_shown`: in the programme area, eligible) or that the adviser covers too. An adviser of one
    side never covers the other side's provinces, so "both in my provinces" would rule out every introduction;
    what must not happen is an adviser introducing, by typing an id, a company they do not cover to one that
    matchmaking never shows (outside the area, not eligible) or two companies neither of which is theirs."""
    allowed = can_introduce(user)
    if not allowed:
        return allowed
    if company_a.pk == company_b.pk:
        return deny(_("A company cannot be introduced to itself."))
    if company_a.country == company_b.country:
        return deny(_("CrossRoads introductions are across the border."))
    if not covers_company(user, company_a):
        return deny(_("You can introduce only companies in the provinces you cover."))
    if not (b_is_shown or covers_company(user, company_b)):
        return deny(_("This company is not open to matchmaking: it is outside the programme area or not eligible."))
    return allow()


def can_update_introduction(user: AnyUser, introduction: Introduction) -> Permission:
    """The adviser who made the introduction records its outcome; programme staff may correct it."""
    if user.is_authenticated and (introduction.adviser_id == user.pk or user.is_programme_staff):
        return allow()
    return deny(_("Only the adviser who made this introduction records its outcome."))


def can_answer_introduction(user: AnyUser, introduction: Introduction) -> Permission:
    """The members of the two introduced companies answer for their company; the adviser and the secretariat do
    not answer on a company's behalf."""
    if {introduction.company_a_id, introduction.company_b_id} & member_company_ids(user):
        return allow()
    return deny(_("Only members of the introduced companies can answer this introduction."))
