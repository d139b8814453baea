"""Pure assessment-rule tests (no database). Hypothesis keeps its storage out of the working tree, as in
tests/companies/rules."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

if not os.getenv("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "crossroads-hypothesis")
