"""The company registry's e-mails, worded here and sent through `crossroads.core.notifications`.

Composers take ids (they run in the worker, in the recipient's language) and read the database as it is when the mail
goes out. The msgids are the ones the service used before, so the translations still apply."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from crossroads.core.formatting import site_url
from crossroads.core.notifications import Email, message

from .models import Invitation


@message
def colleague_invited(*, invitation_id: int) -> Email:
    """To the invited address: join the company on the platform within the invitation's validity."""
    invitation = Invitation.objects.select_related("company", "invited_by").get(pk=invitation_id)
    company = invitation.company.display_name
    inviter = invitation.invited_by
    link = site_url(reverse("companies:invitation_accept", args=[invitation.token]))
    return Email(
        _("Invitation to join %(company)s on CrossRoads") % {"company": company},
        _(
            "%(inviter)s invites you to manage %(company)s on the CrossRoads platform.\n\n"
            "Accept the invitation within %(days)s days: %(link)s\n"
        )
        % {
            "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
            "company": company,
            "days": settings.COMPANY_INVITATION_DAYS,
            "link": link,
        },
    )
