"""Helpers of the claim tests: the lead's and the partner's claim of period 1, lines through the services, and
documents that pass the upload checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossroads.core.clock import BRUSSELS
from crossroads.grants.files import check_document
from crossroads.grants.services import claims as services
from tests.grants.conftest import at

SUMMER = dt.datetime(2027, 7, 10, 10, tzinfo=BRUSSELS)  # period 1 (first half of 2027) is over, not yet due


def pdf(text: str = "factuur") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{text}.pdf", b"%PDF-1.4\n" + text.encode() + b"\n%%EOF", content_type="application/pdf")


def checked(text: str) -> Any:
    return check_document(pdf(text))


INVOICE = {
    "description": "Sensors",
    "supplier": "Sensoren NV",
    "invoice_number": "F-2027-001",
    "invoice_date": dt.date(2027, 3, 1),
    "paid_on": dt.date(2027, 3, 20),
    "amount": Decimal("1250.50"),
}
PERSONNEL = {
    "description": "Engineer",
    "person": "Jan Peeters",
    "work_from": dt.date(2027, 1, 1),
    "work_to": dt.date(2027, 6, 30),
    "hours": Decimal("400"),
    "annual_cost": Decimal("86000"),
    "hourly_rate": None,
}


def start(running, users, *, lead: bool = True):  # type: ignore[no-untyped-def]
    member = running.partners.get(is_lead=lead)
    period = running.periods.get(number=1)
    user = users["applicant"] if lead else users["other_applicant"]
    with at(SUMMER):
        return services.claim_start(actor=user, period=period, member=member), user


def add_invoice(claim, user, *, category: str = "consumables", documents: bool = True, **changes):  # type: ignore[no-untyped-def]
    with at(SUMMER):
        line = services.claim_line_save(actor=user, claim=claim, data={"category": category, **INVOICE, **changes})
        if documents:
            tag = f"{line.pk}-{changes.get('invoice_number', INVOICE['invoice_number'])}"
            services.claim_document_add(actor=user, line=line, kind="invoice", checked=checked(f"invoice {tag}"))
            services.claim_document_add(actor=user, line=line, kind="proof_of_payment", checked=checked(f"paid {tag}"))
    return line


def add_personnel(claim, user, **changes):  # type: ignore[no-untyped-def]
    with at(SUMMER):
        line = services.claim_line_save(actor=user, claim=claim, data={"category": "personnel", **PERSONNEL, **changes})
        services.claim_document_add(actor=user, line=line, kind="timesheet", checked=checked(f"timesheet {line.pk}"))
    return line


@pytest.fixture
def lead_claim(running, users):  # type: ignore[no-untyped-def]
    return start(running, users)
