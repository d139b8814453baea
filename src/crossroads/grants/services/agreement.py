"""The agreement: made when a grant is created, accepted by each partner, ended when the grant is given up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.applications.models import CostCategoryCode
from crossroads.applications.selectors import partner_costs
from crossroads.companies.models import MembershipRole
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot

from ..errors import GrantError
from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    BudgetVersion,
    BudgetVersionLine,
    BudgetVersionShare,
    ReportingPeriod,
    VersionStatus,
)
from ..rules.schedule import project_end, reporting_periods
from ..states import AGREEMENT_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.assessment.models import Grant


def agreement_start_date(*, planned: dt.date | None, decided_on: dt.date) -> dt.date:
    """The planned start when it is not before the decision; otherwise the first day of the next month (a
    project cannot start in the past of the agreement that funds it)."""
    if planned is not None and planned >= decided_on:
        return planned
    return (decided_on.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def agreement_reference(grant: Grant) -> str:
    return f"{grant.application.call.code}-{grant.application_id:04d}".upper()[:40]


@transaction.atomic
def agreement_create(*, actor: User | None, grant: Grant) -> Agreement:
    """Make the agreement of a new grant: dates from the application, schedules from the call, the approved
    budget and the partners' grants as version 1, and the reporting periods."""
    existing = Agreement.objects.filter(grant=grant).first()
    if existing is not None:
        return existing
    application = grant.application
    call = application.call
    programme = call.programme
    decided_on = grant.decision.decided_at.astimezone(clock.BRUSSELS).date()
    start = agreement_start_date(planned=application.planned_start, decided_on=decided_on)
    months = min(application.duration_months or programme.max_duration_months, programme.max_duration_months)
    end = project_end(start, months)
    now = clock.now()
    agreement = Agreement.objects.create(
        grant=grant,
        reference=agreement_reference(grant),
        start_date=start,
        end_date=end,
        conditions=grant.decision.conditions,
        advance_share=call.advance_share,
        report_interval_months=call.report_interval_months,
        interim_report_due_months=call.interim_report_due_months,
        final_report_months=call.final_report_months,
        created_at=now,
        created_by=actor,
    )
    version = BudgetVersion.objects.create(
        agreement=agreement,
        number=1,
        status=VersionStatus.APPROVED,
        end_date=end,
        created_at=now,
        created_by=actor,
        approved_at=now,
    )
    shares = {s.partner_id: s for s in grant.shares.all()}
    for partner in application.partners.select_related("company").prefetch_related("budget_lines"):
        if partner.company is None:
            continue
        share = shares.get(partner.pk)
        member = AgreementPartner.objects.create(
            agreement=agreement, partner=partner, company=partner.company, grant_share=share, is_lead=partner.is_lead
        )
        costs = partner_costs(partner)
        for category in CostCategoryCode.values:
            BudgetVersionLine.objects.create(
                version=version, agreement_partner=member, category=category, eligible=getattr(costs, category)
            )
        BudgetVersionShare.objects.create(
            version=version, agreement_partner=member, grant=share.amount if share else Decimal("0.00")
        )
    periods_create(agreement)
    audit_record(actor=actor, verb=GrantVerb.AGREEMENT_CREATE, obj=agreement, after=snapshot(agreement))
    from ..messages.agreement import agreement_offered_notify

    agreement_offered_notify(agreement)
    return agreement


def periods_create(agreement: Agreement) -> list[ReportingPeriod]:
    """(Re)write the periods from the agreement's dates, keeping those that already have a report or a claim."""
    planned = reporting_periods(
        start=agreement.start_date,
        end=agreement.end_date,
        interval_months=agreement.report_interval_months,
        interim_due_months=agreement.interim_report_due_months,
        final_due_months=agreement.final_report_months,
    )
    used = {
        p.number
        for p in agreement.periods.all()
        if p.claims.exclude(status="draft").exists() or (hasattr(p, "report") and p.report.status != "draft")
    }
    agreement.periods.exclude(number__in=used).delete()
    made = []
    for period in planned:
        if period.number in used:
            continue
        made.append(
            ReportingPeriod.objects.create(
                agreement=agreement,
                number=period.number,
                kind="final" if period.final else "interim",
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                due_on=period.due_on,
            )
        )
    return made


def can_sign_for(user: User, company_id: int) -> bool:
    """Only a manager of the company (who may also invite colleagues) binds it to an agreement."""
    return user.memberships.filter(company_id=company_id, role=MembershipRole.MANAGER).exists()


@transaction.atomic
def agreement_accept(*, actor: User, member: AgreementPartner, confirm: bool) -> AgreementPartner:
    """A partner accepts the agreement. When the last partner accepts, the project runs."""
    member = AgreementPartner.objects.select_for_update().select_related("agreement").get(pk=member.pk)
    agreement = Agreement.objects.select_for_update().get(pk=member.agreement_id)
    if not confirm:
        raise GrantError(_("Confirm that you accept the agreement on behalf of your company."), field="confirm")
    if not can_sign_for(actor, member.company_id):
        raise GrantError(_("Only a manager of the company can accept the agreement for it."), status=403)
    if member.accepted_at is not None:
        raise GrantError(_("Your company already accepted this agreement."))
    # A company that joined a running project by an approved amendment accepts the agreement as it then stands.
    joiner = agreement.status == AgreementStatus.RUNNING and member.joined_on is not None
    if agreement.status != AgreementStatus.OFFERED and not joiner:
        raise GrantError(_("This agreement can no longer be accepted."))
    before = snapshot(member)
    member.accepted_at = clock.now()
    member.accepted_by = actor
    member.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(actor=actor, verb=GrantVerb.AGREEMENT_ACCEPT, obj=member, before=before, after=snapshot(member))
    waiting = agreement.partners.filter(accepted_at__isnull=True, left_on__isnull=True).exists()
    if not waiting and not joiner:
        before = snapshot(agreement)
        AGREEMENT_STATES.move(agreement, AgreementStatus.RUNNING)
        agreement.accepted_at = member.accepted_at
        agreement.save(update_fields=["status", "accepted_at"])
        audit_record(
            actor=actor, verb=GrantVerb.AGREEMENT_START, obj=agreement, before=before, after=snapshot(agreement)
        )
        transaction.on_commit(lambda: _after_start(agreement.pk))
    return member


def _after_start(agreement_id: int) -> None:
    """Hook for what follows the start (the advance payment); the payments module registers it."""
    from . import hooks

    for hook in hooks.ON_START:
        hook(agreement_id)


@transaction.atomic
def agreement_terminate(*, actor: User | None, grant: Grant) -> Agreement | None:
    agreement = Agreement.objects.select_for_update().filter(grant=grant).first()
    if agreement is None or agreement.status in (AgreementStatus.TERMINATED, AgreementStatus.CLOSED):
        return agreement
    before = snapshot(agreement)
    AGREEMENT_STATES.move(agreement, AgreementStatus.TERMINATED)
    agreement.closed_at = clock.now()
    agreement.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor, verb=GrantVerb.AGREEMENT_TERMINATE, obj=agreement, before=before, after=snapshot(agreement)
    )
    return agreement
