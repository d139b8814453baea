"""Invariants of the ranking and funding, checked with hypothesis over random calls: 0-10 applications, random
grids (or the default one), scores in halves crowded on a few values (so that ties are frequent), requests and
budgets in cents, each policy, random tie-breakers and minimum reduced shares.

The expected values are recomputed here from the rules' own definitions (exact fractions, remaining budget at
each turn), not read back from the implementation."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.assessment.rules.ranking import (
    DEFAULT_CRITERIA,
    POLICIES,
    SUBMITTED_AT,
    Candidate,
    Criterion,
    RankingResult,
    RankingRules,
    funding_line_moves,
    rank,
)

D = Decimal
SETTINGS = settings(max_examples=300, deadline=None, database=None)
T0 = datetime(2025, 3, 1, 9, 0)
CODES = ("innovation", "cross_border", "transition", "economic", "consortium")
RANKED = ("funded", "reduced", "reserve")

HALVES = [D(n) / 2 for n in range(21)]
# All halves from 0 to 10, passing scores (5 and up) more often so that most applications are ranked, a few
# values more often still so that equal scores and tied totals are frequent, and one None: now and then a
# criterion is not scored.
SCORE_POOL = [None, *HALVES, *HALVES[10:] * 4, *[D("6.5"), D("7"), D("8")] * 8]
# Requests: realistic amounts with cents, or round amounts that add up to the budget exactly.
request_cents = st.one_of(st.integers(1, 30_000_000), st.sampled_from([5_000_000, 10_000_000, 15_000_000]))
budget_cents = st.one_of(st.integers(0, 150_000_000), st.sampled_from([25_000_000, 50_000_000]))


def cents(n: int) -> Decimal:
    return D(n).scaleb(-2)


@st.composite
def grids(draw) -> tuple[Criterion, ...]:
    if draw(st.booleans()):
        return DEFAULT_CRITERIA
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    thresholds = st.sampled_from([None, *HALVES[:13]])
    return tuple(Criterion(code, D(draw(st.integers(1, 30))), draw(thresholds)) for code in codes)


@cache
def applications(codes: tuple[str, ...]) -> st.SearchStrategy[tuple]:
    """(requested, scores, eligible, submitted_at) of one application; built once per set of codes (speed)."""
    return st.tuples(
        request_cents.map(cents),
        st.fixed_dictionaries(dict.fromkeys(codes, st.sampled_from(SCORE_POOL))),
        st.integers(0, 14).map(bool),  # one in 15 ineligible
        st.integers(0, 3).map(lambda h: T0 + timedelta(hours=h)),  # few distinct times: ties
    )


@st.composite
def calls(draw) -> tuple[list[Candidate], RankingRules]:
    grid = draw(grids())
    codes = [c.code for c in grid]
    breakers = draw(st.permutations([*codes, SUBMITTED_AT]))
    rules = RankingRules(
        criteria=grid,
        overall_threshold=draw(st.sampled_from([D("0"), D("50"), D("60"), D("65.5"), D("70")])),
        budget=cents(draw(budget_cents)),
        policy=draw(st.sampled_from(POLICIES)),
        tie_breakers=tuple(breakers[: draw(st.integers(0, len(breakers)))]),
        min_reduced_share=draw(st.sampled_from([D("0"), D("0.25"), D("0.5"), D("1")])),
    )
    ids = draw(st.lists(st.integers(0, 999), min_size=1, max_size=10, unique=True))
    return [Candidate(f"app-{number:03d}", *draw(applications(tuple(codes)))) for number in ids], rules


def exact_score(candidate: Candidate, rules: RankingRules) -> Fraction:
    weights = sum(Fraction(c.weight) for c in rules.criteria)
    return sum(Fraction(c.weight) * Fraction(candidate.scores[c.code]) for c in rules.criteria) * 10 / weights


def expected_class(candidate: Candidate, rules: RankingRules) -> str:
    if not candidate.eligible:
        return "ineligible"
    if any(candidate.scores.get(c.code) is None for c in rules.criteria):
        return "not_scored"
    below = any(c.threshold is not None and candidate.scores[c.code] < c.threshold for c in rules.criteria)
    if below or exact_score(candidate, rules) < Fraction(rules.overall_threshold):
        return "below_threshold"
    return "ranked"


def ranked(result: RankingResult):
    return [e for e in result.entries if e.status in RANKED]


def remaining_at_each_turn(result: RankingResult) -> list[Decimal]:
    """The budget left when each ranked entry's turn came: budget minus what the entries above it received."""
    remaining, turns = result.budget, []
    for entry in ranked(result):
        turns.append(remaining)
        remaining -= entry.granted
    return turns


@SETTINGS
@given(calls())
def test_budget_is_never_exceeded_and_reconciles(call):
    candidates, rules = call
    result = rank(candidates, rules)
    assert result.budget == rules.budget
    assert result.allocated + result.remaining == result.budget
    assert result.allocated == sum((e.granted for e in result.entries), D("0.00"))
    assert result.allocated <= result.budget
    for entry in result.entries:
        assert D("0.00") <= entry.granted <= entry.requested
        assert (entry.granted > 0) == (entry.status in ("funded", "reduced"))
        if entry.status == "funded":
            assert entry.granted == entry.requested
    amounts = [result.budget, result.allocated, result.remaining]
    amounts += [a for e in result.entries for a in (e.requested, e.granted)]
    assert all(a.as_tuple().exponent == -2 for a in amounts)


@SETTINGS
@given(calls())
def test_every_candidate_once_in_the_right_class_and_order(call):
    candidates, rules = call
    result = rank(candidates, rules)
    assert sorted(e.id for e in result.entries) == sorted(c.id for c in candidates)
    by_id = {c.id: c for c in candidates}
    for entry in result.entries:
        expected = expected_class(by_id[entry.id], rules)
        # Below-threshold, unscored and ineligible applications are never ranked, let alone funded.
        assert (entry.status in RANKED) == (expected == "ranked")
        if expected != "ranked":
            assert entry.status == expected
            assert (entry.rank, entry.reserve_position, entry.granted) == (None, None, D("0.00"))

    statuses = [e.status for e in result.entries]
    layout = ["ranked", "below_threshold", "not_scored", "ineligible"]
    groups = ["ranked" if s in RANKED else s for s in statuses]
    assert groups == sorted(groups, key=layout.index)
    for status in ("below_threshold", "not_scored", "ineligible"):
        ids = [e.id for e in result.entries if e.status == status]
        assert ids == sorted(ids)
    assert [e.rank for e in ranked(result)] == list(range(1, len(ranked(result)) + 1))
    reserve = [e for e in ranked(result) if e.status == "reserve"]
    assert [e.reserve_position for e in reserve] == list(range(1, len(reserve) + 1))
    funded_ranks = [e.rank for e in ranked(result) if e.status != "reserve"]
    assert result.funding_line == (max(funded_ranks) if funded_ranks else None)


@SETTINGS
@given(calls())
def test_rank_order_follows_the_score_then_the_tie_breakers(call):
    candidates, rules = call
    result = rank(candidates, rules)
    by_id = {c.id: c for c in candidates}

    def breaker_values(candidate: Candidate) -> tuple:
        values = [
            candidate.submitted_at if b == SUBMITTED_AT else -Fraction(candidate.scores[b]) for b in rules.tie_breakers
        ]
        return (*values, candidate.id)

    order = [by_id[e.id] for e in ranked(result)]
    for higher, lower in pairwise(order):
        assert exact_score(higher, rules) >= exact_score(lower, rules)
        if exact_score(higher, rules) == exact_score(lower, rules):
            assert breaker_values(higher) < breaker_values(lower)


@SETTINGS
@given(calls(), st.randoms(use_true_random=False))
def test_result_is_independent_of_the_input_order(call, random):
    candidates, rules = call
    shuffled = list(candidates)
    random.shuffle(shuffled)
    assert rank(shuffled, rules) == rank(candidates, rules)


@SETTINGS
@given(calls())
def test_skip_funds_whatever_fits_at_its_turn(call):
    candidates, rules = call
    rules = RankingRules(rules.criteria, rules.overall_threshold, rules.budget, "skip", rules.tie_breakers)
    result = rank(candidates, rules)
    entries = ranked(result)
    turns = remaining_at_each_turn(result)
    assert "reduced" not in {e.status for e in entries}
    for i, entry in enumerate(entries):
        if entry.status == "funded":
            assert entry.requested <= turns[i]
        else:
            assert entry.reasons == ("does_not_fit_budget",)
            # A higher-ranked application is left unfunded while a lower one is funded only because its
            # request exceeded what was left at its turn.
            assert entry.requested > turns[i]


@SETTINGS
@given(calls())
def test_stop_funds_a_prefix_of_the_ranking(call):
    candidates, rules = call
    rules = RankingRules(rules.criteria, rules.overall_threshold, rules.budget, "stop", rules.tie_breakers)
    result = rank(candidates, rules)
    statuses = [e.status for e in ranked(result)]
    funded = statuses.count("funded")
    assert statuses == ["funded"] * funded + ["reserve"] * (len(statuses) - funded)
    if funded < len(statuses):
        first_out = ranked(result)[funded]
        assert first_out.requested > remaining_at_each_turn(result)[funded]
        assert first_out.reasons == ("does_not_fit_budget",)
        assert {e.reasons for e in ranked(result)[funded + 1 :]} <= {("budget_stopped",)}


@SETTINGS
@given(calls())
def test_reduce_reduces_at_most_the_first_that_does_not_fit(call):
    candidates, rules = call
    rules = RankingRules(
        rules.criteria, rules.overall_threshold, rules.budget, "reduce", rules.tie_breakers, rules.min_reduced_share
    )
    result = rank(candidates, rules)
    entries = ranked(result)
    statuses = [e.status for e in entries]
    assert statuses.count("reduced") <= 1
    funded = statuses.count("funded")
    assert statuses[:funded] == ["funded"] * funded  # funded ones are a prefix
    if funded == len(entries):
        return
    first_out, left = entries[funded], remaining_at_each_turn(result)[funded]
    assert first_out.requested > left
    offer_allowed = left > 0 and left >= rules.min_reduced_share * first_out.requested
    assert first_out.status == ("reduced" if offer_allowed else "reserve")
    if offer_allowed:
        assert first_out.granted == left
        assert result.remaining == D("0.00")
    assert all(e.status == "reserve" for e in entries[funded + 1 :])


@SETTINGS
@given(calls(), budget_cents)
def test_under_stop_a_larger_budget_never_defunds(call, extra):
    """What-if: raising the budget moves the funding line down only (funded stay funded under "stop")."""
    candidates, rules = call
    rules = RankingRules(rules.criteria, rules.overall_threshold, rules.budget, "stop", rules.tie_breakers)
    richer = RankingRules(
        rules.criteria, rules.overall_threshold, rules.budget + cents(extra), "stop", rules.tie_breakers
    )
    before, after = rank(candidates, rules), rank(candidates, richer)
    for candidate_id, old, new in funding_line_moves(before, after):
        assert (old, new) == ("reserve", "funded"), candidate_id
    assert (after.funding_line or 0) >= (before.funding_line or 0)
