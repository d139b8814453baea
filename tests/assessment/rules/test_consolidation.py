"""Consolidation of individual scores: spread, mean, median, outliers against the other assessors' median,
the discussion flag and the suggested consensus, on examples worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossroads.assessment.rules.consolidation import ConsolidationError, assessor_totals, consolidate
from crossroads.assessment.rules.ranking import DEFAULT_CRITERIA

D = Decimal


def sheets(**by_assessor: str) -> dict[str, dict[str, Decimal]]:
    """One criterion ("innovation") per assessor: sheets(a="7", b="8")."""
    return {assessor: {"innovation": D(score)} for assessor, score in by_assessor.items()}


def spread_of(**by_assessor: str):
    return consolidate(sheets(**by_assessor), ["innovation"])["innovation"]


def test_four_assessors_one_outlier():
    """Scores 7, 7.5, 8 and 3. Sorted 3, 7, 7.5, 8: median (7 + 7.5) / 2 = 7.25, mean 25.5 / 4 = 6.375 -> 6.38
    (half up), spread 8 - 3 = 5 -> discussion. Medians of the others: a 7.5 (|7 - 7.5| = 0.5), b 7 (0.5),
    c 7 (1), d 7.5 (|3 - 7.5| = 4.5 >= 3): only d is an outlier. Suggested 7.25 -> 7.5 (the half rounds up)."""
    spread = spread_of(a="7", b="7.5", c="8", d="3")
    assert spread.assessors == ("a", "b", "c", "d")
    assert spread.scores == (D("7"), D("7.5"), D("8"), D("3"))
    assert (spread.minimum, spread.maximum, spread.spread) == (D("3"), D("8"), D("5"))
    assert (spread.mean, spread.median) == (D("6.38"), D("7.25"))
    assert spread.outliers == ("d",)
    assert spread.needs_discussion is True
    assert spread.suggested_consensus == D("7.5")


def test_outlier_is_measured_against_the_others_not_the_whole_median():
    """Scores 2, 4.5, 5.5. The median of all three is 4.5 (2 is only 2.5 away), but the median of the OTHER two
    is 5: 2 is 3 away, exactly the gap -> outlier. For b, the others are 2 and 5.5: median 3.75, 0.75 away;
    for c, 2 and 4.5: median 3.25, 2.25 away."""
    spread = spread_of(a="2", b="4.5", c="5.5")
    assert spread.outliers == ("a",)
    assert (spread.median, spread.suggested_consensus) == (D("4.5"), D("4.5"))


def test_two_assessors_exactly_three_apart_are_both_outliers():
    """With two assessors the other's median is the other's score: a gap of exactly 3 flags both."""
    spread = spread_of(b="8", a="5")
    assert (spread.assessors, spread.outliers) == (("a", "b"), ("a", "b"))
    assert (spread.spread, spread.needs_discussion) == (D("3"), True)
    assert (spread.median, spread.mean, spread.suggested_consensus) == (D("6.5"), D("6.50"), D("6.5"))


def test_just_under_three_apart_is_no_outlier_and_no_discussion():
    spread = spread_of(a="5", b="7.5")
    assert (spread.outliers, spread.spread, spread.needs_discussion) == ((), D("2.5"), False)
    assert (spread.median, spread.suggested_consensus) == (D("6.25"), D("6.5"))


def test_agreement():
    spread = spread_of(a="6", b="6", c="6")
    assert (spread.spread, spread.mean, spread.median, spread.outliers) == (D("0"), D("6.00"), D("6"), ())
    assert (spread.needs_discussion, spread.suggested_consensus) == (False, D("6.0"))


def test_a_lone_assessor_is_never_an_outlier():
    spread = spread_of(a="1")
    assert (spread.outliers, spread.spread, spread.needs_discussion, spread.median) == ((), D("0"), False, D("1"))


def test_outlier_gap_and_discussion_spread_are_parameters():
    """Scores 5, 6, 7: others' medians are 6.5 (a, 1.5 away), 6 (b, 0) and 5.5 (c, 1.5 away); spread 2."""
    scores = sheets(a="5", b="6", c="7")
    default = consolidate(scores, ["innovation"])["innovation"]
    strict = consolidate(scores, ["innovation"], outlier_gap=D("1.5"), discussion_spread=D("2"))["innovation"]
    assert (default.outliers, default.needs_discussion) == ((), False)
    assert (strict.outliers, strict.needs_discussion) == (("a", "c"), True)
    # The two are independent: a smaller outlier gap alone does not lower the discussion spread, and vice versa.
    gap_only = consolidate(scores, ["innovation"], outlier_gap=D("1.5"))["innovation"]
    spread_only = consolidate(scores, ["innovation"], discussion_spread=D("2"))["innovation"]
    assert (gap_only.outliers, gap_only.needs_discussion) == (("a", "c"), False)
    assert (spread_only.outliers, spread_only.needs_discussion) == ((), True)


@pytest.mark.parametrize(
    ("score", "suggested"),
    [
        ("6.2", "6.0"),
        ("6.25", "6.5"),  # exactly halfway between 6 and 6.5: up
        ("6.74", "6.5"),
        ("6.75", "7.0"),  # exactly halfway between 6.5 and 7: up
        ("0", "0.0"),
        ("10", "10.0"),
    ],
)
def test_suggested_consensus_is_the_median_to_the_nearest_half(score, suggested):
    spread = spread_of(a=score)
    assert spread.suggested_consensus == D(suggested)
    assert spread.suggested_consensus.as_tuple().exponent == -1


def test_mean_rounds_half_up_to_the_cent():
    """(7 + 7 + 8) / 3 = 7.333... -> 7.33; (6.5 + 7 + 7 + 7) / 4 = 6.875 -> 6.88 (half up)."""
    assert spread_of(a="7", b="7", c="8").mean == D("7.33")
    assert spread_of(a="6.5", b="7", c="7", d="7").mean == D("6.88")


def test_several_criteria_and_missing_scores():
    """b did not score transition; nobody scored economic; c's score on an unknown criterion is ignored."""
    scores = {
        "b": {"innovation": D("6"), "transition": None},
        "a": {"innovation": D("9"), "transition": D("4")},
        "c": {"innovation": D("8"), "transition": D("4.5"), "impact": D("10")},
    }
    result = consolidate(scores, ["innovation", "transition", "economic"])
    assert list(result) == ["innovation", "transition", "economic"]
    innovation, transition, economic = result.values()
    # innovation 6, 8, 9: median 8; others' medians: a 7 (2 away), b 8.5 (2.5), c 7.5 (0.5); spread 3.
    assert (innovation.assessors, innovation.median, innovation.outliers) == (("a", "b", "c"), D("8"), ())
    assert (innovation.spread, innovation.needs_discussion) == (D("3"), True)
    assert (transition.assessors, transition.scores, transition.median) == (("a", "c"), (D("4"), D("4.5")), D("4.25"))
    assert economic.scores == ()
    assert (economic.minimum, economic.median, economic.mean, economic.suggested_consensus) == (None,) * 4
    assert (economic.outliers, economic.needs_discussion) == ((), False)


@pytest.mark.parametrize(
    ("scores", "kwargs", "code", "params"),
    [
        (sheets(a="10.5"), {}, "score_out_of_range", {"assessor": "a", "criterion": "innovation", "value": D("10.5")}),
        (sheets(a="-1"), {}, "score_out_of_range", {"assessor": "a", "criterion": "innovation", "value": D("-1")}),
        (
            {"a": {"innovation": 7.5}},
            {},
            "score_not_decimal",
            {"assessor": "a", "criterion": "innovation", "value": 7.5},
        ),
        (sheets(a="7"), {"outlier_gap": D("0")}, "outlier_gap_invalid", {"value": D("0")}),
        (sheets(a="7"), {"outlier_gap": 3.0}, "outlier_gap_invalid", {"value": 3.0}),
        (sheets(a="7"), {"discussion_spread": D("-1")}, "discussion_spread_invalid", {"value": D("-1")}),
        (
            sheets(a="7"),
            {"criteria_codes": ["innovation", "innovation"]},
            "duplicate_criterion",
            {"criterion": "innovation"},
        ),
    ],
)
def test_validation(scores, kwargs, code, params):
    arguments = {"criteria_codes": ["innovation"], **kwargs}
    with pytest.raises(ConsolidationError) as info:
        consolidate(scores, **arguments)
    assert (info.value.code, info.value.params) == (code, params)


def test_assessor_totals():
    """Default grid (25/25/20/15/15): a (200 + 175 + 120 + 105 + 90) / 10 = 69.00; b strict,
    (150 + 125 + 100 + 75 + 75) / 10 = 52.50; c has no consortium score: no total."""
    full = ("innovation", "cross_border", "transition", "economic", "consortium")
    scores = {
        "b": dict(zip(full, map(D, ("6", "5", "5", "5", "5")), strict=True)),
        "a": dict(zip(full, map(D, ("8", "7", "6", "7", "6")), strict=True)),
        "c": dict(zip(full[:4], map(D, ("8", "8", "8", "8")), strict=True)),
    }
    assert assessor_totals(scores, DEFAULT_CRITERIA) == {"a": D("69.00"), "b": D("52.50"), "c": None}


def test_assessor_totals_refuse_a_bad_score():
    with pytest.raises(ConsolidationError) as info:
        assessor_totals({"a": {"innovation": D("12")}}, DEFAULT_CRITERIA)
    assert info.value.code == "score_out_of_range"
