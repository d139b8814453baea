"""Size class and SME status per EU Recommendation 2003/361/EC (Annex, Articles 2-6; GBER Annex I).

- Art. 2: a class holds when staff < ceiling AND (turnover <= ceiling OR balance-sheet total <= ceiling).
- Art. 3(2)-(3): a stake counts "solely or jointly with one or more linked enterprises": the stakes of holders
  that are linked to each other (or that act jointly, same label) in one enterprise add up; the higher of the
  shares of capital and of voting rights counts. > 50 % or control by board appointment, contract/statutes or
  agreement (Art. 3(3)(a)-(d)) links; 25 % - 50 % makes a partner.
- Art. 3(2) second subparagraph: the exempt investors at 25 % - 50 % are not partners, unless linked.
- Art. 3(3) last subparagraph: enterprises controlled by the same natural person or group of persons acting jointly
  are linked when they are on the same or adjacent markets (declared on the holding, else by NACE group).
- Art. 3(4): 25 % or more held, directly or indirectly, jointly or individually, by public bodies -> not an SME.
- Art. 3 + 6: data of linked enterprises are added in full, data of partner enterprises pro rata to the stake;
  a partner's data include its own linked enterprises, and partners of linked enterprises are added pro rata as
  well (Art. 6(3) and 6(4)). Persons and public bodies are holders, never consolidated.
- Art. 4(1)-(2): each reference year is consolidated with the holdings held at its end; crossing a ceiling changes
  the class only when it happens in two consecutive financial years (actual calendar years, checked). A change of
  ownership since the last closed year that makes the enterprise larger applies at once (reading: the user guide).
- Art. 4(3): a new enterprise without closed accounts uses its attested good-faith estimate.
- A related enterprise without figures makes the verdict "figures needed": never counted as zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import cast, overload

from crossroads.programme.rules import ProgrammeRules, SizeThresholds

from .types import Enterprise, Link, Reason, YearFigures, links_on

SIZE_ORDER = ("micro", "small", "medium", "large")
HUNDRED = Decimal("100")
ZERO = Decimal("0")

# Art. 3(2) second subparagraph (legal numbers of the Recommendation, not programme parameters).
BUSINESS_ANGEL_INVESTMENT_BELOW = Decimal("1250000")
LOCAL_AUTHORITY_BUDGET_BELOW = Decimal("10000000")
LOCAL_AUTHORITY_INHABITANTS_BELOW = 5000
# Art. 3(4): share held by public bodies from which an enterprise is not an SME.
PUBLIC_BODIES_SHARE_MIN = Decimal("25")


@dataclass(frozen=True)
class ConsolidationLine:
    enterprise_id: int | str
    name: str
    relation: str  # "self", "linked" or "partner"
    share: Decimal  # percentage of the data that is added
    year: int | None
    staff: Decimal
    turnover: Decimal
    balance_total: Decimal


@dataclass(frozen=True)
class Consolidated:
    year: int
    lines: tuple[ConsolidationLine, ...]
    staff: Decimal
    turnover: Decimal
    balance_total: Decimal
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearSize:
    year: int
    figures: Consolidated
    raw_class: str
    effective_class: str


@dataclass
class SizeVerdict:
    size_class: str | None  # None when there are no figures at all, or figures of a related enterprise are missing
    is_sme: bool | None
    years: list[YearSize] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    figures_needed: tuple[str, ...] = ()  # related enterprises whose figures are needed before a verdict


# --- relations between enterprises ----------------------------------------------------------------------------


def relation_of(link: Link, rules: ProgrammeRules) -> str | None:
    """The relation one holding makes on its own (without joint stakes): "linked", "partner" or None."""
    if link.controls or link.share > rules.linked_holding_above:
        return "linked"
    if link.share >= rules.partner_holding_min:
        return "partner"
    return None


def _neighbours(node: int | str, links: Iterable[Link]) -> Iterable[tuple[int | str, Link]]:
    for link in links:
        if link.owner == node:
            yield link.owned, link
        elif link.owned == node:
            yield link.owner, link


def _kind(enterprises: dict | None, node: int | str) -> str:
    enterprise = (enterprises or {}).get(node)
    return enterprise.kind if enterprise is not None else "enterprise"


@dataclass(frozen=True)
class Block:
    """Holders that hold one enterprise together: linked to each other, or acting jointly (Art. 3(2)-(3))."""

    held: int | str
    holders: tuple[int | str, ...]
    share: Decimal
    controls: bool


@dataclass
class Relations:
    """The linked groups (a union-find over enterprises) and the partner stakes, for one set of holdings."""

    parent: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)  # (holder root, held root) -> share
    notes: list[tuple[frozenset, Reason]] = field(default_factory=list)  # reasons with the enterprises they touch

    def root(self, node: int | str) -> int | str:
        path = []
        while self.parent.get(node, node) != node:
            path.append(node)
            node = self.parent[node]
        for step in path:
            self.parent[step] = node
        return node

    def union(self, a: int | str, b: int | str) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return False
        low, high = sorted((ra, rb), key=str)  # deterministic whatever the order of the holdings
        self.parent[high] = low
        return True

    def group(self, node: int | str, nodes: Iterable[int | str]) -> list[int | str]:
        root = self.root(node)
        return [node, *sorted((n for n in set(nodes) if n != node and self.root(n) == root), key=str)]


def _distinct(links: list[Link]) -> list[Link]:
    """One holding per holder and held enterprise: listed twice, the greater share and any control right."""
    merged: dict[tuple, Link] = {}
    for link in links:
        key = (link.owner, link.owned)
        if link.owner == link.owned:
            continue
        previous = merged.get(key)
        if previous is None:
            merged[key] = link
            continue
        best = link if link.share > previous.share else previous
        if (link.controls or previous.controls) and not best.controls:
            best = replace(best, control=True)
        merged[key] = best
    return [merged[key] for key in sorted(merged, key=str)]


def _blocks(held: int | str, incoming: list[Link], rel: Relations) -> list[Block]:
    """Holders of `held` grouped: holders linked to each other, or with the same acting-jointly label."""
    groups: dict[tuple, list[Link]] = {}
    for link in incoming:
        key = ("joint", link.acting_jointly) if link.acting_jointly else ("group", rel.root(link.owner))
        groups.setdefault(key, []).append(link)
    return [
        Block(
            held,
            tuple(sorted((link.owner for link in members), key=str)),
            sum((link.share for link in members), ZERO),
            any(link.controls for link in members),
        )
        for _key, members in sorted(groups.items(), key=str)
    ]


def _within_limits(enterprise: Enterprise) -> bool:
    """An autonomous local authority counts only with a budget under EUR 10M and under 5,000 inhabitants."""
    if enterprise.investor_type != "local_authority":
        return True
    budget, inhabitants = enterprise.authority_budget, enterprise.authority_inhabitants
    return (
        budget is not None
        and budget < LOCAL_AUTHORITY_BUDGET_BELOW
        and inhabitants is not None
        and inhabitants < LOCAL_AUTHORITY_INHABITANTS_BELOW
    )


def _block_exempt(block: Block, incoming: list[Link], enterprises: dict | None) -> bool:
    """Art. 3(2) second subparagraph: every holder of the block is one of the listed investors within its limits;
    business angels only while their total investment in the enterprise is below EUR 1.25M (together)."""
    holders = [(enterprises or {}).get(h) for h in block.holders]
    if any(h is None or not h.investor_type or not _within_limits(h) for h in holders):
        return False
    angels = {h.id for h in holders if h is not None and h.investor_type == "business_angel"}
    invested = [link.invested for link in incoming if link.owner in angels]
    if any(amount is None for amount in invested):
        return False
    return sum(cast(list[Decimal], invested), ZERO) < BUSINESS_ANGEL_INVESTMENT_BELOW  # no None: returned above


def _apply_block(block: Block, incoming: list[Link], enterprises: dict | None, rel: Relations, rules) -> bool:
    """Record what the block makes of the held enterprise; True when a new link between enterprises appeared."""
    companies = [h for h in block.holders if _kind(enterprises, h) == "enterprise"]
    if block.controls or block.share > rules.linked_holding_above:
        changed = False
        for holder in companies:
            changed = rel.union(holder, block.held) or changed
        return changed
    if block.share < rules.partner_holding_min or not companies:
        return False
    if _block_exempt(block, incoming, enterprises):
        rel.notes.append(
            (
                frozenset({*companies, block.held}),
                Reason("size.exempt_investor", {"holders": block.holders, "share": block.share}),
            )
        )
        return False
    for holder in companies:
        key = (rel.root(holder), rel.root(block.held))
        if key[0] != key[1]:
            rel.partners[key] = max(rel.partners.get(key, ZERO), block.share)
    return False


def _controlled_by_persons(links: list[Link], enterprises: dict | None, rules) -> dict[tuple, dict]:
    """Per natural person (or group acting jointly): the enterprises it controls, with the controlling holdings."""
    controllers: dict[tuple, dict] = {}
    by_held: dict = {}
    for link in links:
        if _kind(enterprises, link.owner) == "natural_person":
            by_held.setdefault(link.owned, []).append(link)
    for held, incoming in by_held.items():
        jointly: dict[str, list[Link]] = {}
        for link in incoming:
            if link.controls or link.share > rules.linked_holding_above:
                controllers.setdefault(("person", link.owner), {})[held] = [link]
            if link.acting_jointly:
                jointly.setdefault(link.acting_jointly, []).append(link)
        for label, members in jointly.items():
            if any(m.controls for m in members) or sum((m.share for m in members), ZERO) > rules.linked_holding_above:
                controllers.setdefault(("joint", label), {})[held] = members
    # A group acting jointly also controls what any of its members controls alone.
    for link in links:
        if link.acting_jointly and ("person", link.owner) in controllers:
            controllers.setdefault(("joint", link.acting_jointly), {}).update(controllers[("person", link.owner)])
    return controllers


def _nace_groups(enterprise: Enterprise | None) -> set[str]:
    if enterprise is None:
        return set()
    return {"".join(ch for ch in code if ch.isdigit())[:3] for code in enterprise.nace if code}


def same_or_adjacent_market(a: Enterprise | None, b: Enterprise | None, holdings: list[Link]) -> tuple[bool, str]:
    """Art. 3(3) last subparagraph: (answer, basis). A declaration on a holding decides; else a shared NACE group
    (3 digits); an enterprise without NACE codes is taken to be on the same market (the reading that never lets an
    enterprise pass as smaller than it may be)."""
    declared = {link.market for link in holdings if link.market}
    if "other" in declared:
        return False, "declared"
    if "same" in declared:
        return True, "declared"
    groups_a, groups_b = _nace_groups(a), _nace_groups(b)
    if not groups_a or not groups_b:
        return True, "assumed"
    return bool(groups_a & groups_b), "nace"


def _link_through_persons(links: list[Link], enterprises: dict | None, rel: Relations, rules) -> bool:
    changed = False
    for key, held in _controlled_by_persons(links, enterprises, rules).items():
        names = sorted(held, key=str)
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                a, b = (enterprises or {}).get(first), (enterprises or {}).get(second)
                same, basis = same_or_adjacent_market(a, b, held[first] + held[second])
                person = key[1] if key[0] == "joint" else getattr((enterprises or {}).get(key[1]), "name", key[1])
                code = "size.linked_through_person" if same else "size.not_linked_other_market"
                rel.notes.append((frozenset({first, second}), Reason(code, {"person": person, "basis": basis})))
                if same:
                    changed = rel.union(first, second) or changed
    return changed


def relations(links: list[Link], rules: ProgrammeRules, enterprises: dict | None = None) -> Relations:
    """Linked groups and partner stakes of these holdings, joint stakes included (Art. 3(2)-(3))."""
    links = _distinct(links)
    by_held: dict = {}
    for link in links:
        by_held.setdefault(link.owned, []).append(link)
    rel = Relations()
    nodes = {n for link in links for n in (link.owner, link.owned)}
    for _round in range(len(nodes) + 1):  # each round that changes something joins two groups: bounded
        rel.partners, rel.notes = {}, []
        changed = False
        for held in sorted(by_held, key=str):
            if _kind(enterprises, held) != "enterprise":
                continue
            incoming = by_held[held]
            for block in _blocks(held, incoming, rel):
                changed = _apply_block(block, incoming, enterprises, rel, rules) or changed
        changed = _link_through_persons(links, enterprises, rel, rules) or changed
        if not changed:
            break
    return rel


def linked_group(
    start: int | str, links: list[Link], rules: ProgrammeRules, enterprises: dict | None = None
) -> list[int | str]:
    """The enterprise and everything linked to it, directly, jointly or through a chain of linked enterprises.
    Pass `enterprises` so that persons and public bodies are known as such (else every holder is an enterprise)."""
    rel = relations(links, rules, enterprises)
    nodes = {n for link in links for n in (link.owner, link.owned) if _kind(enterprises, n) == "enterprise"}
    return rel.group(start, nodes)


# --- Art. 3(4): public bodies ----------------------------------------------------------------------------------


def public_share(
    enterprise_id: int | str, enterprises: dict, links: list[Link], rules: ProgrammeRules
) -> tuple[Decimal, tuple[str, ...]]:
    """Art. 3(4): the share of capital or voting rights held, directly or indirectly, jointly or individually, by
    public bodies (not counting exempt investors at 25-50 % that do not control). "Indirectly": through an
    enterprise that public bodies control (> 50 % together, or a control right); its whole stake counts."""
    links = _distinct(links)
    memo: dict = {}

    def public_controlled(node, seen: frozenset) -> bool:
        if node in memo:
            return memo[node]
        if _kind(enterprises, node) == "public_body":
            return True
        if node in seen:
            return False
        share, _names = held_by_public(node, seen | {node})
        controls = any(
            link.controls and public_controlled(link.owner, seen | {node}) for link in links if link.owned == node
        )
        memo[node] = controls or share > rules.linked_holding_above
        return memo[node]

    def held_by_public(node, seen: frozenset) -> tuple[Decimal, list[str]]:
        total, names = ZERO, []
        for link in links:
            if link.owned != node or not public_controlled(link.owner, seen):
                continue
            holder = enterprises.get(link.owner)
            exempt = holder is not None and holder.investor_type and _within_limits(holder) and not link.controls
            if exempt and link.share <= rules.linked_holding_above:
                continue
            total += link.share
            names.append(getattr(holder, "name", str(link.owner)))
        return total, names

    share, names = held_by_public(enterprise_id, frozenset({enterprise_id}))
    return share, tuple(sorted(names))


# --- consolidation -----------------------------------------------------------------------------------------------


def _line(enterprise: Enterprise, relation: str, share: Decimal, year: int) -> tuple[ConsolidationLine, bool]:
    figures = enterprise.figures_for(year)
    estimate = enterprise.estimate()
    if figures is None and estimate is not None and estimate.year <= year:
        figures = estimate  # a new enterprise's attested good-faith estimate (Art. 4(3))
    factor = share / HUNDRED
    if figures is None:
        return ConsolidationLine(enterprise.id, enterprise.name, relation, share, None, ZERO, ZERO, ZERO), False
    return (
        ConsolidationLine(
            enterprise.id,
            enterprise.name,
            relation,
            share,
            figures.year,
            figures.headcount * factor,
            figures.turnover * factor,
            figures.balance_total * factor,
        ),
        True,
    )


def _shares(enterprise_id, enterprises: dict, links: list[Link], rules) -> tuple[dict, Relations]:
    rel = relations(links, rules, enterprises)
    nodes = [n for n in enterprises if _kind(enterprises, n) == "enterprise"]
    group = rel.group(enterprise_id, nodes)
    own_root = rel.root(enterprise_id)
    shares: dict[int | str, tuple[str, Decimal]] = {
        member: ("self" if member == enterprise_id else "linked", HUNDRED) for member in group
    }
    # Partners immediately up- or downstream of any group member, pro rata; each counted once, with the largest
    # stake (cross-holdings: the greater, Art. 6(3)). A partner's own linked enterprises come in at the same rate.
    for (holder_root, held_root), share in sorted(rel.partners.items(), key=str):
        if own_root not in (holder_root, held_root):
            continue
        other_root = held_root if holder_root == own_root else holder_root
        for member in sorted(nodes, key=str):
            if rel.root(member) != other_root:
                continue
            previous = shares.get(member)
            if previous is None or (previous[0] == "partner" and previous[1] < share):
                shares[member] = ("partner", share)
    return shares, rel


def consolidate(
    enterprise_id: int | str, year: int, enterprises: dict, links: list[Link], rules: ProgrammeRules
) -> Consolidated:
    """Headcount and financial data of the enterprise with its linked and partner enterprises for `year`, with the
    holdings given (the caller picks those of the year). A member without figures is listed in `missing` (its line
    is zero; the verdict then says "figures needed")."""
    shares, _rel = _shares(enterprise_id, enterprises, links, rules)
    lines, missing = [], []
    for member_id, (relation, share) in shares.items():
        line, found = _line(enterprises[member_id], relation, share, year)
        lines.append(line)
        if not found:
            missing.append(enterprises[member_id].name)
    return Consolidated(
        year=year,
        lines=tuple(lines),
        staff=sum((line.staff for line in lines), ZERO),
        turnover=sum((line.turnover for line in lines), ZERO),
        balance_total=sum((line.balance_total for line in lines), ZERO),
        missing=tuple(missing),
    )


def _fits(figures: Consolidated, ceiling: SizeThresholds) -> bool:
    return figures.staff < ceiling.staff_below and (
        figures.turnover <= ceiling.turnover_max or figures.balance_total <= ceiling.balance_max
    )


def raw_size_class(figures: Consolidated, rules: ProgrammeRules) -> str:
    for name, ceiling in (("micro", rules.micro), ("small", rules.small), ("medium", rules.medium)):
        if _fits(figures, ceiling):
            return name
    return "large"


def effective_classes(
    raw: list[str], years_needed: int, years: list[int] | None = None, changed: list[bool] | None = None
) -> list[str]:
    """Apply Art. 4(2): the class moves only when the last `years_needed` years all lie on the same side.

    It then moves to the class nearest to the old one among those years (a company that was micro and is
    small, then medium, becomes small, not medium). With `years`, the window must be consecutive calendar years
    (2021 and 2023 are not two consecutive years): a gap keeps the class. A year whose holdings `changed` (an
    acquisition, a sale, a new partner) takes its own class at once: the two-year rule protects against swings in
    the enterprise's figures, not against a change of ownership (reading followed, see docs/rules.md).
    """
    effective: list[str] = []
    for index, current in enumerate(raw):
        if index == 0 or (changed is not None and changed[index]):
            effective.append(current)
            continue
        previous = SIZE_ORDER.index(effective[-1])
        start = max(0, index - years_needed + 1)
        window = [SIZE_ORDER.index(c) for c in raw[start : index + 1]]
        consecutive = years is None or all(years[i] == years[index] - (index - i) for i in range(start, index + 1))
        if len(window) >= years_needed and consecutive and all(w > previous for w in window):
            effective.append(SIZE_ORDER[min(window)])
        elif len(window) >= years_needed and consecutive and all(w < previous for w in window):
            effective.append(SIZE_ORDER[max(window)])
        else:
            effective.append(effective[-1])
    return effective


def _relations_of(figures: Consolidated) -> set[tuple]:
    return {(line.enterprise_id, line.relation, line.share) for line in figures.lines}


@overload
def _year_end(year: int, reference: dt.date) -> dt.date: ...
@overload
def _year_end(year: int, reference: None) -> None: ...
def _year_end(year: int, reference: dt.date | None) -> dt.date | None:
    if reference is None:
        return None
    return min(dt.date(year, 12, 31), reference)


def _history(enterprise: Enterprise) -> tuple[list[YearFigures], list[Reason]]:
    """The reference years: closed accounts, else an attested good-faith estimate (Art. 4(3))."""
    closed = enterprise.closed_years()
    if closed:
        return closed, []
    estimate = enterprise.estimate()
    if estimate is not None:
        return [estimate], [Reason("size.estimate_used", {"year": estimate.year, "attested_on": estimate.attested_on})]
    if any(y.is_estimate for y in enterprise.years):
        return [], [Reason("size.estimate_not_attested")]
    return [], []


def size_verdict(
    enterprise_id: int | str,
    enterprises: dict,
    links: list[Link],
    rules: ProgrammeRules,
    *,
    reference: dt.date | None = None,
) -> SizeVerdict:
    """The SME verdict. Without `reference` the links are taken as they are for every year; with it, each reference
    year uses the holdings held at its end (or on `reference`, if earlier) and today's holdings are checked too."""
    enterprise: Enterprise = enterprises[enterprise_id]
    current = links_on(links, reference) if reference is not None else links
    public, public_names = public_share(enterprise_id, enterprises, current, rules)
    public_reason = (
        Reason("size.public_bodies", {"share": public, "names": ", ".join(public_names)})
        if public >= PUBLIC_BODIES_SHARE_MIN
        else None
    )
    figures, history_reasons = _history(enterprise)
    if not figures:
        if public_reason is not None:
            return SizeVerdict("large", False, reasons=[public_reason])
        return SizeVerdict(None, None, reasons=[Reason("size.no_figures"), *history_reasons])
    years = [f.year for f in figures]
    year_links = [links_on(links, _year_end(y, reference)) if reference is not None else links for y in years]
    consolidated = [
        consolidate(enterprise_id, y, enterprises, ls, rules) for y, ls in zip(years, year_links, strict=True)
    ]
    raw = [raw_size_class(c, rules) for c in consolidated]
    changed = [i > 0 and _relations_of(c) != _relations_of(consolidated[i - 1]) for i, c in enumerate(consolidated)]
    effective = effective_classes(raw, rules.status_change_years, years, changed)
    rows = [YearSize(y, c, r, e) for y, c, r, e in zip(years, consolidated, raw, effective, strict=True)]
    last = rows[-1]
    verdict = SizeVerdict(last.effective_class, last.effective_class != "large", rows, list(history_reasons))
    shown = last.figures
    if reference is not None and year_links[-1] != current:
        shown = _apply_ownership_change(verdict, enterprise_id, enterprises, current, rules, reference) or shown
    verdict.reasons.insert(len(history_reasons), _class_reason(last, rules))
    _explain_two_year_rule(verdict, last, rules)
    _explain_lines(verdict, shown, enterprise_id, enterprises, current, rules)
    _figures_needed(verdict, rows[-rules.status_change_years :], shown)
    if public_reason is not None:
        verdict.size_class, verdict.is_sme = "large", False
        verdict.reasons.insert(0, public_reason)
    return verdict


def _apply_ownership_change(verdict, enterprise_id, enterprises, current, rules, reference) -> Consolidated | None:
    """Holdings changed since the end of the last reference year (an acquisition, a sale): the last figures with
    today's holdings decide at once, in either direction (no two-year grace for a change of ownership)."""
    last = verdict.years[-1]
    today = consolidate(enterprise_id, last.year, enterprises, current, rules)
    if _relations_of(today) == _relations_of(last.figures):
        return None
    now = raw_size_class(today, rules)
    if now != last.effective_class:
        verdict.size_class, verdict.is_sme = now, now != "large"
        verdict.reasons.append(Reason("size.ownership_changed", {"reference": reference, "class": now}))
    return today


def _explain_two_year_rule(verdict: SizeVerdict, last: YearSize, rules: ProgrammeRules) -> None:
    if last.raw_class != last.effective_class:
        verdict.reasons.append(
            Reason(
                "size.two_year_rule",
                {
                    "year": last.year,
                    "raw": last.raw_class,
                    "kept": last.effective_class,
                    "years": rules.status_change_years,
                },
            )
        )


def _explain_lines(verdict, shown: Consolidated, enterprise_id, enterprises, current, rules) -> None:
    for line in shown.lines:
        if line.relation != "self" and line.year is not None:
            verdict.reasons.append(
                Reason(
                    f"size.{line.relation}_added",
                    {
                        "name": line.name,
                        "share": line.share,
                        "staff": line.staff,
                        "turnover": line.turnover,
                        "balance": line.balance_total,
                    },
                )
            )
    verdict.reasons.extend(_notes(enterprise_id, enterprises, current, rules, shown))


def _notes(enterprise_id, enterprises: dict, links: list[Link], rules, shown: Consolidated) -> list[Reason]:
    """Why the relations are what they are: joint stakes, control without a majority, exempt investors, persons."""
    rel = relations(links, rules, enterprises)
    involved = {line.enterprise_id for line in shown.lines} | {enterprise_id}
    notes: list[Reason] = []
    for touched, reason in rel.notes:
        if touched & involved and reason not in notes:
            params = dict(reason.params)
            if "holders" in params:
                params["holders"] = ", ".join(_name(enterprises, h) for h in params["holders"])
            notes.append(Reason(reason.code, params))
    for held in sorted(involved, key=str):
        incoming = [link for link in _distinct(links) if link.owned == held]
        for block in _blocks(held, incoming, rel):
            notes.extend(_block_notes(block, enterprises, rules))
    return notes


def _block_notes(block: Block, enterprises: dict, rules) -> list[Reason]:
    params = {
        "holders": ", ".join(_name(enterprises, h) for h in block.holders),
        "held": _name(enterprises, block.held),
        "share": block.share,
    }
    if len(block.holders) > 1 and block.share >= rules.partner_holding_min:
        return [Reason("size.joint_stake", params)]
    if block.controls and block.share <= rules.linked_holding_above:
        return [Reason("size.control_without_majority", params)]
    return []


def _name(enterprises: dict, node) -> str:
    enterprise = enterprises.get(node)
    return enterprise.name if enterprise is not None else str(node)


def _figures_needed(verdict: SizeVerdict, window: list[YearSize], shown: Consolidated) -> None:
    """A related enterprise without figures in the years that decide the class: "figures needed"."""
    missing: list[str] = []
    for figures in [row.figures for row in window] + [shown]:
        for name in figures.missing:
            if name not in missing:
                missing.append(name)
    if not missing:
        return
    verdict.size_class, verdict.is_sme, verdict.figures_needed = None, None, tuple(missing)
    verdict.reasons.insert(0, Reason("size.figures_needed", {"names": ", ".join(missing)}))
    for name in missing:
        verdict.reasons.append(Reason("size.related_without_figures", {"name": name}))


def _class_reason(row: YearSize, rules: ProgrammeRules) -> Reason:
    figures = row.figures
    params = {
        "year": row.year,
        "class": row.raw_class,
        "staff": figures.staff,
        "turnover": figures.turnover,
        "balance": figures.balance_total,
        "staff_limit": rules.medium.staff_below,
        "turnover_limit": rules.medium.turnover_max,
        "balance_limit": rules.medium.balance_max,
    }
    if row.raw_class != "large":
        return Reason("size.within_ceilings", params)
    if figures.staff >= rules.medium.staff_below:
        return Reason("size.staff_too_high", params)
    return Reason("size.both_financials_too_high", params)
