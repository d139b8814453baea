"""Explicit state machines: which status may follow which. Only services change statuses, through these tables
(`crossroads.core.transitions`)."""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import InterestStatus as E
from .models import IntroductionStatus as I
from .models import ProfileStatus as P

PROFILE = StateMachine.of(
    "profile",
    P,
    {
        P.DRAFT: {P.PUBLISHED},
        P.PUBLISHED: {P.DRAFT, P.EXPIRED, P.PUBLISHED},  # published -> published is a renewal
        P.EXPIRED: {P.PUBLISHED, P.DRAFT},
    },
)

INTEREST = StateMachine.of(
    "interest",
    E,
    {
        E.PENDING: {E.ACCEPTED, E.DECLINED, E.EXPIRED},
        E.ACCEPTED: set(),
        E.DECLINED: set(),
        E.EXPIRED: set(),
    },
)

INTRODUCTION = StateMachine.of(
    "introduction",
    I,
    {
        I.PROPOSED: {I.CONTACTED, I.CLOSED},
        I.CONTACTED: {I.MEETING, I.CLOSED},
        I.MEETING: {I.CONSORTIUM, I.CLOSED},
        I.CONSORTIUM: {I.APPLICATION, I.CLOSED},
        I.APPLICATION: set(),
        I.CLOSED: set(),
    },
)
