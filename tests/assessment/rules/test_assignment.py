"""Assessor assignment (crossroads.assessment.rules.assignment): hard constraints, explained infeasibility, optimality
against brute force on small random instances, tie-breaking, and `check` on hand-adjusted assignments. No database."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.assessment.rules.assignment import (
    FIT_RESOLUTION,
    AssessorSlot,
    Assignment,
    AssignmentInfeasible,
    AssignmentProblem,
    Shortfall,
    check,
    precheck,
    propose,
)

PROPERTY = settings(max_examples=100, deadline=None, database=None)


def slot(assessor_id: str, max_load: int = 3, current_load: int = 0) -> AssessorSlot:
    """Assessor ids start with their country: "BE1", "NL2", "DE1"."""
    return AssessorSlot(assessor_id, assessor_id[:2], max_load, current_load)


def problem_of(apps: str, assessors: list[AssessorSlot], fit: dict | None = None, **kwargs) -> AssignmentProblem:
    kwargs.setdefault("conflicts", frozenset())
    return AssignmentProblem(tuple(apps.split()), tuple(assessors), fit or {}, **kwargs)


def codes(reasons: list[Shortfall]) -> list[str]:
    return [reason.code for reason in reasons]


def infeasible(problem: AssignmentProblem) -> list[Shortfall]:
    with pytest.raises(AssignmentInfeasible) as raised:
        propose(problem)
    return raised.value.reasons


def fit_units(problem: AssignmentProblem, pairs: dict[str, tuple[str, ...]]) -> int:
    return sum(round(problem.fit_of(a, app) / FIT_RESOLUTION) for app, assessors in pairs.items() for a in assessors)


def squared_loads(assignment: Assignment) -> int:
    return sum(load * load for load in assignment.loads.values())


# A call of six applications and eight assessors (4 BE, 4 NL, one German), fits drawn once with a fixed seed.
def example_problem(seed: int = 7) -> AssignmentProblem:
    rng = random.Random(seed)
    apps = tuple(f"P{i}" for i in range(1, 7))
    assessors = tuple([slot(f"BE{i}", 3) for i in range(1, 5)] + [slot(f"NL{i}", 3) for i in range(1, 5)])
    assessors += (slot("DE1", 2, current_load=1),)
    fit = {(a.id, app): round(rng.uniform(-0.2, 1.0), 4) for a in assessors for app in apps}
    conflicts = frozenset({("BE1", "P1"), ("NL2", "P1"), ("NL1", "P4")})
    return AssignmentProblem(apps, assessors, fit, conflicts)


# --- hard constraints ---------------------------------------------------------------------------------------------


def test_every_constraint_holds_on_an_example() -> None:
    problem = example_problem()
    result = propose(problem)
    assert result.solver_status == "optimal"
    assert check(problem, result.pairs) == []
    assert list(result.pairs) == list(problem.application_ids)
    country = {a.id: a.country for a in problem.assessors}
    for app, assessors in result.pairs.items():
        assert len(set(assessors)) == 3
        assert {"BE", "NL"} <= {country[a] for a in assessors}
        assert not any((a, app) in problem.conflicts for a in assessors)
        fits = [problem.fit_of(a, app) for a in assessors]
        assert fits == sorted(fits, reverse=True)  # best fit first
    for assessor in problem.assessors:
        assigned = sum(assessor.id in assessors for assessors in result.pairs.values())
        assert result.loads[assessor.id] == assessor.current_load + assigned <= assessor.max_load
    assert result.total_fit == pytest.approx(sum(problem.fit_of(a, p) for p, az in result.pairs.items() for a in az))


def test_a_conflict_is_never_assigned_even_with_the_highest_fit() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1"), slot("NL2")]
    fit = {("BE1", "P1"): 0.99, ("NL1", "P1"): 0.98, ("BE2", "P1"): 0.1, ("NL2", "P1"): 0.1}
    problem = problem_of("P1", assessors, fit, per_application=2, conflicts=frozenset({("BE1", "P1"), ("NL1", "P1")}))
    assert propose(problem).pairs == {"P1": ("BE2", "NL2")}


def test_locked_pairs_are_kept_even_with_a_poor_fit() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1"), slot("NL2")]
    fit = {("BE1", "P1"): 0.9, ("BE2", "P1"): -0.5, ("NL1", "P1"): 0.8, ("NL2", "P1"): 0.1}
    problem = problem_of("P1", assessors, fit, per_application=2, locked=frozenset({("BE2", "P1")}))
    result = propose(problem)
    assert result.pairs == {"P1": ("NL1", "BE2")}  # best fit first
    assert result.total_fit == pytest.approx(0.3)


def test_excluded_pairs_are_never_used() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1"), slot("NL2")]
    fit = {("BE1", "P1"): 0.9, ("BE2", "P1"): 0.2, ("NL1", "P1"): 0.8, ("NL2", "P1"): 0.1}
    problem = problem_of("P1", assessors, fit, per_application=2, excluded=frozenset({("BE1", "P1"), ("NL1", "P1")}))
    assert propose(problem).pairs == {"P1": ("BE2", "NL2")}


def test_the_load_limit_counts_what_the_assessor_already_carries() -> None:
    # BE1 fits everything best but already holds 2 of at most 3: it gets exactly one more application.
    assessors = [slot("BE1", 3, current_load=2), slot("BE2"), slot("NL1"), slot("NL2")]
    fit = {("BE1", app): 0.9 for app in ("P1", "P2")} | {("BE1", "P2"): 0.95}
    result = propose(problem_of("P1 P2", assessors, fit, per_application=2))
    assert result.loads["BE1"] == 3
    assert result.pairs["P2"][0] == "BE1"  # the better of its two options
    assert "BE1" not in result.pairs["P1"]


def test_a_third_country_counts_towards_the_number_but_not_as_belgian_or_dutch() -> None:
    assessors = [slot("DE1"), slot("DE2"), slot("BE1"), slot("NL1")]
    fit = {("DE1", "P1"): 0.9, ("DE2", "P1"): 0.9, ("BE1", "P1"): 0.1, ("NL1", "P1"): 0.1}
    result = propose(problem_of("P1", assessors, fit))
    assert result.pairs == {"P1": ("DE1", "BE1", "NL1")}


def test_negative_fits_are_used_when_needed_and_the_least_bad_is_chosen() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1")]
    fit = {("BE1", "P1"): -0.3, ("BE2", "P1"): -0.1, ("NL1", "P1"): -0.2}
    result = propose(problem_of("P1", assessors, fit, per_application=2))
    assert result.pairs == {"P1": ("BE2", "NL1")}
    assert result.total_fit == pytest.approx(-0.3)


def test_no_applications_give_an_empty_assignment() -> None:
    result = propose(problem_of("", [slot("BE1", 2, current_load=1)]))
    assert result == Assignment(pairs={}, total_fit=0.0, loads={"BE1": 1}, solver_status="optimal")


# --- objective: fit first, then even load --------------------------------------------------------------------------


def greedy(problem: AssignmentProblem) -> dict[str, list[str]] | None:
    """The loop the MILP replaces: best remaining pair first, skipping a pair that would leave no room for a
    required country or exceed a load. Returns None when it paints itself into a corner."""
    country = {a.id: a.country for a in problem.assessors}
    room = {a.id: a.remaining for a in problem.assessors}
    pairs: dict[str, list[str]] = {app: [] for app in problem.application_ids}
    candidates = sorted(
        ((problem.fit_of(a.id, app), a.id, app) for a in problem.assessors for app in problem.application_ids),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for _, assessor_id, app in candidates:
        chosen = pairs[app]
        missing = {c for c in problem.countries if c not in {country[a] for a in chosen}}
        slots_left = problem.per_application - len(chosen)
        fills_a_country = country[assessor_id] in missing
        if not problem.eligible(slot_of(problem, assessor_id), app) or room[assessor_id] == 0 or slots_left == 0:
            continue
        if len(missing) >= slots_left and not fills_a_country:
            continue
        chosen.append(assessor_id)
        room[assessor_id] -= 1
    complete = all(len(chosen) == problem.per_application for chosen in pairs.values())
    return pairs if complete else None


def slot_of(problem: AssignmentProblem, assessor_id: str) -> AssessorSlot:
    return next(a for a in problem.assessors if a.id == assessor_id)


def test_greedy_is_suboptimal_where_the_milp_is_optimal() -> None:
    # BE1 is the best Belgian for both; greedy gives it to P1 (0.9) and leaves P2 with BE2 (0.1).
    # The optimum gives BE1 to P2 (0.85) and BE2 to P1 (0.8): 1.65 instead of 1.0 on the Belgian side.
    assessors = [slot("BE1", 1), slot("BE2", 1), slot("NL1", 1), slot("NL2", 1)]
    fit = {("BE1", "P1"): 0.9, ("BE1", "P2"): 0.85, ("BE2", "P1"): 0.8, ("BE2", "P2"): 0.1}
    fit |= {("NL1", "P1"): 0.5, ("NL2", "P2"): 0.5}
    problem = problem_of("P1 P2", assessors, fit, per_application=2)
    greedy_pairs = greedy(problem)
    assert greedy_pairs is not None
    greedy_total = sum(problem.fit_of(a, app) for app, az in greedy_pairs.items() for a in az)
    assert greedy_total == pytest.approx(2.0)
    result = propose(problem)
    assert result.pairs == {"P1": ("BE2", "NL1"), "P2": ("BE1", "NL2")}
    assert result.total_fit == pytest.approx(2.65)


def test_greedy_gets_stuck_where_the_milp_finds_the_optimum() -> None:
    # BE2 is conflicted with P2, so BE1 must go to P2. Greedy hands BE1 to P1 (its best pair) and P2 has no Belgian.
    assessors = [slot("BE1", 1), slot("BE2", 1), slot("NL1", 1), slot("NL2", 1)]
    fit = {("BE1", "P1"): 0.9, ("BE1", "P2"): 0.3, ("BE2", "P1"): 0.2, ("NL1", "P1"): 0.5, ("NL2", "P2"): 0.5}
    problem = problem_of("P1 P2", assessors, fit, per_application=2, conflicts=frozenset({("BE2", "P2")}))
    assert greedy(problem) is None
    result = propose(problem)
    assert result.pairs == {"P1": ("NL1", "BE2"), "P2": ("NL2", "BE1")}
    assert result.total_fit == pytest.approx(1.5)


def test_equal_fits_spread_the_load_evenly() -> None:
    assessors = [slot(f"BE{i}", 4) for i in range(1, 4)] + [slot(f"NL{i}", 4) for i in range(1, 4)]
    result = propose(problem_of("P1 P2 P3 P4 P5 P6", assessors, per_application=2))
    assert sorted(result.loads.values()) == [2] * 6


def test_evenness_counts_the_load_already_carried() -> None:
    # Equal fits: BE1 already holds 2, so both new applications go to BE2 (loads 2 and 2, not 3 and 1).
    assessors = [slot("BE1", 5, current_load=2), slot("BE2", 5), slot("NL1", 5, current_load=2), slot("NL2", 5)]
    result = propose(problem_of("P1 P2", assessors, per_application=2))
    assert result.loads == {"BE1": 2, "BE2": 2, "NL1": 2, "NL2": 2}


def test_evenness_never_outweighs_a_real_fit_difference() -> None:
    # BE1 is better by one fit unit (FIT_RESOLUTION) on each application: it takes both, although that makes
    # the loads 5 and 0 where 3 and 2 were possible.
    better = 0.5 + FIT_RESOLUTION
    assessors = [slot("BE1", 5, current_load=3), slot("BE2", 5), slot("NL1", 5), slot("NL2", 5)]
    fit = {("BE1", "P1"): better, ("BE2", "P1"): 0.5, ("BE1", "P2"): better, ("BE2", "P2"): 0.5}
    result = propose(problem_of("P1 P2", assessors, fit, per_application=2))
    assert result.loads["BE1"] == 5
    assert result.loads["BE2"] == 0
    assert result.loads["NL1"] == result.loads["NL2"] == 1  # the Dutch side is tied on fit, hence spread


# --- determinism --------------------------------------------------------------------------------------------------


def test_same_input_same_output() -> None:
    problem = example_problem()
    assert propose(problem) == propose(problem)


def test_input_order_does_not_matter() -> None:
    problem = example_problem()
    rng = random.Random(3)
    apps, assessors, fit = list(problem.application_ids), list(problem.assessors), list(problem.fit.items())
    rng.shuffle(apps)
    rng.shuffle(assessors)
    rng.shuffle(fit)
    shuffled = replace(problem, application_ids=tuple(apps), assessors=tuple(assessors), fit=dict(fit))
    first, second = propose(problem), propose(shuffled)
    assert first.pairs == second.pairs  # dict equality: same assessors per application, same order within
    assert first.loads == second.loads
    assert first.total_fit == second.total_fit  # exactly: fsum does not depend on order
    assert list(second.pairs) == apps  # listed in the caller's order


def test_ties_are_broken_by_ids() -> None:
    # All fits equal, all loads equal: every permutation is optimal; the lowest ids go to the first applications.
    assessors = [slot(f"{country}{i}", 1) for i in (3, 1, 2) for country in ("NL", "BE")]
    result = propose(problem_of("P3 P1 P2", assessors, per_application=2))
    assert result.pairs == {"P1": ("BE1", "NL1"), "P2": ("BE2", "NL2"), "P3": ("BE3", "NL3")}


# --- infeasibility, explained -------------------------------------------------------------------------------------


def test_too_few_assessors() -> None:
    assessors = [slot("BE1"), slot("NL1"), slot("NL2"), slot("BE2", 0)]  # BE2 has no room, NL2 is conflicted
    problem = problem_of("P1 P2", assessors, conflicts=frozenset({("NL2", "P1")}))
    assert infeasible(problem) == [Shortfall("too_few_assessors", "P1", {"eligible": 2, "required": 3})]


def test_no_assessor_from_country() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1"), slot("DE1")]
    problem = problem_of("P1 P2", assessors, excluded=frozenset({("NL1", "P2")}))
    assert infeasible(problem) == [Shortfall("no_assessor_from_country", "P2", {"country": "NL"})]


def test_capacity() -> None:
    assessors = [slot("BE1", 1), slot("BE2", 2, current_load=1), slot("NL1", 1), slot("NL2", 1)]
    problem = problem_of("P1 P2 P3", assessors, per_application=2)
    assert infeasible(problem) == [Shortfall("capacity", None, {"available": 4, "required": 6})]


def test_locked_conflict() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1")]
    problem = problem_of("P1", assessors, conflicts=frozenset({("BE1", "P1")}), locked=frozenset({("BE1", "P1")}))
    assert codes(infeasible(problem))[0] == "locked_conflict"
    assert infeasible(problem)[0] == Shortfall("locked_conflict", "P1", {"assessor_id": "BE1"})


def test_locked_over_load() -> None:
    assessors = [slot("BE1", 2, current_load=1), slot("BE2"), slot("NL1"), slot("NL2")]
    locked = frozenset({("BE1", "P1"), ("BE1", "P2")})
    problem = problem_of("P1 P2", assessors, per_application=2, locked=locked)
    assert infeasible(problem) == [
        Shortfall("locked_over_load", None, {"assessor_id": "BE1", "locked": 2, "available": 1})
    ]


def test_locked_excluded_and_locked_too_many() -> None:
    assessors = [slot("BE1"), slot("BE2"), slot("NL1"), slot("NL2")]
    locked = frozenset({("BE1", "P1"), ("BE2", "P1"), ("NL1", "P1")})
    problem = problem_of("P1", assessors, per_application=2, locked=locked, excluded=frozenset({("BE2", "P1")}))
    reasons = infeasible(problem)
    assert Shortfall("locked_excluded", "P1", {"assessor_id": "BE2"}) in reasons
    assert Shortfall("locked_too_many", "P1", {"locked": 3, "required": 2}) in reasons


def test_solver_infeasible_when_the_country_rule_collides_with_loads() -> None:
    # Every pre-check passes (each application has BE1 and two Dutch, capacity 5 >= 4), but BE1 can take only one
    # of the two applications that both need a Belgian.
    assessors = [slot("BE1", 1), slot("NL1", 2), slot("NL2", 2)]
    problem = problem_of("P1 P2", assessors, per_application=2)
    assert precheck(problem) == []
    assert codes(infeasible(problem)) == ["solver_infeasible"]


def test_all_reasons_are_reported_together() -> None:
    assessors = [slot("BE1", 1), slot("NL1", 1)]
    problem = problem_of("P1 P2", assessors, per_application=2, conflicts=frozenset({("NL1", "P2")}))
    assert codes(infeasible(problem)) == ["too_few_assessors", "no_assessor_from_country", "capacity"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"application_ids": ("P1", "P1")}, "duplicate application"),
        ({"assessors": (slot("BE1"), slot("BE1"))}, "duplicate assessor"),
        ({"per_application": 1}, "smaller than the number of countries"),
        ({"locked": frozenset({("XX9", "P1")})}, "unknown id"),
        ({"assessors": (slot("BE1", -1),)}, "negative load"),
        ({"fit": {("BE1", "P1"): math.nan}}, "not finite"),
    ],
)
def test_malformed_input_is_refused(kwargs: dict, message: str) -> None:
    base = {"application_ids": ("P1",), "assessors": (slot("BE1"),), "fit": {}, "conflicts": frozenset()}
    with pytest.raises(ValueError, match=message):
        AssignmentProblem(**(base | kwargs))


# --- check: validating a hand-adjusted assignment ------------------------------------------------------------------


def test_check_accepts_the_proposal() -> None:
    problem = example_problem()
    assert check(problem, propose(problem).pairs) == []


def check_problem() -> AssignmentProblem:
    """Baseline valid assignment: P1 (BE1, NL1), P2 (BE2, NL2)."""
    assessors = [slot("BE1", 1), slot("BE2"), slot("NL1"), slot("NL2"), slot("NL3"), slot("DE1")]
    return problem_of(
        "P1 P2",
        assessors,
        per_application=2,
        conflicts=frozenset({("BE2", "P1")}),
        excluded=frozenset({("NL3", "P2")}),
        locked=frozenset({("NL1", "P1")}),
    )


def over_load(assessor_id: str, load: int, max_load: int) -> Shortfall:
    return Shortfall("over_load", None, {"assessor_id": assessor_id, "load": load, "max_load": max_load})


def missing(app: str, country: str) -> Shortfall:
    return Shortfall("missing_country", app, {"country": country})


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"P1": ("BE2", "NL1")}, [Shortfall("conflict", "P1", {"assessor_id": "BE2"})]),
        ({"P2": ("BE2", "NL3")}, [Shortfall("excluded_pair", "P2", {"assessor_id": "NL3"})]),
        ({"P2": ("BE1", "NL2")}, [over_load("BE1", 2, 1)]),
        ({"P1": ("BE1", "DE1", "NL1")}, [Shortfall("wrong_count", "P1", {"count": 3, "required": 2})]),
        ({"P2": ("BE2", "DE1")}, [missing("P2", "NL")]),
        ({"P1": ("BE1", "NL3")}, [Shortfall("locked_missing", "P1", {"assessor_id": "NL1"})]),
        (
            {"P1": ("BE1", "NL1", "NL1")},
            [
                Shortfall("duplicate", "P1", {"assessor_id": "NL1", "times": 2}),
                Shortfall("wrong_count", "P1", {"count": 3, "required": 2}),
            ],
        ),
        (
            {"P2": ()},
            [Shortfall("wrong_count", "P2", {"count": 0, "required": 2}), missing("P2", "BE"), missing("P2", "NL")],
        ),
        ({"P2": ("BE2", "NL9")}, [Shortfall("unknown_assessor", "P2", {"assessor_id": "NL9"}), missing("P2", "NL")]),
        ({"P9": ("BE1", "NL1")}, [Shortfall("unknown_application", "P9")]),  # P9 does not count towards loads
    ],
)
def test_check_finds_each_violation(edit: dict, expected: list[Shortfall]) -> None:
    problem = check_problem()
    baseline = {"P1": ("BE1", "NL1"), "P2": ("BE2", "NL2")}
    assert check(problem, baseline) == []
    assert check(problem, baseline | edit) == expected


def test_check_treats_a_missing_application_as_unassessed() -> None:
    reasons = check(check_problem(), {"P1": ("BE1", "NL1")})
    assert reasons[0] == Shortfall("wrong_count", "P2", {"count": 0, "required": 2})


# --- optimality against brute force -------------------------------------------------------------------------------


def brute_force(problem: AssignmentProblem) -> tuple[int, int] | None:  # noqa: C901 - an oracle, kept in one piece
    """Best (total fit units, -sum of squared loads) over every valid assignment, by exhaustive search with its own
    constraint logic (not `check`, not the module's eligibility). None if no assignment is valid."""
    country = {a.id: a.country for a in problem.assessors}
    ids = sorted(country)
    options = []
    for app in problem.application_ids:
        locked_here = {a for a, locked_app in problem.locked if locked_app == app}
        combos = []
        for combo in itertools.combinations(ids, problem.per_application):
            if any((a, app) in problem.conflicts or (a, app) in problem.excluded for a in combo):
                continue
            if not locked_here <= set(combo) or not set(problem.countries) <= {country[a] for a in combo}:
                continue
            units = sum(round(problem.fit_of(a, app) / FIT_RESOLUTION) for a in combo)
            combos.append((units, combo))
        options.append(sorted(combos, reverse=True))
    # Upper bound of the fit still reachable from each application on, to prune hopeless branches.
    reachable = [0] * (len(options) + 1)
    for index in range(len(options) - 1, -1, -1):
        reachable[index] = reachable[index + 1] + (options[index][0][0] if options[index] else -(10**12))
    room = {a.id: a.max_load - a.current_load for a in problem.assessors}
    best: list[tuple[int, int] | None] = [None]

    def search(index: int, units: int) -> None:
        if best[0] is not None and units + reachable[index] < best[0][0]:
            return
        if index == len(options):
            loads = [a.max_load - room[a.id] for a in problem.assessors]
            key = (units, -sum(load * load for load in loads))
            best[0] = key if best[0] is None else max(best[0], key)
            return
        for combo_units, combo in options[index]:
            if all(room[a] > 0 for a in combo):
                for a in combo:
                    room[a] -= 1
                search(index + 1, units + combo_units)
                for a in combo:
                    room[a] += 1

    search(0, 0)
    return best[0]


fits = st.one_of(
    st.integers(-4, 10).map(lambda k: k / 10),  # coarse: many exact ties, where evenness and ids decide
    st.floats(-1, 1, allow_nan=False, allow_infinity=False),
)


@st.composite
def small_problems(draw: st.DrawFn, roomy: bool = False) -> AssignmentProblem:
    """2-4 applications, 3-6 assessors, N = 2 or 3, a few conflicts, exclusions and locks. `roomy` instances have
    two Belgians, two Dutch and loads of 2-4, so that most are feasible and optimality is tested often; the others
    are often infeasible, which tests the pre-checks and the solver's verdict."""
    apps = tuple(f"P{i}" for i in range(draw(st.integers(2, 4))))
    others = st.sampled_from(["BE", "NL", "BE", "NL", "DE"])
    if roomy:
        countries = ["BE", "NL", "BE", "NL", *draw(st.lists(others, max_size=2))]
        max_loads, current_loads = st.integers(2, 4), st.just(0)
    else:
        countries = draw(st.lists(others, min_size=3, max_size=6))
        max_loads, current_loads = st.sampled_from([3, 2, 4, 1, 0]), st.sampled_from([0, 0, 1])
    assessors = tuple(
        AssessorSlot(f"{country}{i}", country, draw(max_loads), draw(current_loads))
        for i, country in enumerate(countries)
    )
    every_pair = [(a.id, app) for a in assessors for app in apps]
    fit = {pair: draw(fits) for pair in every_pair if draw(st.booleans()) or draw(st.booleans())}
    conflicts = draw(st.lists(st.sampled_from(every_pair), max_size=3).map(frozenset))
    excluded = draw(st.lists(st.sampled_from(every_pair), max_size=2).map(frozenset))
    locked = draw(st.lists(st.sampled_from(every_pair), max_size=2).map(frozenset))
    if roomy:  # a secretariat does not usually lock a pair it also ruled out
        locked -= conflicts | excluded
    return AssignmentProblem(
        application_ids=apps,
        assessors=assessors,
        fit=fit,
        conflicts=conflicts,
        per_application=draw(st.sampled_from([2, 3])),
        locked=locked,
        excluded=excluded,
    )


@PROPERTY
@given(small_problems(roomy=True))
def test_propose_matches_brute_force(problem: AssignmentProblem) -> None:
    best = brute_force(problem)
    if best is None:
        with pytest.raises(AssignmentInfeasible):
            propose(problem)
        return
    result = propose(problem)
    assert result.solver_status == "optimal"
    assert check(problem, result.pairs) == []
    # Optimal fit (exactly, in fit units), then optimal evenness among the best fits.
    assert (fit_units(problem, result.pairs), -squared_loads(result)) == best
    tolerance = problem.per_application * len(problem.application_ids) * FIT_RESOLUTION  # rounding to fit units
    assert math.isclose(result.total_fit, best[0] * FIT_RESOLUTION, abs_tol=tolerance)


@PROPERTY
@given(small_problems())
def test_propose_refuses_exactly_when_brute_force_finds_nothing(problem: AssignmentProblem) -> None:
    best = brute_force(problem)
    reasons = precheck(problem)
    if reasons:  # a pre-check reason is a promise that no valid assignment exists
        assert best is None
    if best is None:
        with pytest.raises(AssignmentInfeasible) as raised:
            propose(problem)
        # Explained by the pre-checks when they can tell, otherwise by the solver.
        assert codes(raised.value.reasons) == (codes(reasons) or ["solver_infeasible"])
    else:
        result = propose(problem)
        assert check(problem, result.pairs) == []
        assert fit_units(problem, result.pairs) == best[0]


def test_brute_force_agrees_on_the_hand_made_cases() -> None:
    # Guards the oracle itself: it must see the greedy trap and the country/load collision.
    assessors = [slot("BE1", 1), slot("BE2", 1), slot("NL1", 1), slot("NL2", 1)]
    fit = {("BE1", "P1"): 0.9, ("BE1", "P2"): 0.85, ("BE2", "P1"): 0.8, ("BE2", "P2"): 0.1}
    fit |= {("NL1", "P1"): 0.5, ("NL2", "P2"): 0.5}
    best = brute_force(problem_of("P1 P2", assessors, fit, per_application=2))
    assert best is not None
    assert best[0] == round(2.65 / FIT_RESOLUTION)
    assert brute_force(problem_of("P1 P2", [slot("BE1", 1), slot("NL1", 2), slot("NL2", 2)], per_application=2)) is None


def test_completed_check_counts_the_completed_assessments_and_the_countries():
    from crossroads.assessment.rules.assignment import completed_check

    assert completed_check("7", {"1": "BE", "2": "NL", "3": "NL"}, 3, ("BE", "NL")) == []
    two_dutch = completed_check("7", {"2": "NL", "3": "NL"}, 3, ("BE", "NL"))
    assert [(s.code, s.params) for s in two_dutch] == [
        ("too_few_completed", {"count": 2, "required": 3}),
        ("no_completed_from_country", {"country": "BE"}),
    ]
