"""The tender ranking of a call: previews (what-if, nothing saved) and the frozen ranking decisions are based on."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.applications.models import Application
from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.programme.models import Call

from ..errors import AssessmentError
from ..models import Decision, Ranking
from ..rules import ranking as rules
from ..selectors import current_ranking, ranking_candidates, ranking_rules_for


def ranking_preview(call: Call, **what_if: Any) -> rules.RankingResult:
    """The ranking under the call's rules, or under changed budget/thresholds/policy; nothing is saved."""
    try:
        return rules.rank(ranking_candidates(call), ranking_rules_for(call, **what_if))
    except rules.RankingError as error:
        raise AssessmentError(
            _("The ranking cannot be computed: %(code)s %(params)s") % {"code": error.code, "params": error.params}
        ) from error


def entries_json(result: rules.RankingResult) -> list[dict]:
    return [
        {
            "application": int(e.id),
            "status": e.status,
            "rank": e.rank,
            "weighted_score": str(e.weighted_score) if e.weighted_score is not None else None,
            "requested": str(e.requested),
            "granted": str(e.granted),
            "reserve_position": e.reserve_position,
            "reasons": list(e.reasons),
        }
        for e in result.entries
    ]


@transaction.atomic
def ranking_freeze(*, actor: Any, call: Call) -> Ranking:
    """Freeze the call's ranking under its own rules. Every eligible application must have its consensus; once
    decisions are taken on a frozen ranking it can no longer be replaced."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    previous = current_ranking(call)
    if previous is not None and Decision.objects.filter(ranking=previous).exists():
        raise AssessmentError(_("Decisions were taken on the frozen ranking: it can no longer be replaced."))
    result = ranking_preview(call)
    unscored = [e for e in result.entries if e.status == "not_scored"]
    if unscored:
        names = ", ".join(Application.objects.get(pk=int(e.id)).title for e in unscored)
        raise AssessmentError(_("These applications have no consensus score yet: %(names)s") % {"names": names})
    now = clock.now()
    if previous is not None:
        previous.superseded_at = now
        previous.save(update_fields=["superseded_at"])
    ranking = Ranking.objects.create(
        call=call,
        budget=call.budget,
        policy=call.allocation_policy,
        overall_threshold=call.overall_threshold,
        thresholds={c.code: str(c.threshold) for c in call.criteria.all()},
        entries=entries_json(result),
        frozen_by=actor,
        frozen_at=now,
    )
    audit_record(
        actor=actor,
        verb="ranking.freeze",
        obj=ranking,
        before={"ranking": previous.pk} if previous else None,
        after={"budget": ranking.budget, "policy": ranking.policy, "entries": ranking.entries},
    )
    return ranking


def frozen_entry(ranking: Ranking, application: Application) -> dict | None:
    return next((e for e in ranking.entries if e["application"] == application.pk), None)


def money(text: str) -> Decimal:
    return Decimal(text).quantize(Decimal("0.01"))
