"""What came of a project: coaching contacts, the closure indicators, the move to closing at the end date and the
follow-up survey one year later (RCR84)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core import clock
from crossroads.core.audit import audit_record, snapshot
from crossroads.core.calendar import add_months
from crossroads.core.formatting import format_date
from crossroads.core.notifications import notify

from ..errors import GrantError
from ..messages.results import agreement_closing
from ..models import (
    Agreement,
    AgreementStatus,
    ClosureIndicator,
    CoachingContact,
    ContactChannel,
    FollowUpSurvey,
    IndicatorCode,
    PeriodKind,
)
from ..permissions import can_act_for, can_log_coaching, can_record_indicators
from ..rules.indicators import SIZE_CLASSES
from ..selectors.results import survey_opens_on
from ..states import AGREEMENT_STATES
from ..verbs import GrantVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User

# The indicators are final values: recorded once the project has ended.
INDICATOR_STATES = (AgreementStatus.CLOSING, AgreementStatus.CLOSED)


def partner_members(agreement_partner_id: int) -> list[User]:
    from crossroads.accounts.models import User

    return list(
        User.objects.filter(memberships__company__agreement_partners=agreement_partner_id, is_active=True).distinct()
    )


# ---------------------------------------------------------------------- coaching
@transaction.atomic
def coaching_log(
    *,
    actor: User,
    agreement: Agreement,
    company_id: int | None,
    happened_on: dt.date,
    channel: str,
    topic: str,
    notes: str = "",
) -> CoachingContact:
    """An adviser of the project's region or the secretariat logs a contact with one company or the consortium."""
    permission = can_log_coaching(actor, agreement)
    if not permission:
        raise GrantError(permission.reason, status=403)
    if happened_on > clock.today_brussels():
        raise GrantError(_("A coaching contact cannot be in the future."), field="happened_on")
    if happened_on < agreement.created_at.astimezone(clock.BRUSSELS).date():
        raise GrantError(
            _("Log contacts from the day the agreement was made; earlier advice belongs to the application."),
            field="happened_on",
        )
    if channel not in ContactChannel.values:
        raise GrantError(_("Choose how the contact took place."), field="channel")
    if company_id is not None and not agreement.partners.filter(company_id=company_id).exists():
        raise GrantError(_("Choose a company of this project, or the whole project."), field="company")
    if not topic.strip():
        raise GrantError(_("Say what the contact was about."), field="topic")
    contact = CoachingContact.objects.create(
        agreement=agreement,
        company_id=company_id,
        adviser=actor,
        happened_on=happened_on,
        channel=channel,
        topic=topic.strip()[:200],
        notes=notes.strip(),
        created_at=clock.now(),
    )
    audit_record(actor=actor, verb=GrantVerb.COACHING_LOG, obj=contact, after=snapshot(contact))
    return contact


@transaction.atomic
def coaching_delete(*, actor: User, contact: CoachingContact) -> None:
    """Advisers delete only their own entries (a mistake); the audit trail keeps what it said."""
    contact = CoachingContact.objects.select_for_update().get(pk=contact.pk)
    if contact.adviser_id != actor.pk:
        raise GrantError(_("You can delete only the contacts you logged yourself."), status=403)
    before = snapshot(contact)
    audit_record(actor=actor, verb=GrantVerb.COACHING_DELETE, obj=contact, before=before)
    contact.delete()


# ---------------------------------------------------------------------- closure indicators
@dataclass(frozen=True)
class IndicatorValue:
    code: str
    company_id: int | None
    value: Decimal
    size_class: str = ""


def _check_value(agreement: Agreement, item: IndicatorValue, companies: set[int]) -> None:
    if item.code not in IndicatorCode.values:
        raise GrantError(_("Unknown indicator."))
    if item.company_id is not None and item.company_id not in companies:
        raise GrantError(_("That company is not a partner of this project."))
    if item.value < 0:
        raise GrantError(_("An indicator value cannot be negative."), field=_field(item))
    if item.code == IndicatorCode.RCO01 and item.company_id is not None and item.size_class not in SIZE_CLASSES:
        raise GrantError(_("Choose the size class of the company."), field=_field(item, "size"))


def _field(item: IndicatorValue, suffix: str = "value") -> str:
    return f"{item.code}-{item.company_id or 'project'}-{suffix}"


@transaction.atomic
def indicators_record(*, actor: User, agreement: Agreement, values: list[IndicatorValue]) -> int:
    """Store the confirmed or corrected values (one row per agreement, company and code; company empty for the
    project). Returns how many rows were created or changed; each change is audited."""
    permission = can_record_indicators(actor)
    if not permission:
        raise GrantError(permission.reason, status=403)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in INDICATOR_STATES:
        raise GrantError(_("The closure indicators are recorded once the project has ended."))
    companies = set(agreement.partners.values_list("company_id", flat=True))
    changed = 0
    now = clock.now()
    for item in values:
        _check_value(agreement, item, companies)
        size = item.size_class if item.code == IndicatorCode.RCO01 else ""
        rows = ClosureIndicator.objects.filter(agreement=agreement, code=item.code)
        row = (
            rows.filter(company__isnull=True) if item.company_id is None else rows.filter(company_id=item.company_id)
        ).first()
        if row is not None and row.value == item.value and row.size_class == size:
            continue
        before = snapshot(row) if row is not None else None
        if row is None:
            row = ClosureIndicator(agreement=agreement, company_id=item.company_id, code=item.code)
        row.value, row.size_class, row.recorded_by, row.recorded_at = item.value, size, actor, now
        row.save()
        audit_record(actor=actor, verb=GrantVerb.INDICATOR_RECORD, obj=row, before=before, after=snapshot(row))
        changed += 1
    return changed


# ---------------------------------------------------------------------- end of the project and the survey
def final_report_due(agreement: Agreement) -> dt.date:
    final = agreement.periods.filter(kind=PeriodKind.FINAL).order_by("-number").first()
    return final.due_on if final else add_months(agreement.end_date, agreement.final_report_months)


def surveys_create(agreement: Agreement) -> int:
    """A follow-up survey per partner (not one that left), due the programme's number of months after the end."""
    months = agreement.grant.application.call.programme.follow_up_survey_months
    due = add_months(agreement.end_date, months)
    made = 0
    for member in agreement.partners.filter(left_on__isnull=True):
        _survey, created = FollowUpSurvey.objects.get_or_create(agreement_partner=member, defaults={"due_on": due})
        made += int(created)
    return made


@transaction.atomic
def agreement_closing_start(*, agreement_id: int, today: dt.date) -> bool:
    """A running agreement whose end date passed moves to closing: the lead is told when the final report is due,
    and the partners' follow-up surveys are made. False when there was nothing to do (already moved)."""
    locked = Agreement.objects.select_for_update().select_related("grant__application__call__programme")
    agreement = locked.get(pk=agreement_id)
    if agreement.status != AgreementStatus.RUNNING or agreement.end_date >= today:
        return False
    before = snapshot(agreement)
    AGREEMENT_STATES.move(agreement, AgreementStatus.CLOSING)
    agreement.save(update_fields=["status"])
    audit_record(
        actor=None, verb=GrantVerb.AGREEMENT_CLOSE_START, obj=agreement, before=before, after=snapshot(agreement)
    )
    surveys_create(agreement)
    lead = agreement.partners.filter(is_lead=True).first()
    if lead is not None:
        notify(
            to=partner_members(lead.pk),
            composer=agreement_closing,
            params={"agreement_id": agreement.pk, "due": final_report_due(agreement).isoformat()},
            once=f"agreement-closing:{agreement.pk}",
        )
    return True


@transaction.atomic
def survey_answer(
    *, actor: User, survey: FollowUpSurvey, still_cooperating: bool | None, notes: str = ""
) -> FollowUpSurvey:
    """A member of the partner answers once; the answer is the company's RCR84 value."""
    survey = FollowUpSurvey.objects.select_for_update().select_related("agreement_partner").get(pk=survey.pk)
    member = survey.agreement_partner
    permission = can_act_for(actor, member)
    if not permission:
        raise GrantError(
            _("Only the members of %(company)s answer this question.") % {"company": member.company}, status=403
        )
    if survey.answered_at is not None:
        raise GrantError(_("This question was already answered; thank you."))
    opens = survey_opens_on(survey)
    if clock.today_brussels() < opens:
        raise GrantError(_("This question opens on %(date)s.") % {"date": format_date(opens)})
    if still_cooperating is None:
        raise GrantError(_("Answer yes or no."), field="still_cooperating")
    before = snapshot(survey)
    now = clock.now()
    survey.still_cooperating, survey.notes = still_cooperating, notes.strip()
    survey.answered_at, survey.answered_by = now, actor
    survey.save(update_fields=["still_cooperating", "notes", "answered_at", "answered_by"])
    audit_record(actor=actor, verb=GrantVerb.SURVEY_ANSWER, obj=survey, before=before, after=snapshot(survey))
    ClosureIndicator.objects.update_or_create(
        agreement_id=member.agreement_id,
        company_id=member.company_id,
        code=IndicatorCode.RCR84,
        defaults={
            "value": Decimal("1") if still_cooperating else Decimal("0"),
            "size_class": "",
            "recorded_by": actor,
            "recorded_at": now,
        },
    )
    return survey
