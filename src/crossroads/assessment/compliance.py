"""Does an application's assessment meet the call's rules (rules/assignment.py `completed_check`)? Consolidation,
freezing and decisions refuse an application that does not, unless the secretariat recorded an override with a
reason (`services.overrides.assessment_override_record`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from crossroads.applications.models import Application

from .errors import AssessmentError
from .models import AssessmentOverride, AssessorProfile, Assignment, AssignmentStatus
from .rules.assignment import completed_check
from .selectors import conflicted_submissions
from .shortfall_text import shortfall_text


def completed_assessors(application: Application) -> dict[str, str]:
    """{assessor id: country} of the assessors who submitted scores that count (no conflict found since)."""
    conflicted = {a.pk for a in conflicted_submissions(application)}
    submitted = Assignment.objects.filter(application=application, status=AssignmentStatus.SUBMITTED).exclude(
        pk__in=conflicted
    )
    countries = dict(
        AssessorProfile.objects.filter(user_id__in=submitted.values("assessor_id")).values_list("user_id", "country")
    )
    return {str(a.assessor_id): countries.get(a.assessor_id, "") for a in submitted}


def assessment_shortfalls(application: Application) -> list[str]:
    """The call's assessment rules this application's completed assessments do not meet, in words."""
    call = application.call
    shortfalls = completed_check(
        str(application.pk),
        completed_assessors(application),
        call.assessors_per_application,
        tuple(call.programme.countries),
    )
    return [shortfall_text(s) for s in shortfalls]


def current_override(application: Application) -> AssessmentOverride | None:
    return AssessmentOverride.objects.filter(application=application).select_related("recorded_by").first()


def unmet_rules(application: Application) -> list[str]:
    """The shortfalls that block the next step: none when the rules hold or an override was recorded."""
    if current_override(application) is not None:
        return []
    return assessment_shortfalls(application)


def require_rules_met(application: Application) -> None:
    """Refuse the step with every shortfall named, and the way out (an override with a reason)."""
    problems = unmet_rules(application)
    if problems:
        raise AssessmentError(
            _(
                "The assessment of %(title)s does not meet the call's rules: %(problems)s Add assessors, or record "
                "an override with its reason on the consolidation page."
            )
            % {"title": application.title, "problems": " ".join(problems)}
        )
