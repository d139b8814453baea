"""Ranking of assessed applications and funding under the call budget (tender principle). Pure Python.

Rules followed (design defaults of the assessment; every number comes from `RankingRules`, built from the call):

- Each application has a consensus score per criterion (0-10, `Decimal`, halves allowed). The weighted score on
  0-100 is sum(weight x score) x 10 / sum(weights); with weights summing to 100 that is sum(weight x score) / 10.
- An application passes when every criterion reaches its threshold (if any) and the weighted score reaches the
  overall threshold; exactly at a threshold passes.
- Passing applications are ranked on the exact weighted score (never on the rounded display value); ties are
  broken by the call's tie-breakers (default: cross-border added value, then innovation, the higher score first,
  then the earlier submission), and finally by application id so that the ranking is always total.
- Funding follows the ranking. When the next application does not fit the remaining budget, the call's policy
  decides: "skip" (fund the next that fits), "reduce" (offer the remainder as a reduced grant to the first that
  does not fit, then stop) or "stop". Everything ranked and not funded forms the reserve list, in rank order.

Money is handled in whole cents internally and returned as `Decimal` with two decimals; scores are compared as
exact fractions. The result depends only on the set of candidates, never on their order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from crossroads.core.money import from_cents, whole_cents  # pure: core.money imports no Django

POLICIES = ("skip", "reduce", "stop")
SUBMITTED_AT = "submitted_at"
DEFAULT_TIE_BREAKERS = ("cross_border", "innovation", SUBMITTED_AT)
SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("10")
OVERALL_MAX = Decimal("100")

# Statuses, in the order the entries of a result are listed (the first three are ranked).
FUNDED = "funded"
REDUCED = "reduced"
RESERVE = "reserve"
BELOW_THRESHOLD = "below_threshold"
NOT_SCORED = "not_scored"
INELIGIBLE = "ineligible"
STATUSES = (FUNDED, REDUCED, RESERVE, BELOW_THRESHOLD, NOT_SCORED, INELIGIBLE)
RANKED_STATUSES = frozenset({FUNDED, REDUCED, RESERVE})
_UNRANKED_ORDER = (BELOW_THRESHOLD, NOT_SCORED, INELIGIBLE)

# Reason codes (stable: messages and tests key on them). The ":<criterion>" ones carry the criterion code.
REASON_NOT_ELIGIBLE = "not_eligible"
REASON_SCORE_MISSING = "score_missing"  # "score_missing:<criterion>"
REASON_CRITERION_BELOW = "criterion_below_threshold"  # "criterion_below_threshold:<criterion>"
REASON_OVERALL_BELOW = "overall_below_threshold"
REASON_DOES_NOT_FIT = "does_not_fit_budget"
REASON_REDUCED = "reduced_to_remaining_budget"
REASON_SHARE_TOO_LOW = "remaining_below_min_reduced_share"
REASON_STOPPED = "budget_stopped"


class RankingError(ValueError):
    """Bad rules or candidates. `code` is stable (for messages and tests); `params` name the values involved."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _number(value: Any, code: str, **params: Any) -> Decimal:
    """A finite Decimal (int accepted). Floats are refused: scores and money are never float."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise RankingError(f"{code}_not_decimal", value=value, **params)
    value = Decimal(value)
    if not value.is_finite():
        raise RankingError(f"{code}_not_finite", value=value, **params)
    return value


def _display(value: Fraction) -> Decimal:
    """An exact non-negative value rounded to 0.01, ROUND_HALF_UP, for display only."""
    hundredths = (value.numerator * 200 + value.denominator) // (2 * value.denominator)
    return from_cents(hundredths)


@dataclass(frozen=True)
class Criterion:
    """One line of the criteria grid: `weight` (> 0, relative) and an optional minimum consensus score."""

    code: str
    weight: Decimal
    threshold: Decimal | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code.strip():
            raise RankingError("criterion_code_invalid", criterion=self.code)
        # "submitted_at" names the submission-time tie-breaker; a criterion with that code would be ambiguous.
        if self.code == SUBMITTED_AT:
            raise RankingError("criterion_code_reserved", criterion=self.code)
        if _number(self.weight, "weight", criterion=self.code) <= 0:
            raise RankingError("weight_not_positive", criterion=self.code, value=self.weight)
        if self.threshold is not None:
            threshold = _number(self.threshold, "threshold", criterion=self.code)
            if not SCORE_MIN <= threshold <= SCORE_MAX:
                raise RankingError("threshold_out_of_range", criterion=self.code, value=threshold)


# The design's default grid: weights sum to 100, a minimum of 5 per criterion and 60 overall.
DEFAULT_CRITERIA = (
    Criterion("innovation", Decimal("25"), Decimal("5")),
    Criterion("cross_border", Decimal("25"), Decimal("5")),
    Criterion("transition", Decimal("20"), Decimal("5")),
    Criterion("economic", Decimal("15"), Decimal("5")),
    Criterion("consortium", Decimal("15"), Decimal("5")),
)
DEFAULT_OVERALL_THRESHOLD = Decimal("60")


@dataclass(frozen=True)
class Candidate:
    """An application as the ranking sees it. `scores`: consensus score per criterion code; a criterion without
    a score (absent or None) means the application is not fully scored. Scores for criteria the rules do not
    know are ignored, so that a what-if may drop a criterion."""

    id: str
    requested_grant: Decimal
    scores: Mapping[str, Decimal | None]
    eligible: bool
    submitted_at: datetime


@dataclass(frozen=True)
class RankingRules:
    """The ranking numbers of one call. `min_reduced_share` (0-1) only matters under the "reduce" policy."""

    criteria: tuple[Criterion, ...]
    overall_threshold: Decimal
    budget: Decimal
    policy: str = "skip"
    tie_breakers: tuple[str, ...] = DEFAULT_TIE_BREAKERS
    min_reduced_share: Decimal = Decimal("0")

    def __post_init__(self) -> None:
        self._check_criteria()
        overall = _number(self.overall_threshold, "overall_threshold")
        if not SCORE_MIN <= overall <= OVERALL_MAX:
            raise RankingError("overall_threshold_out_of_range", value=overall)
        budget = _number(self.budget, "budget")
        if budget < 0:
            raise RankingError("budget_negative", value=budget)
        if whole_cents(budget) is None:
            raise RankingError("budget_not_in_cents", value=budget)
        if self.policy not in POLICIES:
            raise RankingError("unknown_policy", policy=self.policy)
        self._check_tie_breakers()
        share = _number(self.min_reduced_share, "min_reduced_share")
        if not 0 <= share <= 1:
            raise RankingError("min_reduced_share_out_of_range", value=share)

    def _check_criteria(self) -> None:
        if not self.criteria:
            raise RankingError("no_criteria")
        codes = [c.code for c in self.criteria]
        for code in codes:
            if codes.count(code) > 1:
                raise RankingError("duplicate_criterion", criterion=code)

    def _check_tie_breakers(self) -> None:
        known = {c.code for c in self.criteria} | {SUBMITTED_AT}
        for index, breaker in enumerate(self.tie_breakers):
            if breaker not in known:
                raise RankingError("unknown_tie_breaker", tie_breaker=breaker)
            if breaker in self.tie_breakers[:index]:
                raise RankingError("duplicate_tie_breaker", tie_breaker=breaker)

    @property
    def budget_cents(self) -> int:
        """The budget in whole cents (validated in __post_init__)."""
        cents = whole_cents(Decimal(self.budget))
        assert cents is not None, "checked in __post_init__"
        return cents


@dataclass(frozen=True)
class RankedEntry:
    """The outcome for one candidate. `rank` (1 = best) only for ranked statuses (funded, reduced, reserve);
    `reserve_position` (1 = first called up) only for "reserve"; `weighted_score` is the display value (0.01)
    whenever the candidate was fully scored and eligible."""

    id: str
    status: str
    rank: int | None
    weighted_score: Decimal | None
    requested: Decimal
    granted: Decimal
    reserve_position: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RankingResult:
    """All entries (ranked in rank order, then below_threshold, not_scored, ineligible, each by id).
    allocated + remaining == budget exactly; `funding_line` is the rank of the last funded or reduced entry."""

    entries: tuple[RankedEntry, ...]
    budget: Decimal
    allocated: Decimal
    remaining: Decimal
    funding_line: int | None
    policy: str
    _by_id: dict[str, RankedEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def entry(self, candidate_id: str) -> RankedEntry:
        """The entry of one candidate (KeyError when it was not in the ranking)."""
        return self._by_id[candidate_id]

    def with_status(self, status: str) -> tuple[RankedEntry, ...]:
        return tuple(e for e in self.entries if e.status == status)


def _exact_scores(scores: Mapping[str, Decimal | None], criteria: Sequence[Criterion]) -> dict[str, Fraction]:
    """Exact scores of the criteria that have one (validated: a Decimal from 0 to 10)."""
    exact = {}
    for criterion in criteria:
        value = scores.get(criterion.code)
        if value is None:
            continue
        score = _number(value, "score", criterion=criterion.code)
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise RankingError("score_out_of_range", criterion=criterion.code, value=score)
        exact[criterion.code] = Fraction(score)
    return exact


def _exact_weighted(exact: Mapping[str, Fraction], criteria: Sequence[Criterion]) -> Fraction:
    """sum(weight x score) x 10 / sum(weights): a 0-100 scale whatever the weights add up to."""
    total_weight = sum(Fraction(c.weight) for c in criteria)
    return sum(Fraction(c.weight) * exact[c.code] for c in criteria) * 10 / total_weight


def weighted_score(scores: Mapping[str, Decimal | None], criteria: Sequence[Criterion]) -> Decimal:
    """Weighted score on 0-100, rounded to 0.01 ROUND_HALF_UP (display; `rank` compares the exact value).

    Raises `RankingError` "score_missing" (with `criterion`) when a criterion has no score,
    "score_out_of_range" / "score_not_decimal" for a bad score, "no_criteria" for an empty grid.
    """
    if not criteria:
        raise RankingError("no_criteria")
    exact = _exact_scores(scores, criteria)
    for criterion in criteria:
        if criterion.code not in exact:
            raise RankingError(REASON_SCORE_MISSING, criterion=criterion.code)
    return _display(_exact_weighted(exact, criteria))


@dataclass(frozen=True)
class _Assessed:
    """A validated candidate: request in cents, exact weighted score (None when not scored or ineligible)."""

    candidate: Candidate
    requested_cents: int
    score: Fraction | None
    status: str | None  # None: passes and is ranked; otherwise one of the unranked statuses
    reasons: tuple[str, ...]


def _requested_cents(candidate: Candidate) -> int:
    # A request of zero (or less) cannot be funded or meaningfully ranked against the budget: a data error.
    value = candidate.requested_grant
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
        raise RankingError("invalid_request", id=candidate.id, value=value)
    cents = whole_cents(Decimal(value))
    if cents is None or cents <= 0:
        raise RankingError("invalid_request", id=candidate.id, value=value)
    return cents


def _threshold_reasons(exact: Mapping[str, Fraction], overall: Fraction, rules: RankingRules) -> tuple[str, ...]:
    reasons = [
        f"{REASON_CRITERION_BELOW}:{c.code}"
        for c in rules.criteria
        if c.threshold is not None and exact[c.code] < Fraction(c.threshold)
    ]
    if overall < Fraction(rules.overall_threshold):
        reasons.append(REASON_OVERALL_BELOW)
    return tuple(reasons)


def _assess(candidate: Candidate, rules: RankingRules) -> _Assessed:
    requested = _requested_cents(candidate)
    try:
        exact = _exact_scores(candidate.scores, rules.criteria)
    except RankingError as error:
        raise RankingError(error.code, id=candidate.id, **error.params) from error
    # Eligibility is decided first: an ineligible application is out whatever its scores.
    if not candidate.eligible:
        return _Assessed(candidate, requested, None, INELIGIBLE, (REASON_NOT_ELIGIBLE,))
    missing = tuple(f"{REASON_SCORE_MISSING}:{c.code}" for c in rules.criteria if c.code not in exact)
    if missing:
        return _Assessed(candidate, requested, None, NOT_SCORED, missing)
    overall = _exact_weighted(exact, rules.criteria)
    failed = _threshold_reasons(exact, overall, rules)
    return _Assessed(candidate, requested, overall, BELOW_THRESHOLD if failed else None, failed)


def _check_candidates(candidates: Sequence[Candidate]) -> None:
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.id in seen:
            raise RankingError("duplicate_candidate", id=candidate.id)
        seen.add(candidate.id)
        if not isinstance(candidate.submitted_at, datetime):
            raise RankingError("submitted_at_invalid", id=candidate.id, value=candidate.submitted_at)
    # Naive and aware datetimes cannot be compared; say so instead of failing inside the sort.
    if len({c.submitted_at.utcoffset() is None for c in candidates}) > 1:
        raise RankingError("submitted_at_mixed_timezones")


def _rank_key(assessed: _Assessed, tie_breakers: tuple[str, ...]) -> tuple:
    """Higher score first; tie-breaker criteria higher first, submission earlier first; the id last so the order
    is total and does not depend on the input order."""
    candidate = assessed.candidate
    assert assessed.score is not None
    breakers: list[Any] = []
    for breaker in tie_breakers:
        if breaker == SUBMITTED_AT:
            breakers.append(candidate.submitted_at)
        else:
            breakers.append(-Fraction(candidate.scores[breaker]))
    return (-assessed.score, *breakers, candidate.id)


@dataclass(frozen=True)
class _Decision:
    status: str
    granted_cents: int
    reasons: tuple[str, ...]


def _may_reduce(remaining: int, requested: int, min_share: Decimal) -> bool:
    return remaining > 0 and remaining >= Fraction(min_share) * requested


def _not_fitting(remaining: int, requested: int, rules: RankingRules) -> _Decision:
    """The decision for the first ranked candidate that does not fit under "reduce" or "stop"."""
    if rules.policy == "reduce":
        if _may_reduce(remaining, requested, rules.min_reduced_share):
            return _Decision(REDUCED, remaining, (REASON_REDUCED,))
        if remaining > 0:
            return _Decision(RESERVE, 0, (REASON_DOES_NOT_FIT, REASON_SHARE_TOO_LOW))
    return _Decision(RESERVE, 0, (REASON_DOES_NOT_FIT,))


def _allocate(requests: Iterable[int], rules: RankingRules) -> list[_Decision]:
    """Fund in rank order. Under "reduce" and "stop" nothing after the first misfit is funded: funding a lower
    project past a higher one that was refused is exactly what those policies rule out (also when "reduce" could
    not offer the remainder because it was below the minimum share)."""
    remaining = rules.budget_cents
    stopped = False
    decisions = []
    for requested in requests:
        if stopped:
            decision = _Decision(RESERVE, 0, (REASON_STOPPED,))
        elif requested <= remaining:
            decision = _Decision(FUNDED, requested, ())
        elif rules.policy == "skip":
            decision = _Decision(RESERVE, 0, (REASON_DOES_NOT_FIT,))
        else:
            decision = _not_fitting(remaining, requested, rules)
            stopped = True
        remaining -= decision.granted_cents
        decisions.append(decision)
    return decisions


def _ranked_entries(ranked: Sequence[_Assessed], rules: RankingRules) -> list[RankedEntry]:
    entries = []
    reserve_position = 0
    decisions = _allocate((a.requested_cents for a in ranked), rules)
    for position, (assessed, decision) in enumerate(zip(ranked, decisions, strict=True), start=1):
        in_reserve = decision.status == RESERVE
        reserve_position += in_reserve
        assert assessed.score is not None
        entries.append(
            RankedEntry(
                id=assessed.candidate.id,
                status=decision.status,
                rank=position,
                weighted_score=_display(assessed.score),
                requested=from_cents(assessed.requested_cents),
                granted=from_cents(decision.granted_cents),
                reserve_position=reserve_position if in_reserve else None,
                reasons=decision.reasons,
            )
        )
    return entries


def _unranked_entry(assessed: _Assessed) -> RankedEntry:
    assert assessed.status is not None
    return RankedEntry(
        id=assessed.candidate.id,
        status=assessed.status,
        rank=None,
        weighted_score=None if assessed.score is None else _display(assessed.score),
        requested=from_cents(assessed.requested_cents),
        granted=from_cents(0),
        reserve_position=None,
        reasons=assessed.reasons,
    )


def rank(candidates: Iterable[Candidate], rules: RankingRules) -> RankingResult:
    """Rank the candidates and fund them under the budget (see the module docstring for the rules).

    Every candidate gets exactly one entry. Statuses: "funded" (granted = requested), "reduced" (granted = the
    remaining budget, "reduce" policy only), "reserve" (ranked, not funded; `reserve_position` from 1),
    "below_threshold", "not_scored", "ineligible". Reasons: "not_eligible", "score_missing:<criterion>",
    "criterion_below_threshold:<criterion>", "overall_below_threshold", "does_not_fit_budget",
    "reduced_to_remaining_budget", "remaining_below_min_reduced_share", "budget_stopped".

    A what-if is just another call with other rules. Raises `RankingError`: "duplicate_candidate",
    "invalid_request" (not a positive amount in whole cents), "score_out_of_range", "score_not_decimal",
    "submitted_at_invalid", "submitted_at_mixed_timezones" (each with the candidate `id` where there is one).
    """
    candidates = list(candidates)
    _check_candidates(candidates)
    assessed = [_assess(c, rules) for c in candidates]
    ranked = sorted((a for a in assessed if a.status is None), key=lambda a: _rank_key(a, rules.tie_breakers))
    entries = _ranked_entries(ranked, rules)
    for status in _UNRANKED_ORDER:
        group = sorted((a for a in assessed if a.status == status), key=lambda a: a.candidate.id)
        entries.extend(_unranked_entry(a) for a in group)

    budget = rules.budget_cents
    allocated = sum(whole_cents(e.granted) or 0 for e in entries)
    funded_ranks = [e.rank for e in entries if e.status in (FUNDED, REDUCED)]
    return RankingResult(
        entries=tuple(entries),
        budget=from_cents(budget),
        allocated=from_cents(allocated),
        remaining=from_cents(budget - allocated),
        funding_line=funded_ranks[-1] if funded_ranks else None,
        policy=rules.policy,
    )


def funding_line_moves(before: RankingResult, after: RankingResult) -> list[tuple[str, str | None, str | None]]:
    """Candidates whose status differs between two results (the what-if view): (id, old status, new status),
    in the order of `after`, then those only in `before`. A side where the candidate is absent gives None.
    A reduced grant whose amount changes but stays "reduced" is not a move."""
    old = {e.id: e.status for e in before.entries}
    new = {e.id: e.status for e in after.entries}
    moves = [(e.id, old.get(e.id), e.status) for e in after.entries if old.get(e.id) != e.status]
    moves += [(e.id, e.status, None) for e in before.entries if e.id not in new]
    return moves


__all__ = [
    "DEFAULT_CRITERIA",
    "DEFAULT_OVERALL_THRESHOLD",
    "DEFAULT_TIE_BREAKERS",
    "POLICIES",
    "RANKED_STATUSES",
    "STATUSES",
    "SUBMITTED_AT",
    "Candidate",
    "Criterion",
    "RankedEntry",
    "RankingError",
    "RankingResult",
    "RankingRules",
    "funding_line_moves",
    "rank",
    "weighted_score",
]
