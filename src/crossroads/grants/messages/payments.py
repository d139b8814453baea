"""E-mails of verification and payment, composed in the recipient's language by the worker."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.core.formatting import format_date, format_money, site_url
from crossroads.core.notifications import Email, message

from ..models import CostClaim, Payment


def _claim_values(claim: CostClaim) -> dict[str, str]:
    agreement = claim.period.agreement
    return {
        "reference": agreement.reference,
        "project": agreement.grant.application.title,
        "period": str(claim.period.number),
    }


@message
def claim_returned(*, claim_id: int, reason: str) -> Email:
    """To the partner's members: finance returned its claim for completion."""
    claim = CostClaim.objects.select_related("period__agreement__grant__application").get(pk=claim_id)
    values = {**_claim_values(claim), "reason": reason}
    return Email(
        _("Your cost claim for %(project)s was returned") % values,
        _(
            "Finance returned your cost claim for period %(period)s of %(project)s (%(reference)s) for "
            "completion:\n\n%(reason)s\n\nComplete it and submit it again on the project's page."
        )
        % values,
    )


@message
def claim_verified(*, payment_id: int) -> Email:
    """To the partner's members: the claim was verified; a payment is proposed."""
    payment = Payment.objects.select_related("claim__period__agreement__grant__application").get(pk=payment_id)
    from ..selectors.finance import explanation_text

    values = {
        **_claim_values(payment.claim),  # type: ignore[arg-type]
        "amount": format_money(payment.amount),
        "why": explanation_text(payment),
        "link": site_url(reverse("grants:payment_statement", args=[payment.pk])),
    }
    return Email(
        _("Your cost claim for %(project)s was verified") % values,
        _(
            "Finance verified your cost claim for period %(period)s of %(project)s (%(reference)s). A payment "
            "of %(amount)s is proposed: %(why)s\n\nIt is paid once a second person approved it. The statement: "
            "%(link)s"
        )
        % values,
    )


@message
def payment_paid(*, payment_id: int) -> Email:
    payment = Payment.objects.select_related("agreement_partner__agreement__grant__application").get(pk=payment_id)
    agreement = payment.agreement_partner.agreement
    values = {
        "amount": format_money(payment.amount),
        "kind": payment.get_kind_display(),
        "project": agreement.grant.application.title,
        "reference": agreement.reference,
        "day": format_date(payment.paid_on),
        "link": site_url(reverse("grants:payment_statement", args=[payment.pk])),
    }
    return Email(
        _("Payment of %(amount)s for %(project)s") % values,
        _(
            "%(kind)s of %(amount)s for %(project)s (%(reference)s) was paid on %(day)s.\n\n"
            "The payment statement: %(link)s"
        )
        % values,
    )


@message
def payment_returned(*, payment_id: int) -> Email:
    payment = Payment.objects.select_related("agreement_partner__agreement__grant__application").get(pk=payment_id)
    agreement = payment.agreement_partner.agreement
    values = {
        "amount": format_money(payment.amount),
        "project": agreement.grant.application.title,
        "reason": payment.return_reason,
    }
    return Email(
        _("A payment for %(project)s could not be made") % values,
        _(
            "The bank returned the payment of %(amount)s for %(project)s: %(reason)s\n\nCheck the bank account "
            "registered for your company on the project's page; the payment is ordered again once a corrected "
            "account is in use."
        )
        % values,
    )


@message
def recovery_requested(*, payment_id: int) -> Email:
    payment = Payment.objects.select_related("agreement_partner__agreement__grant__application").get(pk=payment_id)
    agreement = payment.agreement_partner.agreement
    from ..selectors.finance import explanation_text

    values = {
        "amount": format_money(payment.amount),
        "project": agreement.grant.application.title,
        "reference": agreement.reference,
        "why": explanation_text(payment),
        "link": site_url(reverse("grants:payment_statement", args=[payment.pk])),
    }
    return Email(
        _("Repayment of %(amount)s for %(project)s") % values,
        _(
            "The final settlement of %(project)s (%(reference)s) found an overpayment: %(why)s\n\nPlease repay "
            "%(amount)s, mentioning %(reference)s. The statement: %(link)s"
        )
        % values,
    )
