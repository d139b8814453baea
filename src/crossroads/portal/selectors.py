"""What the dashboard shows, gathered from every area (reads only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crossroads.accounts.models import Role
from crossroads.assessment.models import AssignmentStatus
from crossroads.assessment.selectors import assignments_of, decisions_visible_to
from crossroads.companies.selectors import companies_visible_to
from crossroads.programme.models import Call

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def dashboard_context(user: User) -> dict[str, Any]:
    """The companies part (the user's own, or what they can see) and the assessment part of the dashboard."""
    return _companies_context(user) | _assessment_context(user)


def _companies_context(user: User) -> dict[str, Any]:
    companies = companies_visible_to(user).prefetch_related("establishments__nuts3")
    return {
        "my_companies": companies.filter(memberships__user=user) if user.is_applicant else None,
        "visible_count": companies.count(),
        "recent": companies.order_by("-updated_at")[:10],
        "provinces": sorted(user.province_codes()) if user.is_adviser else [],
    }


def _assessment_context(user: User) -> dict[str, Any]:
    """Decisions to applicants, open assessments to assessors, the calls to programme staff."""
    if user.is_applicant:
        return {"decisions": decisions_visible_to(user).order_by("-decided_at")}
    if user.role == Role.ASSESSOR:
        return {"open_assessments": assignments_of(user).filter(status=AssignmentStatus.INVITED).count()}
    if user.is_programme_staff:
        return {"assessment_calls": Call.objects.order_by("-closes_at")}
    return {}
