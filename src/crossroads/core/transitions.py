"""One state-machine mechanism for every record with a life (application, screening, assignment, decision,
profile, interest, introduction, and the grants to come).

A `StateMachine` is a table of which status may follow which. Services call `machine.move(obj, new)` (or
`machine.check(current, new)` before a conditional UPDATE); nothing else assigns a status. A refused step raises
`TransitionError`, whose message is translated and names both statuses by their labels, so any view can show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .errors import ServiceError


class TransitionError(ServiceError):
    """A status change the record's state table does not allow."""

    def __init__(self, machine: StateMachine, current: str, new: str) -> None:
        self.machine, self.current, self.new = machine, current, new
        super().__init__(
            _("From “%(current)s” to “%(new)s” is not possible.")
            % {"current": machine.label(current), "new": machine.label(new)}
        )


@dataclass(frozen=True)
class StateMachine:
    """`choices` is the model's TextChoices (for the labels); `table` maps a status to the ones that may follow."""

    name: str
    choices: type[models.TextChoices]
    table: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, name: str, choices: type[models.TextChoices], table: Mapping[str, Iterable[str]]) -> StateMachine:
        unknown = {s for k, v in table.items() for s in (k, *v)} - set(choices.values)
        if unknown:  # a typo in a table would otherwise silently forbid a step
            raise ValueError(f"{name}: unknown statuses {sorted(unknown)}")
        return cls(name, choices, {str(k): frozenset(str(s) for s in v) for k, v in table.items()})

    def label(self, status: str) -> str:
        try:
            return str(self.choices(status).label)
        except ValueError:
            return status

    def allowed(self, current: str, new: str) -> bool:
        return str(new) in self.table.get(str(current), frozenset())

    def following(self, current: str) -> frozenset[str]:
        return self.table.get(str(current), frozenset())

    def check(self, current: str, new: str) -> None:
        if not self.allowed(current, new):
            raise TransitionError(self, str(current), str(new))

    def move(self, obj: Any, new: str, *, attribute: str = "status") -> str:
        """Check and set `obj.<attribute>`; returns the previous status. The caller saves and audits."""
        current = getattr(obj, attribute)
        self.check(current, new)
        setattr(obj, attribute, new)
        return str(current)
