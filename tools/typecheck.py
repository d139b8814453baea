"""The type check of src/ against a baseline that only shrinks.

Runs mypy (configured in pyproject.toml, django-stubs plugin) and compares its errors per file with
mypy-baseline.txt (one `count path` line per file). It fails when a file has more errors than its baseline, when a
file that is not in the baseline has errors, or when a `# type: ignore` without an error code appears in src/.
It says which counts can shrink; `--update` rewrites the baseline to today's counts (it refuses to raise a count
unless `--allow-growth` is given: growth is a decision to write down, not a side effect).

    python tools/typecheck.py            # check (what `make lint` and CI run)
    python tools/typecheck.py --update   # after fixing errors: lower the baseline
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
SOURCE = ROOT / "src"

# The settings module refuses to load without these; the values only matter for importing it.
SETTINGS_ENV = {"CROSSROADS_TESTING": "1", "SECRET_KEY": "typecheck-only", "DEBUG": "0"}

ERROR_LINE = re.compile(r"^(?P<path>[^:\s]+\.pyi?):\d+(?::\d+)?: error: ")
# `# type: ignore` not followed by `[code]`.
BLANKET_IGNORE = re.compile(r"#\s*type:\s*ignore(?!\[)")

HEADER = """\
# mypy errors per file in src/ (tools/typecheck.py). This baseline only shrinks:
# fix errors, then run `python tools/typecheck.py --update`. A file not listed here must have none.
"""


def run_mypy() -> tuple[Counter[str], str]:
    env = {**os.environ}
    for key, value in SETTINGS_ENV.items():
        env.setdefault(key, value)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-color-output", "--no-error-summary"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    # 0: clean, 1: type errors found; anything else is mypy failing to run (bad config, crash).
    if result.returncode not in (0, 1):
        sys.stderr.write(output)
        raise SystemExit(f"mypy did not run (exit {result.returncode})")
    counts: Counter[str] = Counter()
    for line in output.splitlines():
        match = ERROR_LINE.match(line)
        if match:
            counts[match["path"]] += 1
    if result.returncode == 1 and not counts:
        sys.stderr.write(output)
        raise SystemExit("mypy reported a failure but no error lines could be read")
    return counts, output


def read_baseline() -> dict[str, int]:
    if not BASELINE.exists():
        return {}
    baseline: dict[str, int] = {}
    for raw in BASELINE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        count, path = line.split(maxsplit=1)
        baseline[path] = int(count)
    return baseline


def write_baseline(counts: Counter[str]) -> None:
    lines = [f"{count} {path}" for path, count in sorted(counts.items()) if count]
    BASELINE.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def blanket_ignores() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if BLANKET_IGNORE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def per_app(counts: Counter[str]) -> Counter[str]:
    apps: Counter[str] = Counter()
    for path, count in counts.items():
        parts = Path(path).parts
        app = parts[2] if len(parts) > 3 and parts[:2] == ("src", "crossroads") else path
        apps[app] += count
    return apps


def compare(counts: Counter[str], baseline: dict[str, int]) -> tuple[list[str], list[str]]:
    worse, better = [], []
    for path in sorted(set(counts) | set(baseline)):
        now, allowed = counts.get(path, 0), baseline.get(path, 0)
        if now > allowed:
            label = "new file with errors" if path not in baseline else f"baseline {allowed}"
            worse.append(f"  {path}: {now} errors ({label})")
        elif now < allowed:
            better.append(f"  {path}: {now} errors (baseline {allowed})")
    return worse, better


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the baseline to the current counts")
    parser.add_argument("--allow-growth", action="store_true", help="with --update: accept counts that grew")
    parser.add_argument("--summary", action="store_true", help="print the errors per app")
    parser.add_argument("--show", action="store_true", help="print mypy's output")
    args = parser.parse_args(argv)

    counts, output = run_mypy()
    baseline = read_baseline()
    worse, better = compare(counts, baseline)
    ignores = blanket_ignores()

    if args.show:
        print(output, end="")
    if args.summary:
        for app, count in sorted(per_app(counts).items()):
            print(f"{count:5d} {app}")
        print(f"{sum(counts.values()):5d} errors in {len(counts)} files")

    if args.update:
        if worse and baseline and not args.allow_growth:
            print("Not updating: these counts grew (fix them, or pass --allow-growth and say why in the commit):")
            print("\n".join(worse))
            return 1
        write_baseline(counts)
        print(f"{BASELINE.name}: {sum(counts.values())} errors in {len(counts)} files")
        return 0 if not ignores else _report_ignores(ignores)

    status = 0
    if worse:
        print("Type check: more mypy errors than the baseline allows (python tools/typecheck.py --show lists them):")
        print("\n".join(worse))
        status = 1
    if ignores:
        status = _report_ignores(ignores) or status
    if better:
        print("The baseline can shrink (run `python tools/typecheck.py --update` and commit mypy-baseline.txt):")
        print("\n".join(better))
    if not status:
        print(f"Type check: {sum(counts.values())} errors in {len(counts)} files, none above the baseline.")
    return status


def _report_ignores(ignores: list[str]) -> int:
    print("`# type: ignore` without an error code (write `# type: ignore[code]`, or fix the line):")
    print("\n".join(f"  {line}" for line in ignores))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
