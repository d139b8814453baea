"""Writes for the privacy work: a person's data export, erasure of an account, anonymisation of applications
that were not funded once their retention period has passed. Each writes an audit event; audit events themselves
are never changed or deleted (the trail is append-only and kept with the grant records)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tempfile
import zipfile
from collections import defaultdict
from decimal import Decimal
from typing import IO, Any

from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.accounts.models import User
from crossroads.applications.models import Application, Attachment, BudgetLine, CostCategoryCode, Partner, WorkPackage
from crossroads.assessment.models import (
    AssessorProfile,
    ConflictDeclaration,
    ConsensusScore,
    Decision,
    Objection,
    Score,
    Screening,
)
from crossroads.companies.models import CompanyMembership, Invitation
from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.core.errors import ServiceError
from crossroads.core.permissions import Permission
from crossroads.matching.models import ExpressionOfInterest, SavedSearch

from .models import AnonymisedApplication, ErasureRequest, ErasureStatus
from .permissions import can_erase_account, can_export_personal_data, can_request_erasure
from .rules import Retention, is_placeholder_email, placeholder_email
from .selectors import (
    applications_due_for_anonymisation,
    erasure_blockers,
    pending_erasure_request,
    personal_data,
    uploaded_files,
)
from .states import ERASURE
from .verbs import PrivacyVerb

logger = logging.getLogger(__name__)


class PrivacyError(ServiceError):
    """A privacy step refused, with every reason (worded for the person) in `reasons`; its message joins them."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(str(r) for r in reasons))
        self.reasons = reasons


def _require(permission: Permission) -> None:
    if not permission:
        raise PrivacyError([str(permission.reason)])


# ---------------------------------------------------------------------------------------------------------------
# Export


def personal_data_export(*, actor: User, user: User) -> tuple[str, IO[bytes]]:
    """A ZIP with data.json (everything held about `user`) and the files they uploaded. Returns a file name and an
    open file positioned at the start; large uploads spill to disk instead of memory."""
    _require(can_export_personal_data(actor, user))
    data = personal_data(user)
    files = uploaded_files(user)
    archive = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for attachment in files:
            name = f"files/{attachment.pk}-{_safe_name(attachment.original_name)}"
            try:
                with attachment.file.open("rb") as fh:
                    zf.writestr(name, fh.read())
            except (OSError, ValueError):
                missing.append(attachment.pk)  # listed in data.json, so the person knows it existed
        data["files_not_found"] = missing
        zf.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    archive.seek(0)
    with transaction.atomic():
        audit_record(actor=actor, verb=PrivacyVerb.EXPORT, obj=user, after={"files": len(files) - len(missing)})
    stamp = clock.today_brussels().isoformat()
    return f"crossroads-my-data-{stamp}.zip", archive


def _safe_name(name: str) -> str:
    """A file name that cannot climb out of the archive's folder or carry control characters."""
    cleaned = re.sub(r"[^\w.\- ]", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(". ")
    return cleaned[:120] or "file"


# ---------------------------------------------------------------------------------------------------------------
# Erasure


@transaction.atomic
def erasure_request_file(*, actor: User, user: User, blockers: list[str]) -> ErasureRequest:
    """The person asked to be erased but something stands in the way: the request waits for the secretariat.
    Asking twice keeps one pending request with the latest reasons."""
    _require(can_request_erasure(actor, user))
    request = pending_erasure_request(user)
    if request is None:
        request = ErasureRequest.objects.create(
            user=user, requested_at=clock.now(), blockers=[str(b) for b in blockers]
        )
    else:
        request.blockers = [str(b) for b in blockers]
        request.save(update_fields=["blockers"])
    audit_record(actor=actor, verb=PrivacyVerb.ERASURE_REQUEST, obj=request, after={"blockers": request.blockers})
    return request


@transaction.atomic
def account_erase(*, actor: User, user: User, request: ErasureRequest | None = None) -> ErasureRequest:
    """Anonymise the account and remove what nothing requires us to keep; keep (pointing at the anonymised
    account) what the programme must retain: applications, declarations, submissions, scores, decisions and the
    audit trail. Refused, with the reasons, while something stands in the way (see erasure_blockers)."""
    _require(can_erase_account(actor, user))
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_placeholder_email(user.email):
        raise PrivacyError([_("This account has already been erased.")])
    now = clock.now()
    blockers = erasure_blockers(user, now=now, by_secretariat=actor.pk != user.pk)
    if blockers:
        raise PrivacyError(blockers)

    placeholder = placeholder_email(user.pk)
    counts = _remove_what_identifies(user, placeholder)
    _forget_assessor_profile(user)
    _anonymise_account(user, placeholder)
    request = _close_request(request, actor=actor, user=user, now=now)
    # Written after the anonymisation, so the event's object name is the placeholder, not the old address.
    audit_record(actor=actor, verb=PrivacyVerb.ACCOUNT_ERASE, obj=user, after={"request": request.pk, **counts})
    return request


def _remove_what_identifies(user: User, placeholder: str) -> dict[str, int]:
    """Delete the person's logins, sessions, searches and memberships; replace their address wherever it was an
    invitation; unlink them from what other people keep. Returns how many rows each step touched."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    old_email = user.email
    counts: dict[str, int] = {}
    counts["email_addresses"] = EmailAddress.objects.filter(user=user).delete()[0]
    counts["authenticators"] = Authenticator.objects.filter(user=user).delete()[0]
    counts["sessions"] = _delete_sessions(user)
    counts["saved_searches"] = SavedSearch.objects.filter(user=user).delete()[0]
    counts["memberships"] = CompanyMembership.objects.filter(user=user).delete()[0]
    # Invitations addressed to them: open ones can no longer be accepted; accepted ones keep the fact, not the address.
    counts["invitations"] = Invitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()[0]
    Invitation.objects.filter(email__iexact=old_email).update(email=placeholder)
    counts["partner_invitations"] = Partner.objects.filter(invited_email__iexact=old_email).update(
        invited_email=placeholder, invite_token=""
    )
    # A request to join an application that the lead has not answered cannot be answered for an erased person.
    counts["join_requests"] = Partner.objects.filter(join_requested_by=user).update(
        join_requested_by=None, join_requested_company=None, join_requested_at=None
    )
    # Expressions of interest are the companies' correspondence: kept, no longer linked to the person.
    counts["interests_sent"] = ExpressionOfInterest.objects.filter(sender_user=user).update(sender_user=None)
    return counts


def _forget_assessor_profile(user: User) -> None:
    profile = AssessorProfile.objects.filter(user=user).first()
    if profile is not None:
        # Their scores and declarations stay (the award must remain verifiable); what described the person goes.
        profile.expertise, profile.languages, profile.employer, profile.active = "", [], None, False
        profile.save(update_fields=["expertise", "languages", "employer", "active"])
        profile.themes.clear()
        profile.interests.clear()


def _anonymise_account(user: User, placeholder: str) -> None:
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    user.email = placeholder
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.covered_provinces.clear()
    user.groups.clear()
    user.user_permissions.clear()
    # The admin's own change log names the account by its e-mail address; not the audit trail, so it may change.
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)).update(
        object_repr=placeholder
    )


def _close_request(request: ErasureRequest | None, *, actor: User, user: User, now: dt.datetime) -> ErasureRequest:
    """The pending request (or a new one, when the person erased their own account at once) is done."""
    if request is None:
        request = pending_erasure_request(user)
    if request is None:
        request = ErasureRequest(user=user, requested_at=now)
    ERASURE.move(request, ErasureStatus.DONE)
    request.handled_by, request.handled_at = actor, now
    request.blockers = []
    request.save()
    return request


def _delete_sessions(user: User) -> int:
    """Log the person out everywhere. (The unusable password already invalidates their sessions; removing the rows
    also removes what the sessions stored.)"""
    ids = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=clock.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    return Session.objects.filter(pk__in=ids).delete()[0]


# ---------------------------------------------------------------------------------------------------------------
# Anonymisation after the retention period

ANONYMISED = "[anonymised]"


def _figures(application: Application) -> dict[str, Any]:
    """What statistics still use once the personal data is gone."""
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    partners = list(application.partners.select_related("company"))
    lines = BudgetLine.objects.filter(partner__application=application)
    for line in lines:
        by_category[line.category] += line.amount
    countries: dict[str, int] = defaultdict(int)
    for partner in partners:
        if partner.company is not None:
            countries[partner.company.country] += 1
    return {
        "status": application.status,
        "stage": application.stage,
        "call": application.call.code,
        "partners": len(partners),
        "partners_by_country": dict(countries),
        "declared_costs_by_category": {k: str(v) for k, v in sorted(by_category.items())},
        "declared_costs": str(sum(by_category.values(), Decimal("0"))),
        "duration_months": application.duration_months,
        "themes": sorted(application.themes.values_list("code", flat=True)),
    }


def _stripped_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A submission's copy without text or names of people: the call, themes, totals and per partner its country,
    role and money."""
    keep_partner = ("country", "role", "is_lead", "region_status", "eligible_costs", "grant")
    return {
        "anonymised": True,
        "call": snapshot.get("call", {}),
        "themes": snapshot.get("themes", []),
        "totals": snapshot.get("totals", {}),
        "partners": [{k: p.get(k) for k in keep_partner} for p in snapshot.get("partners", [])],
    }


def _delete_files_after_commit(names: list[str]) -> None:
    """Files go only once the database says the application is anonymised: a rolled-back run loses nothing."""

    def delete() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:  # logged, and the next run does not retry: the row no longer points at the file
                logger.exception("privacy: could not delete %s", name)

    if names:
        transaction.on_commit(delete)


@transaction.atomic
def application_anonymise(
    *, actor: User | None, application: Application, retention: Retention
) -> AnonymisedApplication:
    """Remove the personal data of an application that was not funded: texts, names, the people's costs,
    attachments, the submitted copies and letters; keep its figures, statuses and scores. Idempotent."""
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    existing = AnonymisedApplication.objects.filter(application=application).first()
    if existing is not None:
        return existing
    if hasattr(application, "grant"):
        raise PrivacyError([_("A funded application is kept with the grant records; it is never anonymised.")])
    figures = _figures(application)
    counts, files = _strip_application(application)
    files += _strip_assessment(application)
    marker = AnonymisedApplication.objects.create(
        application=application,
        reason=retention.reason,
        reference_at=retention.reference,
        anonymised_at=clock.now(),
        figures=figures,
    )
    audit_record(
        actor=actor,
        verb=PrivacyVerb.APPLICATION_ANONYMISE,
        obj=application,
        after={"reason": retention.reason, "retention_from": retention.reference, "files": len(files), **counts},
    )
    _delete_files_after_commit(files)
    return marker


def _strip_application(application: Application) -> tuple[dict[str, int], list[str]]:
    """The applicants' side: texts, people's costs, attachments and submitted copies. Returns the counts for the
    audit event and the stored files to delete."""
    files: list[str] = []
    counts: dict[str, int] = {}
    application.sections = {key: "" for key in application.sections}
    application.save(update_fields=["sections", "updated_at"])
    counts["partners"] = Partner.objects.filter(application=application).update(
        tasks="", invited_email="", invite_token="", join_requested_by=None, join_requested_at=None
    )
    lines = BudgetLine.objects.filter(partner__application=application)
    # A person's salary is personal data; the hours and amounts stay for the statistics.
    counts["budget_lines"] = lines.update(person="", annual_cost=None)
    lines.filter(category=CostCategoryCode.PERSONNEL).update(description="", hourly_rate=None)
    WorkPackage.objects.filter(application=application).update(description="")
    attachments = Attachment.objects.filter(application=application)
    files += [name for a in attachments if (name := a.file.name)]  # a file field is falsy when it has no name
    counts["attachments"] = attachments.delete()[0]
    for submission in application.submissions.all():
        if name := submission.pdf.name:
            files.append(name)
        submission.snapshot = _stripped_snapshot(submission.snapshot or {})
        submission.pdf = ""
        submission.save(update_fields=["snapshot", "pdf"])
    return counts, files


def _strip_assessment(application: Application) -> list[str]:
    """The programme's side: the written reasons of screening, assessors and the decision (the scores and the
    outcome stay). Returns the stored files to delete (the decision letter)."""
    files: list[str] = []
    Screening.objects.filter(application=application).update(missing_items="", ineligible_reason="")
    ConflictDeclaration.objects.filter(application=application).update(explanation="")
    Score.objects.filter(assignment__application=application).update(justification="")
    ConsensusScore.objects.filter(application=application).update(rationale="")
    decision = Decision.objects.filter(application=application).first()
    if decision is not None:
        if name := decision.letter.name:
            files.append(name)
        decision.reasons, decision.conditions, decision.letter = "", "", ""
        decision.save(update_fields=["reasons", "conditions", "letter"])
        Objection.objects.filter(decision=decision).update(grounds="")
    return files


def privacy_housekeeping(*, actor: User | None = None, dry_run: bool = False) -> list[tuple[Application, Retention]]:
    """Anonymise every application whose retention period has passed, each in its own transaction (one failure
    does not undo the others; the next run picks up what is left). With `dry_run`, only list them."""
    due = list(applications_due_for_anonymisation(now=clock.now()))
    if not dry_run:
        for application, retention in due:
            application_anonymise(actor=actor, application=application, retention=retention)
    return due
