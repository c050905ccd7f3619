"""Three-way merge of maps: the engine behind ``journeymap merge`` (git's merge driver).

DESIGN.md, "Compare and merge maps": entities (stages, lanes, departments,
personas, cards, flows and the map itself) are merged by id, field by field.
A change made on one side only is taken; the same change on both sides is
taken once; different changes to one field of one entity, or an edit on one
side and a deletion on the other, are conflicts, and OURS wins.

The merge works on the files' JSON objects (`app.model.fileformat.to_dict`),
so every key a file holds -- new card fields, unknown keys -- is merged
without a change here.  Decided here:

* A card's place is one field, its cell (stage and lane): moving a card on
  one side and editing it on the other keeps both.  Within a cell, when only
  one side reordered or filled it, that side's order is taken; when both did,
  OURS' order is kept and THEIRS' new or moved cards go after the card they
  follow in THEIRS.  Two orders never conflict.  Stages, lanes, departments
  and personas are ordered the same way.
* A conflict stays visible in the merged map: the entity that was kept gets
  a ``conflict`` key (an unknown key to older versions, kept on save; a
  card's shows in its ``extra``) holding one line per conflict, which the
  user deletes once resolved.  Conflicts of the map's own fields go on the
  map's ``conflict`` key.  A deletion that won (OURS deleted what THEIRS
  edited) leaves nothing to mark; its line is printed all the same.
* What THEIRS put into a stage, lane, department or persona that OURS
  deleted keeps its place: the deleted entity comes back, marked.  A flow
  THEIRS drew to a card OURS deleted is dropped, as a conflict.

Plain Python; no Qt.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.model.fileformat import from_dict, to_dict
from app.model.gcpause import paused_gc
from app.model.journey import Journey

#: The key that marks an entity (or the map) with its unresolved conflicts.
CONFLICT_KEY = "conflict"
LISTS = ("personas", "departments", "stages", "lanes", "cards", "flows")
_WHAT = {"personas": "persona", "departments": "department", "stages": "stage",
         "lanes": "lane", "cards": "card", "flows": "flow"}
_MISSING = object()


@dataclass
class MergeResult:
    """The merged map and one line per conflict (empty when clean)."""

    journey: Journey
    conflicts: list[str] = field(default_factory=list)


def merge_maps(base: Journey, ours: Journey, theirs: Journey) -> MergeResult:
    """Merge ``ours`` and ``theirs``, both derived from ``base``.

    Raises:
        JourneyError: only through a bug: the merged object is validated.
    """
    # Tens of thousands of small dicts that all stay alive: see `paused_gc`.
    with paused_gc():
        merger = _Merger(to_dict(base), to_dict(ours), to_dict(theirs))
        data = merger.run()
        return MergeResult(from_dict(data, "<merged map>"), merger.conflicts)


def has_conflict_marks(journey: Journey) -> bool:
    """Whether any entity of the map (or the map) still carries a conflict mark."""
    if CONFLICT_KEY in journey.extra:
        return True
    entities: Iterable[Any] = (*journey.stages, *journey.lanes, *journey.departments,
                               *journey.personas, *journey.cards, *journey.iter_flows())
    return any(CONFLICT_KEY in entity.extra for entity in entities)


def _show(value: Any) -> str:
    if value is _MISSING:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."


def _same(a: Any, b: Any) -> bool:
    # 1 == 1.0 == True in Python, but not in the file.
    return a is b or (type(a) is type(b) and a == b)


class _Merger:
    """One merge: the three parsed maps in, the merged object and conflicts out."""

    def __init__(self, base: dict[str, Any], ours: dict[str, Any],
                 theirs: dict[str, Any]) -> None:
        self.sides = (base, ours, theirs)
        self.conflicts: list[str] = []
        self.index = [{key: {e["id"]: e for e in side[key]} for key in LISTS}
                      for side in self.sides]

    def run(self) -> dict[str, Any]:
        base, ours, theirs = self.sides
        top_keys = [k for k in _key_order(base, ours, theirs) if k not in LISTS]
        merged = self._fields(base, ours, theirs, top_keys, "map", None)
        merged.update({key: self._list(key) for key in LISTS})
        self._mend_references(merged)
        self._order_cards(merged)
        return merged

    # ----------------------------------------------------------- fields
    def _conflict(self, entity: dict[str, Any] | None, line: str) -> None:
        self.conflicts.append(line)
        if entity is not None:
            marks = entity.setdefault(CONFLICT_KEY, [])
            if not isinstance(marks, list):
                marks = entity[CONFLICT_KEY] = [marks]
            marks.append(line)

    def _fields(self, base: dict[str, Any] | None, ours: dict[str, Any],
                theirs: dict[str, Any], keys: list[str], label: str,
                what: str | None) -> dict[str, Any]:
        """Field by field; a card's stage and lane count as one field, its cell."""
        base = base if base is not None else {}
        merged: dict[str, Any] = {}
        pending: list[str] = []
        for key in keys:
            if key == "order":
                merged[key] = ours.get(key, theirs.get(key))
                continue
            if what == "card" and key == "lane":
                continue  # merged with the stage, as the card's cell
            if what == "card" and key == "stage":
                b, o, t = (_cell_of(side) for side in (base, ours, theirs))
            else:
                b, o, t = (s.get(key, _MISSING) for s in (base, ours, theirs))
            value, clash = _three_way(b, o, t)
            if clash:
                name = "cell" if what == "card" and key == "stage" else key
                pending.append(f"{label}: {name}: ours {_show(o)}, theirs {_show(t)}"
                               f" (base {_show(b)}); kept ours")
            if value is _MISSING:
                continue
            if what == "card" and key == "stage":
                merged["stage"], merged["lane"] = value
            else:
                merged[key] = copy.deepcopy(value)
        for line in pending:
            self._conflict(merged, line)
        return merged

    # ------------------------------------------------------------ lists
    def _list(self, key: str) -> list[dict[str, Any]]:
        what = _WHAT[key]
        base, ours, theirs = (index[key] for index in self.index)
        merged: dict[str, dict[str, Any]] = {}
        for entity_id in {**base, **ours, **theirs}:
            entity = self._entity(what, entity_id, base.get(entity_id), ours.get(entity_id),
                                  theirs.get(entity_id))
            if entity is not None:
                merged[entity_id] = entity
        if key in ("cards", "flows"):
            # Their order in the file follows from the cells and ids on save.
            return list(merged.values())
        order = merge_order(*(list(side) for side in (base, ours, theirs)), set(merged))
        return [merged[entity_id] for entity_id in order]

    def _entity(self, what: str, entity_id: str, b: dict[str, Any] | None,
                o: dict[str, Any] | None, t: dict[str, Any] | None) -> dict[str, Any] | None:
        name = _name(o or t or b)
        label = f"{what} {entity_id}" + (f" {_show(name)}" if name else "")
        if b is not None and (o is None or t is None):
            if o is None and t is None:
                return None
            kept = o if o is not None else t
            if _unchanged(b, kept, what):
                return None  # deleted on one side, untouched on the other
            if o is None:
                self._conflict(None, f"{label}: deleted in ours, edited in theirs; "
                                     "kept the deletion")
                return None
            entity = dict(o)
            self._conflict(entity, f"{label}: edited in ours, deleted in theirs; kept ours")
            return entity
        if o is None or t is None:
            return o if o is not None else t
        # The usual cases, cheaply: one side (or neither) changed the entity.
        # The sides' objects are this merge's own (fresh from `to_dict`).
        if b is not None and _unchanged(b, o, what):
            return t
        if b is not None and _unchanged(b, t, what) or _same(o, t):
            return o
        return self._fields(b, o, t, _key_order(o, t), label, what)

    # ------------------------------------------------------ references
    def _mend_references(self, merged: dict[str, Any]) -> None:
        """Bring back what THEIRS still uses and OURS deleted; drop dangling flows."""
        for card in merged["cards"]:
            label = f"card {card['id']} {_show(card.get('title', ''))}"
            self._restore(merged, "stages", card["stage"], label)
            self._restore(merged, "lanes", card["lane"], label)
            if card.get("owner") is not None:
                self._restore(merged, "departments", card["owner"], label)
            for persona in card.get("personas", []):
                self._restore(merged, "personas", persona, label)
        cards = {card["id"] for card in merged["cards"]}
        kept = []
        for flow in merged["flows"]:
            if flow["from"] in cards and flow["to"] in cards:
                kept.append(flow)
            else:
                self._conflict(None, f"flow {flow['id']} ({flow['from']} -> {flow['to']}): "
                                     "its card was deleted in ours; dropped the flow")
        merged["flows"] = kept

    def _restore(self, merged: dict[str, Any], key: str, entity_id: str, user: str) -> None:
        if any(e["id"] == entity_id for e in merged[key]):
            return
        found = next(side[key][entity_id] for side in (self.index[2], self.index[0],
                                                       self.index[1])
                     if entity_id in side[key])
        entity = copy.deepcopy(found)
        what = _WHAT[key]
        self._conflict(entity, f"{what} {entity_id} {_show(_name(entity))}: deleted in ours, "
                               f"still used by {user} in theirs; kept the {what}")
        ids = [e["id"] for e in merged[key]] + [entity_id]
        order = merge_order(*(list(side[key]) for side in self.index), set(ids))
        by_id = {e["id"]: e for e in merged[key]}
        by_id[entity_id] = entity
        merged[key] = [by_id[i] for i in order]

    # ----------------------------------------------------- card orders
    def _order_cards(self, merged: dict[str, Any]) -> None:
        """Number each merged cell's cards (see the module docstring)."""
        cells: dict[tuple[str, str], set[str]] = {}
        for card in merged["cards"]:
            cells.setdefault((card["stage"], card["lane"]), set()).add(card["id"])
        side_cells = [_cells(side["cards"]) for side in self.sides]
        position: dict[str, int] = {}
        for cell, members in cells.items():
            seqs = [sc.get(cell, []) for sc in side_cells]
            for i, card_id in enumerate(merge_order(*seqs, members)):
                position[card_id] = i
        for card in merged["cards"]:
            card["order"] = position[card["id"]]


def _cells(cards: list[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    result: dict[tuple[str, str], list[str]] = {}
    for card in sorted(cards, key=lambda c: c["order"]):
        result.setdefault((card["stage"], card["lane"]), []).append(card["id"])
    return result


def _cell_of(card: dict[str, Any]) -> Any:
    return (card["stage"], card["lane"]) if "stage" in card else _MISSING


def _name(entity: dict[str, Any] | None) -> str:
    if not entity:
        return ""
    return entity.get("title") or entity.get("name") or ""


def _unchanged(base: dict[str, Any], side: dict[str, Any], what: str) -> bool:
    if what != "card" or base.get("order") == side.get("order"):
        return _same(base, side)
    # A card's order shifts whenever a card above it comes or goes.
    return _same({**base, "order": None}, {**side, "order": None})


def _key_order(*objects: dict[str, Any]) -> list[str]:
    """Keys of the objects, first seen first."""
    return list(dict.fromkeys(key for obj in objects for key in obj))


def _three_way(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether the sides clashed (then OURS' value)."""
    if _same(ours, theirs):
        return ours, False
    if _same(ours, base):
        return theirs, False
    if _same(theirs, base):
        return ours, False
    return ours, True


def merge_order(base: list[str], ours: list[str], theirs: list[str],
                keep: set[str]) -> list[str]:
    """The merged order of the ids in ``keep``, given each side's order.

    When OURS did not change the order (``ours == base``) THEIRS' order
    leads, else OURS'; the ids the leading side lacks go after the id they
    follow in the other side (or in the base), or first when they follow none.
    """
    lead, other = (theirs, ours) if ours == base else (ours, theirs)
    result = [i for i in lead if i in keep]
    placed = set(result)
    for sequence in (other, base):
        if len(placed) == len(keep):
            break
        for k, item in enumerate(sequence):
            if item not in keep or item in placed:
                continue
            after = next((p for p in reversed(sequence[:k]) if p in placed), None)
            at = 0 if after is None else result.index(after) + 1
            result.insert(at, item)
            placed.add(item)
    return result
