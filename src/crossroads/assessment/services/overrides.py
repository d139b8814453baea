"""The secretariat's override of the call's assessment rules for one application, with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.applications.models import Application
from crossroads.core import clock
from crossroads.core.audit import audit_record

from ..compliance import assessment_shortfalls
from ..errors import AssessmentError
from ..models import AssessmentOverride
from ..permissions import can_manage_assessment
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User


@transaction.atomic
def assessment_override_record(*, actor: User, application: Application, reason: str) -> AssessmentOverride:
    """Go on with an application whose assessment does not meet the call's rules: only programme staff, only with
    a written reason, only when a rule is actually not met. Audited with the rules not met at that moment."""
    allowed = can_manage_assessment(actor)
    if not allowed:
        raise AssessmentError(str(allowed.reason))
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Give the reason for going on despite the rules."), field="reason")
    if "\x00" in reason:
        raise AssessmentError(_("Null characters are not allowed."), field="reason")
    shortfalls = assessment_shortfalls(application)
    if not shortfalls:
        raise AssessmentError(_("The assessment meets the call's rules: no override is needed."))
    override = AssessmentOverride.objects.create(
        application=application, reason=reason, shortfalls=shortfalls, recorded_by=actor, recorded_at=clock.now()
    )
    audit_record(
        actor=actor,
        verb=AssessmentVerb.RULES_OVERRIDE,
        obj=application,
        after={"override": override.pk, "reason": reason, "shortfalls": shortfalls},
    )
    return override
