"""What other parts of the follow-up do when an agreement starts, registered at import (no import cycle between
the agreement and payments modules)."""

from __future__ import annotations

from collections.abc import Callable

ON_START: list[Callable[[int], None]] = []
