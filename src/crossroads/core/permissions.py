"""Permission checks answer `(allowed, reason)` so a page can say why something is refused."""

from __future__ import annotations

import re
from typing import NamedTuple

from django.utils.functional import Promise


class Permission(NamedTuple):
    allowed: bool
    reason: str | Promise = ""

    def __bool__(self) -> bool:
        return self.allowed


def allow(reason: str | Promise = "") -> Permission:
    return Permission(True, reason)


def deny(reason: str | Promise) -> Permission:
    return Permission(False, reason)


def is_id(text: object) -> bool:
    """A database id typed by a client: ASCII digits only ("²".isdigit() is True, int("²") fails)."""
    return isinstance(text, str) and re.fullmatch(r"[0-9]{1,18}", text) is not None
