"""Fixtures of the results tests: an adviser of a region the project is not in, and a running agreement."""

from __future__ import annotations

import datetime as dt

import pytest

from crossroads.accounts.models import Role
from crossroads.core.clock import BRUSSELS
from tests.conftest import make_user
from tests.grants.conftest import agreement, running, second_finance  # noqa: F401  (fixtures)

# While the project runs: after the agreement was made (approval "now"), before its end (31-12-2028).
DURING = dt.datetime(2027, 3, 1, 10, tzinfo=BRUSSELS)


@pytest.fixture
def adviser_zeeland(programme):  # type: ignore[no-untyped-def]
    """Covers Zeeland only: neither the BE lead (Antwerpen) nor the NL partner (Maastricht) is there."""
    return make_user("adviser-zeeland@test.example", Role.ADVISER, agency="eiz")
