"""Speed of the assessment's pure parts: the optimal assignment (MILP) and the tender ranking with what-ifs.

Random but reproducible instances; each figure is the median of several runs on the machine's idle cores."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from common import md_table

from crossroads.assessment.rules import assignment as assign
from crossroads.assessment.rules import ranking

CODES = ("innovation", "cross_border", "transition", "impact", "consortium")
WEIGHTS = (25, 25, 20, 15, 15)


def _problem(n_apps: int, n_assessors: int, seed: int) -> assign.AssignmentProblem:
    rng = random.Random(seed)
    apps = tuple(f"a{i}" for i in range(n_apps))
    # Room for about 1.3 times the places needed, so the loads bind without making the problem infeasible.
    max_load = 3 * n_apps // n_assessors + 2
    assessors = tuple(assign.AssessorSlot(f"x{j}", "BE" if j % 2 else "NL", max_load) for j in range(n_assessors))
    fit = {(x.id, a): rng.uniform(-0.2, 1.0) for x in assessors for a in apps}
    conflicts = frozenset(pair for pair in fit if rng.random() < 0.05)
    return assign.AssignmentProblem(apps, assessors, fit, conflicts)


def _time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _candidates(n: int, seed: int) -> list[ranking.Candidate]:
    rng = random.Random(seed)
    start = datetime(2027, 1, 15, 12, tzinfo=UTC)
    return [
        ranking.Candidate(
            id=str(i),
            requested_grant=Decimal(rng.randrange(2_000_000, 25_000_000)) / 100,
            scores={c: Decimal(rng.randrange(6, 21)) / 2 for c in CODES},
            eligible=rng.random() > 0.05,
            submitted_at=start - timedelta(minutes=rng.randrange(0, 5000)),
        )
        for i in range(n)
    ]


def _rules(budget: str, policy: str = "skip") -> ranking.RankingRules:
    criteria = tuple(ranking.Criterion(c, Decimal(w), Decimal("5")) for c, w in zip(CODES, WEIGHTS, strict=True))
    return ranking.RankingRules(criteria, Decimal("60"), Decimal(budget), policy)


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict:
    runs = 3 if quick else 5
    sizes = [(60, 40)] if quick else [(60, 40), (120, 60), (200, 80)]
    assignment_rows = []
    for n_apps, n_assessors in sizes:
        problem = _problem(n_apps, n_assessors, seed=n_apps)
        result = assign.propose(problem)
        seconds = _time(lambda p=problem: assign.propose(p), runs)
        assignment_rows.append([n_apps, n_assessors, len(problem.conflicts), result.solver_status, f"{seconds:.2f}"])
        log(f"assignment {n_apps}x{n_assessors}: {seconds:.2f} s ({result.solver_status})")
    ranking_rows = []
    for n in (50, 500) if quick else (50, 500, 5000):
        candidates = _candidates(n, seed=n)
        rank_s = _time(lambda c=candidates: ranking.rank(c, _rules("1250000.00")), runs)
        what_if_s = _time(
            lambda c=candidates: [
                ranking.rank(c, _rules(f"{b}000.00", p)) for b in (800, 1250, 2000) for p in ("skip", "reduce", "stop")
            ],
            runs,
        )
        ranking_rows.append([n, f"{rank_s * 1000:.1f}", f"{what_if_s * 1000 / 9:.1f}"])
        log(f"ranking {n}: {rank_s * 1000:.1f} ms")
    markdown = "\n".join(
        [
            "### Assessor assignment (mixed-integer programme, SciPy HiGHS)",
            "",
            "Random fits in [-0.2, 1], 5 % conflicted pairs, assessors alternating BE/NL, 3 assessors per "
            "application with at least one per country, loads capped; median of "
            f"{runs} runs, including the tie-breaking second solve.",
            "",
            md_table(["applications", "assessors", "conflicted pairs", "status", "propose s"], assignment_rows),
            "",
            "### Ranking and what-if",
            "",
            "`rank()` over random consensus scores and requests (5 % ineligible); a what-if is one more `rank()` "
            "with other numbers (averaged over 9: three budgets x three policies).",
            "",
            md_table(["applications", "rank ms", "one what-if ms"], ranking_rows),
        ]
    )
    return {"markdown": markdown}
