"""Matrix rows of the finance area: verification, payments, payment orders, statements, settlement.

Finance acts; the secretariat and the admin read the worklists but every POST refuses them (403); applicants,
advisers and assessors get a 403 that says why on the finance pages. A payment statement is its partner's: the
other partner of the same project and strangers get 404. (Supporting documents are downloaded through the claims
area's `grants:claim_document`.)
The world's payment was proposed by `finance`, so four eyes refuses finance its approval; the approval row also
uses an advance proposed by nobody (the start of the agreement), which finance approves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse

from .matrix import FORBIDDEN, MANAGERS, NOT_FOUND, Case, rule, url

READERS = (*MANAGERS, "finance")
FINANCE_READ = rule(FORBIDDEN, ok=READERS)
FINANCE_ACT = rule(FORBIDDEN, ok=("finance",))


def _advance_url(ids: dict[str, Any]) -> str:
    from crossroads.core import clock
    from crossroads.grants.models import Payment

    payment, _created = Payment.objects.get_or_create(
        agreement_partner_id=ids["member_partner"],
        kind="advance",
        defaults={"amount": Decimal("100.00"), "status": "proposed", "proposed_at": clock.now()},
    )
    return reverse("grants:payment_approve", args=[payment.pk])


def _order_url(ids: dict[str, Any]) -> str:
    from crossroads.core import clock
    from crossroads.grants.models import PaymentOrder

    order = PaymentOrder.objects.filter(message_id="MATRIX-ORDER").first()
    if order is None:
        from crossroads.accounts.models import Role, User

        order = PaymentOrder.objects.create(
            message_id="MATRIX-ORDER",
            execution_date=dt.date(2027, 1, 4),
            total=Decimal("1.00"),
            count=1,
            xml="<Document/>",
            created_by=User.objects.filter(role=Role.FINANCE).first(),
            created_at=clock.now(),
        )
    return reverse("grants:payment_order_file", args=[order.pk])


def _decision(ids: dict[str, Any]) -> dict[str, Any]:
    line = ids["claim_line"]
    return {"line": line, f"line{line}-decision": "accepted"}


ROWS: dict[str, list[Case]] = {
    "grants:finance": [
        Case(url("grants:finance"), FINANCE_READ),
        Case(lambda ids: reverse("grants:finance") + "?format=xlsx", FINANCE_READ, label="export"),
    ],
    "grants:verify": [
        Case(url("grants:verify", "claim"), FINANCE_READ),
        Case(url("grants:verify", "claim"), FINANCE_ACT, method="POST", data=_decision, label="decide a line"),
    ],
    "grants:verify_complete": [
        Case(url("grants:verify_complete", "claim"), FINANCE_ACT, method="POST", data=lambda ids: {"note": ""})
    ],
    "grants:claim_return": [
        Case(url("grants:claim_return", "claim"), FINANCE_ACT, method="POST", data=lambda ids: {"reason": "Matrix"})
    ],
    "grants:payments": [
        Case(url("grants:payments"), FINANCE_READ),
        Case(lambda ids: reverse("grants:payments") + "?format=csv", FINANCE_READ, label="export"),
    ],
    "grants:payment": [Case(url("grants:payment", "payment"), FINANCE_READ)],
    "grants:payment_approve": [
        Case(url("grants:payment_approve", "payment"), rule(FORBIDDEN), method="POST", label="four eyes"),
        Case(_advance_url, FINANCE_ACT, method="POST", label="an advance"),
    ],
    "grants:payment_reapprove": [Case(url("grants:payment_reapprove", "payment"), FINANCE_ACT, method="POST")],
    "grants:payment_cancel": [Case(url("grants:payment_cancel", "payment"), FINANCE_ACT, method="POST")],
    "grants:payment_paid": [Case(url("grants:payment_paid", "payment"), FINANCE_ACT, method="POST")],
    "grants:payment_returned": [Case(url("grants:payment_returned", "payment"), FINANCE_ACT, method="POST")],
    "grants:recovery_repaid": [Case(url("grants:recovery_repaid", "payment"), FINANCE_ACT, method="POST")],
    "grants:payment_order": [
        Case(url("grants:payment_order"), FINANCE_READ),
        Case(url("grants:payment_order"), FINANCE_ACT, method="POST", label="nothing chosen"),
    ],
    "grants:payment_order_file": [Case(_order_url, FINANCE_READ)],
    "grants:payment_statement": [
        Case(url("grants:payment_statement", "payment"), rule(NOT_FOUND, ok=(*READERS, "lead")))
    ],
    "grants:settle": [
        Case(url("grants:settle", "agreement"), FINANCE_READ),
        Case(url("grants:settle", "agreement"), FINANCE_ACT, method="POST", label="not closing yet"),
    ],
}
