"""Rows of the authorization matrix for the amendment pages (tests/security/matrix.py reads ROWS).

The versions are seen by whoever sees the agreement (its partners, the advisers of their provinces, the
secretariat, finance; in the world both advisers cover a partner's province); the lead asks for any amendment,
the partner only for a shift of its own budget; the secretariat decides; whoever asked withdraws. Strangers learn
nothing (404)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .matrix import ADVISERS, MANAGERS, NOT_FOUND, Case, rule, url

VIEW = rule(NOT_FOUND, ok=("lead", "partner", *ADVISERS, "finance", *MANAGERS))
ASK_ANY = rule(NOT_FOUND, ok=("lead",), forbidden=("partner", *ADVISERS, "finance", *MANAGERS))
ASK_SHIFT = rule(NOT_FOUND, ok=("lead", "partner"), forbidden=(*ADVISERS, "finance", *MANAGERS))
DECIDE = rule(NOT_FOUND, ok=MANAGERS, forbidden=("lead", "partner", *ADVISERS, "finance"))
# Only the requester (the lead's manager) withdraws; the others who see the agreement are refused (403).
WITHDRAW = rule(NOT_FOUND, ok=("lead",), forbidden=("partner", *ADVISERS, "finance", *MANAGERS))


def _new(kind: str) -> Any:
    return lambda ids: reverse("grants:amendment_new", args=[ids["agreement"], kind])


ROWS: dict[str, list[Case]] = {
    "grants:amendments": [Case(url("grants:amendments", "agreement"), VIEW)],
    "grants:amendment_new": [
        Case(_new("extension"), ASK_ANY, label="extension"),
        Case(_new("budget_shift"), ASK_SHIFT, label="budget shift"),
    ],
    "grants:amendment_decide": [
        Case(url("grants:amendment_decide", "amendment"), DECIDE),
    ],
    "grants:amendment_withdraw": [
        Case(url("grants:amendment_withdraw", "amendment"), WITHDRAW, method="POST"),
    ],
}
