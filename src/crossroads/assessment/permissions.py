"""Who may do what in the assessment. Each check returns (allowed, reason). An assessor reaches an application
only through an open assignment, after declaring no conflict, and while no conflict is detected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import Permission, allow, deny

from .models import Assignment, AssignmentStatus, ConflictDeclaration, Decision

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from crossroads.accounts.models import User


def can_manage_assessment(user: User | AnonymousUser) -> Permission:
    if user.is_authenticated and user.is_programme_staff:
        return allow()
    return deny(_("Only the programme secretariat screens, assigns, ranks and decides."))


def can_declare(user: User, assignment: Assignment) -> Permission:
    if assignment.assessor_id != user.pk:
        return deny(_("This assignment is not yours."))
    if assignment.status != AssignmentStatus.INVITED:
        return deny(_("This assignment is not open."))
    if ConflictDeclaration.objects.filter(assessor=user, application_id=assignment.application_id).exists():
        return deny(_("You already made this declaration."))
    return allow()


def can_open_application(user: User, assignment: Assignment) -> Permission:
    from .conflicts import conflicts_of

    if assignment.assessor_id != user.pk:
        return deny(_("This assignment is not yours."))
    if assignment.status not in (AssignmentStatus.INVITED, AssignmentStatus.SUBMITTED):
        return deny(_("This assignment is not open."))
    declaration = ConflictDeclaration.objects.filter(assessor=user, application_id=assignment.application_id).first()
    if declaration is None:
        return deny(_("Declare first whether you have a conflict of interest with this application."))
    if declaration.has_conflict or conflicts_of(user, assignment.application):
        return deny(_("You have a conflict of interest with this application."))
    return allow()


def can_score(user: User, assignment: Assignment) -> Permission:
    opened = can_open_application(user, assignment)
    if not opened:
        return opened
    if assignment.status != AssignmentStatus.INVITED:
        return deny(_("Your scores were submitted; ask the secretariat to reopen them to change anything."))
    return allow()


def can_view_decision(user: User | AnonymousUser, decision: Decision) -> Permission:
    if not user.is_authenticated:
        return deny(_("Log in to see decisions."))
    if user.is_programme_staff:
        return allow()
    companies = set(user.memberships.values_list("company_id", flat=True))
    if decision.application.partners.filter(company__in=companies).exists():
        return allow()
    return deny(_("Only the partners of this application can see its decision."))
