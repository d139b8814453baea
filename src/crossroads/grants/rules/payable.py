"""What a partner is paid: the grant rate of its accepted eligible costs, never above what is left of its grant,
exact to the cent; and at the end the settlement that pays the balance or recovers an overpayment.

Pure: no Django. Amounts are Decimal euros with cents; every product is rounded half-up to the cent once
(`core.money.fraction_to_money`) and every sum is made of whole cents, so the totals reconcile exactly.

- Interim payment of a verified claim = min(rate x accepted costs of the claim, remaining grant), where the
  remaining grant = grant - everything already paid or committed to the partner (an advance included) + what it
  has repaid.
- Final settlement: due = min(grant, rate x every accepted cost of the project); balance = due - paid. A positive
  balance is paid (final payment), a negative one is recovered (an advance larger than what was earned).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from crossroads.core.money import fraction_to_money, to_money

ZERO = Decimal("0.00")


class PayableError(ValueError):
    """Bad input to the arithmetic (a negative amount, a rate outside 0..1): a bug in the caller, never user input."""


def _amount(value: Decimal, name: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise PayableError(f"{name} must be a finite, non-negative Decimal, not {value!r}")
    return to_money(value)


def _rate(rate: Decimal) -> Fraction:
    if not isinstance(rate, Decimal) or not rate.is_finite() or not (0 <= rate <= 1):
        raise PayableError(f"rate must be a Decimal between 0 and 1, not {rate!r}")
    return Fraction(rate)


def earned(rate: Decimal, accepted: Decimal) -> Decimal:
    """rate x accepted costs, half-up to the cent."""
    return fraction_to_money(_rate(rate) * Fraction(_amount(accepted, "accepted")))


def remaining_grant(grant: Decimal, committed: Decimal) -> Decimal:
    """What is left of a grant after what was paid or committed (never below zero)."""
    return max(_amount(grant, "grant") - _amount(committed, "committed"), ZERO)


@dataclass(frozen=True)
class Payable:
    amount: Decimal  # what is proposed
    earned: Decimal  # rate x accepted costs of the claim
    accepted: Decimal
    rate: Decimal
    remaining: Decimal  # what was left of the grant before this payment
    capped: bool  # the remaining grant limited the amount


def claim_payable(*, rate: Decimal, accepted: Decimal, grant: Decimal, committed: Decimal) -> Payable:
    """The payment of one verified claim."""
    value = earned(rate, accepted)
    remaining = remaining_grant(grant, committed)
    amount = min(value, remaining)
    return Payable(
        amount=amount,
        earned=value,
        accepted=to_money(accepted),
        rate=rate,
        remaining=remaining,
        capped=amount < value,
    )


def advance_amount(*, share: Decimal, grant: Decimal) -> Decimal:
    """The advance: share x the partner's grant, half-up to the cent (never above the grant)."""
    return min(earned(share, grant), _amount(grant, "grant"))


@dataclass(frozen=True)
class Settlement:
    grant: Decimal
    earned: Decimal  # rate x all accepted costs
    due: Decimal  # min(grant, earned)
    paid: Decimal  # net paid and committed before the settlement
    balance: Decimal  # due - paid, > 0: to pay
    recovery: Decimal  # paid - due, > 0: to recover
    released: Decimal  # grant - due: what the programme keeps


def settle(*, rate: Decimal, accepted_total: Decimal, grant: Decimal, paid: Decimal) -> Settlement:
    value = earned(rate, accepted_total)
    grant = _amount(grant, "grant")
    paid = _amount(paid, "paid")
    due = min(grant, value)
    return Settlement(
        grant=grant,
        earned=value,
        due=due,
        paid=paid,
        balance=max(due - paid, ZERO),
        recovery=max(paid - due, ZERO),
        released=grant - due,
    )


def total(amounts: Iterable[Decimal]) -> Decimal:
    """A sum in whole cents (each amount rounded to the cent first, as stored)."""
    return sum((to_money(a) for a in amounts), ZERO)
