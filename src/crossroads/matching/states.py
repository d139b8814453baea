"""Explicit state machines: which status may follow which. Only services change statuses."""

from __future__ import annotations

from .models import IntroductionStatus as I
from .models import ProfileStatus as P

PROFILE_TRANSITIONS: dict[str, set[str]] = {
    P.DRAFT: {P.PUBLISHED},
    P.PUBLISHED: {P.DRAFT, P.EXPIRED, P.PUBLISHED},  # published -> published is a renewal
    P.EXPIRED: {P.PUBLISHED, P.DRAFT},
}

INTRODUCTION_TRANSITIONS: dict[str, set[str]] = {
    I.PROPOSED: {I.CONTACTED, I.CLOSED},
    I.CONTACTED: {I.MEETING, I.CLOSED},
    I.MEETING: {I.CONSORTIUM, I.CLOSED},
    I.CONSORTIUM: {I.APPLICATION, I.CLOSED},
    I.APPLICATION: set(),
    I.CLOSED: set(),
}


class TransitionError(ValueError):
    pass


def check(table: dict[str, set[str]], current: str, new: str) -> None:
    if new not in table.get(current, set()):
        raise TransitionError(f"{current} -> {new} is not allowed")
