from __future__ import annotations

from crossroads.core.errors import ServiceError


class ProgrammeError(ServiceError):
    """A change to the programme's data (a call, its grid, its documents) that the rules refuse."""
