"""The SEPA credit-transfer file (pain.001.001.03) of a payment order, made with sepaxml and validated against the
schema it bundles before it is stored.

The programme's own account (the debtor) comes from `settings.CROSSROADS_SEPA_DEBTOR` ({"name", "IBAN", "BIC"});
without it a demo account is used, so a demo or test file validates but no bank would accept it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from crossroads.core.money import whole_cents

DEMO_DEBTOR = {"name": "CrossRoads programme (demo)", "IBAN": "BE71096123456769", "BIC": "GKCCBEBB"}
SCHEMA = "pain.001.001.03"


def debtor() -> dict[str, str]:
    configured = getattr(settings, "CROSSROADS_SEPA_DEBTOR", None) or {}
    return {**DEMO_DEBTOR, **configured}


@dataclass(frozen=True)
class Transfer:
    name: str
    iban: str
    bic: str
    amount: Decimal
    description: str
    end_to_end_id: str


def _ascii_name(text: str) -> str:
    return " ".join(text.split())[:70] or "-"


def credit_transfer_xml(*, execution_date: dt.date, transfers: list[Transfer]) -> tuple[str, str]:
    """The message id and the pain.001 document; raises sepaxml's ValidationError when it does not validate
    against the schema."""
    from sepaxml import SepaTransfer  # type: ignore[import-untyped]

    account = debtor()
    sepa = SepaTransfer(
        {
            "name": account["name"],
            "IBAN": account["IBAN"],
            "BIC": account["BIC"],
            "batch": True,
            "currency": "EUR",
        },
        schema=SCHEMA,
    )
    for transfer in transfers:
        cents = whole_cents(transfer.amount)
        if cents is None or cents <= 0:
            raise ValueError(f"amount {transfer.amount} is not a positive amount in cents")
        sepa.add_payment(
            {
                "name": _ascii_name(transfer.name),
                "IBAN": transfer.iban.replace(" ", "").upper(),
                "BIC": transfer.bic.replace(" ", "").upper(),
                "amount": cents,
                "execution_date": execution_date,
                "description": transfer.description[:140],
                "endtoend_id": transfer.end_to_end_id,
            }
        )
    return str(sepa.msg_id), sepa.export(validate=True).decode("utf-8")
