"""Who may see and do what in the follow-up. Each check returns (allowed, reason).

- The partners' members see their agreement; each partner files its own claim; the lead writes the progress
  report; a manager of a company accepts the agreement and registers its bank account.
- Finance verifies claims and approves payments, never both for the same claim (four eyes).
- The secretariat sees everything, reviews reports, decides amendments and records the closure indicators.
- An adviser sees the agreements with a partner in a province they cover and logs coaching contacts there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import Role
from crossroads.companies.models import MembershipRole
from crossroads.core.permissions import Permission, allow, deny

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

    from .models import Agreement, AgreementPartner, CostClaim


def is_finance(user: AnyUser) -> bool:
    return user.is_authenticated and user.role == Role.FINANCE


def _companies(user: AnyUser) -> set[int]:
    return set(user.memberships.values_list("company_id", flat=True)) if user.is_authenticated else set()


def is_partner_member(user: AnyUser, agreement: Agreement) -> bool:
    # A company proposed to join (by an amendment not approved yet, or refused) is not a partner: it has no part
    # of the application and has not joined.
    partners = agreement.partners.exclude(partner__isnull=True, joined_on__isnull=True)
    return partners.filter(company__in=_companies(user)).exists()


def advises(user: AnyUser, agreement: Agreement) -> bool:
    if not (user.is_authenticated and user.is_adviser):
        return False
    provinces = user.province_codes()
    return agreement.partners.filter(company__establishments__nuts3__province__in=provinces).exists()


def can_view_agreement(user: AnyUser, agreement: Agreement) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to see grant agreements."))
    if user.is_programme_staff or is_finance(user):
        return allow()
    if is_partner_member(user, agreement):
        return allow()
    if advises(user, agreement):
        return allow(_("A partner of this project is in a province you cover."))
    return deny(_("Only the partners of this project, their adviser, the secretariat and finance can see it."))


def can_act_for(user: AnyUser, member: AgreementPartner) -> Permission:
    """File this partner's claim, upload its documents."""
    if member.company_id in _companies(user):
        return allow()
    return deny(_("Each partner files only its own claims."))


def can_sign_for(user: AnyUser, member: AgreementPartner) -> Permission:
    """Accept the agreement, register or change the bank account: a manager of the company."""
    if not user.is_authenticated:
        return deny(_("Log in first."))
    if user.memberships.filter(company_id=member.company_id, role=MembershipRole.MANAGER).exists():
        return allow()
    return deny(_("Only a manager of the company can do this for it."))


def can_write_report(user: AnyUser, agreement: Agreement) -> Permission:
    if agreement.partners.filter(is_lead=True, company__in=_companies(user)).exists():
        return allow()
    return deny(_("The lead partner writes the progress report for the consortium."))


def can_review_report(user: AnyUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the secretariat reviews progress reports."))


def can_verify(user: AnyUser, claim: CostClaim | None = None) -> Permission:
    if not is_finance(user):
        return deny(_("Only finance staff verify cost claims."))
    return allow()


def can_approve_payment(user: AnyUser, claim: CostClaim | None = None) -> Permission:
    """Four eyes: whoever verified a claim cannot approve its payment."""
    if not is_finance(user):
        return deny(_("Only finance staff approve payments."))
    if claim is not None and claim.verified_by_id == user.pk:
        return deny(_("You verified this claim: a second person approves its payment."))
    return allow()


def can_see_finance(user: AnyUser) -> Permission:
    """Worklists of claims and payments, payment orders and exports."""
    if user.is_authenticated and (is_finance(user) or user.is_programme_staff):
        return allow()
    return deny(_("Only finance and the secretariat see the payment worklists."))


def can_decide_amendment(user: AnyUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the secretariat decides amendments."))


def can_log_coaching(user: AnyUser, agreement: Agreement) -> Permission:
    if user.is_authenticated and (user.is_programme_staff or advises(user, agreement)):
        return allow()
    return deny(_("Only the advisers of the project's regions and the secretariat log coaching contacts."))


def can_record_indicators(user: AnyUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the secretariat records the closure indicators."))
