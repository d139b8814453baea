"""The served process freezes what it loaded at start-up and collects cycles in small steps (core/collector.py):
without it, one request in twelve of a long list paid 45-80 ms for the garbage of ten (docs/BENCHMARKS.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wsgi_application_is_loaded_frozen_and_collects_in_small_steps():
    probe = (
        "import gc; import crossroads.config.wsgi; "
        "from crossroads.core.collector import YOUNG, MIDDLE, FULL; "
        "assert gc.get_threshold() == (YOUNG, MIDDLE, FULL), gc.get_threshold(); "
        "assert FULL < 10; "
        "assert gc.get_freeze_count() > 50_000, gc.get_freeze_count(); print('ok')"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SECRET_KEY": "probe-only", "DEBUG": "0"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
