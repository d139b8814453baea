"""De minimis headroom (Reg. (EU) 2023/2831): aid to a single undertaking over any period of three years
stays under the ceiling. A single undertaking includes its linked enterprises (Art. 2(2))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from crossroads.programme.rules import ProgrammeRules

from .size import linked_group
from .types import AidEntry, Link, Reason, add_years


@dataclass
class DeMinimisVerdict:
    window_start: dt.date
    window_end: dt.date
    used: Decimal
    ceiling: Decimal
    headroom: Decimal
    entries: list[AidEntry] = field(default_factory=list)
    next_release: dt.date | None = None
    reasons: list[Reason] = field(default_factory=list)

    def fits(self, amount: Decimal) -> bool:
        return amount <= self.headroom


def de_minimis_verdict(
    enterprise_id: int | str,
    aid: list[AidEntry],
    links: list[Link],
    rules: ProgrammeRules,
    *,
    reference: dt.date,
) -> DeMinimisVerdict:
    group = set(linked_group(enterprise_id, links, rules))
    start = add_years(reference, -rules.de_minimis_window_years) + dt.timedelta(days=1)
    counted = sorted(
        (a for a in aid if a.enterprise in group and start <= a.granted_on <= reference), key=lambda a: a.granted_on
    )
    used = sum((a.amount for a in counted), Decimal("0"))
    headroom = max(Decimal("0"), rules.de_minimis_ceiling - used)
    verdict = DeMinimisVerdict(start, reference, used, rules.de_minimis_ceiling, headroom, counted)
    if counted:
        # First reference date whose window no longer holds the oldest aid. Shifting by a day before and after
        # keeps this consistent with the window start for aid granted on 29 February.
        one_day = dt.timedelta(days=1)
        verdict.next_release = add_years(counted[0].granted_on - one_day, rules.de_minimis_window_years) + one_day
    verdict.reasons.append(
        Reason(
            "deminimis.headroom",
            {
                "used": used,
                "ceiling": rules.de_minimis_ceiling,
                "headroom": headroom,
                "start": start,
                "end": reference,
                "count": len(counted),
            },
        )
    )
    if len(group) > 1:
        verdict.reasons.append(Reason("deminimis.single_undertaking", {"members": len(group)}))
    if headroom <= 0:
        verdict.reasons.append(Reason("deminimis.exhausted", {"release": verdict.next_release}))
    return verdict
