"""Budget lines: every figure, typed or computed, is checked against the programme's limits and the database columns
before anything is saved."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_record, snapshot
from crossroads.core.formatting import format_integer, format_money, format_months, format_number

from ..models import Application, BudgetLine, CostCategoryCode, Partner, column_max
from ..rules.budget import BudgetError, PersonnelLine, personnel_cost
from ..selectors import cost_rules
from ..verbs import ApplicationVerb
from .common import ApplicationError, FieldErrors, _editable

if TYPE_CHECKING:
    from crossroads.accounts.models import User

Errors = dict[str, str]


def _column_errors(line: BudgetLine) -> Errors:
    """A figure below zero or wider than its column: SQLite would store it and every page of the application would
    break when reading it back."""
    errors: Errors = {}
    too_large = _("This number is too large: at most %(max)s.")
    for field in ("annual_cost", "fte", "hours", "amount"):
        value = getattr(line, field)
        if value is not None and value < 0:
            errors[field] = _("Enter a number of 0 or more.")
        elif value is not None and value > column_max(BudgetLine, field):
            errors[field] = too_large % {"max": format_number(column_max(BudgetLine, field))}
    return errors


def _personnel_errors(application: Application, partner: Partner, line: BudgetLine) -> Errors:
    """Checks a personnel line's hours and fills in its hourly rate and amount."""
    programme = application.call.programme
    # Nobody works more hours on one project than a full-time person-year over the longest project allowed.
    max_hours = Decimal(programme.annual_hours * programme.max_duration_months) / 12
    if line.hours is not None and line.hours > max_hours:
        return {
            "hours": _("At most %(max)s hours per person: %(hours)s hours a year over at most %(months)s.")
            % {
                "max": format_number(max_hours),
                "hours": format_integer(programme.annual_hours),
                "months": format_months(programme.max_duration_months),
            }
        }
    try:
        result = personnel_cost(
            cost_rules(application.call),
            PersonnelLine(line.person or line.description, line.annual_cost, line.hours or Decimal("0"), line.fte),
            country=partner.company.country if partner.company else "",
            duration_months=application.duration_months or 0,
        )
    except BudgetError as exc:
        field = next((f for f in ("annual_cost", "hours", "fte") if exc.code.startswith(f)), None)
        if field is not None:
            return {field: _("Enter a valid number.")}
        message = _("The call's cost rules are incomplete (%(code)s); contact the secretariat.")
        raise ApplicationError(message % {"code": exc.code}) from exc
    if result.rate > column_max(BudgetLine, "hourly_rate"):
        return {"annual_cost": _("The hourly rate this gives is too large; check the annual cost.")}
    if result.amount > column_max(BudgetLine, "amount"):
        return {
            "hours": _("Hours × hourly rate gives %(amount)s, more than one budget line can hold (%(max)s).")
            % {"amount": format_money(result.amount), "max": format_money(column_max(BudgetLine, "amount"))}
        }
    line.hourly_rate, line.amount = result.rate, result.amount
    return {}


def _total_errors(application: Application, partner: Partner, line: BudgetLine) -> Errors:
    """Totals are summed from the lines and end up in the snapshot, the grant and the payments: they are held to the
    same limit as one line."""
    where = "hours" if line.category == CostCategoryCode.PERSONNEL else "amount"
    limit = column_max(BudgetLine, "amount")
    others = BudgetLine.objects.filter(partner__application=application).exclude(pk=line.pk)
    partner_total = line.amount + sum((o.amount for o in others if o.partner_id == partner.pk), Decimal("0"))
    project_total = line.amount + sum((o.amount for o in others), Decimal("0"))
    if partner_total > limit:
        return {
            where: _("With this line the partner's costs would total %(total)s, more than %(max)s.")
            % {"total": format_money(partner_total), "max": format_money(limit)}
        }
    if project_total > limit:
        return {
            where: _("With this line the project's costs would total %(total)s, more than %(max)s.")
            % {"total": format_money(project_total), "max": format_money(limit)}
        }
    return {}


def _line_errors(application: Application, partner: Partner, line: BudgetLine) -> Errors:
    """Every figure of a budget line checked before anything is saved; fills in a personnel line's rate and amount."""
    errors = _column_errors(line)
    if errors:
        return errors
    if line.category == CostCategoryCode.PERSONNEL:
        errors = _personnel_errors(application, partner, line)
        if errors:
            return errors
    else:
        line.hourly_rate = None
    return _total_errors(application, partner, line)


@transaction.atomic
def budget_line_save(*, actor: User, partner: Partner, line: BudgetLine) -> BudgetLine:
    """Add or correct a budget line. Refused with `FieldErrors` (nothing saved) when a figure does not fit."""
    application = partner.application
    _editable(application)
    if line.pk and not BudgetLine.objects.filter(pk=line.pk, partner=partner).exists():
        raise ApplicationError(_("This budget line belongs to another partner."))
    before = snapshot(BudgetLine.objects.get(pk=line.pk)) if line.pk else None
    line.partner = partner
    errors = _line_errors(application, partner, line)
    if errors:
        raise FieldErrors(errors)
    line.save()
    Partner.objects.filter(pk=partner.pk).update(confirmed_at=None)
    audit_record(actor=actor, verb=ApplicationVerb.BUDGET_SAVE, obj=line, before=before, after=snapshot(line))
    return line


@transaction.atomic
def budget_line_delete(*, actor: User, line: BudgetLine) -> None:
    _editable(line.partner.application)
    audit_record(actor=actor, verb=ApplicationVerb.BUDGET_DELETE, obj=line, before=snapshot(line))
    Partner.objects.filter(pk=line.partner_id).update(confirmed_at=None)
    line.delete()
