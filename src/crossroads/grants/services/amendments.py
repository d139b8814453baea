"""Amendments of a running agreement: a budget shift, a partner leaving or joining, an extension.

Each request makes the next budget version (proposed), a copy of the approved one with the change. A budget shift
within one partner's free share (the call's `budget_shift_free_share`, measured cumulatively since the last version
the secretariat approved) is applied at once; everything else waits for the secretariat. On approval the new
version replaces the old one (superseded, kept), the agreement's end date follows an extension, and the de minimis
records follow each partner's new grant.

Who may ask: the lead partner's members, for the consortium, any kind; a partner's members a budget shift of their
own lines only. The secretariat decides; whoever asked may withdraw while it waits.

A company proposed to join is an `AgreementPartner` without application part: `joined_on` empty and `left_on`
set to its proposed date while it waits (so it is not an active partner anywhere), `joined_on` set and `left_on`
cleared on approval, left as it is on a rejection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from crossroads.accounts.models import User
from crossroads.accounts.recipients import secretariat_users
from crossroads.applications.models import CostCategoryCode
from crossroads.companies.models import Company, DeMinimisAid
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_date
from crossroads.core.notifications import notify
from crossroads.programme.models import StateAidBasis

from ..errors import GrantError
from ..messages.amendments import amendment_applied, amendment_decided, amendment_requested
from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    BudgetVersion,
    BudgetVersionLine,
    BudgetVersionShare,
    PaymentKind,
    PaymentStatus,
    VersionStatus,
)
from ..permissions import can_decide_amendment, can_write_report
from ..rules import amendments as rules
from ..selectors.budget import current_version
from ..states import AMENDMENT_STATES, VERSION_STATES
from ..verbs import GrantVerb
from .agreement import periods_create

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

Budget = dict[int, dict[str, Decimal]]
COMMITTED = (PaymentStatus.APPROVED, PaymentStatus.ORDERED, PaymentStatus.PAID)


@dataclass
class Proposal:
    budget: Budget
    grants: dict[int, Decimal]
    end_date: dt.date
    details: dict[str, Any] = field(default_factory=dict)
    needs_approval: bool = True


# ---------------------------------------------------------------------------------------------------- reads


def version_budget(version: BudgetVersion) -> Budget:
    budget: Budget = {}
    for line in version.lines.all():
        budget.setdefault(line.agreement_partner_id, {c: Decimal("0.00") for c in CostCategoryCode.values})
        budget[line.agreement_partner_id][line.category] = line.eligible
    return budget


def version_grants(version: BudgetVersion) -> dict[int, Decimal]:
    return {share.agreement_partner_id: share.grant for share in version.shares.all()}


def base_version(agreement: Agreement) -> BudgetVersion:
    """The version free shifts are measured against: the latest one the secretariat approved (or version 1)."""
    decided = (
        agreement.versions.filter(status__in=(VersionStatus.APPROVED, VersionStatus.SUPERSEDED))
        .filter(Q(number=1) | Q(amendment__needs_approval=True))
        .order_by("-number")
        .first()
    )
    return decided or current_version(agreement)


def committed_for(member: AgreementPartner) -> Decimal:
    """What was paid or approved for a partner (payments approved, ordered or paid, less what it repaid)."""
    out = member.payments.exclude(kind=PaymentKind.RECOVERY).filter(status__in=COMMITTED).aggregate(s=Sum("amount"))
    back = member.payments.filter(kind=PaymentKind.RECOVERY, status=PaymentStatus.RECOVERED).aggregate(s=Sum("amount"))
    return max(Decimal("0.00"), (out["s"] or Decimal("0.00")) - (back["s"] or Decimal("0.00")))


def pending_amendment(agreement: Agreement) -> Amendment | None:
    return agreement.amendments.filter(status=AmendmentStatus.REQUESTED).first()


def may_request(user: AnyUser, agreement: Agreement, kind: str) -> bool:
    """Whether `user` may ask for this kind of amendment at all (the lead for every kind; a partner a shift)."""
    if not user.is_authenticated:
        return False
    if can_write_report(user, agreement):
        return True
    return kind == AmendmentKind.BUDGET_SHIFT and bool(_own_members(user, agreement))


def _own_members(user: AnyUser, agreement: Agreement) -> set[int]:
    if not user.is_authenticated:
        return set()
    companies = user.memberships.values_list("company_id", flat=True)
    return set(agreement.partners.filter(company_id__in=companies, left_on__isnull=True).values_list("pk", flat=True))


def _active(agreement: Agreement) -> dict[int, AgreementPartner]:
    return {m.pk: m for m in agreement.partners.filter(left_on__isnull=True).select_related("company")}


def _programme(agreement: Agreement) -> Any:
    return agreement.grant.application.call.programme


# ---------------------------------------------------------------------------------------------------- proposals


def _amount(value: Any, field_name: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise GrantError(_("Enter an amount."), field=field_name)
    if value < 0:
        raise GrantError(_("An amount cannot be negative."), field=field_name)
    if value != value.quantize(Decimal("0.01")) or value > Decimal("1e11"):
        raise GrantError(_("Enter an amount in euros with at most two decimals."), field=field_name)
    return value.quantize(Decimal("0.01"))


def _shift(actor: AnyUser, agreement: Agreement, current: BudgetVersion, lines: Any) -> Proposal:
    if not isinstance(lines, dict) or not lines:
        raise GrantError(_("Enter the new budget."))
    budget = version_budget(current)
    active = _active(agreement)
    lead = can_write_report(actor, agreement).allowed
    own = _own_members(actor, agreement)
    changed: set[int] = set()
    for member_id, categories in lines.items():
        if member_id not in active or not isinstance(categories, dict):
            raise GrantError(_("This partner is not in the agreement."))
        for category, value in categories.items():
            if category not in CostCategoryCode.values:
                raise GrantError(_("Unknown cost category."))
            amount = _amount(value, f"line_{member_id}_{category}")
            if amount != budget[member_id][category]:
                changed.add(member_id)
            budget[member_id][category] = amount
    if not changed:
        raise GrantError(_("Change at least one amount: this budget is the approved one."))
    if not lead and not changed <= own:
        raise GrantError(
            _("A partner shifts only its own budget; the lead partner asks for the consortium."), status=403
        )
    base = version_budget(base_version(agreement))
    programme = _programme(agreement)
    verdict = rules.classify_shift(base, budget, agreement.grant.application.call.budget_shift_free_share)
    grants = rules.grants_after_change(budget, version_grants(current), programme.grant_rate, agreement.grant.total)
    details = {"partners": sorted(changed), "moved": {str(s.partner): str(s.moved) for s in verdict.partners}}
    return Proposal(budget, grants, current.end_date, details, needs_approval=not verdict.free)


def _leave(agreement: Agreement, current: BudgetVersion, member: Any, left_on: Any) -> Proposal:
    active = _active(agreement)
    if not isinstance(member, AgreementPartner) or member.pk not in active:
        raise GrantError(_("Choose a partner of the agreement."), field="member")
    if member.is_lead:
        raise GrantError(_("The lead partner cannot leave: the consortium needs a lead."), field="member")
    _date_in_project(agreement, current, left_on, "left_on")
    grants = version_grants(current)
    before = grants.get(member.pk, Decimal("0.00"))
    grants[member.pk] = rules.leaving_grant(before, committed_for(member))
    details = {"member": member.pk, "left_on": left_on.isoformat(), "released": str(before - grants[member.pk])}
    return Proposal(version_budget(current), grants, current.end_date, details)


def _join(
    actor: AnyUser, agreement: Agreement, current: BudgetVersion, company: Any, joined_on: Any, costs: Any
) -> Proposal:
    if not isinstance(company, Company):
        raise GrantError(_("Enter the enterprise number of a company registered on the platform."), field="company")
    if agreement.partners.filter(company=company).exists():
        raise GrantError(_("This company is already a partner of the agreement."), field="company")
    _date_in_project(agreement, current, joined_on, "joined_on")
    if not isinstance(costs, dict):
        raise GrantError(_("Enter the new partner's budget."))
    lines = {c: _amount(costs.get(c, Decimal("0.00")), c) for c in CostCategoryCode.values}
    if rules.total(lines) <= 0:
        raise GrantError(_("Enter the new partner's budget."), field=CostCategoryCode.values[0])
    member = AgreementPartner.objects.create(agreement=agreement, company=company, is_lead=False, left_on=joined_on)
    budget = version_budget(current)
    budget[member.pk] = lines
    grants = version_grants(current)
    available = rules.released(agreement.grant.total, grants)
    grants[member.pk] = rules.joining_grant(rules.total(lines), _programme(agreement).grant_rate, available)
    details = {"member": member.pk, "company": company.pk, "joined_on": joined_on.isoformat()}
    return Proposal(budget, grants, current.end_date, details)


def _date_in_project(agreement: Agreement, current: BudgetVersion, day: Any, field_name: str) -> None:
    if not isinstance(day, dt.date):
        raise GrantError(_("Enter a date."), field=field_name)
    if not agreement.start_date <= day <= current.end_date:
        raise GrantError(
            _("Choose a date between %(start)s and %(end)s (the project period).")
            % {"start": format_date(agreement.start_date), "end": format_date(current.end_date)},
            field=field_name,
        )


def _extension_check(agreement: Agreement, current_end: dt.date, new_end: Any) -> None:
    if not isinstance(new_end, dt.date):
        raise GrantError(_("Enter the new end date."), field="end_date")
    programme = _programme(agreement)
    refusal = rules.extension_refusal(
        start=agreement.start_date,
        current_end=current_end,
        new_end=new_end,
        max_months=programme.max_duration_months,
        programme_end=programme.end_date,
    )
    latest = format_date(rules.latest_end(agreement.start_date, programme.max_duration_months, programme.end_date))
    if refusal == "not_later":
        raise GrantError(
            _("An extension ends after the current end date (%(end)s).") % {"end": format_date(current_end)},
            field="end_date",
        )
    if refusal == "too_long":
        raise GrantError(
            _("A project lasts at most %(months)s months: it can end on %(latest)s at the latest.")
            % {"months": programme.max_duration_months, "latest": latest},
            field="end_date",
        )
    if refusal == "after_programme":
        raise GrantError(
            _("The programme ends on %(end)s: the project can end on %(latest)s at the latest.")
            % {"end": format_date(programme.end_date), "latest": latest},
            field="end_date",
        )


def _extend(agreement: Agreement, current: BudgetVersion, end_date: Any) -> Proposal:
    _extension_check(agreement, current.end_date, end_date)
    details = {"end_date": end_date.isoformat(), "previous_end_date": current.end_date.isoformat()}
    return Proposal(version_budget(current), version_grants(current), end_date, details)


def _version_create(agreement: Agreement, proposal: Proposal, actor: User) -> BudgetVersion:
    number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BudgetVersion.objects.create(
        agreement=agreement,
        number=number,
        status=VersionStatus.PROPOSED,
        end_date=proposal.end_date,
        created_at=clock.now(),
        created_by=actor,
    )
    BudgetVersionLine.objects.bulk_create(
        BudgetVersionLine(version=version, agreement_partner_id=member, category=category, eligible=amount)
        for member, lines in proposal.budget.items()
        for category, amount in lines.items()
    )
    BudgetVersionShare.objects.bulk_create(
        BudgetVersionShare(version=version, agreement_partner_id=member, grant=grant)
        for member, grant in proposal.grants.items()
    )
    return version


# ---------------------------------------------------------------------------------------------------- request


@transaction.atomic
def amendment_request(
    *,
    actor: User,
    agreement: Agreement,
    kind: str,
    reason: str,
    lines: dict[int, dict[str, Decimal]] | None = None,
    member: AgreementPartner | None = None,
    left_on: dt.date | None = None,
    company: Company | None = None,
    joined_on: dt.date | None = None,
    costs: dict[str, Decimal] | None = None,
    end_date: dt.date | None = None,
) -> Amendment:
    """Ask for an amendment (see the module). Returns it requested, or approved when it is a free shift."""
    agreement = (
        Agreement.objects.select_for_update().select_related("grant__application__call__programme").get(pk=agreement.pk)
    )
    if kind not in AmendmentKind.values:
        raise GrantError(_("Choose what should change."), field="kind")
    if not may_request(actor, agreement, kind):
        raise GrantError(_("The lead partner asks for amendments for the consortium."), status=403)
    if agreement.status != AgreementStatus.RUNNING:
        raise GrantError(_("Only a running agreement can be amended."))
    if not (reason or "").strip():
        raise GrantError(_("Explain why the change is needed."), field="reason")
    if pending_amendment(agreement) is not None:
        raise GrantError(_("Another amendment waits for the secretariat: wait for its decision or withdraw it."))
    current = current_version(agreement)
    if kind == AmendmentKind.BUDGET_SHIFT:
        proposal = _shift(actor, agreement, current, lines)
    elif kind == AmendmentKind.PARTNER_LEAVE:
        proposal = _leave(agreement, current, member, left_on)
    elif kind == AmendmentKind.PARTNER_JOIN:
        proposal = _join(actor, agreement, current, company, joined_on, costs)
    else:
        proposal = _extend(agreement, current, end_date)
    version = _version_create(agreement, proposal, actor)
    amendment = Amendment.objects.create(
        agreement=agreement,
        kind=kind,
        status=AmendmentStatus.REQUESTED,
        version=version,
        reason=reason.strip(),
        details={**proposal.details, "base_version": current.number},
        requested_by=actor,
        requested_at=version.created_at,
        needs_approval=proposal.needs_approval,
    )
    audit_record(
        actor=actor,
        verb=GrantVerb.AMENDMENT_REQUEST,
        obj=amendment,
        before={"version": current.number, "grants": version_grants(current), "end_date": current.end_date},
        after={**snapshot(amendment), "grants": proposal.grants, "end_date": proposal.end_date},
    )
    if proposal.needs_approval:
        notify(to=secretariat_users(), composer=amendment_requested, params={"amendment_id": amendment.pk})
        return amendment
    # Applied at once: recorded as approved by nobody (needs_approval is False), audited as the requester's act.
    _decide(actor=actor, amendment=amendment, approve=True, reason="", verb=GrantVerb.AMENDMENT_APPROVE, by=None)
    notify(to=secretariat_users(), composer=amendment_applied, params={"amendment_id": amendment.pk})
    return amendment


# ---------------------------------------------------------------------------------------------------- decisions


def _lock(amendment: Amendment) -> tuple[Amendment, Agreement]:
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("grant__application__call__programme")
        .get(pk=amendment.agreement_id)
    )
    amendment = Amendment.objects.select_for_update().select_related("version").get(pk=amendment.pk)
    amendment.agreement = agreement
    return amendment, agreement


@transaction.atomic
def amendment_approve(*, actor: User, amendment: Amendment, reason: str = "") -> Amendment:
    permission = can_decide_amendment(actor)
    if not permission:
        raise GrantError(permission.reason, status=403)
    amendment, _agreement = _lock(amendment)
    _decide(actor=actor, amendment=amendment, approve=True, reason=reason, verb=GrantVerb.AMENDMENT_APPROVE, by=actor)
    return amendment


@transaction.atomic
def amendment_reject(*, actor: User, amendment: Amendment, reason: str) -> Amendment:
    permission = can_decide_amendment(actor)
    if not permission:
        raise GrantError(permission.reason, status=403)
    if not (reason or "").strip():
        raise GrantError(_("Give the reason of the rejection: the partners read it."), field="reason")
    amendment, _agreement = _lock(amendment)
    _decide(actor=actor, amendment=amendment, approve=False, reason=reason, verb=GrantVerb.AMENDMENT_REJECT, by=actor)
    return amendment


@transaction.atomic
def amendment_withdraw(*, actor: User, amendment: Amendment) -> Amendment:
    amendment, _agreement = _lock(amendment)
    if amendment.requested_by_id != actor.pk:
        raise GrantError(_("Only the person who asked for an amendment can withdraw it."), status=403)
    before = snapshot(amendment)
    AMENDMENT_STATES.move(amendment, AmendmentStatus.WITHDRAWN)
    amendment.decided_at = clock.now()
    amendment.save(update_fields=["status", "decided_at"])
    VERSION_STATES.move(amendment.version, VersionStatus.REJECTED)
    amendment.version.save(update_fields=["status"])
    audit_record(
        actor=actor, verb=GrantVerb.AMENDMENT_WITHDRAW, obj=amendment, before=before, after=snapshot(amendment)
    )
    return amendment


def _decide(
    *, actor: User, amendment: Amendment, approve: bool, reason: str, verb: GrantVerb, by: User | None = None
) -> None:
    """`by` is who decided (the secretariat); None for a free shift applied at once."""
    before = snapshot(amendment)
    AMENDMENT_STATES.move(amendment, AmendmentStatus.APPROVED if approve else AmendmentStatus.REJECTED)
    amendment.decided_by = by
    amendment.decided_at = clock.now()
    amendment.decision_reason = (reason or "").strip()
    if approve:
        _apply(actor, amendment)
    else:
        VERSION_STATES.move(amendment.version, VersionStatus.REJECTED)
        amendment.version.save(update_fields=["status"])
    amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "details"])
    audit_record(actor=actor, verb=verb, obj=amendment, before=before, after=snapshot(amendment))
    notify(to=_partner_users(amendment.agreement), composer=amendment_decided, params={"amendment_id": amendment.pk})


def _apply(actor: User | None, amendment: Amendment) -> None:
    """The new version becomes the approved one; dates, partners and de minimis records follow it."""
    agreement = amendment.agreement
    version = amendment.version
    previous = current_version(agreement)
    if previous.number != amendment.details.get("base_version", previous.number):
        raise GrantError(_("The approved budget changed since this amendment was asked for: ask again."))
    if amendment.kind == AmendmentKind.EXTENSION:
        _extension_check(agreement, previous.end_date, version.end_date)
    if amendment.kind == AmendmentKind.PARTNER_LEAVE:
        _leave_apply(actor, amendment)
    if amendment.kind == AmendmentKind.PARTNER_JOIN:
        member = AgreementPartner.objects.get(pk=amendment.details["member"])
        member_before = snapshot(member)
        member.joined_on = dt.date.fromisoformat(amendment.details["joined_on"])
        member.left_on = None
        member.save(update_fields=["joined_on", "left_on"])
        audit_record(
            actor=actor, verb=GrantVerb.VERSION_APPROVE, obj=member, before=member_before, after=snapshot(member)
        )
    old_grants = version_grants(previous)
    VERSION_STATES.move(previous, VersionStatus.SUPERSEDED)
    previous.save(update_fields=["status"])
    VERSION_STATES.move(version, VersionStatus.APPROVED)
    version.approved_at = clock.now()
    version.save(update_fields=["status", "approved_at"])
    new_grants = version_grants(version)
    audit_record(
        actor=actor,
        verb=GrantVerb.VERSION_APPROVE,
        obj=version,
        before={"version": previous.number, "grants": old_grants, "end_date": previous.end_date},
        after={"version": version.number, "grants": new_grants, "end_date": version.end_date},
    )
    if version.end_date != agreement.end_date:
        agreement_before = snapshot(agreement)
        agreement.end_date = version.end_date
        agreement.save(update_fields=["end_date"])
        periods_create(agreement)
        audit_record(
            actor=actor,
            verb=GrantVerb.VERSION_APPROVE,
            obj=agreement,
            before=agreement_before,
            after=snapshot(agreement),
        )
    for member in agreement.partners.filter(pk__in=set(old_grants) | set(new_grants)).select_related("grant_share"):
        grant = new_grants.get(member.pk, Decimal("0.00"))
        if grant != old_grants.get(member.pk):
            _de_minimis_follow(actor, amendment, member, grant)


def _leave_apply(actor: User | None, amendment: Amendment) -> None:
    """The leaving partner keeps what was paid or approved for it by the day of the decision."""
    member = AgreementPartner.objects.select_for_update().get(pk=amendment.details["member"])
    share = amendment.version.shares.get(agreement_partner=member)
    keeps = rules.leaving_grant(version_grants(current_version(amendment.agreement))[member.pk], committed_for(member))
    if share.grant != keeps:
        share.grant = keeps
        share.save(update_fields=["grant"])
    before = snapshot(member)
    member.left_on = dt.date.fromisoformat(amendment.details["left_on"])
    member.save(update_fields=["left_on"])
    audit_record(actor=actor, verb=GrantVerb.VERSION_APPROVE, obj=member, before=before, after=snapshot(member))


def _aid_of(member: AgreementPartner) -> DeMinimisAid | None:
    if member.grant_share_id is not None:
        return member.grant_share.de_minimis  # type: ignore[union-attr]
    # A partner that joined by amendment has no grant share: its record is named in its join amendment.
    joined = member.agreement.amendments.filter(
        kind=AmendmentKind.PARTNER_JOIN, status=AmendmentStatus.APPROVED, details__member=member.pk
    ).first()
    aid_id = joined.details.get("de_minimis_aid") if joined else None
    return DeMinimisAid.objects.filter(pk=aid_id).first() if aid_id else None


def _de_minimis_follow(actor: User | None, amendment: Amendment, member: AgreementPartner, grant: Decimal) -> None:
    """The de minimis record of a partner's grant holds its new grant; a grant of 0 has no record."""
    programme = _programme(amendment.agreement)
    if programme.state_aid_basis != StateAidBasis.DE_MINIMIS:
        return
    aid = _aid_of(member)
    if aid is None:
        if grant > 0 and member.partner_id is None and amendment.kind == AmendmentKind.PARTNER_JOIN:
            aid = DeMinimisAid.objects.create(
                company=member.company,
                granted_on=clock.now().astimezone(clock.BRUSSELS).date(),
                amount=grant,
                granting_body=programme.granting_body,
                description=f"{amendment.agreement.grant.application.title} ({amendment.agreement.reference})"[:255],
            )
            amendment.details["de_minimis_aid"] = aid.pk
            audit_record(actor=actor, verb=GrantVerb.DE_MINIMIS_UPDATE, obj=aid, after=snapshot(aid))
        return
    before = snapshot(aid)
    if grant <= 0:
        audit_record(actor=actor, verb=GrantVerb.DE_MINIMIS_UPDATE, obj=aid, before=before, after=None)
        aid.delete()
        return
    if aid.amount != grant:
        aid.amount = grant
        aid.save(update_fields=["amount"])
        audit_record(actor=actor, verb=GrantVerb.DE_MINIMIS_UPDATE, obj=aid, before=before, after=snapshot(aid))


# ---------------------------------------------------------------------------------------------------- recipients


def _partner_users(agreement: Agreement) -> list[User]:
    companies = agreement.partners.values_list("company_id", flat=True)
    return list(User.objects.filter(memberships__company_id__in=companies, is_active=True).distinct())
