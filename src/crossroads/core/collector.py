"""How the served process uses Python's garbage collector (config/wsgi.py; bench/scale.py measures the same way).

Two costs showed at programme scale (docs/BENCHMARKS.md, bench:scale):
- Everything loaded at start-up (Django, the apps, the templates' machinery, about 200,000 objects) lives as long
  as the process; frozen, the collector stops rescanning it on every full collection.
- A list page of a few hundred rows leaves a few thousand objects in reference cycles (the ORM's related-object
  caches point both ways), which only a full collection frees. With the default thresholds a full collection comes
  every tenth middle one and frees the cycles of about ten requests at once: 45-80 ms added to one request in
  twelve, which is what a p95 sees. Every second one frees those of two or three requests: the same total work in
  spikes of 5-15 ms. The collector still skips a full collection while the objects waiting for one are under a
  quarter of those it holds, so this cannot turn quadratic.
"""

from __future__ import annotations

import gc

YOUNG, MIDDLE, FULL = 700, 10, 2  # Python's defaults are 700, 10, 10


def tune_for_serving() -> None:
    """Call once, after the application is loaded and before the first request."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, FULL)
