"""The one-time codes of these tests come from a frozen clock: allauth's TOTP check and the tests' own code read the
same fixed time, so a code computed just before a 30-second step ends is still the one the server expects."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.conftest import TEST_TOTP_SECRET

# 2026-06-01 10:00:00 UTC; only allauth's TOTP module sees it (sessions, rate limits and audit times do not).
FROZEN_TOTP_TIME = 1_780_308_000
TOTP_PERIOD = 30


@pytest.fixture(autouse=True)
def _frozen_totp_clock(monkeypatch):  # type: ignore[no-untyped-def]
    from allauth.mfa.totp.internal import auth

    monkeypatch.setattr(auth, "time", SimpleNamespace(time=lambda: float(FROZEN_TOTP_TIME)))


def code_now(secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app shows at the frozen time."""
    return format_hotp_value(hotp_value(secret, FROZEN_TOTP_TIME // TOTP_PERIOD))
