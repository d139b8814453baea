"""One formatter per language: no page, e-mail, PDF or export formats a number or date its own way.

Forbidden outside core/formatting.py: `|date:"..."` with a literal pattern, `|floatformat`, `strftime(`, and
f-string number specs (`{x:.2f}`, `{x:.1f}`, `{x:,}`) in user-facing code. Every offender is listed at once."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "crossroads"
FORMATTER = SRC / "core" / "formatting.py"

TEMPLATE_PATTERNS = {
    "|date with a literal pattern": re.compile(r"""\|\s*date\s*:\s*["']"""),
    "|time with a literal pattern": re.compile(r"""\|\s*time\s*:\s*["']"""),
    "|floatformat": re.compile(r"\|\s*floatformat"),
    "|stringformat with a number spec": re.compile(r"""\|\s*stringformat\s*:\s*["'][^"']*[dfeEgG%]["']"""),
}
PYTHON_PATTERNS = {
    "strftime(": re.compile(r"\bstrftime\("),
    "number spec in an f-string or format()": re.compile(r"\{[^{}\n]*:[,_]?\.\d+[f%]\}|\{[^{}\n]*:,\}"),
    "%-formatted float": re.compile(r"%\.\d+f"),
}
# Not seen by people: migrations, management commands' console output, the region tables' build script.
NOT_USER_FACING = ("migrations", "management", "data")
# Machine formats, not displays: ISO dates for the browser's date inputs, and idempotency keys.
MACHINE_FORMAT = re.compile(r"""strftime\(["']%Y-%m-%d|once\s*=""")


def _offenders(paths, patterns) -> list[str]:
    found = []
    for path in paths:
        if path == FORMATTER or any(part in NOT_USER_FACING for part in path.relative_to(SRC).parts):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name, pattern in patterns.items():
                if pattern.search(line) and not MACHINE_FORMAT.search(line):
                    found.append(f"{path.relative_to(SRC)}:{number}: {name}: {line.strip()[:120]}")
    return found


def test_templates_use_the_formatting_filters():
    offenders = _offenders(sorted(SRC.rglob("*.html")) + sorted(SRC.rglob("*.txt")), TEMPLATE_PATTERNS)
    assert not offenders, "use {% load money %} (date_short, date_long, brussels, number, euro...):\n" + "\n".join(
        offenders
    )


def test_python_uses_core_formatting():
    offenders = _offenders(sorted(SRC.rglob("*.py")), PYTHON_PATTERNS)
    assert not offenders, "use crossroads.core.formatting:\n" + "\n".join(offenders)
