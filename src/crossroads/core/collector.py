"""How the served process uses Python's garbage collector (config/wsgi.py; bench/scale.py measures the same way).

Three costs showed at programme scale (docs/BENCHMARKS.md, bench:scale):
- Everything loaded at start-up (Django, the apps, about 135,000 objects) lives as long as the process; frozen, the
  collector stops rescanning it on every full collection.
- Templates are compiled on first use, and the compiled templates (about 70,000 objects for the project's 260)
  then live as long as the process too, outside the frozen part: each full collection rescans them. Compiled
  before the freeze (0.6 s at start-up), they are frozen with the rest; so are the URL patterns and both
  languages' message catalogues.
- A list page of a few hundred rows leaves a few thousand objects in reference cycles (the ORM's related-object
  caches point both ways), which only a full collection frees. With the default thresholds a full collection comes
  every tenth middle one and frees the cycles of about ten requests at once: 45-80 ms added to one request in
  twelve, which is what a p95 sees. Every second one frees those of two or three requests: the same total work in
  spikes of 5-15 ms. The collector still skips a full collection while the objects waiting for one are under a
  quarter of those it holds, so this cannot turn quadratic.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

YOUNG, MIDDLE, FULL = 700, 10, 2  # Python's defaults are 700, 10, 10

log = logging.getLogger(__name__)


def tune_for_serving() -> None:
    """Call once, after the application is loaded and before the first request."""
    warm_up()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, FULL)


def warm_up() -> int:
    """Load now what the first requests would load and keep: every template compiled (the cached loader keeps
    them), the URL patterns, the Dutch and English catalogues. Returns the number of templates compiled."""
    from django.conf import settings
    from django.template import TemplateSyntaxError, engines
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018  (resolving the patterns builds and caches them)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Dashboard")
    compiled = 0
    for name in sorted(_template_names(engines["django"].engine)):  # type: ignore[attr-defined]
        try:
            get_template(name)
        except TemplateSyntaxError:  # a vendored template for another engine: not ours to serve
            log.debug("template %s not compiled", name)
            continue
        compiled += 1
    return compiled


def _template_names(engine: Any) -> set[str]:
    names: set[str] = set()
    for loader in engine.template_loaders:
        for inner in getattr(loader, "loaders", [loader]):
            for directory in inner.get_dirs():
                names.update(str(path.relative_to(directory)) for path in Path(directory).rglob("*.html"))
    return names
