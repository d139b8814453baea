"""A joint application started from an accepted expression of interest: the company of the person who starts it is
the lead, the other company is added as a partner through the usual invitation (it receives the invitation e-mail,
then joins, fills in its part and confirms it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.programme.models import Call

from ..models import Application, ApplicationStatus
from ..verbs import ApplicationVerb
from .common import ApplicationError
from .drafting import application_create
from .partners import partner_add

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.companies.models import Company
    from crossroads.matching.models import ExpressionOfInterest

TITLE_LENGTH = 200


def open_calls() -> list[Call]:
    """The calls open now, the one closing first first."""
    now = clock.now()
    return sorted((c for c in Call.objects.select_related("programme") if c.is_open(now)), key=lambda c: c.closes_at)


def _interest(actor: User, interest_id: int) -> tuple[ExpressionOfInterest, Company, Company]:
    """The accepted interest, the actor's company (the lead) and the other company."""
    from crossroads.matching.models import ExpressionOfInterest, InterestStatus

    interest = (
        ExpressionOfInterest.objects.select_related("sender_company", "target_company").filter(pk=interest_id).first()
    )
    mine = set(actor.memberships.values_list("company_id", flat=True)) if interest is not None else set()
    if interest is None or not {interest.sender_company_id, interest.target_company_id} & mine:
        raise ApplicationError(
            _("Only the two companies of this expression of interest can start an application from it.")
        )
    if interest.status != InterestStatus.ACCEPTED:
        raise ApplicationError(_("A joint application can be started once the expression of interest is accepted."))
    if interest.sender_company_id in mine:
        return interest, interest.sender_company, interest.target_company
    return interest, interest.target_company, interest.sender_company


def _call(call: Call | None) -> Call:
    calls = open_calls()
    if call is None:
        if not calls:
            raise ApplicationError(_("No call is open at the moment; you can start the application when one opens."))
        if len(calls) > 1:
            raise ApplicationError(_("Choose the call to apply to."), field="call")
        return calls[0]
    if call.pk not in {c.pk for c in calls}:
        raise ApplicationError(_("This call is not open."), field="call")
    return call


@transaction.atomic
def application_start_from_interest(
    *, actor: User, interest_id: int, call: Call | None = None, title: str = ""
) -> Application:
    """Start the joint application: a draft in `call` (the only open call when not given) with the actor's company as
    lead and the other company invited as partner. Started twice (a double click), it returns the draft already
    made for these two companies in that call."""
    interest, lead, other = _interest(actor, interest_id)
    call = _call(call)
    existing = (
        Application.objects.filter(
            call=call, lead_company=lead, status=ApplicationStatus.DRAFT, partners__company=other
        )
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    title = (title or "").strip() or _("Joint project of %(lead)s and %(partner)s") % {
        "lead": lead.legal_name,
        "partner": other.legal_name,
    }
    application = application_create(actor=actor, call=call, lead=lead, title=title[:TITLE_LENGTH])
    partner = partner_add(actor=actor, application=application, company=other)
    audit_record(
        actor=actor,
        verb=ApplicationVerb.START_FROM_INTEREST,
        obj=application,
        after={"interest": interest.pk, "call": call.code, "lead": lead.pk, "partner": partner.pk},
    )
    return application
