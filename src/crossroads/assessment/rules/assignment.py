"""Proposal of external assessors for the submitted applications of a call. Pure Python + scipy, no Django.

Every application gets exactly `per_application` assessors (default 3), at least one from each country in
`countries` (Belgium and the Netherlands). Hard constraints: no conflicted pair, no excluded pair, every locked pair
kept, no assessor above `max_load` counting what the assessor already carries (`current_load`).

The proposal is one mixed-integer programme (`scipy.optimize.milp`, HiGHS), not a greedy loop: a greedy "best pair
first" loop can spend a scarce Belgian or Dutch assessor on an application that did not need them and then fail,
or settle for a worse total. Objective, in strict priority order (see `_primary_objective`, `_break_ties`):

1. maximise the total fit (a float per pair, e.g. a cosine similarity; may be negative; missing pair = 0.0);
2. among equally fitting proposals, spread the load as evenly as possible (smallest sum of squared loads);
3. among proposals equal on both, prefer low ids for the first applications (a second, small solver run).

Why a proposal cannot be made is explained by `AssignmentInfeasible.reasons`: `Shortfall`s with stable codes found
by cheap pre-checks before the solver runs, or "solver_infeasible" when only the solver can tell. `check` validates
a hand-adjusted assignment against the same rules, so the secretariat's edits are judged exactly like the proposal.

Determinism: applications, assessors and pairs are put in id order before the model is built, remaining ties are
broken by ids (3.) and HiGHS is deterministic, so the same input (in any order) gives the same output; the pairs of
an application are listed by fit descending, ties by assessor id.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_array, csr_array, vstack

# Fits are compared in whole units of FIT_RESOLUTION: a difference below a millionth of a cosine similarity is
# noise, and whole units make the objective integral, so the evenness term below can be weighted to be *provably*
# smaller than any real fit difference (and HiGHS can prove optimality exactly, without a relative gap).
FIT_RESOLUTION = 1e-6
DEFAULT_TIME_LIMIT = 60.0  # seconds; 60 applications x 40 assessors solve in well under a second


@dataclass(frozen=True)
class AssessorSlot:
    """An assessor available to the call: `max_load` applications at most, `current_load` of them already held."""

    id: str
    country: str
    max_load: int
    current_load: int = 0

    @property
    def remaining(self) -> int:
        """Applications the assessor can still take (never negative, even if already over the maximum)."""
        return max(0, self.max_load - self.current_load)


@dataclass(frozen=True)
class AssignmentProblem:
    """Everything `propose` and `check` need. Pairs are always (assessor_id, application_id)."""

    application_ids: tuple[str, ...]
    assessors: tuple[AssessorSlot, ...]
    fit: Mapping[tuple[str, str], float]  # (assessor_id, application_id) -> fit; a missing pair counts as 0.0
    conflicts: frozenset[tuple[str, str]]
    per_application: int = 3
    countries: tuple[str, ...] = ("BE", "NL")  # each must be represented among an application's assessors
    locked: frozenset[tuple[str, str]] = frozenset()  # the secretariat fixed these pairs: always kept
    excluded: frozenset[tuple[str, str]] = frozenset()  # the secretariat ruled these pairs out: never used

    def __post_init__(self) -> None:
        _validate(self)

    def fit_of(self, assessor_id: str, application_id: str) -> float:
        return float(self.fit.get((assessor_id, application_id), 0.0))

    def eligible(self, assessor: AssessorSlot, application_id: str) -> bool:
        """The pair may be used at all: not conflicted, not excluded, and the assessor has room left."""
        pair = (assessor.id, application_id)
        return assessor.remaining > 0 and pair not in self.conflicts and pair not in self.excluded


@dataclass(frozen=True)
class Shortfall:
    """One reason an assignment is impossible or invalid. `code` is stable (messages, tests); `params` name the
    figures involved. `application_id` is None when the reason concerns the call as a whole or one assessor."""

    code: str
    application_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)


class AssignmentInfeasible(Exception):
    """No assignment satisfies the hard constraints; `reasons` says why."""

    def __init__(self, reasons: list[Shortfall]) -> None:
        super().__init__(", ".join(reason.code for reason in reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Assignment:
    """A proposal. `pairs`: application id -> assessor ids, best fit first (ties by id), in the problem's
    application order. `loads`: assessor id -> total load after the proposal (current_load included), every
    assessor listed. `total_fit`: sum of the raw fits of the assigned pairs."""

    pairs: dict[str, tuple[str, ...]]
    total_fit: float
    loads: dict[str, int]
    solver_status: str


# --- input validation -------------------------------------------------------------------------------------------


def _validate(problem: AssignmentProblem) -> None:
    """Malformed input is a programming error (ValueError), not an infeasibility the secretariat can fix."""
    _require_unique(problem.application_ids, "application")
    _require_unique([a.id for a in problem.assessors], "assessor")
    if problem.per_application < 1:
        raise ValueError(f"per_application must be at least 1, got {problem.per_application}")
    if problem.per_application < len(set(problem.countries)):
        raise ValueError("per_application is smaller than the number of countries that must be represented")
    for assessor in problem.assessors:
        if assessor.max_load < 0 or assessor.current_load < 0:
            raise ValueError(f"negative load for assessor {assessor.id}")
    for pair, value in problem.fit.items():
        if not math.isfinite(value):
            raise ValueError(f"fit of {pair} is not finite")
    # A lock on an unknown id would silently be a no-op; everything else may mention ids outside this call.
    known_assessors = {a.id for a in problem.assessors}
    known_applications = set(problem.application_ids)
    for assessor_id, application_id in sorted(problem.locked):
        if assessor_id not in known_assessors or application_id not in known_applications:
            raise ValueError(f"locked pair ({assessor_id}, {application_id}) names an unknown id")


def _require_unique(ids: Iterable[str], kind: str) -> None:
    duplicates = sorted(item for item, count in Counter(ids).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate {kind} ids: {duplicates}")


# --- cheap pre-checks ---------------------------------------------------------------------------------------------


def precheck(problem: AssignmentProblem) -> list[Shortfall]:
    """Necessary conditions, each explained on its own. Empty does not guarantee feasibility (the solver decides
    then); non-empty guarantees infeasibility. Reasons come in a stable order: locks, applications, capacity."""
    return [*_locked_shortfalls(problem), *_application_shortfalls(problem), *_capacity_shortfalls(problem)]


def _locked_shortfalls(problem: AssignmentProblem) -> list[Shortfall]:
    reasons = []
    for assessor_id, application_id in sorted(problem.locked, key=lambda pair: (pair[1], pair[0])):
        pair = (assessor_id, application_id)
        if pair in problem.conflicts:
            reasons.append(Shortfall("locked_conflict", application_id, {"assessor_id": assessor_id}))
        if pair in problem.excluded:
            reasons.append(Shortfall("locked_excluded", application_id, {"assessor_id": assessor_id}))
    per_application = Counter(application_id for _, application_id in problem.locked)
    for application_id in problem.application_ids:
        if per_application[application_id] > problem.per_application:
            params = {"locked": per_application[application_id], "required": problem.per_application}
            reasons.append(Shortfall("locked_too_many", application_id, params))
    per_assessor = Counter(assessor_id for assessor_id, _ in problem.locked)
    for assessor in _sorted_assessors(problem):
        if per_assessor[assessor.id] > assessor.remaining:
            params = {"assessor_id": assessor.id, "locked": per_assessor[assessor.id], "available": assessor.remaining}
            reasons.append(Shortfall("locked_over_load", None, params))
    return reasons


def _application_shortfalls(problem: AssignmentProblem) -> list[Shortfall]:
    reasons = []
    for application_id in problem.application_ids:
        eligible = [a for a in problem.assessors if problem.eligible(a, application_id)]
        if len(eligible) < problem.per_application:
            params = {"eligible": len(eligible), "required": problem.per_application}
            reasons.append(Shortfall("too_few_assessors", application_id, params))
        present = {a.country for a in eligible}
        for country in problem.countries:
            if country not in present:
                reasons.append(Shortfall("no_assessor_from_country", application_id, {"country": country}))
    return reasons


def _capacity_shortfalls(problem: AssignmentProblem) -> list[Shortfall]:
    available = sum(a.remaining for a in problem.assessors)
    required = problem.per_application * len(problem.application_ids)
    if available < required:
        return [Shortfall("capacity", None, {"available": available, "required": required})]
    return []


# --- the model ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Model:
    """The MILP in scipy form. Columns: one binary x per eligible (assessor, application) pair, then one binary y
    per (assessor, k-th extra application) load step; see `_primary_objective` for what the steps are for."""

    pairs: tuple[tuple[str, str], ...]  # (assessor_id, application_id) of each x column, in id order
    fit_units: tuple[int, ...]  # fit of each x column in whole FIT_RESOLUTION units
    step_costs: tuple[int, ...]  # evenness cost of each y column
    tie_ranks: tuple[int, ...]  # tie-break weight of each x column, from ids
    matrix: csr_array
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    bounds: Bounds

    def split(self, x: np.ndarray) -> tuple[list[int], list[int]]:
        """The 0/1 values of the x and y columns of a solver answer."""
        chosen = [1 if value > 0.5 else 0 for value in x]
        return chosen[: len(self.pairs)], chosen[len(self.pairs) :]


def _sorted_assessors(problem: AssignmentProblem) -> list[AssessorSlot]:
    return sorted(problem.assessors, key=lambda a: a.id)


def _eligible_pairs(problem: AssignmentProblem) -> list[tuple[str, str]]:
    """Id order (application, then assessor), whatever the input order: the model, hence the answer, is canonical."""
    return [
        (assessor.id, application_id)
        for application_id in sorted(problem.application_ids)
        for assessor in _sorted_assessors(problem)
        if problem.eligible(assessor, application_id)
    ]


def _load_steps(problem: AssignmentProblem, pairs: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """(assessor id, resulting total load) for each extra application an assessor could take. At most `remaining`
    steps, which is how the load limit enters the model; never more than the assessor's eligible applications."""
    candidates = Counter(assessor_id for assessor_id, _ in pairs)
    steps = []
    for assessor in _sorted_assessors(problem):
        extra = min(assessor.remaining, candidates[assessor.id])
        steps.extend((assessor.id, assessor.current_load + k) for k in range(1, extra + 1))
    return steps


def _build_model(problem: AssignmentProblem) -> _Model:
    pairs = _eligible_pairs(problem)
    steps = _load_steps(problem, pairs)
    n_x = len(pairs)
    rows: list[dict[int, float]] = []  # column -> coefficient, one dict per constraint row
    lower: list[float] = []
    upper: list[float] = []

    def add(row: dict[int, float], low: float, high: float) -> None:
        rows.append(row)
        lower.append(low)
        upper.append(high)

    country_of = {a.id: a.country for a in problem.assessors}
    for application_id in sorted(problem.application_ids):
        columns = [i for i, (_, app) in enumerate(pairs) if app == application_id]
        add(dict.fromkeys(columns, 1.0), problem.per_application, problem.per_application)
        for country in problem.countries:
            add({i: 1.0 for i in columns if country_of[pairs[i][0]] == country}, 1, np.inf)
    # Load of each assessor = number of load steps taken; there are only `remaining` steps, hence the load limit.
    for assessor in _sorted_assessors(problem):
        row = {i: 1.0 for i, (assessor_id, _) in enumerate(pairs) if assessor_id == assessor.id}
        row.update({n_x + j: -1.0 for j, (assessor_id, _) in enumerate(steps) if assessor_id == assessor.id})
        add(row, 0, 0)

    # Tie-break weight of a pair: its assessor's id rank, counted more heavily the earlier its application is in
    # id order, so the lowest ids go to the first applications (rearrangement inequality) rather than to any of
    # the equally good permutations. Small integers: exact in the solver.
    assessor_rank = {a.id: position for position, a in enumerate(_sorted_assessors(problem), start=1)}
    application_rank = {app: len(problem.application_ids) - i for i, app in enumerate(sorted(problem.application_ids))}
    n_columns = n_x + len(steps)
    lower_bounds = [1.0 if pair in problem.locked else 0.0 for pair in pairs] + [0.0] * len(steps)
    return _Model(
        pairs=tuple(pairs),
        fit_units=tuple(round(problem.fit_of(*pair) / FIT_RESOLUTION) for pair in pairs),
        step_costs=tuple(2 * load - 1 for _, load in steps),
        tie_ranks=tuple(assessor_rank[a] * application_rank[app] for a, app in pairs),
        matrix=_sparse(rows, n_columns),
        lower=tuple(lower),
        upper=tuple(upper),
        bounds=Bounds(lower_bounds, np.ones(n_columns)),
    )


def _sparse(rows: list[dict[int, float]], n_columns: int) -> csr_array:
    row_index = [r for r, row in enumerate(rows) for _ in row]
    column_index = [c for row in rows for c in row]
    data = [v for row in rows for v in row.values()]
    return coo_array((data, (row_index, column_index)), shape=(len(rows), n_columns)).tocsr()


def _primary_objective(model: _Model) -> list[int]:
    """Minimised: -(total fit in whole FIT_RESOLUTION units) * weight + (sum over assessors of total load squared).

    Evenness: for a fixed number of assignments, the sum of squared loads is the variance of the loads up to
    constants, so minimising it spreads the work over everyone, not only the busiest assessor (minimising the
    maximum load would leave the others as uneven as they like). It is convex, so it is linear through load steps:
    the k-th extra application of an assessor already carrying c costs (c+k)^2 - (c+k-1)^2 = 2(c+k) - 1, steps get
    dearer, and the solver takes them in order. It is also integral, unlike "load above the average", which is
    what allows the exact weighting below.

    Priority: every term is an integer and the weight is one more than the largest possible evenness term, so one
    unit of fit (1e-6) always outweighs any change in evenness: evenness only ever decides between equal fits. An
    all-integer objective also lets HiGHS prove optimality exactly (it rounds its bound to the integer grid).
    """
    weight = sum(model.step_costs) + 1
    return [-units * weight for units in model.fit_units] + list(model.step_costs)


def _solve(
    model: _Model, objective: list[int], time_limit: float, extra: list[tuple[list[int], float, float]]
) -> OptimizeResult:
    """One HiGHS run. `extra`: additional rows (one coefficient per column, lower, upper)."""
    matrix, lower, upper = model.matrix, list(model.lower), list(model.upper)
    if extra:
        matrix = vstack([matrix, csr_array(np.array([row for row, _, _ in extra], dtype=float))]).tocsr()
        lower += [low for _, low, _ in extra]
        upper += [high for _, _, high in extra]
    return milp(
        np.array(objective, dtype=float),
        integrality=np.ones(len(objective)),
        bounds=model.bounds,
        constraints=LinearConstraint(matrix, lower, upper),
        # No relative gap: the default (1e-4 of a large integer objective) could hide real fit differences.
        options={"mip_rel_gap": 0.0, "time_limit": time_limit},
    )


def _break_ties(model: _Model, x: list[int], y: list[int], time_limit: float) -> tuple[list[int], list[int]]:
    """Among the assignments exactly as good as (x, y) (same fit units, same evenness), the one with the smallest
    id-based tie-break weight (see `_build_model`), so that equal candidates are chosen by id rather than by the
    solver's search path (stable across solver versions, explainable: "equal fit, so the first by id"). A second,
    small run; its answer is re-checked in exact integers and dropped if the solver's tolerances let it slip."""
    fit_total = _dot(model.fit_units, x)
    evenness = _dot(model.step_costs, y)
    zeros_x, zeros_y = [0] * len(x), [0] * len(y)
    extra = [
        (list(model.fit_units) + zeros_y, fit_total - 0.5, np.inf),
        (zeros_x + list(model.step_costs), -np.inf, evenness + 0.5),
    ]
    result = _solve(model, list(model.tie_ranks) + zeros_y, time_limit, extra)
    if result.x is None:
        return x, y
    tied_x, tied_y = model.split(result.x)
    if _dot(model.fit_units, tied_x) != fit_total or _dot(model.step_costs, tied_y) != evenness:
        return x, y
    return tied_x, tied_y


def _dot(weights: Iterable[int], chosen: Iterable[int]) -> int:
    return sum(w * c for w, c in zip(weights, chosen, strict=True))


# --- solving ------------------------------------------------------------------------------------------------------


def propose(problem: AssignmentProblem, *, time_limit: float = DEFAULT_TIME_LIMIT) -> Assignment:
    """The best assignment: highest total fit, then the most even load, then ids. Raises AssignmentInfeasible."""
    reasons = precheck(problem)
    if reasons:
        raise AssignmentInfeasible(reasons)
    if not problem.application_ids:
        return _assignment(problem, [], "optimal")
    model = _build_model(problem)
    result = _solve(model, _primary_objective(model), time_limit, [])
    if result.status == 2:
        raise AssignmentInfeasible([Shortfall("solver_infeasible", None, {"message": result.message})])
    if result.x is None:
        # Time or node limit without any feasible point found: not proven infeasible, but nothing to propose.
        raise AssignmentInfeasible([Shortfall("solver_limit", None, {"message": result.message})])
    x, y = model.split(result.x)
    status = "optimal"
    if result.status == 0:
        x, y = _break_ties(model, x, y, time_limit)
    else:
        status = "time_limit"  # the best found, not proven optimal: the secretariat should know
    chosen = [pair for pair, taken in zip(model.pairs, x, strict=True) if taken]
    assignment = _assignment(problem, chosen, status)
    _assert_valid(problem, assignment)
    return assignment


def _assignment(problem: AssignmentProblem, chosen: list[tuple[str, str]], status: str) -> Assignment:
    by_application: dict[str, list[str]] = {application_id: [] for application_id in problem.application_ids}
    for assessor_id, application_id in chosen:
        by_application[application_id].append(assessor_id)
    pairs = {
        application_id: tuple(sorted(assessors, key=lambda a, app=application_id: (-problem.fit_of(a, app), a)))
        for application_id, assessors in by_application.items()
    }
    return Assignment(
        pairs=pairs,
        total_fit=_total_fit(problem, pairs),
        loads=_loads(problem, pairs),
        solver_status=status,
    )


def _total_fit(problem: AssignmentProblem, pairs: Mapping[str, Iterable[str]]) -> float:
    # fsum is correctly rounded, hence independent of summation order.
    return math.fsum(problem.fit_of(a, app) for app, assessors in pairs.items() for a in assessors)


def _loads(problem: AssignmentProblem, pairs: Mapping[str, Iterable[str]]) -> dict[str, int]:
    counts = Counter(a for assessors in pairs.values() for a in assessors)
    return {a.id: a.current_load + counts[a.id] for a in problem.assessors}


def _assert_valid(problem: AssignmentProblem, assignment: Assignment) -> None:
    """Safety net: the solver works in floating point; its answer must pass the same rules as a hand edit."""
    problems = check(problem, assignment.pairs)
    if problems:
        raise RuntimeError(f"solver returned an invalid assignment: {problems}")


# --- validating an (adjusted) assignment --------------------------------------------------------------------------


def check(problem: AssignmentProblem, pairs: Mapping[str, Iterable[str]]) -> list[Shortfall]:
    """Every rule the assignment `pairs` (application id -> assessor ids) breaks; empty means valid.
    Codes: unknown_application, unknown_assessor, duplicate, wrong_count, missing_country, conflict,
    excluded_pair, locked_missing (per application); over_load (per assessor, application_id None)."""
    assigned = {application_id: list(assessors) for application_id, assessors in pairs.items()}
    known = set(problem.application_ids)
    reasons = [Shortfall("unknown_application", app) for app in sorted(assigned) if app not in known]
    for application_id in problem.application_ids:
        reasons.extend(_check_application(problem, application_id, assigned.get(application_id, [])))
    reasons.extend(_check_loads(problem, assigned))
    return reasons


def _check_application(problem: AssignmentProblem, application_id: str, assessors: list[str]) -> list[Shortfall]:
    by_id = {a.id: a for a in problem.assessors}
    reasons = [Shortfall("unknown_assessor", application_id, {"assessor_id": a}) for a in assessors if a not in by_id]
    reasons += [
        Shortfall("duplicate", application_id, {"assessor_id": a, "times": n})
        for a, n in sorted(Counter(assessors).items())
        if n > 1
    ]
    if len(assessors) != problem.per_application:
        params = {"count": len(assessors), "required": problem.per_application}
        reasons.append(Shortfall("wrong_count", application_id, params))
    present = {by_id[a].country for a in assessors if a in by_id}
    reasons += [
        Shortfall("missing_country", application_id, {"country": c}) for c in problem.countries if c not in present
    ]
    for assessor_id in sorted(set(assessors)):
        pair = (assessor_id, application_id)
        if pair in problem.conflicts:
            reasons.append(Shortfall("conflict", application_id, {"assessor_id": assessor_id}))
        if pair in problem.excluded:
            reasons.append(Shortfall("excluded_pair", application_id, {"assessor_id": assessor_id}))
    locked_here = sorted(a for a, app in problem.locked if app == application_id and a not in assessors)
    reasons += [Shortfall("locked_missing", application_id, {"assessor_id": a}) for a in locked_here]
    return reasons


def _check_loads(problem: AssignmentProblem, assigned: Mapping[str, list[str]]) -> list[Shortfall]:
    # Each application counts once per assessor; a duplicate is reported as such, not also as extra load.
    known = set(problem.application_ids)
    counts = Counter(a for app, assessors in assigned.items() if app in known for a in set(assessors))
    reasons = []
    for assessor in _sorted_assessors(problem):
        load = assessor.current_load + counts[assessor.id]
        if counts[assessor.id] and load > assessor.max_load:
            params = {"assessor_id": assessor.id, "load": load, "max_load": assessor.max_load}
            reasons.append(Shortfall("over_load", None, params))
    return reasons


# --- the completed assessment of one application ------------------------------------------------------------------


def completed_check(
    application_id: str, completed: Mapping[str, str], per_application: int, countries: Iterable[str]
) -> list[Shortfall]:
    """The call's rules applied to the assessments an application actually got: `completed` maps each assessor who
    submitted scores (without a conflict) to their country. Codes: too_few_completed (fewer than `per_application`),
    no_completed_from_country (a country of the programme without a completed assessment). Empty: the rules hold."""
    reasons = []
    if len(completed) < per_application:
        params = {"count": len(completed), "required": per_application}
        reasons.append(Shortfall("too_few_completed", application_id, params))
    present = set(completed.values())
    reasons += [
        Shortfall("no_completed_from_country", application_id, {"country": c}) for c in countries if c not in present
    ]
    return reasons
