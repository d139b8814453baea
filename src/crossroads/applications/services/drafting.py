"""Writing the application: start it, save the shared and partner parts (optimistic lock: a save based on an old
version is refused with both versions, never silently overwritten), work packages, and a copy into a later call."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot

from ..dates import duration_error, start_error
from ..models import Application, Partner, Stage, WorkPackage
from ..verbs import ApplicationVerb
from .common import PARTNER_FIELDS, SHARED_FIELDS, ApplicationError, _editable, _locked, _saved_meanwhile

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crossroads.accounts.models import User
    from crossroads.companies.models import Company
    from crossroads.programme.models import Call, Theme


@transaction.atomic
def application_create(*, actor: User, call: Call, lead: Company, title: str) -> Application:
    if not call.is_open(clock.now()):
        raise ApplicationError(_("This call is not open."))
    application = Application.objects.create(
        call=call,
        lead_company=lead,
        title=title,
        created_by=actor,
        duration_months=call.programme.max_duration_months,
        stage=Stage.IDEA if call.stages == 2 else Stage.FULL,
    )
    Partner.objects.create(application=application, company=lead, is_lead=True)
    audit_record(actor=actor, verb=ApplicationVerb.CREATE, obj=application, after=snapshot(application))
    return application


def shared_update(
    *,
    actor: User,
    application: Application,
    data: dict[str, Any],
    version: int,
    themes: Iterable[Theme] | None = None,
) -> Application:
    """Save the shared parts based on `version`. A save based on an older version, or one that lost a race with
    another save, is refused with a ConflictError that carries the version saved by the other person."""
    try:
        return _shared_update(actor=actor, application=application, data=data, version=version, themes=themes)
    except OperationalError as exc:
        if not _locked(exc):
            raise
        raise _saved_meanwhile(Application, application.pk, SHARED_FIELDS) from exc


@transaction.atomic
def _shared_update(
    *,
    actor: User,
    application: Application,
    data: dict[str, Any],
    version: int,
    themes: Iterable[Theme] | None = None,
) -> Application:
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    _editable(application)
    _check_dates(application, data)
    # The check and the claim of the next version are one UPDATE ... WHERE lock_version = n: of two writers that
    # both read version n, only one moves it to n + 1 (select_for_update alone is a no-op on SQLite).
    claimed = Application.objects.filter(pk=application.pk, lock_version=version).update(lock_version=version + 1)
    if not claimed:
        raise _saved_meanwhile(Application, application.pk, SHARED_FIELDS)
    before = snapshot(application)
    for field, value in data.items():
        if field in SHARED_FIELDS:
            setattr(application, field, value)
    application.lock_version = version + 1
    application.save()
    if themes is not None:
        application.themes.set(themes)
    audit_record(actor=actor, verb=ApplicationVerb.UPDATE, obj=application, before=before, after=snapshot(application))
    return application


def _check_dates(application: Application, data: dict[str, Any]) -> None:
    """A start before the call opens or a duration over the maximum is refused at its field (the form checks the
    same; this holds for every caller)."""
    if "planned_start" in data and (error := start_error(application.call, data["planned_start"])):
        raise ApplicationError(error, field="planned_start")
    if "duration_months" in data and (error := duration_error(application.call, data["duration_months"])):
        raise ApplicationError(error, field="duration_months")


def partner_update(*, actor: User, partner: Partner, data: dict[str, Any], version: int) -> Partner:
    """Save a partner's role and tasks based on `version`; like `shared_update`, a lost race is a ConflictError."""
    try:
        return _partner_update(actor=actor, partner=partner, data=data, version=version)
    except OperationalError as exc:
        if not _locked(exc):
            raise
        raise _saved_meanwhile(Partner, partner.pk, PARTNER_FIELDS) from exc


@transaction.atomic
def _partner_update(*, actor: User, partner: Partner, data: dict[str, Any], version: int) -> Partner:
    partner = Partner.objects.select_for_update().select_related("application__call").get(pk=partner.pk)
    _editable(partner.application)
    claimed = Partner.objects.filter(pk=partner.pk, lock_version=version).update(lock_version=version + 1)
    if not claimed:
        raise _saved_meanwhile(Partner, partner.pk, PARTNER_FIELDS)
    before = snapshot(partner)
    for field in PARTNER_FIELDS:
        if field in data:
            setattr(partner, field, data[field])
    partner.lock_version = version + 1
    partner.confirmed_at = None  # a changed part has to be confirmed again
    partner.save()
    audit_record(actor=actor, verb=ApplicationVerb.PARTNER_UPDATE, obj=partner, before=before, after=snapshot(partner))
    return partner


@transaction.atomic
def work_package_save(
    *,
    actor: User,
    application: Application,
    title: str,
    description: str,
    effort: dict[str, Decimal],
    number: int | None = None,
) -> WorkPackage:
    """Add or replace a work package of the shared part, with each partner's effort in person-months."""
    _editable(application)
    number = number or (max((w.number for w in application.work_packages.all()), default=0) + 1)
    package, _created = WorkPackage.objects.update_or_create(
        application=application,
        number=number,
        defaults={"title": title, "description": description, "effort": {k: str(v) for k, v in effort.items() if v}},
    )
    audit_record(actor=actor, verb=ApplicationVerb.WORK_PACKAGE_SAVE, obj=package, after=snapshot(package))
    return package


@transaction.atomic
def work_package_delete(*, actor: User, package: WorkPackage) -> None:
    _editable(package.application)
    audit_record(actor=actor, verb=ApplicationVerb.WORK_PACKAGE_DELETE, obj=package, before=snapshot(package))
    package.delete()


@transaction.atomic
def application_copy(*, actor: User, application: Application, call: Call) -> Application:
    """A draft copy in a later call: shared parts, partners (unconfirmed, unsigned), budget and work packages."""
    if not call.is_open(clock.now()):
        raise ApplicationError(_("This call is not open."), field="call")
    copy = Application.objects.create(
        call=call,
        lead_company=application.lead_company,
        title=application.title,
        acronym=application.acronym,
        sections=dict(application.sections),
        duration_months=application.duration_months,
        indicators=dict(application.indicators),
        copied_from=application,
        created_by=actor,
    )
    copy.themes.set(application.themes.filter(pk__in=call.themes.all()))
    mapping = _copy_partners(application, copy)
    for wp in application.work_packages.all():
        wp.pk, wp.application = None, copy
        wp.effort = {mapping.get(k, k): v for k, v in wp.effort.items()}
        wp.save()
    audit_record(actor=actor, verb=ApplicationVerb.COPY, obj=copy, after={"from": application.pk, "call": call.code})
    return copy


def _copy_partners(application: Application, copy: Application) -> dict[str, str]:
    """Each partner (unconfirmed, unsigned, with a new invitation) and its budget lines; old id -> new id."""
    mapping = {}
    for partner in application.partners.all():
        new = Partner.objects.create(
            application=copy,
            company=partner.company,
            invited_email=partner.invited_email,
            invite_token=secrets.token_urlsafe(24),
            is_lead=partner.is_lead,
            role=partner.role,
            tasks=partner.tasks,
            order=partner.order,
        )
        mapping[str(partner.pk)] = str(new.pk)
        for line in partner.budget_lines.all():
            line.pk, line.partner = None, new
            line.save()
    return mapping
