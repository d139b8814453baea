"""Decisions on a frozen ranking, the grants they create (with the de minimis records), letters, objections, and
reserve applications moving up when money frees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django_tasks import task

from crossroads.applications.models import Application
from crossroads.applications.selectors import grant_allocation
from crossroads.companies.models import DeMinimisAid
from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.money import to_money
from crossroads.core.notifications import notify
from crossroads.programme.models import Call, StateAidBasis

from ..compliance import require_rules_met
from ..errors import AssessmentError
from ..messages import decision_letter, objection_resolved
from ..models import Decision, Grant, GrantShare, Objection, ObjectionStatus, Outcome, Ranking
from ..permissions import can_manage_assessment
from ..rules.frozen import FrozenEntry
from ..rules.shares import scale_shares
from ..selectors import current_ranking, frozen_entries, frozen_entry, partner_users
from ..signals import grant_created, grant_renounced
from ..states import DECISION, DECISION_REVIEW, OBJECTION
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

APPROVED = (Outcome.APPROVE, Outcome.APPROVE_CONDITIONS)


def objection_deadline(decided_at: dt.datetime, weeks: int) -> dt.datetime:
    """End of the day (Brussels) `weeks` after the decision: a deadline people can read off a calendar."""
    day = decided_at.astimezone(clock.BRUSSELS).date() + dt.timedelta(weeks=weeks)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=clock.BRUSSELS).astimezone(dt.UTC)


def granted_total(call: Call) -> Decimal:
    total = Grant.objects.filter(application__call=call, renounced_at__isnull=True).aggregate(s=Sum("total"))["s"]
    return to_money(total or Decimal("0"))


def _grant_create(decision: Decision, amount: Decimal) -> Grant:
    application = decision.application
    allocation = grant_allocation(application)
    shares = allocation.per_partner
    if amount != allocation.project_grant:
        shares = scale_shares(shares, amount)
    grant = Grant.objects.create(
        application=application, decision=decision, total=amount, created_at=decision.decided_at
    )
    programme = application.call.programme
    for partner in application.partners.select_related("company"):
        share = shares.get(str(partner.pk), Decimal("0.00"))
        if share <= 0 or partner.company is None:
            continue
        aid = None
        if programme.state_aid_basis == StateAidBasis.DE_MINIMIS:
            aid = DeMinimisAid.objects.create(
                company=partner.company,
                granted_on=decision.decided_at.astimezone(clock.BRUSSELS).date(),
                amount=share,
                granting_body=programme.granting_body,
                description=f"{application.acronym or application.title} ({application.call.code})"[:255],
            )
        GrantShare.objects.create(grant=grant, partner=partner, company=partner.company, amount=share, de_minimis=aid)
    audit_record(
        actor=decision.decided_by,
        verb=AssessmentVerb.GRANT_CREATE,
        obj=grant,
        after={"total": amount, "shares": {s.company_id: s.amount for s in grant.shares.all()}},
    )
    grant_created.send(sender=Grant, grant=grant, actor=decision.decided_by)
    return grant


def _validate_outcome(outcome: str, reasons: str, conditions: str) -> None:
    if outcome not in Outcome.values:
        raise AssessmentError(_("Choose an outcome."), field="outcome")
    if not reasons.strip():
        raise AssessmentError(_("Give the reasons of the decision."), field="reasons")
    if outcome == Outcome.APPROVE_CONDITIONS and not conditions.strip():
        raise AssessmentError(_("List the conditions."), field="conditions")


def _granted_for(entry: FrozenEntry, outcome: str, ranking: Ranking, *, reconsidered: bool) -> Decimal:
    """The grant an outcome gives under the frozen ranking. A decision taken again after an upheld objection may
    approve an application below the funding line (the objection found the ranking wrong for it); it gets what it
    asked for, if that still fits in the budget."""
    if outcome in APPROVED and not entry.funded and not reconsidered:
        raise AssessmentError(
            _("Only applications above the funding line are approved; reserve applications move up when money frees.")
        )
    if outcome == Outcome.RESERVE and not entry.on_reserve:
        raise AssessmentError(_("Only applications on the reserve list of the ranking can be put on reserve."))
    if outcome not in APPROVED:
        return Decimal("0.00")
    granted = entry.granted if entry.funded else entry.requested
    if granted_total(ranking.call) + granted > ranking.budget:
        raise AssessmentError(_("This grant does not fit in the call budget any more."))
    return granted


@transaction.atomic
def decision_record(
    *,
    actor: User,
    application: Application,
    outcome: str,
    reasons: str,
    conditions: str = "",
    language: str = "nl",
) -> Decision:
    """A decision on an application of the frozen ranking, or the new decision on one reopened by an upheld
    objection. Refused while the application's assessment does not meet the call's rules (without an override)."""
    # The call is locked first: two approvals at once must not both fit the same remaining budget, and a ranking
    # must not be replaced while a decision is being taken on it.
    Call.objects.select_for_update().get(pk=application.call_id)
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    ranking = current_ranking(application.call)
    if ranking is None:
        raise AssessmentError(_("Freeze the ranking first: decisions follow the frozen ranking."))
    entry = frozen_entry(ranking, application)
    if entry is None:
        raise AssessmentError(_("This application is not in the frozen ranking."))
    existing = Decision.objects.select_for_update().filter(application=application).first()
    if existing is not None and existing.reopened_at is None:
        raise AssessmentError(_("A decision on this application was already taken."))
    _validate_outcome(outcome, reasons, conditions)
    require_rules_met(application)
    language = language if language in ("nl", "en") else "nl"
    if existing is not None:
        return _decision_retake(
            actor, existing, entry, outcome=outcome, reasons=reasons, conditions=conditions, language=language
        )
    granted = _granted_for(entry, outcome, ranking, reconsidered=False)
    now = clock.now()
    decision = Decision.objects.create(
        application=application,
        ranking=ranking,
        outcome=outcome,
        conditions=conditions.strip(),
        reasons=reasons.strip(),
        granted=granted,
        reserve_position=entry.reserve_position if outcome == Outcome.RESERVE else None,
        language=language,
        decided_by=actor,
        decided_at=now,
        objection_deadline=objection_deadline(now, application.call.programme.objection_weeks),
    )
    audit_record(actor=actor, verb=AssessmentVerb.DECISION_RECORD, obj=decision, after=snapshot(decision))
    if decision.approved:
        _grant_create(decision, granted)
    _send_letter_after_commit(decision)
    if outcome == Outcome.REJECT and entry.funded:
        reserve_promote(actor=actor, call=application.call)  # its money is free for the reserve list
    return decision


def _decision_retake(
    actor: User, decision: Decision, entry: FrozenEntry, *, outcome: str, reasons: str, conditions: str, language: str
) -> Decision:
    """The new decision after an upheld objection, on the same record (the trail keeps the earlier one). A grant
    already created stays: the new decision can then only approve, with the same amount."""
    grant = Grant.objects.filter(decision=decision).first()
    if grant is not None and outcome not in APPROVED:
        raise AssessmentError(
            _("This decision created a grant: the new decision can only approve it, with or without conditions."),
            field="outcome",
        )
    granted = decision.granted
    if grant is None:
        granted = _granted_for(entry, outcome, decision.ranking, reconsidered=True)
    before = snapshot(decision)
    DECISION_REVIEW.move(decision, outcome, attribute="outcome")
    now = clock.now()
    decision.conditions, decision.reasons, decision.granted = conditions.strip(), reasons.strip(), granted
    decision.reserve_position = entry.reserve_position if outcome == Outcome.RESERVE else None
    decision.language, decision.decided_by, decision.decided_at = language, actor, now
    decision.objection_deadline = objection_deadline(now, decision.application.call.programme.objection_weeks)
    decision.reopened_at = None
    decision.letter = ""  # the earlier letter no longer states the decision; the new one is prepared after commit
    decision.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.DECISION_RECORD, obj=decision, before=before, after=snapshot(decision)
    )
    if decision.approved and grant is None:
        _grant_create(decision, granted)
    _send_letter_after_commit(decision)
    return decision


def _send_letter_after_commit(decision: Decision) -> None:
    transaction.on_commit(lambda: decision_letter_task.enqueue(decision.pk))


@task()
def decision_letter_task(decision_id: int) -> None:
    """Render the letter in the decision's language, keep it, and mail it to every partner's users."""
    from ..letters import decision_letter_pdf

    decision = Decision.objects.select_related("application__call").get(pk=decision_id)
    pdf = decision_letter_pdf(decision)
    decision.letter.save(f"decision-{decision.application_id}-{decision.pk}.pdf", ContentFile(pdf), save=True)
    # tasks_recover runs this task again after a crash: the outbox skips the users who already had this letter. A
    # reserve decision moved up gets a new letter: the key names the outcome and the moment it was decided.
    once = f"decision-letter:{decision.pk}:{decision.outcome}:{decision.decided_at.timestamp():.6f}"
    notify(
        to=partner_users(decision.application), composer=decision_letter, params={"decision_id": decision.pk}, once=once
    )


@transaction.atomic
def objection_lodge(*, actor: User, decision: Decision, grounds: str) -> Objection:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.objection_open(clock.now()):
        raise AssessmentError(_("The deadline for an objection has passed."))
    if not grounds.strip():
        raise AssessmentError(_("State the grounds of your objection."))
    if not decision.application.partners.filter(company__memberships__user=actor).exists():
        raise AssessmentError(_("Only the partners of this application can object to its decision."))
    objection = Objection.objects.create(
        decision=decision, lodged_by=actor, grounds=grounds.strip(), lodged_at=clock.now()
    )
    audit_record(actor=actor, verb=AssessmentVerb.OBJECTION_LODGE, obj=objection, after=snapshot(objection))
    return objection


@transaction.atomic
def objection_resolve(
    *, actor: User, objection: Objection, status: str, reason: str = "", confirmed: bool = False
) -> Objection:
    """Uphold or dismiss an objection, with a written reason and an explicit confirmation. The partners are mailed
    the outcome and the reason. An upheld objection reopens the decision: the application is back on the decision
    list of the call until a new decision is recorded (`decision_record`)."""
    allowed = can_manage_assessment(actor)
    if not allowed:
        raise AssessmentError(str(allowed.reason))
    objection = Objection.objects.select_for_update().select_related("decision__application").get(pk=objection.pk)
    if status not in (ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED):
        raise AssessmentError(_("Choose upheld or dismissed."), field="status")
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Give the reason of the outcome: the applicant receives it."), field="reason")
    if not confirmed:
        raise AssessmentError(_("Confirm the outcome: the applicant is informed at once."), field="confirm")
    before = snapshot(objection)
    OBJECTION.move(objection, status)
    objection.resolution_reason, objection.resolved_by, objection.resolved_at = reason, actor, clock.now()
    objection.save()
    audit_record(
        actor=actor, verb=AssessmentVerb.OBJECTION_RESOLVE, obj=objection, before=before, after=snapshot(objection)
    )
    if status == ObjectionStatus.UPHELD:
        decision = Decision.objects.select_for_update().get(pk=objection.decision_id)
        decision_before = snapshot(decision)
        decision.reopened_at = objection.resolved_at
        decision.save(update_fields=["reopened_at"])
        audit_record(
            actor=actor,
            verb=AssessmentVerb.DECISION_REOPEN,
            obj=decision,
            before=decision_before,
            after=snapshot(decision),
        )
    application = objection.decision.application
    notify(
        to=[objection.lodged_by, *partner_users(application)],
        composer=objection_resolved,
        params={"objection_id": objection.pk},
        once=f"objection-resolved:{objection.pk}",
    )
    return objection


@transaction.atomic
def grant_renounce(*, actor: User, grant: Grant) -> Decision | None:
    """The partners give up an approved grant; the money goes back and the first reserve application that fits
    moves up. Returns the decision that moved up, if any."""
    grant = Grant.objects.select_for_update().select_related("application__call").get(pk=grant.pk)
    if grant.renounced_at is not None:
        raise AssessmentError(_("This grant was already given up."))
    before = snapshot(grant)
    grant.renounced_at = clock.now()
    grant.save(update_fields=["renounced_at"])
    for share in grant.shares.select_related("de_minimis"):
        if share.de_minimis is not None:  # aid that is not paid is not aid: it leaves the ledger
            audit_record(
                actor=actor,
                verb=AssessmentVerb.DE_MINIMIS_REMOVE,
                obj=share.de_minimis,
                before=snapshot(share.de_minimis),
            )
            share.de_minimis.delete()
    audit_record(actor=actor, verb=AssessmentVerb.GRANT_RENOUNCE, obj=grant, before=before, after=snapshot(grant))
    grant_renounced.send(sender=Grant, grant=grant, actor=actor)
    return reserve_promote(actor=actor, call=grant.application.call)


def _promised(ranking: Ranking) -> Decimal:
    """What the frozen ranking gives to funded applications not decided yet: that money is not free."""
    decided = set(Decision.objects.filter(ranking=ranking).values_list("application_id", flat=True))
    return sum(
        (e.granted for e in frozen_entries(ranking) if e.funded and e.application not in decided), Decimal("0.00")
    )


@transaction.atomic
def reserve_promote(*, actor: User, call: Call) -> Decision | None:
    """Approve the first application of the reserve list (in reserve order) whose request fits the money freed."""
    Call.objects.select_for_update().get(pk=call.pk)
    ranking = current_ranking(call)
    if ranking is None:
        return None
    available = ranking.budget - granted_total(call) - _promised(ranking)
    reserve = Decision.objects.select_for_update().filter(ranking=ranking, outcome=Outcome.RESERVE)
    for decision in reserve.order_by("reserve_position"):
        entry = frozen_entry(ranking, decision.application)
        if entry is None:  # pragma: no cover - a reserve decision is taken on an entry of this ranking
            continue
        requested = entry.requested
        if requested > available:
            continue
        before = snapshot(decision)
        DECISION.move(decision, Outcome.APPROVE, attribute="outcome")
        decision.granted, decision.decided_at = requested, clock.now()
        decision.reasons = decision.reasons + "\n\n" + _("Moved up from the reserve list when budget became available.")
        decision.objection_deadline = objection_deadline(decision.decided_at, call.programme.objection_weeks)
        decision.save()
        audit_record(
            actor=actor, verb=AssessmentVerb.DECISION_PROMOTE, obj=decision, before=before, after=snapshot(decision)
        )
        _grant_create(decision, requested)
        _send_letter_after_commit(decision)
        return decision
    return None
