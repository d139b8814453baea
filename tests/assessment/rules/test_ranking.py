"""Ranking and funding under the call budget, with examples whose numbers were worked out by hand.

Default grid: innovation 25, cross_border 25, transition 20, economic 15, consortium 15 (sum 100), thresholds 5
per criterion and 60 overall, so the weighted score is sum(weight x score) / 10."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from crossroads.assessment.rules.ranking import (
    DEFAULT_CRITERIA,
    Candidate,
    Criterion,
    RankingError,
    RankingRules,
    funding_line_moves,
    rank,
    weighted_score,
)

D = Decimal
CODES = ("innovation", "cross_border", "transition", "economic", "consortium")
T0 = datetime(2025, 3, 1, 12, 0)


def scores(*values: str) -> dict[str, Decimal]:
    return {code: D(v) for code, v in zip(CODES, values, strict=True)}


def app(
    cid: str, requested: str, *values: str, eligible: bool = True, minutes: int = 0, **extra: Decimal | None
) -> Candidate:
    sheet: dict[str, Decimal | None] = {**scores(*values), **extra} if values else dict(extra)
    return Candidate(cid, D(requested), sheet, eligible, T0 + timedelta(minutes=minutes))


def rules(budget: str = "500000", policy: str = "skip", **kwargs) -> RankingRules:
    return RankingRules(DEFAULT_CRITERIA, D("60"), D(budget), policy, **kwargs)


def summary(result) -> list[tuple[str, str, Decimal]]:
    return [(e.id, e.status, e.granted) for e in result.entries]


# Worked example: budget 500,000.00; the five applications in rank order (input order scrambled below).
#   A 250,000  9 9 8 8 8      -> (225 + 225 + 160 + 120 + 120) / 10 = 85.00
#   B 200,000  8 8 8 7 7      -> (200 + 200 + 160 + 105 + 105) / 10 = 77.00
#   C 150,000  8 7.5 7 7 6    -> (200 + 187.5 + 140 + 105 + 90) / 10 = 72.25
#   D 100,000  7 7 6.5 6 6    -> (175 + 175 + 130 + 90 + 90) / 10 = 66.00
#   E  50,000  6 6.5 6 6 6    -> (150 + 162.5 + 120 + 90 + 90) / 10 = 61.25
# A and B take 450,000; 50,000 remains when C (150,000) comes up.
WORKED = [
    app("E", "50000", "6", "6.5", "6", "6", "6"),
    app("C", "150000", "8", "7.5", "7", "7", "6"),
    app("A", "250000", "9", "9", "8", "8", "8"),
    app("D", "100000", "7", "7", "6.5", "6", "6"),
    app("B", "200000", "8", "8", "8", "7", "7"),
]


def test_worked_example_scores_and_rank_order():
    result = rank(WORKED, rules())
    assert [(e.id, e.rank, e.weighted_score) for e in result.entries] == [
        ("A", 1, D("85.00")),
        ("B", 2, D("77.00")),
        ("C", 3, D("72.25")),
        ("D", 4, D("66.00")),
        ("E", 5, D("61.25")),
    ]


def test_worked_example_skip():
    """A, B funded (50,000 left); C (150,000) and D (100,000) do not fit and go to the reserve list; E (50,000)
    fits exactly. Funding line at rank 5, budget spent."""
    result = rank(WORKED, rules(policy="skip"))
    assert summary(result) == [
        ("A", "funded", D("250000.00")),
        ("B", "funded", D("200000.00")),
        ("C", "reserve", D("0.00")),
        ("D", "reserve", D("0.00")),
        ("E", "funded", D("50000.00")),
    ]
    assert [(e.id, e.reserve_position, e.reasons) for e in result.with_status("reserve")] == [
        ("C", 1, ("does_not_fit_budget",)),
        ("D", 2, ("does_not_fit_budget",)),
    ]
    assert (result.allocated, result.remaining, result.funding_line) == (D("500000.00"), D("0.00"), 5)


def test_worked_example_stop():
    """A, B funded; C does not fit, so C, D and E go to the reserve list; 50,000 stays unspent."""
    result = rank(WORKED, rules(policy="stop"))
    assert summary(result) == [
        ("A", "funded", D("250000.00")),
        ("B", "funded", D("200000.00")),
        ("C", "reserve", D("0.00")),
        ("D", "reserve", D("0.00")),
        ("E", "reserve", D("0.00")),
    ]
    assert [(e.reserve_position, e.reasons) for e in result.with_status("reserve")] == [
        (1, ("does_not_fit_budget",)),
        (2, ("budget_stopped",)),
        (3, ("budget_stopped",)),
    ]
    assert (result.allocated, result.remaining, result.funding_line) == (D("450000.00"), D("50000.00"), 2)


def test_worked_example_reduce():
    """C is offered the remaining 50,000 instead of 150,000; D and E go to the reserve list."""
    result = rank(WORKED, rules(policy="reduce"))
    assert summary(result) == [
        ("A", "funded", D("250000.00")),
        ("B", "funded", D("200000.00")),
        ("C", "reduced", D("50000.00")),
        ("D", "reserve", D("0.00")),
        ("E", "reserve", D("0.00")),
    ]
    reduced = result.entry("C")
    assert (reduced.requested, reduced.reasons, reduced.reserve_position) == (
        D("150000.00"),
        ("reduced_to_remaining_budget",),
        None,
    )
    assert [e.reserve_position for e in result.with_status("reserve")] == [1, 2]
    assert (result.allocated, result.remaining, result.funding_line) == (D("500000.00"), D("0.00"), 3)


def test_reduce_refused_below_min_share_then_stops():
    """With a minimum share of 50 %, C would need 75,000: the 50,000 left is not offered, and nothing ranked
    below C is funded either (the policy never passes over a refused higher project)."""
    result = rank(WORKED, rules(policy="reduce", min_reduced_share=D("0.5")))
    assert [(e.id, e.status) for e in result.entries] == [
        ("A", "funded"),
        ("B", "funded"),
        ("C", "reserve"),
        ("D", "reserve"),
        ("E", "reserve"),
    ]
    assert result.entry("C").reasons == ("does_not_fit_budget", "remaining_below_min_reduced_share")
    assert result.entry("E").reasons == ("budget_stopped",)
    assert (result.allocated, result.remaining) == (D("450000.00"), D("50000.00"))


def test_reduce_at_exactly_the_min_share():
    """Budget 487,500: 37,500 is left for C, exactly 25 % of its 150,000. At the minimum share the reduced grant
    is offered; just above it, not."""
    exact = rank(WORKED, rules("487500", policy="reduce", min_reduced_share=D("0.25")))
    assert (exact.entry("C").status, exact.entry("C").granted, exact.remaining) == ("reduced", D("37500.00"), D("0"))
    just_above = rank(WORKED, rules("487500", policy="reduce", min_reduced_share=D("0.2501")))
    assert (just_above.entry("C").status, just_above.remaining) == ("reserve", D("37500.00"))


def test_reduce_with_nothing_left_is_not_a_reduction():
    """Budget 450,000: A and B use it all; a reduced grant of 0.00 is no grant, so C is simply reserve."""
    result = rank(WORKED, rules("450000", policy="reduce"))
    assert [(e.id, e.status, e.reasons) for e in result.entries[2:]] == [
        ("C", "reserve", ("does_not_fit_budget",)),
        ("D", "reserve", ("budget_stopped",)),
        ("E", "reserve", ("budget_stopped",)),
    ]
    assert result.remaining == D("0.00")


def test_whole_budget_fits_everyone():
    result = rank(WORKED, rules("750000", policy="stop"))
    assert {e.status for e in result.entries} == {"funded"}
    assert (result.allocated, result.remaining, result.funding_line) == (D("750000.00"), D("0.00"), 5)


def test_zero_budget_funds_nobody():
    result = rank(WORKED, rules("0", policy="skip"))
    assert [e.reserve_position for e in result.entries] == [1, 2, 3, 4, 5]
    assert (result.allocated, result.remaining, result.funding_line) == (D("0.00"), D("0.00"), None)


def test_money_has_two_decimals():
    result = rank([app("x", "1234.5", "7", "7", "7", "7", "7")], rules("99999.9"))
    entry = result.entry("x")
    assert (entry.requested, entry.granted, result.remaining) == (D("1234.50"), D("1234.50"), D("98765.40"))
    amounts = [entry.requested, entry.granted, result.budget, result.allocated, result.remaining]
    assert all(a.as_tuple().exponent == -2 for a in amounts)


# Thresholds.


def test_exactly_at_the_thresholds_passes():
    """Innovation exactly 5 (the criterion minimum); all 6 gives exactly 60.00 (the overall minimum)."""
    result = rank(
        [app("at_criterion", "1000", "5", "7", "7", "7", "7"), app("at_overall", "1000", "6", "6", "6", "6", "6")],
        rules(),
    )
    assert [(e.id, e.status, e.weighted_score) for e in result.entries] == [
        ("at_criterion", "funded", D("65.00")),  # (125 + 175 + 140 + 105 + 105) / 10
        ("at_overall", "funded", D("60.00")),
    ]


@pytest.mark.parametrize(
    ("values", "score", "reasons"),
    [
        # Strong overall (71.25) but innovation 4.5 < 5.
        (("4.5", "8", "8", "8", "8"), "71.25", ("criterion_below_threshold:innovation",)),
        # Every criterion passes, overall (5.5 everywhere) 55.00 < 60.
        (("5.5", "5.5", "5.5", "5.5", "5.5"), "55.00", ("overall_below_threshold",)),
        # Two criteria and the overall: (100 + 125 + 100 + 60 + 75) / 10 = 46.00; listed in grid order.
        (
            ("4", "5", "5", "4", "5"),
            "46.00",
            ("criterion_below_threshold:innovation", "criterion_below_threshold:economic", "overall_below_threshold"),
        ),
    ],
)
def test_below_threshold_is_never_funded(values, score, reasons):
    result = rank([app("x", "1000", *values)], rules())
    entry = result.entry("x")
    assert (entry.status, entry.weighted_score, entry.reasons) == ("below_threshold", D(score), reasons)
    assert (entry.rank, entry.granted, entry.reserve_position) == (None, D("0.00"), None)
    assert (result.allocated, result.funding_line) == (D("0.00"), None)


def test_threshold_compares_the_exact_score_not_the_display():
    """Weights 1/1/1: scores 6, 6, 5.5 give 175/3 = 58.333..., displayed 58.33. A threshold of 58.33 is passed;
    58.334 is not, although the display value is the same."""
    grid = (Criterion("a", D("1"), None), Criterion("b", D("1"), None), Criterion("c", D("1"), None))
    candidate = Candidate("x", D("1"), {"a": D("6"), "b": D("6"), "c": D("5.5")}, True, T0)
    passed = rank([candidate], RankingRules(grid, D("58.33"), D("10"), tie_breakers=()))
    failed = rank([candidate], RankingRules(grid, D("58.334"), D("10"), tie_breakers=()))
    assert (passed.entries[0].status, passed.entries[0].weighted_score) == ("funded", D("58.33"))
    assert (failed.entries[0].status, failed.entries[0].weighted_score) == ("below_threshold", D("58.33"))


def test_a_criterion_without_threshold_may_score_zero():
    grid = (Criterion("a", D("1"), None), Criterion("b", D("3"), D("5")))
    call = RankingRules(grid, D("0"), D("1"), tie_breakers=("b",))
    result = rank([Candidate("x", D("1"), {"a": D("0"), "b": D("10")}, True, T0)], call)
    assert (result.entries[0].status, result.entries[0].weighted_score) == ("funded", D("75.00"))


# Weighted score.


@pytest.mark.parametrize(
    ("weights", "values", "expected"),
    [
        (("25", "25", "20", "15", "15"), ("8", "7", "6", "7", "6"), "69.00"),  # (200+175+120+105+90)/10
        (("1", "1", "1"), ("7", "8", "9"), "80.00"),  # 24 x 10 / 3
        (("1", "1", "1"), ("6", "6", "6.5"), "61.67"),  # 185 / 3 = 61.666...
        (("2", "1"), ("10", "0"), "66.67"),  # 200 / 3 = 66.666...
        (("1",), ("7.0005",), "70.01"),  # exactly 70.005: half-up (banker's rounding would give 70.00)
        (("3", "1"), ("0", "0"), "0.00"),
    ],
)
def test_weighted_score(weights, values, expected):
    grid = [Criterion(f"c{i}", D(w), None) for i, w in enumerate(weights)]
    sheet = {f"c{i}": D(v) for i, v in enumerate(values)}
    assert weighted_score(sheet, grid) == D(expected)


def test_weighted_score_refuses_a_missing_score():
    with pytest.raises(RankingError) as info:
        weighted_score({"innovation": D("5")}, DEFAULT_CRITERIA)
    assert (info.value.code, info.value.params) == ("score_missing", {"criterion": "cross_border"})


def test_ranks_on_the_exact_score_not_the_display():
    """70.001 and 70.002 both display 70.00; the higher exact score ranks first although its id sorts later."""
    grid = (Criterion("a", D("1"), None),)
    candidates = [
        Candidate("first_by_id", D("1"), {"a": D("7.0001")}, True, T0),
        Candidate("second_by_id", D("1"), {"a": D("7.0002")}, True, T0),
    ]
    result = rank(candidates, RankingRules(grid, D("0"), D("0"), tie_breakers=()))
    assert [(e.id, e.weighted_score) for e in result.entries] == [
        ("second_by_id", D("70.00")),
        ("first_by_id", D("70.00")),
    ]


# Ties: all five below score exactly 70.00.
#   z: inn 6, cb 8, 7 7 7          -> (150 + 200 + 140 + 105 + 105) / 10 = 70
#   y: inn 8, cb 6, 7 7 7          -> (200 + 150 + 140 + 105 + 105) / 10 = 70
#   x, w, v: inn 7, cb 6, 7.5 8 7  -> (175 + 150 + 150 + 120 + 105) / 10 = 70; x submitted first, w and v together.
TIED = [
    app("v", "1000", "7", "6", "7.5", "8", "7", minutes=30),
    app("w", "1000", "7", "6", "7.5", "8", "7", minutes=30),
    app("x", "1000", "7", "6", "7.5", "8", "7", minutes=10),
    app("y", "1000", "8", "6", "7", "7", "7", minutes=50),
    app("z", "1000", "6", "8", "7", "7", "7", minutes=60),
]


def test_ties_cross_border_then_innovation_then_submission_then_id():
    result = rank(TIED, rules())
    assert {e.weighted_score for e in result.entries} == {D("70.00")}
    assert [e.id for e in result.entries] == ["z", "y", "x", "v", "w"]
    assert [e.rank for e in result.entries] == [1, 2, 3, 4, 5]


def test_ties_follow_the_calls_own_tie_breakers():
    assert [e.id for e in rank(TIED, rules(tie_breakers=("innovation", "cross_border"))).entries] == [
        "y",  # innovation 8
        "v",  # innovation 7, cross_border 6; then by id (no submission tie-breaker)
        "w",
        "x",
        "z",  # innovation 6
    ]
    assert [e.id for e in rank(TIED, rules(tie_breakers=("submitted_at",))).entries] == ["x", "v", "w", "y", "z"]
    assert [e.id for e in rank(TIED, rules(tie_breakers=())).entries] == ["v", "w", "x", "y", "z"]


def test_tie_breakers_only_apply_to_equal_scores():
    """A 70.25 with cross-border 5.5 ranks above a 70.00 with cross-border 8."""
    higher = app("higher", "1000", "8", "5.5", "8", "7.5", "7.5")  # (200 + 137.5 + 160 + 112.5 + 112.5) / 10
    result = rank([TIED[-1], higher], rules())
    assert [(e.id, e.weighted_score) for e in result.entries] == [("higher", D("72.25")), ("z", D("70.00"))]


def test_tie_on_submission_time_uses_aware_datetimes():
    late = Candidate("a", D("1"), scores("7", "7", "7", "7", "7"), True, datetime(2025, 3, 1, 12, tzinfo=UTC))
    cet = timezone(timedelta(hours=1))
    early_in_amsterdam = Candidate(  # 12:30 in UTC+1 is 11:30 UTC: earlier
        "b", D("1"), scores("7", "7", "7", "7", "7"), True, datetime(2025, 3, 1, 12, 30, tzinfo=cet)
    )
    assert [e.id for e in rank([late, early_in_amsterdam], rules()).entries] == ["b", "a"]


# Excluded candidates.


def test_not_scored_and_ineligible_are_listed_after_the_ranking():
    candidates = [
        app("ranked", "100", "7", "7", "7", "7", "7"),
        app("no_economic", "100", "7", "7", "7", "7", "7", economic=None),
        app("nothing", "100"),
        app("ineligible_top", "100", "10", "10", "10", "10", "10", eligible=False),
        app("ineligible_unscored", "100", eligible=False),
        app("weak_b", "100", "5", "5", "5", "5", "5"),
        app("weak_a", "100", "4", "9", "9", "9", "9"),
    ]
    result = rank(candidates, rules())
    assert [(e.id, e.status, e.rank, e.weighted_score) for e in result.entries] == [
        ("ranked", "funded", 1, D("70.00")),
        ("weak_a", "below_threshold", None, D("77.50")),  # (100 + 225 + 180 + 135 + 135) / 10
        ("weak_b", "below_threshold", None, D("50.00")),
        ("no_economic", "not_scored", None, None),
        ("nothing", "not_scored", None, None),
        ("ineligible_top", "ineligible", None, None),
        ("ineligible_unscored", "ineligible", None, None),
    ]
    assert result.entry("no_economic").reasons == ("score_missing:economic",)
    assert result.entry("nothing").reasons == tuple(f"score_missing:{c}" for c in CODES)
    assert result.entry("ineligible_top").reasons == ("not_eligible",)
    # Plenty of budget is left: exclusion is not a matter of money.
    assert (result.allocated, result.remaining, result.funding_line) == (D("100.00"), D("499900.00"), 1)


def test_scores_on_criteria_outside_the_grid_are_ignored():
    """A what-if that drops a criterion still ranks the applications scored on the full grid."""
    grid = tuple(c for c in DEFAULT_CRITERIA if c.code != "consortium")
    result = rank([app("x", "10", "8", "8", "8", "8", "0")], RankingRules(grid, D("60"), D("10")))
    assert (result.entries[0].status, result.entries[0].weighted_score) == ("funded", D("80.00"))


def test_result_does_not_depend_on_input_order():
    assert rank(WORKED, rules()) == rank(list(reversed(WORKED)), rules())
    assert rank(TIED, rules(policy="stop")) == rank(TIED[::2] + TIED[1::2], rules(policy="stop"))


def test_empty_call():
    result = rank([], rules())
    assert (result.entries, result.allocated, result.remaining, result.funding_line) == (
        (),
        D("0.00"),
        D("500000.00"),
        None,
    )


# What-if.


def test_funding_line_moves_between_policies():
    skip = rank(WORKED, rules(policy="skip"))
    assert funding_line_moves(skip, rank(WORKED, rules(policy="stop"))) == [("E", "funded", "reserve")]
    assert funding_line_moves(skip, rank(WORKED, rules(policy="reduce"))) == [
        ("C", "reserve", "reduced"),
        ("E", "funded", "reserve"),
    ]
    assert funding_line_moves(skip, skip) == []


def test_funding_line_moves_with_a_larger_budget_and_stricter_threshold():
    """Budget 600,000 under "stop": C fits (600,000 - 450,000 = 150,000), then D does not. A threshold of 70
    drops D and E below the line."""
    before = rank(WORKED, rules(policy="stop"))
    after = rank(WORKED, RankingRules(DEFAULT_CRITERIA, D("70"), D("600000"), "stop"))
    assert funding_line_moves(before, after) == [
        ("C", "reserve", "funded"),
        ("D", "reserve", "below_threshold"),
        ("E", "reserve", "below_threshold"),
    ]


def test_funding_line_moves_reports_candidates_on_one_side_only():
    before = rank(WORKED[:2], rules())
    after = rank(WORKED[1:3], rules())
    assert funding_line_moves(before, after) == [("A", None, "funded"), ("E", "funded", None)]


# Validation.


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"policy": "lottery"}, "unknown_policy"),
        ({"budget": D("-0.01")}, "budget_negative"),
        ({"budget": D("100.001")}, "budget_not_in_cents"),
        ({"budget": 100.0}, "budget_not_decimal"),
        ({"budget": D("NaN")}, "budget_not_finite"),
        ({"tie_breakers": ("cross_border", "impact")}, "unknown_tie_breaker"),
        ({"tie_breakers": ("innovation", "innovation")}, "duplicate_tie_breaker"),
        ({"min_reduced_share": D("1.01")}, "min_reduced_share_out_of_range"),
        ({"min_reduced_share": D("-0.1")}, "min_reduced_share_out_of_range"),
        ({"overall_threshold": D("100.5")}, "overall_threshold_out_of_range"),
        ({"overall_threshold": D("-1")}, "overall_threshold_out_of_range"),
        ({"criteria": ()}, "no_criteria"),
        ({"criteria": (*DEFAULT_CRITERIA, Criterion("innovation", D("5")))}, "duplicate_criterion"),
    ],
)
def test_rules_validation(kwargs, code):
    arguments = {"criteria": DEFAULT_CRITERIA, "overall_threshold": D("60"), "budget": D("500000"), **kwargs}
    with pytest.raises(RankingError) as info:
        RankingRules(**arguments)
    assert info.value.code == code


def test_rules_error_names_the_value():
    with pytest.raises(RankingError) as info:
        RankingRules(DEFAULT_CRITERIA, D("60"), D("500000"), tie_breakers=("impact",))
    assert info.value.params == {"tie_breaker": "impact"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("", D("10"), None), "criterion_code_invalid"),
        (("submitted_at", D("10"), None), "criterion_code_reserved"),
        (("a", D("0"), None), "weight_not_positive"),
        (("a", D("-5"), None), "weight_not_positive"),
        (("a", 2.5, None), "weight_not_decimal"),
        (("a", D("10"), D("10.5")), "threshold_out_of_range"),
        (("a", D("10"), D("-0.5")), "threshold_out_of_range"),
    ],
)
def test_criterion_validation(args, code):
    with pytest.raises(RankingError) as info:
        Criterion(*args)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("candidate", "code", "params"),
    [
        (app("x", "0", "7", "7", "7", "7", "7"), "invalid_request", {"id": "x", "value": D("0")}),
        (app("x", "-100", "7", "7", "7", "7", "7"), "invalid_request", {"id": "x", "value": D("-100")}),
        (app("x", "100.005", "7", "7", "7", "7", "7"), "invalid_request", {"id": "x", "value": D("100.005")}),
        (
            Candidate("x", 100.0, scores("7", "7", "7", "7", "7"), True, T0),
            "invalid_request",
            {"id": "x", "value": 100.0},
        ),
        (
            app("x", "100", "7", "11", "7", "7", "7"),
            "score_out_of_range",
            {"id": "x", "criterion": "cross_border", "value": D("11")},
        ),
        (
            app("x", "100", "7", "7", "7", "7", "-0.5"),
            "score_out_of_range",
            {"id": "x", "criterion": "consortium", "value": D("-0.5")},
        ),
        (
            app("x", "100", "7", "7", "7", "7", "7", innovation=7.0),
            "score_not_decimal",
            {"id": "x", "criterion": "innovation", "value": 7.0},
        ),
        # The request is checked even for an ineligible application: it is a data error either way.
        (app("x", "0", eligible=False), "invalid_request", {"id": "x", "value": D("0")}),
    ],
)
def test_candidate_validation(candidate, code, params):
    with pytest.raises(RankingError) as info:
        rank([candidate], rules())
    assert (info.value.code, info.value.params) == (code, params)


def test_duplicate_candidate_ids_are_refused():
    with pytest.raises(RankingError) as info:
        rank([WORKED[0], WORKED[0]], rules())
    assert (info.value.code, info.value.params) == ("duplicate_candidate", {"id": "E"})


def test_naive_and_aware_submission_times_are_refused():
    aware = Candidate("aware", D("1"), scores("7", "7", "7", "7", "7"), True, datetime(2025, 3, 1, tzinfo=UTC))
    with pytest.raises(RankingError) as info:
        rank([WORKED[0], aware], rules())
    assert info.value.code == "submitted_at_mixed_timezones"
