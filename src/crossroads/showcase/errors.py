from __future__ import annotations

from crossroads.core.errors import ServiceError


class ShowcaseError(ServiceError):
    """A step of the public showcase (a project story) that a service refuses."""
