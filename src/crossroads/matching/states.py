"""Explicit state machines: which status may follow which. Only services change statuses, through these tables
(`crossroads.core.transitions`)."""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import InterestStatus as E
from .models import IntroductionStatus as I
from .models import ProfileStatus as P
from .models import ReplyStatus as R

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

# One company's answer to an introduction: given once (the adviser hears it; contact details follow when both are
# interested).
INTRODUCTION_REPLY = StateMachine.of(
    "introduction_reply",
    R,
    {
        R.WAITING: {R.INTERESTED, R.NOT_INTERESTED},
        R.INTERESTED: set(),
        R.NOT_INTERESTED: set(),
    },
)
