"""The 'single undertaking' of the de minimis regulation (Reg. (EU) 2023/2831 Art. 2(2)), by control.

Art. 2(2) makes one single undertaking of all enterprises with at least one of these relationships:
(a) one holds a majority of the shareholders' or members' voting rights in another;
(b) one may appoint or remove a majority of the members of another's administrative, management or
    supervisory body;
(c) one may exercise a dominant influence over another by a contract or a clause of its statutes;
(d) one, a shareholder or member of another, controls alone a majority of the voting rights of that other by an
    agreement with the other shareholders or members;
and, last subparagraph, enterprises having any of these relationships through one or more other enterprises.

Readings followed (docs/rules.md):
- (a) counts voting rights, not capital: the capital share stands in for the voting share only when the voting
  share was not recorded (the registry says "leave empty when equal to the share of capital").
- Voting rights held by a holder and by the enterprises it already controls add up ("through one or more other
  enterprises"); holders marked as acting jointly (the same label, e.g. a family) count as one holder.
- Control through a natural person (or a public body) joins the enterprises it controls. The regulation speaks of
  enterprises; the Court treats a person who controls and runs enterprises as part of the economic unit. The
  platform takes the reading that never lets aid exceed the ceiling, and an adviser can leave out a link
  where the controlling person or body takes no part in running the enterprises.
- Unlike the SME definition, there is no 25 %-50 % partner level and no same-market condition: a stake without
  control does not count at all.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

MAJORITY_ABOVE = Decimal("50")

# The point of Art. 2(2) that makes a relationship, in the order they are checked.
POINT_A = "a"  # majority of voting rights
POINT_B = "b"  # appoints or removes the majority of the board
POINT_C = "c"  # dominant influence by contract or statutes
POINT_D = "d"  # majority of voting rights by agreement with other shareholders


@dataclass(frozen=True)
class ControlLink:
    """`holder` holds a stake in `held`: its capital and voting shares (per cent) and the control flags of
    Art. 2(2)(b)-(d). `acting_jointly` labels holders that act together (the same label = one holder)."""

    holder: int | str
    held: int | str
    capital_percent: Decimal = Decimal("0")
    voting_percent: Decimal | None = None
    board_majority: bool = False
    dominant_influence: bool = False
    votes_by_agreement: bool = False
    acting_jointly: str = ""

    @property
    def votes(self) -> Decimal:
        return self.capital_percent if self.voting_percent is None else self.voting_percent


@dataclass(frozen=True)
class Control:
    """`controller` controls `controlled` under Art. 2(2) point `point` ("a".."d")."""

    controller: int | str
    controlled: int | str
    point: str


def as_control_link(link: object) -> ControlLink:
    """A `ControlLink` from a `ControlLink` or from the rules' `Link` (owner, owned, percent, voting_percent,
    control, board_majority, votes_by_agreement, acting_jointly)."""
    if isinstance(link, ControlLink):
        return link
    return ControlLink(
        holder=link.owner,  # type: ignore[attr-defined]
        held=link.owned,  # type: ignore[attr-defined]
        capital_percent=link.percent,  # type: ignore[attr-defined]
        voting_percent=getattr(link, "voting_percent", None),
        dominant_influence=bool(getattr(link, "control", False)),
        board_majority=bool(getattr(link, "board_majority", False)),
        votes_by_agreement=bool(getattr(link, "votes_by_agreement", False)),
        acting_jointly=getattr(link, "acting_jointly", "") or "",
    )


def _direct_point(link: ControlLink) -> str | None:
    if link.votes > MAJORITY_ABOVE:
        return POINT_A
    if link.board_majority:
        return POINT_B
    if link.dominant_influence:
        return POINT_C
    if link.votes_by_agreement:
        return POINT_D
    return None


def _holder_key(link: ControlLink) -> int | str:
    return f"jointly:{link.acting_jointly}" if link.acting_jointly else link.holder


def controls(links: Iterable[object]) -> list[Control]:
    """Every control relationship of Art. 2(2)(a)-(d), direct or through controlled enterprises.

    Voting rights of a holder (or of holders acting jointly) and of the enterprises it controls are added per held
    enterprise until nothing changes; a group acting jointly controls through each of its members."""
    stakes = [as_control_link(link) for link in links]
    found: dict[tuple[int | str, int | str], str] = {}
    members: dict[int | str, set[int | str]] = {}
    for link in stakes:
        members.setdefault(_holder_key(link), set()).add(link.holder)
        point = _direct_point(link)
        if point:
            found.setdefault((_holder_key(link), link.held), point)
    changed = True
    while changed:
        changed = False
        for key, own in members.items():
            reach = _controlled_by(key, own, found)
            votes: dict[int | str, Decimal] = {}
            for link in stakes:
                if link.holder in reach:
                    votes[link.held] = votes.get(link.held, Decimal("0")) + link.votes
            for held, total in votes.items():
                if total > MAJORITY_ABOVE and (key, held) not in found and held not in own:
                    found[(key, held)] = POINT_A
                    changed = True
    result = []
    for (key, held), point in found.items():
        for controller in sorted(members.get(key, {key}), key=str):
            result.append(Control(controller, held, point))
    return result


def _controlled_by(
    key: int | str, own: set[int | str], found: dict[tuple[int | str, int | str], str]
) -> set[int | str]:
    """The holders `own` and everything they control, directly or through chains."""
    reach = set(own)
    todo = [held for (k, held) in found if k == key]
    while todo:
        node = todo.pop()
        if node in reach:
            continue
        reach.add(node)
        todo.extend(held for (k, held) in found if k == node)
    return reach


def single_undertaking(start: int | str, links: Iterable[object]) -> list[int | str]:
    """`start` and every enterprise (or person) connected to it by control, in either direction, through chains:
    the single undertaking whose aid counts together. `start` comes first."""
    neighbours: dict[int | str, set[int | str]] = {}
    for control in controls(links):
        neighbours.setdefault(control.controller, set()).add(control.controlled)
        neighbours.setdefault(control.controlled, set()).add(control.controller)
    group, todo = [start], [start]
    while todo:
        for other in sorted(neighbours.get(todo.pop(), ()), key=str):
            if other not in group:
                group.append(other)
                todo.append(other)
    return group
