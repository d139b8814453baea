"""The demo taken through its main flow with the services: the demo assessor scores, the committee records its
consensus, the secretariat freezes the ranking and decides, a partner objects and the secretariat answers.
Every step that the platform refuses is reported (as the page would show it), not hidden."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from crossroads.core.errors import ServiceError

TEXT = "Onderbouwing: sterke punten en aandachtspunten voor dit criterium."


def _step(problems: list[str], name: str, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except ServiceError as error:
        problems.append(f"demo flow, {name}: refused: {error}")
        return None


def decide_the_demo_call(problems: list[str]) -> None:
    from crossroads.accounts.models import Role, User
    from crossroads.assessment.demo import CALL_CODE, DEMO_ASSESSOR
    from crossroads.assessment.models import Assignment, AssignmentStatus, Decision, ObjectionStatus, Outcome, Score
    from crossroads.assessment.selectors import frozen_entries
    from crossroads.assessment.services.assignment import conflict_declare
    from crossroads.assessment.services.decisions import decision_record, objection_lodge, objection_resolve
    from crossroads.assessment.services.ranking import ranking_freeze
    from crossroads.assessment.services.scoring import consensus_record, scores_save
    from crossroads.assessment.services.screening import screening_mark_complete, screening_mark_ineligible
    from crossroads.programme.models import Call

    call = Call.objects.get(code=CALL_CODE)
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    criteria = list(call.criteria.order_by("order"))
    for application in call.applications.filter(screening__isnull=True).exclude(submitted_at=None):
        # The demo leaves one application unscreened: the secretariat finds it outside the programme's scope.
        _step(problems, "screening", lambda a=application: screening_mark_complete(actor=secretariat, application=a))
        _step(
            problems,
            "screening",
            lambda a=application: screening_mark_ineligible(
                actor=secretariat, application=a, reason="Het project valt buiten de thema's van de oproep."
            ),
        )
    for assignment in Assignment.objects.filter(
        application__call=call, assessor__email=DEMO_ASSESSOR, status=AssignmentStatus.INVITED
    ):
        _step(
            problems,
            "conflict declaration",
            lambda a=assignment: conflict_declare(actor=a.assessor, assignment=a, has_conflict=False),
        )
        values = {c.code: (str(max(c.scale_max - 2, 1)), TEXT) for c in criteria}
        _step(
            problems,
            "scores",
            lambda a=assignment, v=values: scores_save(actor=a.assessor, assignment=a, values=v, submit=True),
        )
    for application in call.applications.filter(screening__eligibility="eligible", consensus__isnull=True).distinct():
        values = {}
        for criterion in criteria:
            scores = list(
                Score.objects.filter(
                    assignment__application=application,
                    assignment__status=AssignmentStatus.SUBMITTED,
                    criterion=criterion,
                ).values_list("score", flat=True)
            )
            values[criterion.code] = (str(statistics.median(scores or [criterion.scale_max // 2])), TEXT)
        _step(
            problems,
            f"consensus on {application.title}",
            lambda a=application, v=values: consensus_record(actor=secretariat, application=a, values=v),
        )
    ranking = _step(problems, "freezing the ranking", lambda: ranking_freeze(actor=secretariat, call=call))
    if ranking is None:
        return
    for number, entry in enumerate(frozen_entries(ranking)):
        application = call.applications.get(pk=entry.application)
        if entry.funded:
            outcome = Outcome.APPROVE_CONDITIONS if number % 2 else Outcome.APPROVE
        else:
            outcome = Outcome.RESERVE if entry.on_reserve else Outcome.REJECT
        _step(
            problems,
            f"decision on {application.title}",
            lambda a=application, o=outcome, n=number: decision_record(
                actor=secretariat,
                application=a,
                outcome=o,
                reasons="De commissie volgt de gemotiveerde consensus.",
                conditions="Een geactualiseerde planning binnen twee maanden."
                if o == Outcome.APPROVE_CONDITIONS
                else "",
                language="en" if n % 2 else "nl",
            ),
        )
    decision = Decision.objects.filter(application__call=call).exclude(outcome=Outcome.APPROVE).first()
    if decision is None:
        return
    from tests.conftest import company_member

    # The demo's applications in this call belong to companies without accounts: the lead's manager signs up.
    partner_user = company_member(decision.application.lead_company)
    objection = _step(
        problems,
        "objection",
        lambda: objection_lodge(
            actor=partner_user, decision=decision, grounds="De kosten van de pilootinstallatie zijn onderschat."
        ),
    )
    if objection is not None:
        _step(
            problems,
            "objection answer",
            lambda: objection_resolve(
                actor=secretariat,
                objection=objection,
                status=ObjectionStatus.DISMISSED,
                reason="De raming volgt de kostennormen van de oproep.",
                confirmed=True,
            ),
        )
