"""Matrix rows of reporting and claiming: the period's progress report (the lead writes, the secretariat reviews),
the partners' cost claims with their lines and documents, and the overdue list.

In the world both advisers see project X (the lead is in adviser_region's province, the partner in Limburg, which
adviser_other covers). A claim is seen by its own company's members, the advisers who see the project, the
secretariat and finance; the other partner of the same project does not learn it exists (404). The lead's claim is
submitted: a change to it is refused with a message (a redirect to the claim, OK); the partner's claim is a draft."""

from __future__ import annotations

from .matrix import ADVISERS, FORBIDDEN, MANAGERS, NOT_FOUND, Case, rule, url

VIEWERS = ("lead", "partner", *ADVISERS, *MANAGERS, "finance")
READERS = (*ADVISERS, *MANAGERS, "finance")  # see every claim of the project, change none
LEAD_CLAIM = rule(NOT_FOUND, ok=("lead", *READERS))
PARTNER_CLAIM = rule(NOT_FOUND, ok=("partner", *READERS))
CHANGE_LEAD_CLAIM = rule(NOT_FOUND, ok=("lead",), forbidden=READERS)
CHANGE_PARTNER_CLAIM = rule(NOT_FOUND, ok=("partner",), forbidden=READERS)

INVOICE = {
    "category": "consumables",
    "description": "Sensors",
    "supplier": "Sensoren BV",
    "invoice_number": "F-77",
    "invoice_date": "2026-10-01",
    "paid_on": "2026-10-05",
    "amount": "1.250,50",
}

ROWS: dict[str, list[Case]] = {
    "grants:report": [
        Case(url("grants:report", "period"), rule(NOT_FOUND, ok=VIEWERS)),
        Case(
            url("grants:report", "period"),
            rule(NOT_FOUND, ok=("lead",), forbidden=("partner", *READERS)),
            method="POST",
            data=lambda ids: {"action": "save", "deviations": "None"},
        ),
    ],
    "grants:report_review": [
        Case(
            url("grants:report_review", "period"),
            rule(NOT_FOUND, ok=MANAGERS, forbidden=("lead", "partner", *ADVISERS, "finance")),
            method="POST",
            data=lambda ids: {"decision": "accept"},
        )
    ],
    "grants:overdue": [Case(url("grants:overdue"), rule(FORBIDDEN, ok=(*ADVISERS, *MANAGERS)))],
    "grants:claim_start": [
        Case(
            url("grants:claim_start", "period"),
            rule(NOT_FOUND, ok=("lead", "partner"), forbidden=READERS),
            method="POST",
        )
    ],
    "grants:claim": [
        Case(url("grants:claim", "claim"), LEAD_CLAIM),
        Case(url("grants:claim", "claim_partner"), PARTNER_CLAIM, label="the partner's draft"),
        Case(
            url("grants:claim", "claim_partner"),
            CHANGE_PARTNER_CLAIM,
            method="POST",
            data=lambda ids: INVOICE,
            label="add a line",
        ),
    ],
    "grants:claim_line": [Case(url("grants:claim_line", "claim", "claim_line"), CHANGE_LEAD_CLAIM)],
    "grants:claim_line_delete": [
        Case(url("grants:claim_line_delete", "claim", "claim_line"), CHANGE_LEAD_CLAIM, method="POST")
    ],
    "grants:claim_document_add": [
        Case(
            url("grants:claim_document_add", "claim", "claim_line"),
            CHANGE_LEAD_CLAIM,
            method="POST",
            data=lambda ids: {"kind": "invoice"},
        )
    ],
    "grants:claim_document": [
        Case(
            url("grants:claim_document", "claim", "claim_document"),
            rule(NOT_FOUND, ok=("lead", *MANAGERS, "finance"), forbidden=ADVISERS),
        )
    ],
    "grants:claim_submit": [Case(url("grants:claim_submit", "claim_partner"), CHANGE_PARTNER_CLAIM, method="POST")],
}
