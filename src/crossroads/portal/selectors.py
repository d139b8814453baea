"""What the dashboard shows, gathered from every area (reads only): for each role, what to do next.

- applicant: the next step of each of their applications, with its deadline;
- assessor: the assessments due (assessment.selectors.assessments_due_for);
- secretariat: what waits for them per call (assessment.selectors.waiting_for_secretariat) and erasure requests;
- adviser: companies in their provinces without a published profile, and their introductions still in progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from crossroads.accounts.models import Role
from crossroads.applications.models import Application, ApplicationStatus
from crossroads.applications.selectors import applications_visible_to, missing_items_open
from crossroads.assessment.models import Completeness, Decision, Eligibility
from crossroads.assessment.selectors import assessments_due_for, decisions_visible_to, waiting_for_secretariat
from crossroads.companies.selectors import companies_visible_to
from crossroads.core import clock
from crossroads.core.formatting import format_brussels
from crossroads.matching.models import Introduction, IntroductionStatus, ProfileStatus
from crossroads.privacy.models import ErasureRequest, ErasureStatus
from crossroads.programme.models import Call, Province

if TYPE_CHECKING:
    from crossroads.accounts.models import User

# How many companies without a profile the adviser's page lists by name (the count says how many there are).
ADVISER_LIST_LIMIT = 10


@dataclass(frozen=True)
class NextStep:
    """One line of an applicant's landing page: the application, where it stands, what to do and by when."""

    title: str
    url: str
    status: str  # the status label, in the current language
    action: str  # what to do next, in the current language (dates already formatted)
    deadline: dt.datetime | None  # the moment the step must be done by, if any (shown with |brussels)
    urgent: bool  # a step the applicant must take (not only wait for)


@dataclass(frozen=True)
class WaitingCount:
    """One kind of work waiting for the secretariat: how many, in words, and where to do it."""

    count: int
    label: str
    url: str


def dashboard_context(user: User) -> dict[str, Any]:
    """The companies part (the user's own, or what they can see), then what waits for this role."""
    context = _companies_context(user) | _assessment_context(user)
    from .grants_work import adviser_grant_work, finance_work, grant_steps, secretariat_grant_work

    if user.is_applicant:
        context["next_steps"] = next_steps_for(user)
        context["grant_steps"] = grant_steps(user)
    elif user.role == Role.ASSESSOR:
        context["due_assessments"] = assessments_due_for(user)
    elif user.is_programme_staff:
        context["waiting"] = waiting_for_staff() + secretariat_grant_work()
    elif user.is_adviser:
        context |= adviser_work(user)
        context["waiting"] = adviser_grant_work(user)
    elif user.role == Role.FINANCE:
        context["waiting"] = finance_work(user)
    return context


def _companies_context(user: User) -> dict[str, Any]:
    if user.role in (Role.FINANCE, Role.ASSESSOR):  # they work on claims or assessments, not on companies
        return {"my_companies": None, "visible_count": 0, "recent": [], "provinces": []}
    companies = companies_visible_to(user).prefetch_related("establishments__nuts3")
    return {
        "my_companies": companies.filter(memberships__user=user) if user.is_applicant else None,
        "visible_count": companies.count(),
        "recent": companies.order_by("-updated_at")[:10],
        "provinces": _province_names(user) if user.is_adviser else [],
    }


def _province_names(user: User) -> list[str]:
    """The provinces the adviser covers, by name (not by NUTS code)."""
    return list(Province.objects.filter(code__in=user.province_codes()).order_by("name").values_list("name", flat=True))


def _assessment_context(user: User) -> dict[str, Any]:
    """Decisions to applicants, open assessments to assessors, the calls to programme staff."""
    if user.is_applicant:
        return {"decisions": decisions_visible_to(user).select_related("application").order_by("-decided_at")}
    if user.role == Role.ASSESSOR:
        return {"open_assessments": len(assessments_due_for(user))}
    if user.is_programme_staff:
        return {"assessment_calls": Call.objects.order_by("-closes_at")}
    return {}


# --- applicant -------------------------------------------------------------------------------------------------------


def next_steps_for(user: User) -> list[NextStep]:
    """The next step of each application the user's companies take part in (withdrawn ones left out): the ones
    that ask something of the applicant first, then by deadline."""
    applications = (
        applications_visible_to(user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("call", "screening", "decision")
        .order_by("call__closes_at", "pk")
    )
    steps = [_next_step(application) for application in applications]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(steps, key=lambda s: (not s.urgent, s.deadline or far))


def _next_step(application: Application) -> NextStep:
    title = application.acronym or application.title
    url = reverse("applications:detail", args=[application.pk])
    status = str(application.get_status_display())
    if application.status == ApplicationStatus.DRAFT:
        return _draft_step(application, title, url, status)
    decision: Decision | None = getattr(application, "decision", None)
    if decision is not None:
        action = gettext("Decision: %(outcome)s. Read the decision and its letter.") % {
            "outcome": decision.get_outcome_display()
        }
        return NextStep(title, reverse("assessment:decision_detail", args=[decision.pk]), status, action, None, True)
    return _submitted_step(application, title, url, status)


def _draft_step(application: Application, title: str, url: str, status: str) -> NextStep:
    deadline = application.deadline
    if application.window_open(clock.now()):
        action = gettext("Finish the application and submit it before %(deadline)s.") % {
            "deadline": format_brussels(deadline)
        }
        return NextStep(title, url, status, action, deadline, True)
    if clock.now() < application.call.opens_at:
        action = gettext("The call opens on %(opens)s; you can prepare the application until then.") % {
            "opens": format_brussels(application.call.opens_at)
        }
        return NextStep(title, url, status, action, deadline, True)
    action = gettext("The call closed on %(deadline)s: this draft can no longer be submitted.") % {
        "deadline": format_brussels(deadline)
    }
    return NextStep(title, url, status, action, None, False)


def _submitted_step(application: Application, title: str, url: str, status: str) -> NextStep:
    screening = getattr(application, "screening", None)
    if screening is not None and missing_items_open(application):
        action = gettext("The secretariat asks for missing items: add them before %(deadline)s.") % {
            "deadline": format_brussels(screening.missing_deadline)
        }
        return NextStep(title, url, status, action, screening.missing_deadline, True)
    if screening is None or screening.eligibility == Eligibility.PENDING:
        if screening is not None and screening.completeness == Completeness.INCOMPLETE:
            action = gettext("Submitted: the secretariat is checking the items you added.")
        else:
            action = gettext("Submitted: waiting for the secretariat to screen the application.")
    elif screening.eligibility == Eligibility.INELIGIBLE:
        action = gettext("The application is not eligible. The reason is on the application page.")
    else:
        action = gettext("Eligible: the assessors are scoring the application. The decision follows the ranking.")
    return NextStep(title, url, status, action, None, False)


# --- secretariat -----------------------------------------------------------------------------------------------------


def waiting_for_staff() -> list[Any]:
    """Per call: screenings, assessors short after a conflict, consensus, a ranking to freeze, objections; then
    the erasure requests waiting for a decision. Each with its count, its label and the page to do it."""
    items: list[Any] = []
    for call in Call.objects.order_by("opens_at", "pk"):
        items.extend(waiting_for_secretariat(call))
    erasures = ErasureRequest.objects.filter(status=ErasureStatus.PENDING).count()
    if erasures:
        label = ngettext(
            "%(count)s request to erase an account", "%(count)s requests to erase an account", erasures
        ) % {"count": erasures}
        items.append(WaitingCount(erasures, label, reverse("privacy:requests")))
    return items


# --- adviser ---------------------------------------------------------------------------------------------------------


def adviser_work(user: User) -> dict[str, Any]:
    """Companies in the adviser's provinces without a published cooperation profile (someone to help write one), and
    the introductions they made that have not reached an end yet."""
    without_profile = (
        companies_visible_to(user).exclude(cooperation_profiles__status=ProfileStatus.PUBLISHED).order_by("legal_name")
    )
    open_introductions = (
        Introduction.objects.filter(adviser=user)
        .exclude(Q(status=IntroductionStatus.CLOSED) | Q(status=IntroductionStatus.APPLICATION))
        .select_related("company_a", "company_b")
        .order_by("-updated_at")
    )
    return {
        "without_profile_count": without_profile.count(),
        "without_profile": list(without_profile[:ADVISER_LIST_LIMIT]),
        "open_introductions": list(open_introductions),
    }
