"""The consortium: inviting partners, joining by invitation (or asking the lead to confirm), and each partner's
declarations."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import Recipient, notify, recipient

from ..messages import partner_invited, partner_join_requested
from ..models import Application, Partner
from ..verbs import ApplicationVerb
from .common import ApplicationError, _editable, is_lead_member, members

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.companies.models import Company


@transaction.atomic
def partner_add(*, actor: User, application: Application, company: Company | None = None, email: str = "") -> Partner:
    _editable(application)
    if company is not None and application.partners.filter(company=company).exists():
        raise ApplicationError(_("This company is already a partner."))
    partner = Partner.objects.create(
        application=application,
        company=company,
        invited_email=email.lower(),
        invite_token=secrets.token_urlsafe(24),
        order=application.partners.count(),
    )
    audit_record(actor=actor, verb=ApplicationVerb.PARTNER_ADD, obj=partner, after=snapshot(partner))
    # Someone invited by address has no account (nor language) yet: they get it in the language of who invited them.
    to: list[User | Recipient] = (
        list(members(company)) if company else [recipient(email, getattr(actor, "language", "") or None)]
    )
    notify(to=to, composer=partner_invited, params={"partner_id": partner.pk})
    return partner


class InvitedSomeoneElse(ApplicationError):
    """The invitation went to another e-mail address than any verified address of the person opening it."""

    def __init__(self, invited: str) -> None:
        super().__init__(_("This invitation was sent to %(email)s.") % {"email": invited})
        self.invited = invited


def verified_emails(user: User) -> set[str]:
    from allauth.account.models import EmailAddress

    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}


def _joinable(token: str, *, actor: User, company: Company) -> Partner:
    partner = Partner.objects.select_for_update().filter(invite_token=token).first() if token else None
    if partner is None or not token:
        raise ApplicationError(_("This invitation does not exist."))
    _editable(partner.application)
    if partner.company_id and partner.company_id != company.pk:
        raise ApplicationError(_("This invitation is for another company."))
    if not company.memberships.filter(user=actor).exists():
        raise ApplicationError(_("You can only join on behalf of a company you are a member of."))
    if partner.application.partners.filter(company=company).exclude(pk=partner.pk).exists():
        raise ApplicationError(_("This company is already a partner."))
    return partner


def _clear_join_request(partner: Partner) -> None:
    partner.join_requested_by = partner.join_requested_company = partner.join_requested_at = None


@transaction.atomic
def partner_join(*, actor: User, token: str, company: Company) -> Partner:
    """Accept an invitation. An invitation by e-mail is for the person with that (verified) address; anyone else
    who holds the link can only ask the lead to confirm them (`partner_join_request`)."""
    partner = _joinable(token, actor=actor, company=company)
    if partner.invited_email and partner.invited_email.lower() not in verified_emails(actor):
        raise InvitedSomeoneElse(partner.invited_email)
    before = snapshot(partner)
    partner.company = company
    _clear_join_request(partner)
    partner.save()
    audit_record(actor=actor, verb=ApplicationVerb.PARTNER_JOIN, obj=partner, before=before, after=snapshot(partner))
    return partner


@transaction.atomic
def partner_join_request(*, actor: User, token: str, company: Company) -> Partner:
    """Someone other than the invited address asks to take the invitation; the lead decides."""
    partner = _joinable(token, actor=actor, company=company)
    if partner.company_id:
        raise ApplicationError(_("This invitation has already been accepted."))
    before = snapshot(partner)
    partner.join_requested_by, partner.join_requested_company = actor, company
    partner.join_requested_at = clock.now()
    partner.save()
    audit_record(
        actor=actor, verb=ApplicationVerb.PARTNER_JOIN_REQUEST, obj=partner, before=before, after=snapshot(partner)
    )
    notify(
        to=members(partner.application.lead_company),
        composer=partner_join_requested,
        params={
            "partner_id": partner.pk,
            "invited": partner.invited_email,
            "asked_by": actor.email,
            "company": company.legal_name,
        },
    )
    return partner


def _accept_join(application: Application, partner: Partner) -> None:
    company, asked_by = partner.join_requested_company, partner.join_requested_by_id
    assert company is not None and asked_by is not None  # checked by the caller
    if partner.company_id:
        raise ApplicationError(_("This invitation has already been accepted."))
    if not company.memberships.filter(user_id=asked_by).exists():
        raise ApplicationError(_("The person who asked is no longer a member of that company."))
    if application.partners.filter(company=company).exclude(pk=partner.pk).exists():
        raise ApplicationError(_("This company is already a partner."))
    partner.company = company


@transaction.atomic
def partner_join_decide(*, actor: User, partner: Partner, accept: bool) -> Partner:
    """The lead confirms (or refuses) the person who asked to take an invitation sent to another address."""
    partner = Partner.objects.select_for_update().select_related("application").get(pk=partner.pk)
    application = partner.application
    _editable(application)
    if not is_lead_member(application, actor):
        raise ApplicationError(_("Only the lead partner confirms who joins."))
    if partner.join_requested_by_id is None or partner.join_requested_company_id is None:
        raise ApplicationError(_("There is no request to join for this invitation (any more)."))
    before = snapshot(partner)
    if accept:
        _accept_join(application, partner)
    _clear_join_request(partner)
    partner.save()
    verb = ApplicationVerb.PARTNER_JOIN_CONFIRM if accept else ApplicationVerb.PARTNER_JOIN_REFUSE
    audit_record(actor=actor, verb=verb, obj=partner, before=before, after=snapshot(partner))
    return partner


@transaction.atomic
def partner_declare(*, actor: User, partner: Partner, declarations: dict[str, bool]) -> Partner:
    """The partner signs the declarations and confirms its part as it stands now."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    _editable(partner.application)
    before = snapshot(partner)
    partner.declarations = {k: bool(v) for k, v in declarations.items()}
    now = clock.now()
    partner.declared_by, partner.declared_at = actor, now
    partner.confirmed_at = now if partner.signed_all else None
    partner.save()
    audit_record(actor=actor, verb=ApplicationVerb.PARTNER_DECLARE, obj=partner, before=before, after=snapshot(partner))
    return partner
