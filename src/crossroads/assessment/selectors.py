"""Reads of the assessment: who sees what, the rows of the pages, the inputs of the ranking."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from crossroads.accounts.models import User
from crossroads.applications.models import Application, ApplicationStatus, BudgetLine, Partner
from crossroads.applications.rules.budget import CATEGORIES as COST_CATEGORIES
from crossroads.applications.rules.budget import PartnerCosts, allocate_grant
from crossroads.applications.selectors import cost_rules
from crossroads.core.formatting import format_money, format_number
from crossroads.programme.models import Call, Programme

from .models import (
    AssessmentOverride,
    AssessorProfile,
    Assignment,
    AssignmentStatus,
    ConsensusScore,
    Decision,
    Eligibility,
    Objection,
    ObjectionStatus,
    Ranking,
    Score,
)
from .rules import ranking as ranking_rules
from .rules.consolidation import consolidate
from .rules.frozen import FrozenEntry, entries_from_json

ACTIVE = (AssignmentStatus.INVITED, AssignmentStatus.SUBMITTED)


def submitted_applications(call: Call) -> QuerySet[Application]:
    return (
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("lead_company", "screening")
        .order_by("submitted_at", "pk")
    )


def assessable_applications(call: Call) -> QuerySet[Application]:
    """The applications screened eligible: the only ones assessed and ranked."""
    return submitted_applications(call).filter(screening__eligibility=Eligibility.ELIGIBLE)


def application_label(application_id: object) -> str:
    """How messages name an application given by id: its acronym, else its title (the id when unknown)."""
    from crossroads.core.permissions import is_id

    found = (
        Application.objects.filter(pk=application_id).only("title", "acronym").first()
        if is_id(str(application_id))
        else None
    )
    return (found.acronym or found.title) if found else str(application_id or "")


def assessor_pool() -> QuerySet[AssessorProfile]:
    return AssessorProfile.objects.filter(active=True, user__is_active=True).select_related("user").order_by("user_id")


def assignments_of(user: User) -> QuerySet[Assignment]:
    """An assessor's own assignments (never the others' on the same application)."""
    return (
        Assignment.objects.filter(assessor=user)
        .exclude(status__in=(AssignmentStatus.PROPOSED, AssignmentStatus.CANCELLED))
        .select_related("application__call", "application__lead_company")
        .order_by("due_date", "application_id")
    )


def all_submitted(application: Application) -> bool:
    """Every active assessor has submitted (and there is at least one): only then are scores compared."""
    statuses = list(
        Assignment.objects.filter(application=application, status__in=ACTIVE).values_list("status", flat=True)
    )
    return bool(statuses) and all(s == AssignmentStatus.SUBMITTED for s in statuses)


def conflicted_submissions(application: Application) -> list[Assignment]:
    """Submitted assessments whose assessor has a conflict found after submitting: their scores must not count."""
    from .conflicts import conflicts_of

    submitted = Assignment.objects.filter(application=application, status=AssignmentStatus.SUBMITTED)
    return [a for a in submitted.select_related("assessor") if conflicts_of(a.assessor, application)]


def consolidation(application: Application) -> dict:
    """Each criterion's individual scores (with justifications), spread, outliers and the consensus so far. Scores
    of an assessor with a conflict found since are left out (and named, so the secretariat can act)."""
    criteria = list(application.call.criteria.order_by("order"))
    conflicted = conflicted_submissions(application)
    scores = (
        Score.objects.filter(assignment__application=application, assignment__status=AssignmentStatus.SUBMITTED)
        .exclude(assignment__in=conflicted)
        .select_related("assignment__assessor", "criterion")
    )
    by_assessor: dict[str, dict[str, Decimal]] = defaultdict(dict)
    details: dict[str, list] = defaultdict(list)
    for s in scores:
        name = s.assignment.assessor.get_full_name() or s.assignment.assessor.email
        by_assessor[name][s.criterion.code] = s.score
        details[s.criterion.code].append((name, s.score, s.justification))
    spreads = consolidate(by_assessor, [c.code for c in criteria]) if by_assessor else {}
    consensus = {c.criterion_id: c for c in ConsensusScore.objects.filter(application=application)}
    rows = [
        {
            "criterion": c,
            "spread": spreads.get(c.code),
            "details": sorted(details.get(c.code, []), key=lambda d: d[0]),
            "consensus": consensus.get(c.pk),
        }
        for c in criteria
    ]
    return {"rows": rows, "assessors": sorted(by_assessor), "conflicted": conflicted}


def ranking_rules_for(
    call: Call,
    *,
    budget: Decimal | None = None,
    overall_threshold: Decimal | None = None,
    thresholds: dict[str, Decimal] | None = None,
    policy: str | None = None,
) -> ranking_rules.RankingRules:
    """The call's ranking rules, or a what-if variant of them."""
    thresholds = thresholds or {}
    criteria = tuple(
        ranking_rules.Criterion(c.code, Decimal(c.weight), thresholds.get(c.code, c.threshold))
        for c in call.criteria.order_by("order")
    )
    return ranking_rules.RankingRules(
        criteria=criteria,
        overall_threshold=call.overall_threshold if overall_threshold is None else overall_threshold,
        budget=call.budget if budget is None else budget,
        policy=policy or call.allocation_policy,
        tie_breakers=tuple(call.tie_breakers),
        min_reduced_share=call.reduced_grant_min_share,
    )


def ranking_candidates(call: Call) -> list[ranking_rules.Candidate]:
    """Every eligible application with its consensus scores and requested grant.

    At programme scale (hundreds of applications, thousands of budget lines) only the numbers are read: each
    partner's costs per category are summed from plain rows and given to the same `allocate_grant` rule as
    `grant_allocation`, so the requested grant is the same to the cent; no model object per partner or line."""
    applications = list(assessable_applications(call).values_list("pk", "submitted_at"))
    ids = [pk for pk, _submitted in applications]
    scores: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for application_id, code, score in ConsensusScore.objects.filter(application_id__in=ids).values_list(
        "application_id", "criterion__code", "score"
    ):
        scores[application_id][code] = score
    grants = _requested_grants(call, ids)
    return [
        ranking_rules.Candidate(
            id=str(pk),
            requested_grant=grants[pk],
            scores=scores.get(pk, {}),
            eligible=True,
            submitted_at=submitted_at,  # type: ignore[arg-type]  # assessable applications are submitted
        )
        for pk, submitted_at in applications
    ]


def _requested_grants(call: Call, application_ids: list[int]) -> dict[int, Decimal]:
    """`grant_allocation(application).project_grant` of many applications of one call, from plain rows: the partners
    in their usual order, their budget lines summed per category, then the same pure rule."""
    costs: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(COST_CATEGORIES, Decimal("0")))
    for partner_id, category, amount in BudgetLine.objects.filter(
        partner__application_id__in=application_ids
    ).values_list("partner_id", "category", "amount"):
        costs[partner_id][category] += amount
    partners: dict[int, list[PartnerCosts]] = {pk: [] for pk in application_ids}
    for partner_id, application_id, role, is_lead in Partner.objects.filter(
        application_id__in=application_ids
    ).values_list("pk", "application_id", "role", "is_lead"):
        totals = costs.get(partner_id) or dict.fromkeys(COST_CATEGORIES, Decimal("0"))
        partners[application_id].append(PartnerCosts(id=str(partner_id), role=role, is_lead=is_lead, **totals))
    rules = cost_rules(call)
    warning = call.programme.cost_share_warning
    return {pk: allocate_grant(found, rules, share_warning=warning).project_grant for pk, found in partners.items()}


def current_ranking(call: Call) -> Ranking | None:
    return call.rankings.filter(superseded_at__isnull=True).first()


def frozen_entries(ranking: Ranking) -> list[FrozenEntry]:
    return entries_from_json(ranking.entries)


def frozen_entry(ranking: Ranking, application: Application) -> FrozenEntry | None:
    return next((e for e in frozen_entries(ranking) if e.application == application.pk), None)


def decisions_of_call(call: Call) -> QuerySet[Decision]:
    return Decision.objects.filter(application__call=call).select_related("application")


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    """Decisions on the applications of the user's companies."""
    companies = user.memberships.values_list("company_id", flat=True)
    return (
        Decision.objects.filter(application__partners__company__in=companies)
        .distinct()
        .select_related("application__call")
    )


def partner_users(application: Application) -> list[User]:
    """Every user of every partner company of the application (the lead and the others)."""
    users = {}
    for partner in application.partners.select_related("company"):
        if partner.company is None:
            continue
        for membership in partner.company.memberships.select_related("user"):
            users[membership.user.pk] = membership.user
    return sorted(users.values(), key=lambda u: u.email)


def ranking_status_label(status: str) -> str:
    """The words for a ranking entry's status, in the current language (as templates/assessment/_status.html)."""
    labels = {
        ranking_rules.FUNDED: gettext("funded"),
        ranking_rules.REDUCED: gettext("reduced grant"),
        ranking_rules.RESERVE: gettext("reserve"),
        "below_threshold": gettext("below a threshold"),
        "not_scored": gettext("no consensus yet"),
        "ineligible": gettext("not eligible"),
    }
    return labels.get(status, "–")


def ranking_rows(call: Call, result: ranking_rules.RankingResult, *, full: bool = True) -> list[dict]:
    """The rows of the ranking and meeting pages: each entry with its application, its consensus score per
    criterion (in the call's order) and the cumulative grant down the list. `cells`: the row's figures already in
    words (a long list renders without per-cell template work). `full=False`: the applications carry only what the
    ranking table shows (title)."""
    ids = [int(e.id) for e in result.entries]
    found = Application.objects.all() if full else Application.objects.only("pk", "title", "acronym")
    applications = found.in_bulk(ids)
    consensus: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for application_id, code, score in ConsensusScore.objects.filter(application_id__in=ids).values_list(
        "application_id", "criterion__code", "score"
    ):
        consensus[application_id][code] = score
    codes = [c.code for c in call.criteria.all()]
    rows, cumulative = [], Decimal("0")
    for entry in result.entries:
        cumulative += entry.granted
        application = applications[int(entry.id)]
        scores = [consensus.get(application.pk, {}).get(code) for code in codes]
        rows.append(
            {
                "entry": entry,
                "application": application,
                "scores": scores,
                "cumulative": cumulative,
                "cells": {
                    "scores": [format_number(s, 1) for s in scores],
                    "weighted": format_number(entry.weighted_score),
                    "requested": format_money(entry.requested),
                    "granted": format_money(entry.granted),
                    "cumulative": format_money(cumulative),
                    "status": ranking_status_label(entry.status),
                    "funded": entry.status in (ranking_rules.FUNDED, ranking_rules.REDUCED),
                    "funding_line": entry.rank == result.funding_line,  # as the template compared before
                },
            }
        )
    return rows


def applications_by_id(ids: list[str] | list[int]) -> dict[int, Application]:
    return Application.objects.in_bulk([int(i) for i in ids])


def has_decisions(ranking: Ranking | None) -> bool:
    return ranking is not None and Decision.objects.filter(ranking=ranking).exists()


DECISION_ROW_FIELDS = (
    "id",
    "application_id",
    "ranking_id",
    "outcome",
    "granted",
    "decided_at",
    "reopened_at",
    "grant__id",
    "grant__decision_id",
    "grant__renounced_at",
)


def decision_rows(ranking: Ranking) -> list[tuple[FrozenEntry, Application, Decision | None]]:
    """Each entry of the frozen ranking with its application and the decision taken on it, if any."""
    entries = frozen_entries(ranking)
    decided = {
        d.application_id: d
        for d in Decision.objects.filter(ranking=ranking)
        .select_related("grant")
        # A call has about 200 decisions: converting every stored column of each (the letter's text, reasons,
        # conditions, five moments) costs more than the query. The page reads these.
        .only(*DECISION_ROW_FIELDS)
    }
    # The page shows the title and links by id; the letter language needs the lead company. Nothing else is read.
    applications = Application.objects.only("id", "title", "call_id", "lead_company_id").in_bulk(
        [e.application for e in entries]
    )
    return [(e, applications[e.application], decided.get(e.application)) for e in entries]


def decision_row(ranking: Ranking, application_id: int) -> tuple[FrozenEntry, Application, Decision | None] | None:
    """`decision_rows` of one application, or None when it is not in the frozen ranking (no query for an id that
    is not there, however large)."""
    entry = next((e for e in frozen_entries(ranking) if e.application == application_id), None)
    if entry is None:
        return None
    application = Application.objects.select_related("lead_company").get(pk=application_id)
    decision = Decision.objects.filter(ranking=ranking, application_id=application_id).select_related("grant").first()
    return entry, application, decision


def objections_of(decisions: list[Decision]) -> dict[int, list[Objection]]:
    """The objections to each decision (decision id -> newest first, as the model orders them) in one query.
    Cheaper than a prefetch, which builds a queryset for each of the about 200 decisions of a call although few
    have an objection."""
    found: dict[int, list[Objection]] = defaultdict(list)
    for objection in Objection.objects.filter(decision_id__in=[d.pk for d in decisions]).order_by("-lodged_at", "-pk"):
        found[objection.decision_id].append(objection)
    return found


def overrides_of(application_ids: list[int]) -> dict[int, AssessmentOverride]:
    """`compliance.current_override` of many applications in one query: the latest override of each."""
    found: dict[int, AssessmentOverride] = {}
    for override in (
        AssessmentOverride.objects.filter(application_id__in=application_ids)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-pk")
    ):
        found.setdefault(override.application_id, override)
    return found


def letter_languages(applications: list[Application]) -> dict[int, str]:
    """`letter_language` of many applications in one query (application id -> "nl" or "en")."""
    from crossroads.companies.models import CompanyMembership

    languages: dict[int, set[str]] = defaultdict(set)
    for company_id, language in CompanyMembership.objects.filter(
        company_id__in={a.lead_company_id for a in applications}
    ).values_list("company_id", "user__language"):
        languages[company_id].add(language)
    return {a.pk: "en" if languages.get(a.lead_company_id) == {"en"} else "nl" for a in applications}


def letter_language(application: Application) -> str:
    """Dutch, unless every user of the lead partner chose English: that is their request for an English letter."""
    memberships = application.lead_company.memberships
    prefetched = "memberships" in getattr(application.lead_company, "_prefetched_objects_cache", {})
    languages = {m.user.language for m in (memberships.all() if prefetched else memberships.select_related("user"))}
    return "en" if languages == {"en"} else "nl"


# --- what waits for whom (the role landing pages of the portal) -----------------------------------------------------


@dataclass(frozen=True)
class DueAssessment:
    """An assessor's open assessment: what the landing page lists, with its link."""

    assignment: Assignment
    title: str
    due_date: dt.date | None
    status: str  # the status label, in the current language
    url: str


def assessments_due_for(user: User) -> list[DueAssessment]:
    """The assessor's open assessments (invited, not submitted yet), the earliest due first. The title is shown: the
    declaration page names the application too; its content opens only after the declaration."""
    open_ones = (
        Assignment.objects.filter(assessor=user, status=AssignmentStatus.INVITED)
        .select_related("application")
        .order_by(F("due_date").asc(nulls_last=True), "application_id")
    )
    return [
        DueAssessment(
            assignment=a,
            title=a.application.acronym or a.application.title,
            due_date=a.due_date,
            status=str(a.get_status_display()),
            url=reverse("assessment:assignment_detail", args=[a.pk]),
        )
        for a in open_ones
    ]


@dataclass(frozen=True)
class WaitingItem:
    """One kind of work waiting for the secretariat in one call: how many, in words, and where to do it."""

    key: str  # screening | conflicts | consolidation | freeze | objections
    count: int
    label: str
    url: str
    call: Call


def _needs_screening(call: Call) -> int:
    return (
        submitted_applications(call)
        .exclude(screening__eligibility__in=(Eligibility.ELIGIBLE, Eligibility.INELIGIBLE))
        .count()
    )


def _short_of_assessors(call: Call) -> int:
    """Eligible applications where an assessor declined (a declared conflict) and the active ones fall short."""
    declined = assessable_applications(call).filter(assignments__status=AssignmentStatus.DECLINED).distinct()
    active = dict(
        Assignment.objects.filter(application__in=declined, status__in=(AssignmentStatus.PROPOSED, *ACTIVE))
        .values("application_id")
        .annotate(n=Count("pk"))
        .values_list("application_id", "n")
    )
    return sum(1 for pk in declined.values_list("pk", flat=True) if active.get(pk, 0) < call.assessors_per_application)


def _ready_to_consolidate(call: Call) -> list[Application]:
    """`all_submitted` of every eligible application without a consensus, in two queries."""
    waiting = assessable_applications(call).filter(consensus__isnull=True).distinct()
    candidates = list(waiting)
    statuses: dict[int, list[str]] = {}
    for application_id, status in Assignment.objects.filter(
        application__in=waiting.values("pk"), status__in=ACTIVE
    ).values_list("application_id", "status"):
        statuses.setdefault(application_id, []).append(status)
    return [
        a for a in candidates if statuses.get(a.pk) and all(s == AssignmentStatus.SUBMITTED for s in statuses[a.pk])
    ]


def _ready_to_freeze(call: Call) -> bool:
    """Every eligible application has its consensus, none waits for screening, and no ranking is frozen yet."""
    eligible = assessable_applications(call)
    if current_ranking(call) is not None or not eligible.exists() or _needs_screening(call):
        return False
    return not eligible.filter(consensus__isnull=True).exists()


def _waiting_in_call(call: Call) -> list[WaitingItem]:
    items = []
    counts = {
        "screening": (_needs_screening(call), "assessment:call", call.pk),
        "conflicts": (_short_of_assessors(call), "assessment:assignment", call.pk),
    }
    ready = _ready_to_consolidate(call)
    counts["consolidation"] = (
        (len(ready), "assessment:consolidation", ready[0].pk)
        if len(ready) == 1
        else (len(ready), "assessment:assignment", call.pk)
    )
    counts["freeze"] = (1 if _ready_to_freeze(call) else 0, "assessment:ranking", call.pk)
    received = Objection.objects.filter(decision__application__call=call, status=ObjectionStatus.RECEIVED).count()
    counts["objections"] = (received, "assessment:decisions", call.pk)
    for key, (count, name, pk) in counts.items():
        if count:
            items.append(WaitingItem(key, count, _waiting_label(key, count, call), reverse(name, args=[pk]), call))
    return items


def _waiting_label(key: str, count: int, call: Call) -> str:
    values = {"count": count, "call": call.name}
    labels = {
        "screening": ngettext(
            "%(count)s application to screen in %(call)s", "%(count)s applications to screen in %(call)s", count
        ),
        "conflicts": ngettext(
            "%(count)s application short of assessors after a conflict of interest in %(call)s",
            "%(count)s applications short of assessors after a conflict of interest in %(call)s",
            count,
        ),
        "consolidation": ngettext(
            "%(count)s application ready for the consensus in %(call)s",
            "%(count)s applications ready for the consensus in %(call)s",
            count,
        ),
        "freeze": gettext("The ranking of %(call)s is ready to be frozen"),
        "objections": ngettext(
            "%(count)s objection to resolve in %(call)s", "%(count)s objections to resolve in %(call)s", count
        ),
    }
    return labels[key] % values


def waiting_for_secretariat(scope: Programme | Call) -> list[WaitingItem]:
    """What waits for the secretariat, per call of the programme (or in one call): screenings to do, applications
    short of assessors after a conflict, consensus to record, a ranking to freeze, objections to resolve. Only
    kinds with work are listed; each with its count, a label in the current language and the page to do it."""
    calls = [scope] if isinstance(scope, Call) else list(scope.calls.order_by("opens_at", "pk"))
    return [item for call in calls for item in _waiting_in_call(call)]
