"""A company's name as people read it: the registered name with its legal form, the form shown once."""

from __future__ import annotations

import re

_IGNORED = re.compile(r"[\s.,]+")
# A legal form is at most a few words ("Comm. V", "B.V. i.o."); more than this is a name, not a form.
_MAX_FORM_WORDS = 4


def _key(text: str) -> str:
    """'B.V.' and 'BV', 'Comm. V' and 'CommV' are the same form."""
    return _IGNORED.sub("", text).casefold()


def name_with_legal_form(name: str | None, legal_form: str | None) -> str:
    """'Kempense Warmtenet' + 'BV' -> 'Kempense Warmtenet BV'; 'Kempense Warmtenet BV' + 'BV' (or 'B.V.') stays as it
    is, and so does 'NV Waterstofneus' + 'NV' (Belgian names often start with the form). An empty form adds nothing."""
    name, form = (name or "").strip(), (legal_form or "").strip()
    if not form:
        return name
    if not name:
        return form
    key = _key(form)
    words = name.split()
    for count in range(1, min(len(words), _MAX_FORM_WORDS) + 1):
        if key in (_key("".join(words[-count:])), _key("".join(words[:count]))):
            return name
    return f"{name} {form}"
