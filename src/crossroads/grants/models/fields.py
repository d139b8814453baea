"""Column helpers of the follow-up: amounts in euro with cents."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' name for a lazy translation


def money(verbose: str | _StrPromise, *, default: str | None = "0", null: bool = False) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=14,
        decimal_places=2,
        default=Decimal(default) if default is not None else None,
        null=null,
        blank=null,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1e11"))],
    )
