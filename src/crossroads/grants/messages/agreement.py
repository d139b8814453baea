"""E-mails of the agreement and the bank accounts, composed in the recipient's language by the worker.

- `agreement_offered`: to the managers of each partner when the agreement is made (they accept it);
- `agreement_started`: to the partners' members and the secretariat when the last partner accepted;
- `bank_account_change_requested` / `_approved` / `_refused`: to the company's managers, with a warning against
  fraud (someone who took over a login could try to redirect the grant).

`agreement_offered_notify(agreement)` is what `services.agreement.agreement_create` calls; the start mail is
registered in `services.hooks.ON_START` when this module is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from crossroads.accounts.recipients import secretariat_users
from crossroads.core.formatting import format_date, site_url
from crossroads.core.notifications import Email, message, notify

from ..models import Agreement, BankAccount
from ..selectors.agreement import agreement_managers
from ..services import hooks

if TYPE_CHECKING:
    from crossroads.accounts.models import User

FRAUD_WARNING = gettext_noop(
    "If nobody in your company asked for this, contact the programme secretariat at once and do not reply to "
    "messages that ask you to confirm account details: criminals try to redirect grants this way."
)


def _link(agreement_id: int) -> str:
    return site_url(reverse("grants:detail", args=[agreement_id]))


def _project(agreement: Agreement) -> str:
    return agreement.grant.application.title


def _members(agreement: Agreement) -> list[User]:
    users: list[User] = []
    for member in agreement.partners.filter(left_on__isnull=True).select_related("company"):
        users += [m.user for m in member.company.memberships.select_related("user")]
    return users


@message
def agreement_offered(*, agreement_id: int) -> Email:
    agreement = Agreement.objects.select_related("grant__application").get(pk=agreement_id)
    return Email(
        _("Your grant agreement is ready to accept: %(project)s") % {"project": _project(agreement)},
        _(
            "The grant agreement %(reference)s for the project “%(project)s” is ready. The project runs from "
            "%(start)s to %(end)s. A manager of each partner company reads it and accepts it on the platform; "
            "the project starts when every partner accepted. Register the bank account for the payments on the "
            "same page.\n\n%(link)s"
        )
        % {
            "reference": agreement.reference,
            "project": _project(agreement),
            "start": format_date(agreement.start_date),
            "end": format_date(agreement.end_date),
            "link": _link(agreement.pk),
        },
    )


def agreement_offered_notify(agreement: Agreement) -> None:
    """Tell the managers of every partner that the agreement waits for their acceptance (after commit)."""
    notify(
        to=agreement_managers(agreement),
        composer=agreement_offered,
        params={"agreement_id": agreement.pk},
        once=f"agreement-offered:{agreement.pk}",
    )


@message
def agreement_started(*, agreement_id: int) -> Email:
    agreement = Agreement.objects.select_related("grant__application").get(pk=agreement_id)
    first = agreement.periods.order_by("number").first()
    due = (
        _("The first progress report and cost claims are due on %(date)s.") % {"date": format_date(first.due_on)}
        if first is not None
        else ""
    )
    return Email(
        _("The grant agreement is accepted: %(project)s") % {"project": _project(agreement)},
        _(
            "Every partner accepted the grant agreement %(reference)s for the project “%(project)s”. The project "
            "runs from %(start)s to %(end)s. %(due)s\n\n%(link)s"
        )
        % {
            "reference": agreement.reference,
            "project": _project(agreement),
            "start": format_date(agreement.start_date),
            "end": format_date(agreement.end_date),
            "due": due,
            "link": _link(agreement.pk),
        },
    )


def agreement_started_notify(agreement_id: int) -> None:
    """Registered in ON_START: runs after the commit of the last acceptance."""
    agreement = Agreement.objects.get(pk=agreement_id)
    notify(
        to=[*_members(agreement), *secretariat_users()],
        composer=agreement_started,
        params={"agreement_id": agreement_id},
        once=f"agreement-started:{agreement_id}",
    )


if agreement_started_notify not in hooks.ON_START:
    hooks.ON_START.append(agreement_started_notify)


def _account_values(account: BankAccount) -> dict[str, str]:
    from ..services.bank import format_iban

    member = account.agreement_partner
    return {
        "company": member.company.display_name,
        "reference": member.agreement.reference,
        "holder": account.holder,
        "iban": format_iban(account.iban),
        "link": _link(member.agreement_id),
    }


def _account(account_id: int) -> BankAccount:
    return BankAccount.objects.select_related("agreement_partner__company", "agreement_partner__agreement").get(
        pk=account_id
    )


@message
def bank_account_change_requested(*, account_id: int) -> Email:
    values = _account_values(_account(account_id))
    return Email(
        _("Change of bank account requested for %(company)s") % values,
        _(
            "Someone of %(company)s asked to pay the grant of agreement %(reference)s into a new account: "
            "%(holder)s, %(iban)s. The account in use stays in use until a second person (finance, or another "
            "manager of your company) approves the change.\n\n%(warning)s\n\n%(link)s"
        )
        % {**values, "warning": _(FRAUD_WARNING)},
    )


@message
def bank_account_approved(*, account_id: int) -> Email:
    values = _account_values(_account(account_id))
    return Email(
        _("New bank account in use for %(company)s") % values,
        _(
            "From now on the payments of agreement %(reference)s to %(company)s go to %(holder)s, %(iban)s."
            "\n\n%(warning)s\n\n%(link)s"
        )
        % {**values, "warning": _(FRAUD_WARNING)},
    )


@message
def bank_account_refused(*, account_id: int, reason: str) -> Email:
    values = _account_values(_account(account_id))
    return Email(
        _("Change of bank account refused for %(company)s") % values,
        _(
            "The change to %(holder)s, %(iban)s for agreement %(reference)s was refused: %(reason)s. The account "
            "in use until now stays in use.\n\n%(link)s"
        )
        % {**values, "reason": reason},
    )


__all__ = [
    "agreement_offered",
    "agreement_offered_notify",
    "agreement_started",
    "agreement_started_notify",
    "bank_account_approved",
    "bank_account_change_requested",
    "bank_account_refused",
]
