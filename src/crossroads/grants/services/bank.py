"""Bank accounts of the partners: where payments go.

The first account of a partner is in use at once (a manager registers it). A change waits: the account in use stays
in use until a second person approves the new one (finance, or another manager of the same company, never the one
who asked), so one stolen login cannot redirect a grant. Every step is audited and the company's managers are told
by mail, with a warning against fraud.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty import exceptions as schwifty_errors
from schwifty import registry as bank_registry

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..models import AgreementPartner, AgreementStatus, BankAccount, BankAccountStatus
from ..permissions import can_sign_for, is_finance
from ..states import BANK_ACCOUNT_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.accounts.requests import AnyUser

# Agreements whose partners can still be paid (and so change where the money goes).
OPEN_STATUSES = (AgreementStatus.OFFERED, AgreementStatus.RUNNING, AgreementStatus.CLOSING)
HOLDER_MAX = 140


def clean_iban(text: str) -> IBAN:
    """The IBAN typed (spaces and lower case allowed), checked; a refusal says what is wrong, at the field."""
    try:
        return IBAN(text or "")
    except schwifty_errors.InvalidChecksumDigits:
        raise GrantError(
            _("This IBAN is not correct: its check digits do not match. Check for a typing error."), field="iban"
        ) from None
    except schwifty_errors.InvalidBBANChecksum:
        raise GrantError(
            _("This IBAN is not correct: the account number's own check does not match. Check for a typing error."),
            field="iban",
        ) from None
    except schwifty_errors.InvalidLength:
        raise GrantError(_("This IBAN has the wrong length for its country."), field="iban") from None
    except schwifty_errors.InvalidCountryCode:
        raise GrantError(_("This IBAN does not start with a known country code."), field="iban") from None
    except schwifty_errors.SchwiftyException:
        raise GrantError(
            _("This is not an IBAN: it starts with a country code and has only letters and digits."), field="iban"
        ) from None


def _bic_known(bic: BIC) -> bool | None:
    """True or False when the bank registry covers the BIC's country; None when it cannot tell."""
    if bic.country_code not in bank_registry.get_countries():
        return None
    text = str(bic.compact)
    variants = {text, text[:8], f"{text[:8]}XXX"}
    return any(bank_registry.get_banks_by_bic(v) for v in variants)


def clean_bic(text: str, iban: IBAN) -> BIC:
    """The BIC typed, checked on its own and against the IBAN's country."""
    try:
        bic = BIC(text or "")
    except schwifty_errors.InvalidLength:
        raise GrantError(_("A BIC has 8 or 11 letters and digits."), field="bic") from None
    except schwifty_errors.SchwiftyException:
        raise GrantError(_("This is not a BIC: for example GKCCBEBB or ABNANL2A."), field="bic") from None
    if bic.country_code != iban.country_code:
        raise GrantError(
            _("This BIC belongs to a bank in another country than the IBAN (%(bic)s, %(iban)s).")
            % {"bic": bic.country_code, "iban": iban.country_code},
            field="bic",
        )
    if _bic_known(bic) is False:
        raise GrantError(_("No bank has this BIC. Check it with your bank."), field="bic")
    return bic


def format_iban(iban: str) -> str:
    """The IBAN as people read it: groups of four (BE68 5390 0754 7034)."""
    compact = (iban or "").replace(" ", "").upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _managers(member: AgreementPartner) -> list[User]:
    from crossroads.companies.models import MembershipRole

    return [m.user for m in member.company.memberships.filter(role=MembershipRole.MANAGER).select_related("user")]


def _can_decide(user: AnyUser, account: BankAccount) -> bool:
    """Finance or a manager of the company, never the person who asked for the change."""
    if not user.is_authenticated or account.registered_by_id == user.pk:
        return False
    return is_finance(user) or bool(can_sign_for(user, account.agreement_partner))


def may_decide(user: AnyUser, account: BankAccount) -> bool:
    """Whether the user is a second person for this account (whatever its status)."""
    return _can_decide(user, account)


def may_withdraw(user: AnyUser, account: BankAccount) -> bool:
    """The manager who asked for a change may withdraw it."""
    if not user.is_authenticated or account.registered_by_id != user.pk:
        return False
    return bool(can_sign_for(user, account.agreement_partner))


def can_decide_account(user: AnyUser, account: BankAccount) -> bool:
    return account.status == BankAccountStatus.PENDING and may_decide(user, account)


@transaction.atomic
def bank_account_register(*, actor: User, member: AgreementPartner, holder: str, iban: str, bic: str) -> BankAccount:
    """Register the account of a partner: in use at once when it is the first, else waiting for approval."""
    member = AgreementPartner.objects.select_for_update().select_related("agreement", "company").get(pk=member.pk)
    if not can_sign_for(actor, member):
        raise GrantError(_("Only a manager of the company can register its bank account."), status=403)
    if member.agreement.status not in OPEN_STATUSES:
        raise GrantError(_("This agreement is no longer open: its bank account cannot change."))
    holder = " ".join((holder or "").split())
    if not holder:
        raise GrantError(_("Enter the name of the account holder."), field="holder")
    if len(holder) > HOLDER_MAX:
        raise GrantError(_("The account holder's name is too long."), field="holder")
    checked_iban = clean_iban(iban)
    checked_bic = clean_bic(bic, checked_iban)
    accounts = BankAccount.objects.select_for_update().filter(agreement_partner=member)
    active = accounts.filter(status=BankAccountStatus.ACTIVE).first()
    if active is not None and active.iban == checked_iban.compact and active.bic == checked_bic.compact:
        raise GrantError(_("This account is already the one in use."), field="iban")
    now = clock.now()
    for waiting in accounts.filter(status=BankAccountStatus.PENDING):
        _refuse(actor, waiting, now)
    account = BankAccount.objects.create(
        agreement_partner=member,
        holder=holder,
        iban=checked_iban.compact,
        bic=checked_bic.compact,
        status=BankAccountStatus.ACTIVE if active is None else BankAccountStatus.PENDING,
        registered_by=actor,
        registered_at=now,
    )
    audit_record(actor=actor, verb=GrantVerb.BANK_ACCOUNT_REGISTER, obj=account, after=snapshot(account))
    if active is not None:
        from ..messages.agreement import bank_account_change_requested

        notify(to=_managers(member), composer=bank_account_change_requested, params={"account_id": account.pk})
    return account


def _refuse(actor: User, account: BankAccount, now: object, reason: str = "") -> None:
    """A waiting change replaced by a newer one ends as refused (kept, audited)."""
    before = snapshot(account)
    BANK_ACCOUNT_STATES.move(account, BankAccountStatus.REFUSED)
    account.approved_by = actor
    account.approved_at = now  # type: ignore[assignment]
    account.save(update_fields=["status", "approved_by", "approved_at"])
    after = {**snapshot(account), "reason": reason} if reason else snapshot(account)
    audit_record(actor=actor, verb=GrantVerb.BANK_ACCOUNT_REFUSE, obj=account, before=before, after=after)


def _locked(account: BankAccount) -> BankAccount:
    return BankAccount.objects.select_for_update().select_related("agreement_partner__company").get(pk=account.pk)


@transaction.atomic
def bank_account_approve(*, actor: User, account: BankAccount) -> BankAccount:
    """A second person puts a requested change in use; the account used until now is replaced."""
    account = _locked(account)
    if account.status != BankAccountStatus.PENDING:
        raise GrantError(_("This bank account is not waiting for approval."))
    if account.registered_by_id == actor.pk:
        raise GrantError(
            _("You asked for this change yourself: a second person (finance or another manager) approves it."),
            status=403,
        )
    if not _can_decide(actor, account):
        raise GrantError(_("Only finance or another manager of the company can approve this change."), status=403)
    now = clock.now()
    for old in BankAccount.objects.select_for_update().filter(
        agreement_partner=account.agreement_partner, status=BankAccountStatus.ACTIVE
    ):
        before = snapshot(old)
        BANK_ACCOUNT_STATES.move(old, BankAccountStatus.SUPERSEDED)
        old.save(update_fields=["status"])
        audit_record(actor=actor, verb=GrantVerb.BANK_ACCOUNT_APPROVE, obj=old, before=before, after=snapshot(old))
    before = snapshot(account)
    BANK_ACCOUNT_STATES.move(account, BankAccountStatus.ACTIVE)
    account.approved_by = actor
    account.approved_at = now
    account.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(actor=actor, verb=GrantVerb.BANK_ACCOUNT_APPROVE, obj=account, before=before, after=snapshot(account))
    from ..messages.agreement import bank_account_approved

    notify(to=_managers(account.agreement_partner), composer=bank_account_approved, params={"account_id": account.pk})
    return account


@transaction.atomic
def bank_account_refuse(*, actor: User, account: BankAccount, reason: str) -> BankAccount:
    """Refuse a requested change (finance or another manager; the one who asked may withdraw it). The account in
    use stays in use."""
    account = _locked(account)
    if account.status != BankAccountStatus.PENDING:
        raise GrantError(_("This bank account is not waiting for approval."))
    if not (may_withdraw(actor, account) or _can_decide(actor, account)):
        raise GrantError(_("Only finance or another manager of the company can refuse this change."), status=403)
    reason = (reason or "").strip()
    if not reason:
        raise GrantError(_("Say why the change is refused; the company's managers read it."), field="reason")
    _refuse(actor, account, clock.now(), reason)
    from ..messages.agreement import bank_account_refused

    notify(
        to=_managers(account.agreement_partner),
        composer=bank_account_refused,
        params={"account_id": account.pk, "reason": reason},
    )
    return account
