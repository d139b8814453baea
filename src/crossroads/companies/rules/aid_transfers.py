"""De minimis aid on mergers, acquisitions and splits (Reg. (EU) 2023/2831 Art. 3(8)-(9)).

- Art. 3(8): on a merger or acquisition, all prior de minimis aid of any of the merging undertakings counts when
  checking new aid to the new or acquiring undertaking; aid lawfully granted before stays lawful.
- Art. 3(9): on a split, prior aid goes to the undertaking that benefited from it (in principle the one taking
  over the activities it was used for); where that cannot be said, it is shared in proportion to the book value
  of the new undertakings' equity at the effective date of the split.

The aid keeps its original grant date and granting Member State: it leaves the three-year window when the
original grant does. Amounts are shared to the cent (half-up) and the shares add up exactly to the original
amount: the rounding remainder goes to the undertaking with the largest equity (first in the given order on a
tie). Pure Python: no Django imports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal

from crossroads.core.money import to_money

from .types import AidEntry

MERGED = "merged"
SPLIT = "split"


def merged_aid(acquirer: int | str, aid_of_merged: list[AidEntry]) -> list[AidEntry]:
    """Art. 3(8): the aid of the merging or acquired undertakings, re-attributed in full to `acquirer`."""
    return [_moved(entry, acquirer, entry.amount, MERGED) for entry in aid_of_merged]


def split_aid(
    aid: list[AidEntry],
    equity: Mapping[int | str, Decimal],
    benefited: Mapping[int, int | str] | None = None,
) -> list[AidEntry]:
    """Art. 3(9): each aid of the undertaking that split goes to the new undertaking that benefited from it
    (`benefited`: index of the aid in `aid` -> new undertaking), else pro rata to the book value of the new
    undertakings' `equity` at the effective date of the split.

    An aid without a beneficiary cannot be shared when the equity does not add up to a positive amount (for
    instance all negative): it then goes in full to every new undertaking, the reading that never lets aid
    exceed the ceiling."""
    benefited = benefited or {}
    result: list[AidEntry] = []
    for index, entry in enumerate(aid):
        if index in benefited:
            result.append(_moved(entry, benefited[index], entry.amount, SPLIT))
            continue
        result.extend(_moved(entry, who, amount, SPLIT) for who, amount in pro_rata(entry.amount, equity).items())
    return result


def pro_rata(amount: Decimal, equity: Mapping[int | str, Decimal]) -> dict[int | str, Decimal]:
    """`amount` shared in proportion to positive `equity`, to the cent, adding up exactly (see module doc).
    Undertakings with zero or negative equity get nothing; if none is positive, each gets the full amount."""
    positive = {who: value for who, value in equity.items() if value > 0}
    if not positive:
        return {who: amount for who in equity}
    total = sum(positive.values(), Decimal("0"))
    shares = {who: to_money(amount * value / total) for who, value in positive.items()}
    largest = max(positive, key=lambda who: positive[who])
    shares[largest] += amount - sum(shares.values(), Decimal("0"))
    return {who: shares.get(who, Decimal("0")) for who in equity}


def _moved(entry: AidEntry, to: int | str, amount: Decimal, origin: str) -> AidEntry:
    return dataclasses.replace(entry, enterprise=to, amount=amount, origin=origin)
