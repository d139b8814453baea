"""Which agreements a person sees, the list's filters, and the bank accounts waiting for a second person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ..models import Agreement, AgreementPartner, BankAccount, BankAccountStatus
from ..permissions import is_finance

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.accounts.requests import AnyUser


def visible_agreements(user: AnyUser) -> QuerySet[Agreement]:
    """Applicants: their companies' agreements; advisers: those with a partner in a province they cover; the
    secretariat and finance: all; anyone else: none."""
    agreements = Agreement.objects.select_related("grant__application__call")
    if not user.is_authenticated:
        return agreements.none()
    if user.is_programme_staff or is_finance(user):
        return agreements.all()
    mine = Q(partners__company__memberships__user=user)
    if user.is_adviser:
        mine |= Q(partners__company__establishments__nuts3__province__in=user.province_codes())
    return agreements.filter(mine).distinct()


def filter_agreements(
    agreements: QuerySet[Agreement], *, status: str = "", call: int | None = None, search: str = ""
) -> QuerySet[Agreement]:
    if status:
        agreements = agreements.filter(status=status)
    if call:
        agreements = agreements.filter(grant__application__call_id=call)
    words = (search or "").split()
    for word in words[:6]:
        agreements = agreements.filter(
            Q(reference__icontains=word)
            | Q(grant__application__title__icontains=word)
            | Q(grant__application__acronym__icontains=word)
            | Q(partners__company__legal_name__icontains=word)
        )
    return agreements.distinct() if words else agreements


def lead_name(agreement: Agreement) -> str:
    """The lead partner's name; `leads` prefetched (lists) spares a query per agreement."""
    if hasattr(agreement, "leads"):
        lead = agreement.leads[0] if agreement.leads else None
    else:
        lead = agreement.partners.filter(is_lead=True).select_related("company").first()
    return lead.company.display_name if lead else "–"


def member_of(user: AnyUser, agreement: Agreement) -> list[AgreementPartner]:
    """The partners of `agreement` whose company the user belongs to."""
    if not user.is_authenticated:
        return []
    return list(agreement.partners.filter(company__memberships__user=user).distinct())


def active_account(member: AgreementPartner) -> BankAccount | None:
    return member.bank_accounts.filter(status=BankAccountStatus.ACTIVE).first()


def pending_account(member: AgreementPartner) -> BankAccount | None:
    return member.bank_accounts.filter(status=BankAccountStatus.PENDING).first()


def pending_accounts() -> QuerySet[BankAccount]:
    """Changes of account waiting for a second person, oldest first (finance's worklist)."""
    return (
        BankAccount.objects.filter(status=BankAccountStatus.PENDING)
        .select_related("agreement_partner__company", "agreement_partner__agreement", "registered_by")
        .order_by("registered_at")
    )


def agreement_managers(agreement: Agreement) -> list[User]:
    """The managers of every company still in the agreement, each once (one person may manage two partners)."""
    from crossroads.companies.models import MembershipRole

    users: dict[int, User] = {}
    for member in agreement.partners.filter(left_on__isnull=True).select_related("company"):
        for membership in member.company.memberships.filter(role=MembershipRole.MANAGER).select_related("user"):
            users[membership.user.pk] = membership.user
    return list(users.values())
