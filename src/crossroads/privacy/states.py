"""Which status of an erasure request may follow which. A request waits for the secretariat until the account is
erased (or the request is cancelled); both ends are final. Creating a request is not a step: it starts pending."""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import ErasureStatus as E

ERASURE = StateMachine.of(
    "erasure request",
    E,
    {
        E.PENDING: {E.DONE, E.CANCELLED},
        E.DONE: set(),
        E.CANCELLED: set(),
    },
)
