"""Consolidation of the assessors' individual scores before the committee sets the consensus score. Pure Python.

Per criterion: the spread of the individual scores, the mean and median, the assessors whose score is far from
their colleagues' (outliers) and a suggested consensus. The committee decides the consensus; these figures only
prepare the discussion.

- Outlier: a score that differs by `outlier_gap` (default 3) points or more from the median of the OTHER
  assessors' scores. Comparing with the others (not with a median that includes the score itself) keeps one
  extreme score from pulling the reference towards itself. A lone assessor has no colleagues: never an outlier.
- `needs_discussion`: maximum - minimum >= `discussion_spread` (default 3).
- `suggested_consensus`: the median rounded to the nearest 0.5, ROUND_HALF_UP (the consensus scale has halves).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from crossroads.assessment.rules.ranking import Criterion, RankingError, weighted_score

SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("10")
DEFAULT_GAP = Decimal("3")
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


class ConsolidationError(ValueError):
    """Bad input. `code` is stable (for messages and tests); `params` name the values involved."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class CriterionSpread:
    """The individual scores on one criterion, ordered by assessor id (`assessors[i]` gave `scores[i]`).
    With no score at all, the figures are None and nothing is flagged."""

    code: str
    assessors: tuple[str, ...]
    scores: tuple[Decimal, ...]
    minimum: Decimal | None
    maximum: Decimal | None
    spread: Decimal | None
    mean: Decimal | None  # rounded to 0.01, ROUND_HALF_UP
    median: Decimal | None  # exact (the middle score, or the average of the two middle ones)
    outliers: tuple[str, ...]  # assessor ids, in assessor order
    needs_discussion: bool
    suggested_consensus: Decimal | None  # median to the nearest 0.5, one decimal


def _threshold(value: Any, code: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
        raise ConsolidationError(f"{code}_invalid", value=value)
    if value <= 0:
        raise ConsolidationError(f"{code}_invalid", value=value)
    return Decimal(value)


def _score(value: Any, assessor: str, criterion: str) -> Decimal:
    """A Decimal score from 0 to 10 (int accepted; float refused, as everywhere money and scores are kept)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
        raise ConsolidationError("score_not_decimal", assessor=assessor, criterion=criterion, value=value)
    score = Decimal(value)
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ConsolidationError("score_out_of_range", assessor=assessor, criterion=criterion, value=score)
    return score


def _median(values: Sequence[Decimal]) -> Fraction:
    ordered = sorted(Fraction(v) for v in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _to_decimal(value: Fraction) -> Decimal:
    """A median of decimal scores (a score, or half the sum of two) has a finite decimal expansion: exact."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def _round_half_up(value: Fraction, steps_per_unit: int) -> Fraction:
    """Round a non-negative exact value to a multiple of 1/steps_per_unit, ties up (no intermediate rounding)."""
    return Fraction(math.floor(value * steps_per_unit + Fraction(1, 2)), steps_per_unit)


def _mean(scores: Sequence[Decimal]) -> Decimal:
    mean = _round_half_up(sum(Fraction(s) for s in scores) / len(scores), 100)
    return _to_decimal(mean).quantize(HUNDREDTH)


def _nearest_half(value: Fraction) -> Decimal:
    return _to_decimal(_round_half_up(value, 2)).quantize(TENTH)


def _outliers(assessors: Sequence[str], scores: Sequence[Decimal], gap: Decimal) -> tuple[str, ...]:
    flagged = []
    for index, (assessor, score) in enumerate(zip(assessors, scores, strict=True)):
        others = [s for i, s in enumerate(scores) if i != index]
        if others and abs(Fraction(score) - _median(others)) >= Fraction(gap):
            flagged.append(assessor)
    return tuple(flagged)


def _spread(code: str, given: Mapping[str, Decimal], gap: Decimal, discussion: Decimal) -> CriterionSpread:
    assessors = tuple(sorted(given))
    scores = tuple(given[a] for a in assessors)
    if not scores:
        return CriterionSpread(code, (), (), None, None, None, None, None, (), False, None)
    low, high = min(scores), max(scores)
    median = _median(scores)
    return CriterionSpread(
        code=code,
        assessors=assessors,
        scores=scores,
        minimum=low,
        maximum=high,
        spread=high - low,
        mean=_mean(scores),
        median=_to_decimal(median),
        outliers=_outliers(assessors, scores, gap),
        needs_discussion=high - low >= discussion,
        suggested_consensus=_nearest_half(median),
    )


def consolidate(
    scores: Mapping[str, Mapping[str, Decimal | None]],
    criteria_codes: Sequence[str],
    outlier_gap: Decimal = DEFAULT_GAP,
    discussion_spread: Decimal = DEFAULT_GAP,
) -> dict[str, CriterionSpread]:
    """Per criterion code (in the order given) the spread of the individual scores.

    `scores`: assessor id -> criterion code -> score. An assessor without a score (absent or None) on a criterion
    is left out for that criterion; scores on codes not in `criteria_codes` are ignored.
    Raises `ConsolidationError` "score_not_decimal", "score_out_of_range" (with assessor and criterion),
    "duplicate_criterion", "outlier_gap_invalid", "discussion_spread_invalid" (both must be > 0).
    """
    gap = _threshold(outlier_gap, "outlier_gap")
    discussion = _threshold(discussion_spread, "discussion_spread")
    result = {}
    for code in criteria_codes:
        if code in result:
            raise ConsolidationError("duplicate_criterion", criterion=code)
        given = {
            assessor: _score(sheet[code], assessor, code)
            for assessor, sheet in scores.items()
            if sheet.get(code) is not None
        }
        result[code] = _spread(code, given, gap, discussion)
    return result


def assessor_totals(
    scores: Mapping[str, Mapping[str, Decimal | None]], criteria: Sequence[Criterion]
) -> dict[str, Decimal | None]:
    """Each assessor's own weighted total on 0-100 (0.01), by assessor id; None when the sheet is incomplete.
    Shows the committee which assessor was strict or lenient overall."""
    totals: dict[str, Decimal | None] = {}
    for assessor in sorted(scores):
        sheet = scores[assessor]
        for code, value in sheet.items():
            if value is not None:
                _score(value, assessor, code)
        try:
            totals[assessor] = weighted_score(sheet, criteria)
        except RankingError as error:
            if error.code != "score_missing":
                raise
            totals[assessor] = None
    return totals


__all__ = ["ConsolidationError", "CriterionSpread", "assessor_totals", "consolidate"]
