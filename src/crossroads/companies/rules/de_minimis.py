"""De minimis headroom (Reg. (EU) 2023/2831).

- Art. 3(2): the de minimis aid granted **per Member State** to a single undertaking stays at or under the ceiling
  (EUR 300,000) over any period of three years. Aid granted by Belgium and aid granted by the Netherlands count
  against two separate ceilings; the headroom for a new grant is that of the Member State granting it.
- Art. 2(2): a single undertaking is every enterprise connected by control (`single_undertaking.py`).
- Art. 3(7): new aid that would exceed the ceiling may not be granted at all (`DeMinimisVerdict.fits`).
- Art. 3(8)-(9): aid taken over on a merger or allocated on a split counts like the undertaking's own aid, with
  its original grant date and Member State (`aid_transfers.py` computes it; the verdict names it).

Readings followed (docs/rules.md):
- The window includes the day exactly three years before the reference date: from reference - 3 years up to the
  reference date, both inclusive. Of the two readings of "any period of three years" it is the one that never
  lets the aid over a three-year period exceed the ceiling (it contains every three-year period ending on the
  reference date, however the end day is counted).
- An aid without a recorded Member State was granted by its recipient's own country; without a known country
  all aid counts against one ceiling.
- The Member State that grants CrossRoads aid to a partner is the partner's own country (the Flemish or Dutch
  co-financing authority); the caller passes it as `granting_state`.

Pure Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from crossroads.programme.rules import ProgrammeRules

from .single_undertaking import single_undertaking
from .types import AidEntry, Reason, add_years

ORIGIN_OWN = "own"
ORIGIN_MERGED = "merged"
ORIGIN_SPLIT = "split"


# An aid with the Member State that granted it (`member_state`, "" = the recipient's own country) and where it
# comes from (`origin`): granted to this undertaking ("own"), taken over on a merger or acquisition ("merged",
# Art. 3(8)) or allocated on a split ("split", Art. 3(9)); `origin_source` names the undertaking it came from.
GrantedAid = AidEntry


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
    member_state: str | None = None  # the Member State whose ceiling `used` and `headroom` are for
    used_by_state: dict[str | None, Decimal] = field(default_factory=dict)
    members: tuple[int | str, ...] = ()  # the single undertaking

    def fits(self, amount: Decimal) -> bool:
        """Art. 3(7): a new aid fits only whole: at most the headroom of the granting Member State."""
        return amount <= self.headroom

    def headroom_in(self, state: str | None) -> Decimal:
        return max(Decimal("0"), self.ceiling - self.used_by_state.get(state, Decimal("0")))


def window_start(reference: dt.date, rules: ProgrammeRules) -> dt.date:
    """The first day of the three-year window ending on `reference`: exactly three years before (inclusive)."""
    return add_years(reference, -rules.de_minimis_window_years)


def release_date(granted_on: dt.date, rules: ProgrammeRules) -> dt.date:
    """The first reference date whose window no longer holds aid granted on `granted_on` (29 February included:
    the loop steps past the day the calendar clips to)."""
    candidate = add_years(granted_on, rules.de_minimis_window_years) + dt.timedelta(days=1)
    while window_start(candidate, rules) <= granted_on:
        candidate += dt.timedelta(days=1)
    return candidate


def state_of(entry: AidEntry, countries: Mapping[int | str, str], home: str | None) -> str | None:
    """The granting Member State of an aid: as recorded, else the recipient's country, else `home`."""
    return getattr(entry, "member_state", "") or countries.get(entry.enterprise) or home


def de_minimis_verdict(
    enterprise_id: int | str,
    aid: list[AidEntry],
    links: Iterable[object],
    rules: ProgrammeRules,
    *,
    reference: dt.date,
    granting_state: str | None = None,
    countries: Mapping[int | str, str] | None = None,
) -> DeMinimisVerdict:
    """The headroom of the single undertaking of `enterprise_id` for aid granted by `granting_state` (by default
    its own country from `countries`). `links` are `ControlLink`s or the size rules' `Link`s."""
    countries = countries or {}
    home = countries.get(enterprise_id)
    state = granting_state or home
    group = single_undertaking(enterprise_id, list(links))
    members = set(group)
    start = window_start(reference, rules)
    in_window = sorted(
        (a for a in aid if a.enterprise in members and start <= a.granted_on <= reference), key=lambda a: a.granted_on
    )
    by_state: dict[str | None, list[AidEntry]] = {}
    for entry in in_window:
        by_state.setdefault(state_of(entry, countries, home), []).append(entry)
    used_by_state = {key: sum((a.amount for a in entries), Decimal("0")) for key, entries in by_state.items()}
    counted = by_state.get(state, [])
    used = used_by_state.get(state, Decimal("0"))
    headroom = max(Decimal("0"), rules.de_minimis_ceiling - used)
    verdict = DeMinimisVerdict(
        start,
        reference,
        used,
        rules.de_minimis_ceiling,
        headroom,
        counted,
        member_state=state,
        used_by_state=used_by_state,
        members=tuple(group),
    )
    if counted:
        verdict.next_release = release_date(counted[0].granted_on, rules)
    verdict.reasons = _reasons(verdict, by_state, group)
    return verdict


def _reasons(verdict: DeMinimisVerdict, by_state: dict[str | None, list[AidEntry]], group: list) -> list[Reason]:
    state = verdict.member_state
    reasons = [
        Reason(
            "deminimis.headroom",
            {
                "used": verdict.used,
                "ceiling": verdict.ceiling,
                "headroom": verdict.headroom,
                "start": verdict.window_start,
                "end": verdict.window_end,
                "count": len(verdict.entries),
                "state": state or "",
            },
        )
    ]
    for other in sorted((s for s in by_state if s != state), key=lambda s: s or ""):
        entries = by_state[other]
        reasons.append(
            Reason(
                "deminimis.other_state",
                {
                    "state": other or "",
                    "granting_state": state or "",
                    "used": verdict.used_by_state[other],
                    "count": len(entries),
                },
            )
        )
    for origin, code in ((ORIGIN_MERGED, "deminimis.merged_aid"), (ORIGIN_SPLIT, "deminimis.split_aid")):
        moved = [a for a in verdict.entries if getattr(a, "origin", ORIGIN_OWN) == origin]
        if moved:
            amount = sum((a.amount for a in moved), Decimal("0"))
            reasons.append(Reason(code, {"used": amount, "count": len(moved)}))
    if len(group) > 1:
        reasons.append(Reason("deminimis.single_undertaking", {"members": len(group)}))
    if verdict.headroom <= 0:
        reasons.append(Reason("deminimis.exhausted", {"release": verdict.next_release}))
    return reasons
