"""A frozen ranking's entry as a typed record, and its stored JSON form, in one place. Pure: no Django imports.

`Ranking.entries` (JSON) holds one dict per application with string amounts ("35000.00"); rows stored by earlier
versions may lack a key, which then reads as empty (None, or 0 for an amount).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crossroads.core.money import as_decimal, to_money

from .ranking import FUNDED, REDUCED, RESERVE, RankedEntry

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FrozenEntry:
    application: int
    status: str
    rank: int | None
    weighted_score: Decimal | None
    requested: Decimal
    granted: Decimal
    reserve_position: int | None
    reasons: tuple[str, ...] = ()

    @property
    def funded(self) -> bool:
        """Above the funding line (in full or reduced): approvals are possible."""
        return self.status in (FUNDED, REDUCED)

    @property
    def on_reserve(self) -> bool:
        return self.status == RESERVE

    @classmethod
    def of(cls, entry: RankedEntry) -> FrozenEntry:
        return cls(
            application=int(entry.id),
            status=entry.status,
            rank=entry.rank,
            weighted_score=entry.weighted_score,
            requested=entry.requested,
            granted=entry.granted,
            reserve_position=entry.reserve_position,
            reasons=tuple(entry.reasons),
        )

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> FrozenEntry:
        return cls(
            application=int(row["application"]),
            status=str(row.get("status", "")),
            rank=row.get("rank"),
            weighted_score=as_decimal(row.get("weighted_score")),
            requested=to_money(as_decimal(row.get("requested")) or ZERO),
            granted=to_money(as_decimal(row.get("granted")) or ZERO),
            reserve_position=row.get("reserve_position"),
            reasons=tuple(row.get("reasons") or ()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "application": self.application,
            "status": self.status,
            "rank": self.rank,
            "weighted_score": str(self.weighted_score) if self.weighted_score is not None else None,
            "requested": str(self.requested),
            "granted": str(self.granted),
            "reserve_position": self.reserve_position,
            "reasons": list(self.reasons),
        }


def entries_to_json(entries: Iterable[FrozenEntry]) -> list[dict[str, Any]]:
    return [e.to_json() for e in entries]


def entries_from_json(rows: Iterable[Mapping[str, Any]]) -> list[FrozenEntry]:
    return [FrozenEntry.from_json(row) for row in rows]
