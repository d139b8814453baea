"""The secretariat's lists of a call as exports: the submitted applications (the screening overview), every
submitted score, and the frozen ranking with the decisions taken on it. Only the secretariat downloads them (the
views check it); an assessor's own assignments are exported by views/assessor.py and never show other scores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.applications.models import Application
from crossroads.core.exports import Column, Kind
from crossroads.programme.models import Call

from .labels import ranking_status_label
from .models import Decision, Ranking, Score
from .rules.frozen import FrozenEntry
from .selectors import frozen_entries, submitted_applications


def call_application_rows(call: Call) -> QuerySet[Application]:
    """The rows of the screening overview of `call` (the submitted applications, in order of arrival)."""
    return submitted_applications(call)


def _screening(application: Application, field: str) -> str | None:
    screening = getattr(application, "screening", None)  # select_related; None when not screened yet
    return getattr(screening, f"get_{field}_display")() if screening is not None else None


CALL_APPLICATION_COLUMNS = [
    Column(_("Acronym"), lambda a: a.acronym, width=14),
    Column(_("Title"), lambda a: a.title, width=48),
    Column(_("Lead partner"), lambda a: a.lead_company.display_name, width=36),
    Column(_("Country"), lambda a: a.lead_company.get_country_display()),
    Column(_("Submitted"), lambda a: a.submitted_at, Kind.DATETIME),
    Column(_("Completeness"), lambda a: _screening(a, "completeness")),
    Column(_("Eligibility"), lambda a: _screening(a, "eligibility")),
]


def call_score_rows(call: Call) -> QuerySet[Score]:
    """Every submitted score of `call`: by application, assessor and the criteria's order."""
    return (
        Score.objects.filter(assignment__application__call=call, assignment__status="submitted")
        .select_related("assignment__application", "assignment__assessor", "criterion")
        .order_by("assignment__application_id", "assignment__assessor__email", "criterion__order", "pk")
    )


def _assessor(score: Score) -> str:
    assessor = score.assignment.assessor
    return assessor.get_full_name() or assessor.email


SCORE_COLUMNS = [
    Column(_("Acronym"), lambda s: s.assignment.application.acronym, width=14),
    Column(_("Application"), lambda s: s.assignment.application.title, width=48),
    Column(_("Assessor"), _assessor, width=30),
    Column(_("Criterion"), lambda s: s.criterion.name, width=30),
    Column(_("Score"), lambda s: s.score, Kind.DECIMAL),
    Column(_("Justification"), lambda s: s.justification, width=60),
]


@dataclass(frozen=True)
class RankingRow:
    entry: FrozenEntry
    application: Application
    decision: Decision | None


def frozen_ranking_rows(ranking: Ranking) -> list[RankingRow]:
    """Each entry of the frozen ranking, in its order, with its application and the decision taken, if any: three
    queries, whatever the number of entries."""
    entries = frozen_entries(ranking)
    ids = [e.application for e in entries]
    applications = Application.objects.select_related("lead_company").in_bulk(ids)
    decisions = {d.application_id: d for d in Decision.objects.filter(ranking=ranking, application_id__in=ids)}
    return [RankingRow(e, applications[e.application], decisions.get(e.application)) for e in entries]


def _decision(row: RankingRow) -> str | None:
    return row.decision.get_outcome_display() if row.decision is not None else None


def _score(row: RankingRow) -> Decimal | None:
    return row.entry.weighted_score


RANKING_COLUMNS = [
    Column(_("Rank"), lambda r: r.entry.rank, Kind.INTEGER),
    Column(_("Acronym"), lambda r: r.application.acronym, width=14),
    Column(_("Application"), lambda r: r.application.title, width=48),
    Column(_("Lead partner"), lambda r: r.application.lead_company.display_name, width=36),
    Column(_("Weighted score"), _score, Kind.DECIMAL, width=16),
    Column(_("Requested"), lambda r: r.entry.requested, Kind.MONEY),
    Column(_("Granted"), lambda r: r.entry.granted, Kind.MONEY),
    Column(_("Status"), lambda r: ranking_status_label(r.entry.status)),
    Column(_("Reserve position"), lambda r: r.entry.reserve_position, Kind.INTEGER, width=16),
    Column(_("Decision"), _decision),
]
