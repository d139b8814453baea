"""Scaling the partners' grant shares to another project total (a reduced grant), exact to the cent."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from crossroads.core.money import to_money  # pure: core.money imports no Django


def scale_shares(shares: dict[str, Decimal], total: Decimal) -> dict[str, Decimal]:
    """Each partner gets the same proportion of `total` as of the original shares, rounded half-up to the cent;
    the rounding remainder goes to the largest share (ties: the first given). Never above the original share, so
    no partner exceeds the rate of its own costs. The result sums to `total` exactly."""
    original = sum(shares.values(), Decimal("0"))
    if total < 0 or total > original:
        raise ValueError("total must lie between 0 and the sum of the shares")
    if original == 0:
        return dict.fromkeys(shares, Decimal("0.00"))
    ratio = Fraction(total) / Fraction(original)
    out = {k: _cents(Fraction(v) * ratio) for k, v in shares.items()}
    remainder = to_money(total) - sum(out.values(), Decimal("0"))
    for key in sorted(shares, key=lambda k: -shares[k]):
        if remainder == 0:
            break
        room = shares[key] - out[key] if remainder > 0 else out[key]
        step = min(abs(remainder), room)
        out[key] += step if remainder > 0 else -step
        remainder -= step if remainder > 0 else -step
    return out


def _cents(value: Fraction) -> Decimal:
    return to_money(Decimal(value.numerator) / Decimal(value.denominator))
