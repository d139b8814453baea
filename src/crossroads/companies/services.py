"""Writes to the company registry. Each runs in one transaction and leaves an audit event."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.errors import ServiceError
from crossroads.core.notifications import DEFAULT_LANGUAGE, Recipient, notify
from crossroads.programme.regions import PostcodeError, nuts3_for_postcode

from .messages import colleague_invited
from .models import (
    Company,
    CompanyMembership,
    DeMinimisAid,
    Establishment,
    FinancialYear,
    Holding,
    Invitation,
    MembershipRole,
    NaceCode,
)
from .verbs import CompanyVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def establishment_nuts3(country: str, postcode: str) -> str | None:
    try:
        return nuts3_for_postcode(country, postcode)
    except PostcodeError:
        return None


@transaction.atomic
def company_create(*, actor: User, data: dict[str, Any], make_member: bool = False) -> Company:
    themes = data.pop("themes", None)
    company = Company.objects.create(**data)
    if themes is not None:
        company.themes.set(themes)
    if make_member and getattr(actor, "is_authenticated", False):
        CompanyMembership.objects.create(user=actor, company=company, role=MembershipRole.MANAGER)
    audit_record(actor=actor, verb=CompanyVerb.COMPANY_CREATE, obj=company, after=snapshot(company))
    return company


@transaction.atomic
def company_update(*, actor: User, company: Company, data: dict[str, Any]) -> Company:
    before = snapshot(company)
    themes = data.pop("themes", None)
    for field, value in data.items():
        setattr(company, field, value)
    company.save()
    if themes is not None:
        company.themes.set(themes)
    audit_record(actor=actor, verb=CompanyVerb.COMPANY_UPDATE, obj=company, before=before, after=snapshot(company))
    return company


@transaction.atomic
def establishment_save(*, actor: User, establishment: Establishment) -> Establishment:
    """Save an establishment, deriving its NUTS3 region from the postcode."""
    before = snapshot(Establishment.objects.get(pk=establishment.pk)) if establishment.pk else None
    establishment.nuts3_id = establishment_nuts3(establishment.country, establishment.postcode)
    if establishment.is_project_site:
        establishment.company.establishments.exclude(pk=establishment.pk).update(is_project_site=False)
    establishment.save()
    audit_record(
        actor=actor,
        verb=CompanyVerb.ESTABLISHMENT_SAVE,
        obj=establishment,
        before=before,
        after=snapshot(establishment),
    )
    return establishment


@transaction.atomic
def financial_year_save(*, actor: User, figures: FinancialYear) -> FinancialYear:
    before = snapshot(FinancialYear.objects.get(pk=figures.pk)) if figures.pk else None
    figures.save()
    audit_record(actor=actor, verb=CompanyVerb.FINANCIAL_YEAR_SAVE, obj=figures, before=before, after=snapshot(figures))
    return figures


@transaction.atomic
def record_delete(*, actor: User, obj: models.Model, verb: CompanyVerb) -> None:
    before = snapshot(obj)
    audit_record(actor=actor, verb=verb, obj=obj, before=before)
    obj.delete()


@transaction.atomic
def holding_save(*, actor: User, holding: Holding) -> Holding:
    before = snapshot(Holding.objects.get(pk=holding.pk)) if holding.pk else None
    holding.save()
    audit_record(actor=actor, verb=CompanyVerb.HOLDING_SAVE, obj=holding, before=before, after=snapshot(holding))
    return holding


@transaction.atomic
def de_minimis_aid_save(*, actor: User, aid: DeMinimisAid) -> DeMinimisAid:
    before = snapshot(DeMinimisAid.objects.get(pk=aid.pk)) if aid.pk else None
    aid.save()
    audit_record(actor=actor, verb=CompanyVerb.DE_MINIMIS_SAVE, obj=aid, before=before, after=snapshot(aid))
    return aid


@transaction.atomic
def nace_codes_set(*, actor: User, company: Company, codes: list[str], revision: str) -> None:
    before = [f"{n.code}/{n.revision}" for n in company.nace_codes.all()]
    company.nace_codes.all().delete()
    for index, code in enumerate(codes):
        NaceCode.objects.create(company=company, code=code, revision=revision, is_main=index == 0)
    audit_record(
        actor=actor,
        verb=CompanyVerb.COMPANY_NACE,
        obj=company,
        before={"nace": before},
        after={"nace": [f"{c}/{revision}" for c in codes]},
    )


@transaction.atomic
def invitation_create(*, actor: User, company: Company, email: str) -> Invitation:
    """Invite a colleague to manage the company; the e-mail goes out after the commit, in the inviter's language
    (the invitee has no account, so no language of their own yet)."""
    invitation = Invitation.objects.create(
        company=company,
        email=email.lower(),
        token=secrets.token_urlsafe(32),
        invited_by=actor,
        expires_at=clock.now() + dt.timedelta(days=settings.COMPANY_INVITATION_DAYS),
    )
    audit_record(actor=actor, verb=CompanyVerb.INVITATION_CREATE, obj=invitation, after={"email": invitation.email})
    notify(
        to=[Recipient(invitation.email, actor.language or DEFAULT_LANGUAGE)],
        composer=colleague_invited,
        params={"invitation_id": invitation.pk},
    )
    return invitation


class InvitationError(ServiceError):
    """An invitation that cannot be accepted (unknown, used, expired, or for another address)."""


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> CompanyMembership:
    # A token from a URL: anything but the url-safe text we issue (a NUL byte breaks PostgreSQL) cannot be one.
    if not token or len(token) > 64 or not token.isascii() or "\x00" in token:
        raise InvitationError(_("This invitation does not exist."))
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise InvitationError(_("This invitation does not exist."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.expires_at < clock.now():
        raise InvitationError(_("This invitation has expired. Ask your colleague for a new one."))
    if invitation.email != user.email.lower():
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = CompanyMembership.objects.get_or_create(user=user, company=invitation.company)
    invitation.accepted_at = clock.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(actor=user, verb=CompanyVerb.INVITATION_ACCEPT, obj=invitation, after={"user": user.email})
    return membership
