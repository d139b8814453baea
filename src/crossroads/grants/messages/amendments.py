"""E-mails about amendments: to the secretariat when one is requested (or a free shift was applied), to the
partners when it is decided. Composed in the recipient's language by the worker; ids only."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.core.formatting import site_url
from crossroads.core.notifications import Email, message

from ..models import Amendment, AmendmentStatus


def _values(amendment_id: int) -> tuple[Amendment, dict[str, str]]:
    amendment = Amendment.objects.select_related("agreement__grant__application").get(pk=amendment_id)
    agreement = amendment.agreement
    return amendment, {
        "kind": str(amendment.get_kind_display()),
        "reference": agreement.reference,
        "title": agreement.grant.application.title,
        "reason": amendment.reason,
        "decision_reason": amendment.decision_reason,
        "list": site_url(reverse("grants:amendments", args=[agreement.pk])),
        "decide": site_url(reverse("grants:amendment_decide", args=[amendment.pk])),
    }


@message
def amendment_requested(*, amendment_id: int) -> Email:
    """To the secretariat: an amendment waits for its decision."""
    _amendment, values = _values(amendment_id)
    return Email(
        _("Amendment to decide: %(kind)s (%(reference)s)") % values,
        _(
            "The partners of %(title)s (%(reference)s) ask for an amendment: %(kind)s.\n\nReason given:\n"
            "%(reason)s\n\nCompare the versions and decide: %(decide)s"
        )
        % values,
    )


@message
def amendment_applied(*, amendment_id: int) -> Email:
    """To the secretariat: a budget shift within the free share was applied at once."""
    _amendment, values = _values(amendment_id)
    return Email(
        _("Budget shift applied: %(reference)s") % values,
        _(
            "The partners of %(title)s (%(reference)s) shifted budget between categories within the share "
            "allowed without approval. The new version applies now.\n\nReason given:\n%(reason)s\n\n%(list)s"
        )
        % values,
    )


@message
def amendment_decided(*, amendment_id: int) -> Email:
    """To the partners: their amendment was approved (or applied at once) or rejected."""
    amendment, values = _values(amendment_id)
    if amendment.status == AmendmentStatus.APPROVED:
        subject = _("Amendment approved: %(kind)s (%(reference)s)") % values
        body = _("The amendment of %(title)s (%(reference)s) was approved: %(kind)s. The new version applies now.")
    else:
        subject = _("Amendment rejected: %(kind)s (%(reference)s)") % values
        body = _("The amendment of %(title)s (%(reference)s) was rejected: %(kind)s. The approved version stays.")
    text = body % values
    if amendment.decision_reason:
        text += "\n\n" + _("Reason of the decision:") + "\n" + amendment.decision_reason
    return Email(subject, text + "\n\n" + _("Every version: %(list)s") % values)
