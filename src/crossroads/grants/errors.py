from __future__ import annotations

from crossroads.core.errors import ServiceError


class GrantError(ServiceError):
    """A follow-up action refused, worded for the person who tried it (and put at `field` when a form has it)."""
