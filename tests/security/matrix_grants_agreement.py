"""Matrix rows of the agreement area: the list, the "my grant" page and its PDF, the acceptance per partner, the
bank accounts (register, the finance worklist of changes, approve and refuse).

The world's agreement X is running (both partners accepted); its lead is in the province of adviser_region and its
partner in Limburg (NL), which adviser_other covers, so both advisers see the project. Each partner has an active
bank account registered by its own manager ("lead" registered bank_account_lead). Bank accounts are seen only by
the company's members, finance and the secretariat: anyone else who sees the agreement gets 404 for them. A second
person (finance, or another manager of the company, never the one who registered it) approves a change; the one who
registered it may withdraw it; a step on an account that is not waiting is refused with a message (OK)."""

from __future__ import annotations

from .matrix import ADVISERS, FORBIDDEN, MANAGERS, NOT_FOUND, OK, Case, rule, url

VIEWERS = ("lead", "partner", *ADVISERS, *MANAGERS, "finance")
# Who sees the agreement but does not sign for the lead: told why.
NOT_SIGNING_FOR_LEAD = ("partner", *ADVISERS, *MANAGERS, "finance")

ROWS: dict[str, list[Case]] = {
    "grants:list": [Case(url("grants:list"), rule(OK))],
    "grants:detail": [Case(url("grants:detail", "agreement"), rule(NOT_FOUND, ok=VIEWERS))],
    "grants:agreement_pdf": [Case(url("grants:agreement_pdf", "agreement"), rule(NOT_FOUND, ok=VIEWERS))],
    "grants:accept": [
        Case(
            url("grants:accept", "member_lead"),
            rule(NOT_FOUND, ok=("lead",), forbidden=NOT_SIGNING_FOR_LEAD),
            method="POST",
            data=lambda ids: {"confirm": "on"},
        )
    ],
    "grants:bank_account": [
        Case(
            url("grants:bank_account", "member_lead"),
            rule(NOT_FOUND, ok=("lead",), forbidden=NOT_SIGNING_FOR_LEAD),
        ),
        Case(
            url("grants:bank_account", "member_lead"),
            rule(NOT_FOUND, ok=("lead",), forbidden=NOT_SIGNING_FOR_LEAD),
            method="POST",
            data=lambda ids: {"holder": "Kempense Warmte BV", "iban": "BE00 0000", "bic": "GKCCBEBB"},
            label="a wrong IBAN",
        ),
    ],
    "grants:bank_accounts": [Case(url("grants:bank_accounts"), rule(FORBIDDEN, ok=(*MANAGERS, "finance")))],
    "grants:bank_account_approve": [
        Case(
            url("grants:bank_account_approve", "bank_account_lead"),
            rule(NOT_FOUND, ok=("finance",), forbidden=("lead", *MANAGERS)),
            method="POST",
        )
    ],
    "grants:bank_account_refuse": [
        Case(
            url("grants:bank_account_refuse", "bank_account_lead"),
            rule(NOT_FOUND, ok=("lead", "finance"), forbidden=MANAGERS),
            method="POST",
            data=lambda ids: {"reason": "Matrix"},
        )
    ],
}
