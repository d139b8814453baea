"""Factories of the finance tests: a submitted claim with lines (and a document), an active bank account."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile

from crossroads.core import clock
from crossroads.grants.models import (
    AgreementPartner,
    BankAccount,
    ClaimDocument,
    ClaimLine,
    CostClaim,
)


def bank_account(
    member: AgreementPartner, user: Any, iban: str = "BE68539007547034", bic: str = "GKCCBEBB"
) -> BankAccount:
    return BankAccount.objects.create(
        agreement_partner=member,
        holder=str(member.company),
        iban=iban,
        bic=bic,
        status="active",
        registered_by=user,
        registered_at=clock.now(),
    )


def make_claim(member: AgreementPartner, user: Any, lines: list[tuple[str, str]], *, period: int = 1) -> CostClaim:
    """A submitted claim of `member` with one invoice line per (category, amount)."""
    the_period = member.agreement.periods.get(number=period)
    claim = CostClaim.objects.create(
        period=the_period,
        agreement_partner=member,
        status="submitted",
        created_at=clock.now(),
        submitted_by=user,
        submitted_at=clock.now(),
    )
    for number, (category, amount) in enumerate(lines, start=1):
        ClaimLine.objects.create(
            claim=claim,
            category=category,
            description=f"Line {number}",
            supplier="Sensoren NV",
            invoice_number=f"F-{claim.pk}-{number}",
            invoice_date=the_period.starts_on,
            paid_on=the_period.starts_on,
            amount=Decimal(amount),
        )
    return claim


def add_document(line: ClaimLine, user: Any, content: bytes = b"%PDF-1.4 invoice") -> ClaimDocument:
    document = ClaimDocument(
        line=line,
        kind="invoice",
        original_name="factuur.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        uploaded_at=clock.now(),
    )
    document.file.save("factuur.pdf", ContentFile(content), save=True)
    return document


@pytest.fixture
def lead(running):  # type: ignore[no-untyped-def]
    return running.partners.get(is_lead=True)


@pytest.fixture
def partner(running):  # type: ignore[no-untyped-def]
    return running.partners.get(is_lead=False)


@pytest.fixture
def english(users):  # type: ignore[no-untyped-def]
    for user in users.values():
        user.language = "en"
        user.save(update_fields=["language"])
    return users
