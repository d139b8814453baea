"""One state-machine mechanism: a refused step names both statuses by label, in the user's language."""

from __future__ import annotations

import pytest
from django.db import models
from django.utils.translation import override

from crossroads.core.errors import ServiceError
from crossroads.core.transitions import StateMachine, TransitionError


class Colour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


MACHINE = StateMachine.of("colour", Colour, {Colour.RED: {Colour.GREEN}, Colour.GREEN: {Colour.BLUE, Colour.RED}})


class Thing:
    status = Colour.RED


def test_move_sets_the_new_status_and_returns_the_old() -> None:
    thing = Thing()
    assert MACHINE.move(thing, Colour.GREEN) == "red"
    assert thing.status == "green"


def test_a_step_the_table_does_not_allow_is_refused_and_nothing_changes() -> None:
    thing = Thing()
    with pytest.raises(TransitionError) as caught:
        MACHINE.move(thing, Colour.BLUE)
    assert thing.status == "red"
    assert isinstance(caught.value, ServiceError)
    assert "Red" in str(caught.value) and "Blue" in str(caught.value)


def test_the_refusal_is_worded_in_the_active_language() -> None:
    with override("nl"), pytest.raises(TransitionError) as caught:
        MACHINE.check(Colour.RED, Colour.BLUE)
    assert str(caught.value).startswith("Van ")


def test_a_table_with_an_unknown_status_is_refused_when_written() -> None:
    with pytest.raises(ValueError, match="unknown statuses"):
        StateMachine.of("typo", Colour, {Colour.RED: {"gren"}})


def test_a_status_without_a_row_allows_nothing() -> None:
    assert MACHINE.following(Colour.BLUE) == frozenset()
    assert not MACHINE.allowed(Colour.BLUE, Colour.RED)
