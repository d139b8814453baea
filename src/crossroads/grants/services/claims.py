"""A partner's cost claim: started per period, lines added, changed and deleted while it is a draft or returned,
documents uploaded, submitted when no check finds an error (warnings do not block)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from crossroads.accounts.models import Role, User
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..files import CheckedDocument
from ..messages.claims import claim_submitted
from ..models import (
    AgreementPartner,
    AgreementStatus,
    ClaimDocument,
    ClaimLine,
    ClaimStatus,
    CostClaim,
    DocumentKind,
    ReportingPeriod,
)
from ..permissions import can_act_for
from ..rules.claims import PERSONNEL, blocking, method_rate, personnel_amount
from ..selectors.claims import EDITABLE, claim_findings, rules_for
from ..states import CLAIM_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from ..rules.claims import Finding

OPEN_AGREEMENT = (AgreementStatus.RUNNING, AgreementStatus.CLOSING)
PERSONNEL_FIELDS = ("person", "work_from", "work_to", "hours", "hourly_rate", "annual_cost")
INVOICE_FIELDS = ("supplier", "invoice_number", "invoice_date", "paid_on", "amount")
MAX_HOURS = Decimal("99999.99")  # the column's width; the yearly cap is a check, this only keeps the row storable
MAX_AMOUNT = Decimal("99999999.99")


def today() -> dt.date:
    return clock.now().astimezone(clock.BRUSSELS).date()


def _refuse_unless_member(actor: User, member: AgreementPartner) -> None:
    permission = can_act_for(actor, member)
    if not permission.allowed:
        raise GrantError(permission.reason, status=403)


@transaction.atomic
def claim_start(*, actor: User, period: ReportingPeriod, member: AgreementPartner) -> CostClaim:
    """The partner's claim of the period: the existing one, or a new draft (one per partner per period)."""
    _refuse_unless_member(actor, member)
    if member.agreement_id != period.agreement_id or member.left_on is not None:
        raise GrantError(_("Your company is not a partner in this period."), status=403)
    existing = CostClaim.objects.filter(period=period, agreement_partner=member).first()
    if existing is not None:
        return existing
    if period.agreement.status not in OPEN_AGREEMENT:
        raise GrantError(_("Claims can be filed once the agreement runs and until it is closed."))
    try:
        with transaction.atomic():
            claim = CostClaim.objects.create(period=period, agreement_partner=member, created_at=clock.now())
    except IntegrityError:  # a second click at the same moment: the first one made it
        return CostClaim.objects.get(period=period, agreement_partner=member)
    audit_record(actor=actor, verb=GrantVerb.CLAIM_CREATE, obj=claim, after=snapshot(claim))
    return claim


def _locked_claim(actor: User, claim: CostClaim, version: int | None) -> CostClaim:
    claim = CostClaim.objects.select_for_update().select_related("agreement_partner__agreement").get(pk=claim.pk)
    _refuse_unless_member(actor, claim.agreement_partner)
    if claim.status not in EDITABLE:
        raise GrantError(_("This claim was submitted; it can only be changed once finance returns it."))
    if version is not None and version != claim.lock_version:
        raise GrantError(
            _("Someone else changed this claim in the meantime. Reload the page and make your change again."),
            field="version",
        )
    return claim


def _bump(claim: CostClaim) -> None:
    claim.lock_version += 1
    claim.save(update_fields=["lock_version"])


def _personnel_values(claim: CostClaim, data: dict[str, Any]) -> dict[str, Any]:
    """Personnel: the amount is rate x hours; the rate is the one typed or, when none is typed, the method's."""
    member = claim.agreement_partner
    hours = data.get("hours")
    if hours is not None and hours > MAX_HOURS:
        raise GrantError(_("That is more hours than anyone works."), field="hours")
    typed = data.get("hourly_rate")
    rate = typed
    if rate is None:
        rate = method_rate(rules_for(member), annual_cost=data.get("annual_cost"), country=member.company.country)
    if rate is None:
        field = "annual_cost"
        raise GrantError(_("Fill in the annual gross employment cost: the hourly rate follows from it."), field=field)
    amount = personnel_amount(rate, hours or Decimal("0"))
    if amount > MAX_AMOUNT:
        raise GrantError(_("That amount is far above any grant."), field="hours")
    values = {f: data.get(f) for f in PERSONNEL_FIELDS}
    values.update(hourly_rate=rate, amount=amount)
    values.update(supplier="", invoice_number="", invoice_date=None, paid_on=None)
    return values


def _invoice_values(data: dict[str, Any]) -> dict[str, Any]:
    amount = data.get("amount")
    if amount is None or amount <= 0:
        raise GrantError(_("Enter the amount of the invoice that you claim."), field="amount")
    if amount > MAX_AMOUNT:
        raise GrantError(_("That amount is far above any grant."), field="amount")
    values = {f: data.get(f) for f in INVOICE_FIELDS}
    values.update(person="", work_from=None, work_to=None, hours=None, hourly_rate=None, annual_cost=None)
    return values


@transaction.atomic
def claim_line_save(
    *, actor: User, claim: CostClaim, data: dict[str, Any], line: ClaimLine | None = None, version: int | None = None
) -> ClaimLine:
    """Add a line (line=None) or change one. `data` holds the form's cleaned values; the category of an existing
    line does not change (delete it and add another)."""
    claim = _locked_claim(actor, claim, version)
    category = line.category if line is not None else data.get("category", "")
    if category not in (PERSONNEL, "consumables", "external"):
        raise GrantError(_("Choose a cost category."), field="category")
    values = _personnel_values(claim, data) if category == PERSONNEL else _invoice_values(data)
    values["description"] = (data.get("description") or "").strip()[:200]
    if line is None:
        line = ClaimLine.objects.create(claim=claim, category=category, **values)
        before = None
    else:
        line = ClaimLine.objects.select_for_update().get(pk=line.pk, claim=claim)
        before = snapshot(line)
        for name, value in values.items():
            setattr(line, name, value)
        line.save()
    _bump(claim)
    audit_record(actor=actor, verb=GrantVerb.CLAIM_LINE_SAVE, obj=line, before=before, after=snapshot(line))
    return line


@transaction.atomic
def claim_line_delete(*, actor: User, line: ClaimLine) -> None:
    claim = _locked_claim(actor, line.claim, None)
    line = ClaimLine.objects.get(pk=line.pk, claim=claim)
    before = snapshot(line)
    audit_record(actor=actor, verb=GrantVerb.CLAIM_LINE_DELETE, obj=line, before=before)
    for document in line.documents.all():
        document.file.delete(save=False)
    line.delete()
    _bump(claim)


@transaction.atomic
def claim_document_add(*, actor: User, line: ClaimLine, kind: str, checked: CheckedDocument) -> ClaimDocument:
    claim = _locked_claim(actor, line.claim, None)
    line = ClaimLine.objects.get(pk=line.pk, claim=claim)
    if kind not in DocumentKind.values:
        raise GrantError(_("Choose what kind of document this is."), field="kind")
    if line.documents.filter(sha256=checked.sha256).exists():
        raise GrantError(_("This file is already attached to this line."), field="file")
    document = ClaimDocument(
        line=line,
        kind=kind,
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=actor,
        uploaded_at=clock.now(),
    )
    document.file.save(checked.name, ContentFile(checked.content), save=False)
    document.save()
    _bump(claim)
    audit_record(actor=actor, verb=GrantVerb.CLAIM_DOCUMENT_ADD, obj=document, after=snapshot(document))
    return document


@transaction.atomic
def claim_submit(*, actor: User, claim: CostClaim, version: int | None = None) -> CostClaim:
    """Submit when no check finds an error; finance is told."""
    claim = _locked_claim(actor, claim, version)
    findings: list[Finding] = blocking(claim_findings(claim, today=today()))
    if findings:
        raise GrantError(
            _("The claim cannot be submitted yet: correct what the checks marked as errors (%(count)s).")
            % {"count": len(findings)}
        )
    before = snapshot(claim)
    CLAIM_STATES.move(claim, ClaimStatus.SUBMITTED)
    claim.submitted_by = actor
    claim.submitted_at = clock.now()
    claim.lock_version += 1
    claim.save(update_fields=["status", "submitted_by", "submitted_at", "lock_version"])
    audit_record(actor=actor, verb=GrantVerb.CLAIM_SUBMIT, obj=claim, before=before, after=snapshot(claim))
    finance = User.objects.filter(role=Role.FINANCE, is_active=True)
    notify(to=finance, composer=claim_submitted, params={"claim_id": claim.pk})
    return claim
