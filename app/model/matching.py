"""Which entity of one map is which entity of another (for diff and compare).

DESIGN.md, "Compare and merge maps": stages, lanes, departments and personas
match by id; cards by id, then the rest by title (case-folded, spaces
collapsed) in a lane of the same name; flows by id, then the rest by their
matched ends.

Decided here, where the contract is silent:

* Stages, lanes, departments and personas left over after matching by id
  then match by name (case-folded, spaces collapsed), first with first: two
  maps built separately have no ids in common, and listing every stage of
  both as removed and added again would bury the real changes.
* Leftover cards match in reading order: the first unmatched OLD card with a
  title and lane name matches the first unmatched NEW card with the same.
  A card matched by title is the same card; its id is not compared.
* A flow keeps its id match only when its ends match too (a flow whose id was
  reused between other cards is a different flow); leftover flows between the
  same matched ends pair up in natural order of their ids.

Plain Python; no Qt.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from app.model.journey import Journey

_SPACES = re.compile(r"\s+")


def normal_text(text: str) -> str:
    """``text`` case-folded with runs of white space collapsed (and stripped)."""
    return _SPACES.sub(" ", text).strip().casefold()


def match_by(old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], Any]
             ) -> dict[str, str]:
    """Old id -> new id: by id first, then the leftovers by ``key``, first with first."""
    new_ids = {item.id for item in new}
    pairs = {item.id: item.id for item in old if item.id in new_ids}
    waiting: dict[Any, deque[str]] = defaultdict(deque)
    for item in new:
        if item.id not in pairs:
            waiting[key(item)].append(item.id)
    for item in old:
        if item.id in pairs:
            continue
        queue = waiting.get(key(item))
        if queue:
            pairs[item.id] = queue.popleft()
    return pairs


def match_named(old: Sequence[Any], new: Sequence[Any]) -> dict[str, str]:
    """Stages, lanes, departments or personas: by id, then by name."""
    return match_by(old, new, lambda item: normal_text(item.name))


def match_cards(old: Journey, new: Journey) -> dict[str, str]:
    """Old card id -> new card id (see the module docstring)."""
    old_lane = {lane.id: normal_text(lane.name) for lane in old.lanes}
    new_lane = {lane.id: normal_text(lane.name) for lane in new.lanes}
    pairs: dict[str, str] = {}
    new_graph = new.graph
    for card in old.cards:
        if card.id in new_graph:
            pairs[card.id] = card.id
    if len(pairs) == new_graph.number_of_nodes() or len(pairs) == old.graph.number_of_nodes():
        return pairs  # nothing left over on one side: the usual case of a derived map
    taken = set(pairs.values())
    waiting: dict[tuple[str, str], deque[str]] = defaultdict(deque)
    for card in new.cards:
        if card.id not in taken:
            waiting[(normal_text(card.title), new_lane[card.lane])].append(card.id)
    for card in old.cards:
        if card.id not in pairs:
            queue = waiting.get((normal_text(card.title), old_lane[card.lane]))
            if queue:
                pairs[card.id] = queue.popleft()
    return pairs


def match_flows(old: Journey, new: Journey, cards: dict[str, str]) -> dict[str, str]:
    """Old flow id -> new flow id, given the card matching ``cards`` (old -> new)."""
    pairs: dict[str, str] = {}
    for flow in old.iter_flows():
        if new.has_flow(flow.id):
            other = new.flow(flow.id)
            if (cards.get(flow.source), cards.get(flow.target)) == (other.source, other.target):
                pairs[flow.id] = flow.id
    taken = set(pairs.values())
    waiting: dict[tuple[str, str], deque[str]] = defaultdict(deque)
    for flow in new.flows:
        if flow.id not in taken:
            waiting[(flow.source, flow.target)].append(flow.id)
    if not waiting:
        return pairs
    for flow in old.flows:
        if flow.id in pairs:
            continue
        queue = waiting.get((cards.get(flow.source, ""), cards.get(flow.target, "")))
        if queue:
            pairs[flow.id] = queue.popleft()
    return pairs


def kept_in_order(sequence: Iterable[int]) -> set[int]:
    """Positions of a longest increasing subsequence of ``sequence``.

    The items of a matched list whose old positions form it kept their order;
    the others were moved.  O(n log n).
    """
    values = list(sequence)
    tails: list[int] = []  # tails[k]: index of the smallest tail of a run of k + 1
    before = [-1] * len(values)
    for i, value in enumerate(values):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if values[tails[mid]] < value:
                lo = mid + 1
            else:
                hi = mid
        before[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    kept: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        kept.add(i)
        i = before[i]
    return kept

