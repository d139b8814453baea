"""The tender ranking of a call: previews (what-if, nothing saved) and the frozen ranking decisions are based on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.applications.models import Application
from crossroads.core import clock
from crossroads.core.audit import audit_record
from crossroads.programme.models import Call

from ..compliance import unmet_rules
from ..errors import AssessmentError
from ..models import Decision, Eligibility, Ranking
from ..rules import ranking as rules
from ..rules.frozen import FrozenEntry, entries_to_json
from ..selectors import (
    application_label,
    assessable_applications,
    current_ranking,
    ranking_candidates,
    ranking_rules_for,
    submitted_applications,
)
from ..verbs import AssessmentVerb

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def ranking_preview(call: Call, **what_if: Any) -> rules.RankingResult:
    """The ranking under the call's rules, or under changed budget/thresholds/policy; nothing is saved."""
    try:
        return rules.rank(ranking_candidates(call), ranking_rules_for(call, **what_if))
    except rules.RankingError as error:
        raise AssessmentError(_ranking_error_text(error)) from error
    except ArithmeticError as error:  # numbers beyond Decimal's precision: refuse them, never a 500
        raise AssessmentError(_("The ranking cannot be computed with these numbers.")) from error


def _ranking_error_text(error: rules.RankingError) -> str:
    """The rule's stable code in words; the call's own settings (admin) cause most of these."""
    params = error.params
    if error.code == "unknown_tie_breaker":
        return _("The call names a tie-breaker that is not one of its criteria: %(name)s.") % {
            "name": params.get("tie_breaker", "")
        }
    if error.code == "invalid_request":
        return _("An application asks for no grant (no eligible costs): %(title)s.") % {
            "title": application_label(params.get("id"))
        }
    texts = {
        "budget_negative": _("The budget cannot be negative."),
        "budget_not_in_cents": _("Enter the budget in euros and cents."),
        "overall_threshold_out_of_range": _("The overall threshold must lie between 0 and 100."),
        "threshold_out_of_range": _("The threshold of a criterion must lie between 0 and 10."),
        "unknown_policy": _("Unknown policy for the budget: choose skip, reduce or stop."),
        "no_criteria": _("The call has no criteria."),
    }
    return texts.get(error.code) or _("The ranking cannot be computed with these numbers (%(code)s).") % {
        "code": error.code
    }


def entries_json(result: rules.RankingResult) -> list[dict[str, Any]]:
    """The ranking's entries as stored in a frozen ranking (and shown by the API)."""
    return entries_to_json(FrozenEntry.of(e) for e in result.entries)


@transaction.atomic
def ranking_freeze(*, actor: User, call: Call) -> Ranking:
    """Freeze the call's ranking under its own rules. Every eligible application must have its consensus; once
    decisions are taken on a frozen ranking it can no longer be replaced."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    previous = current_ranking(call)
    if previous is not None and Decision.objects.filter(ranking=previous).exists():
        raise AssessmentError(_("Decisions were taken on the frozen ranking: it can no longer be replaced."))
    unscreened = submitted_applications(call).exclude(
        screening__eligibility__in=(Eligibility.ELIGIBLE, Eligibility.INELIGIBLE)
    )
    if unscreened.exists():
        names = ", ".join(a.title for a in unscreened)
        raise AssessmentError(_("Screen these applications first: %(names)s") % {"names": names})
    result = ranking_preview(call)
    unscored = result.with_status(rules.NOT_SCORED)
    if unscored:
        titles = Application.objects.filter(pk__in=[int(e.id) for e in unscored]).order_by("pk")
        names = ", ".join(titles.values_list("title", flat=True))
        raise AssessmentError(_("These applications have no consensus score yet: %(names)s") % {"names": names})
    _require_rules_met(call)
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
        verb=AssessmentVerb.RANKING_FREEZE,
        obj=ranking,
        before={"ranking": previous.pk} if previous else None,
        after={"budget": ranking.budget, "policy": ranking.policy, "entries": ranking.entries},
    )
    return ranking


def _require_rules_met(call: Call) -> None:
    """Every ranked application's assessment meets the call's rules, or the secretariat recorded an override."""
    problems = [p for application in assessable_applications(call) for p in unmet_rules(application)]
    if problems:
        raise AssessmentError(
            _(
                "These assessments do not meet the call's rules: %(problems)s Add assessors, or record an override "
                "with its reason on the consolidation page of the application."
            )
            % {"problems": " ".join(problems)}
        )


@transaction.atomic
def ranking_unfreeze(*, actor: User, call: Call) -> Ranking:
    """Take back a frozen ranking on which no decision was taken yet (to correct a consensus score, say)."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    ranking = current_ranking(call)
    if ranking is None:
        raise AssessmentError(_("The ranking is not frozen."))
    if Decision.objects.filter(ranking=ranking).exists():
        raise AssessmentError(_("Decisions were taken on the frozen ranking: it can no longer be replaced."))
    ranking.superseded_at = clock.now()
    ranking.save(update_fields=["superseded_at"])
    audit_record(
        actor=actor, verb=AssessmentVerb.RANKING_UNFREEZE, obj=ranking, after={"superseded_at": ranking.superseded_at}
    )
    return ranking
