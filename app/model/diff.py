"""What changed between two maps: the engine behind ``journeymap diff``.

`diff_maps(old, new)` matches the two maps' entities (`app.model.matching`)
and returns a `MapDiff`; `MapDiff.as_dict()` is the JSON object of DESIGN.md
("Compare and merge maps"), and `app.model.difftext` prints it as lines.

Card fields are read from the `Card` dataclass itself (every field but
``id``, ``stage``, ``lane``, ``order`` and ``extra``, plus each key of
``extra``), so a field added to `Card` is compared without a change here.
Owners are compared by department name and personas as sorted names.

Extensions of the contract's object, decided here so that an empty diff
means "the two files say the same" (`MapDiff.is_empty`):

* a card reordered within its cell (its relative order among the cards that
  stayed in the cell changed) is listed in ``moved`` with ``from`` equal to
  ``to``;
* ``stages`` and ``lanes`` also have ``changed``: ``[{"name": new name,
  "fields": {field: [old, new]}}]`` for a description, lane kind or unknown
  key;
* ``departments`` and ``personas`` have the shape of ``stages`` (matched by
  id, then by name), and ``map`` is ``{field: [old, new]}`` for the title,
  description, ``based_on`` and unknown top-level keys.

``insights`` lists all seven counts and ``emotion`` every stage of either
map, changed or not: the editor's before -> after summary shows them all.

Plain Python; no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from app.model.entities import Card
from app.model.journey import Journey
from app.model.matching import (
    kept_in_order,
    match_cards,
    match_flows,
    match_named,
)

#: Card attributes compared one by one (``extra`` is compared key by key).
CARD_COMPARED = tuple(f.name for f in fields(Card)
                      if f.name not in ("id", "stage", "lane", "order", "extra"))
#: The insight lists whose counts the diff compares, in the report's order.
INSIGHT_KEYS = ("handoffs", "unowned_touchpoints", "empty_stages", "dead_ends",
                "backward_flows", "cycles", "channel_switches")
_LIST_FIELDS = {"stage": ("description",), "lane": ("kind",),
                "department": ("color",), "persona": ("description", "goals", "color")}

Cell = tuple[str, str]  # (stage name, lane name)


@dataclass
class ListChanges:
    """Changes of one ordered list of named entities (stages, lanes...)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[list[str]] = field(default_factory=list)
    reordered: bool = False
    changed: list[dict[str, Any]] = field(default_factory=list)
    #: Old id -> new id of the matched entities; ids of the added and removed.
    pairs: dict[str, str] = field(default_factory=dict)
    added_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The contract's object for this list."""
        return {"added": sorted(self.added), "removed": sorted(self.removed),
                "renamed": sorted(self.renamed), "reordered": self.reordered,
                "changed": sorted(self.changed, key=lambda c: c["name"])}

    def is_empty(self) -> bool:
        """No change at all."""
        return not (self.added or self.removed or self.renamed or self.reordered
                    or self.changed)


@dataclass
class MapDiff:
    """Everything that differs between ``old`` and ``new`` (read-only use).

    Card and flow ids in the dicts are NEW ids, except for removed ones.
    """

    old: Journey
    new: Journey
    stages: ListChanges
    lanes: ListChanges
    departments: ListChanges
    personas: ListChanges
    map_fields: dict[str, list[Any]]
    card_pairs: dict[str, str]  # old id -> new id
    added_cards: list[str]
    removed_cards: list[str]
    moved: dict[str, tuple[Cell, Cell]]  # new id -> (from, to)
    changed: dict[str, dict[str, list[Any]]]  # new id -> field -> [old, new]
    flow_pairs: dict[str, str]
    added_flows: list[str]
    removed_flows: list[str]
    changed_flows: dict[str, dict[str, list[Any]]]  # new flow id -> fields
    insights: dict[str, list[int]] = field(default_factory=dict)
    emotion: dict[str, list[float | None]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when the two maps say the same (insights and emotion follow)."""
        return not (self.map_fields or self.added_cards or self.removed_cards or self.moved
                    or self.changed or self.added_flows or self.removed_flows
                    or self.changed_flows) and all(
            lst.is_empty() for lst in (self.stages, self.lanes, self.departments,
                                       self.personas))

    def old_cell(self, old_card_id: str) -> Cell:
        """Where an OLD card was: stage and lane names (NEW names where both exist)."""
        card = self.old.card(old_card_id)
        return (self._name(self.old.stage(card.stage), self.stages, self.new.stage),
                self._name(self.old.lane(card.lane), self.lanes, self.new.lane))

    @staticmethod
    def _name(entity: Any, changes: ListChanges, find: Any) -> str:
        match = changes.pairs.get(entity.id)
        return entity.name if match is None else find(match).name

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of ``journeymap diff --json``."""
        new = self.new
        return {
            "stages": self.stages.as_dict(),
            "lanes": self.lanes.as_dict(),
            "cards": {
                "added": sorted(self.added_cards),
                "removed": sorted(self.removed_cards),
                "moved": [{"id": cid, "from": list(self.moved[cid][0]),
                           "to": list(self.moved[cid][1])} for cid in sorted(self.moved)],
                "changed": [{"id": cid, "fields": dict(sorted(self.changed[cid].items()))}
                            for cid in sorted(self.changed)],
            },
            "flows": {
                "added": sorted(_ends(new, fid) for fid in self.added_flows),
                "removed": sorted(_ends(self.old, fid) for fid in self.removed_flows),
                "changed": sorted(({"flow": _ends(new, fid),
                                    "fields": dict(sorted(self.changed_flows[fid].items()))}
                                   for fid in self.changed_flows), key=lambda c: c["flow"]),
            },
            "insights": dict(self.insights),
            "emotion": dict(self.emotion),
            "departments": self.departments.as_dict(),
            "personas": self.personas.as_dict(),
            "map": dict(sorted(self.map_fields.items())),
        }


def _ends(journey: Journey, flow_id: str) -> list[str]:
    flow = journey.flow(flow_id)
    return [flow.source, flow.target]


def diff_maps(old: Journey, new: Journey, *, derived: bool = True) -> MapDiff:
    """Compare two maps.

    Args:
        old: the map before (the base, the current state).
        new: the map after.
        derived: also compute the insight counts and emotion means
            (``insights`` and ``emotion``); False skips that work.
    """
    stages = _list_changes(old.stages, new.stages, "stage")
    lanes = _list_changes(old.lanes, new.lanes, "lane")
    departments = _list_changes(old.departments, new.departments, "department")
    personas = _list_changes(old.personas, new.personas, "persona")
    card_pairs = match_cards(old, new)
    matched = set(card_pairs.values())
    diff = MapDiff(
        old, new, stages, lanes, departments, personas, _map_fields(old, new), card_pairs,
        added_cards=[c for c in new.graph if c not in matched],
        removed_cards=[c for c in old.graph if c not in card_pairs],
        moved={}, changed={}, flow_pairs={}, added_flows=[], removed_flows=[],
        changed_flows={},
    )
    _compare_cards(diff)
    _compare_flows(diff)
    if derived:
        diff.insights = _insight_counts(old, new)
        diff.emotion = _emotion_means(diff)
    return diff


# ------------------------------------------------------------------- lists
def _list_changes(old: list[Any], new: list[Any], what: str) -> ListChanges:
    pairs = match_named(old, new)
    new_by_id = {item.id: item for item in new}
    matched_new = set(pairs.values())
    result = ListChanges(pairs=pairs)
    result.added_ids = [item.id for item in new if item.id not in matched_new]
    result.removed_ids = [item.id for item in old if item.id not in pairs]
    result.added = [new_by_id[i].name for i in result.added_ids]
    result.removed = [item.name for item in old if item.id not in pairs]
    new_pos = {item.id: i for i, item in enumerate(new)}
    order = [new_pos[pairs[item.id]] for item in old if item.id in pairs]
    result.reordered = order != sorted(order)
    for item in old:
        if item.id not in pairs:
            continue
        other = new_by_id[pairs[item.id]]
        if item.name != other.name:
            result.renamed.append([item.name, other.name])
        found = {name: [getattr(item, name), getattr(other, name)]
                 for name in _LIST_FIELDS[what] if getattr(item, name) != getattr(other, name)}
        found.update(_extra_changes(item.extra, other.extra))
        if found:
            result.changed.append({"name": other.name, "fields": found})
    return result


def _extra_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    if not old and not new:
        return {}
    return {key: [old.get(key), new.get(key)] for key in {**old, **new}
            if old.get(key) != new.get(key) or (key in old) != (key in new)}


def _map_fields(old: Journey, new: Journey) -> dict[str, list[Any]]:
    found = {name: [getattr(old, name), getattr(new, name)]
             for name in ("title", "description", "based_on")
             if getattr(old, name) != getattr(new, name)}
    found.update(_extra_changes(old.extra, new.extra))
    return found


# ------------------------------------------------------------------- cards
def _compare_cards(diff: MapDiff) -> None:
    old, new = diff.old, diff.new
    old_dept = {d.id: d.name for d in old.departments}
    new_dept = {d.id: d.name for d in new.departments}
    old_persona = {p.id: p.name for p in old.personas}
    new_persona = {p.id: p.name for p in new.personas}
    stage_pairs, lane_pairs = diff.stages.pairs, diff.lanes.pairs
    same_cell: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for old_id, new_id in diff.card_pairs.items():
        a, b = old.card(old_id), new.card(new_id)
        found = _card_fields(a, b, old_dept, new_dept, old_persona, new_persona)
        if found:
            diff.changed[new_id] = found
        if stage_pairs.get(a.stage) == b.stage and lane_pairs.get(a.lane) == b.lane:
            same_cell.setdefault((b.stage, b.lane), []).append((a.order, new_id))
        else:
            diff.moved[new_id] = (diff.old_cell(old_id), _cell(new, b))
    for (stage_id, lane_id), stayed in same_cell.items():
        _reordered_in_cell(diff, new.cell_ids(stage_id, lane_id), dict(
            (new_id, order) for order, new_id in stayed))


def _reordered_in_cell(diff: MapDiff, cell: list[str], old_order: dict[str, int]) -> None:
    """Cards that stayed in a cell but not in their order there count as moved."""
    stayed = [card_id for card_id in cell if card_id in old_order]
    kept = kept_in_order(old_order[card_id] for card_id in stayed)
    if len(kept) == len(stayed):
        return
    for i, card_id in enumerate(stayed):
        if i not in kept:
            where = _cell(diff.new, diff.new.card(card_id))
            diff.moved[card_id] = (where, where)


def _cell(journey: Journey, card: Card) -> Cell:
    return (journey.stage(card.stage).name, journey.lane(card.lane).name)


def _card_fields(a: Card, b: Card, old_dept: dict[str, str], new_dept: dict[str, str],
                 old_persona: dict[str, str], new_persona: dict[str, str]
                 ) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for name in CARD_COMPARED:
        x, y = getattr(a, name), getattr(b, name)
        if name == "owner":
            x, y = old_dept.get(x) if x else None, new_dept.get(y) if y else None
        elif name == "personas":
            if not x and not y:
                continue
            x, y = sorted(old_persona[p] for p in x), sorted(new_persona[p] for p in y)
        if x != y or type(x) is not type(y):
            found[name] = [x, y]
    found.update(_extra_changes(a.extra, b.extra))
    return found


# ------------------------------------------------------------------- flows
def _compare_flows(diff: MapDiff) -> None:
    old, new = diff.old, diff.new
    pairs = match_flows(old, new, diff.card_pairs)
    diff.flow_pairs = pairs
    matched = set(pairs.values())
    diff.added_flows = [f.id for f in new.iter_flows() if f.id not in matched]
    diff.removed_flows = [f.id for f in old.iter_flows() if f.id not in pairs]
    for old_id, new_id in pairs.items():
        a, b = old.flow(old_id), new.flow(new_id)
        found = {name: [getattr(a, name), getattr(b, name)] for name in ("kind", "label")
                 if getattr(a, name) != getattr(b, name)}
        found.update(_extra_changes(a.extra, b.extra))
        if found:
            diff.changed_flows[new_id] = found


# ------------------------------------------------------- insights, emotion
def _insight_counts(old: Journey, new: Journey) -> dict[str, list[int]]:
    from app.model.analysis import analyse

    before, after = analyse(old), analyse(new)
    return {key: [len(getattr(before, key)), len(getattr(after, key))] for key in INSIGHT_KEYS}


def _stage_means(journey: Journey) -> dict[str, float | None]:
    sums: dict[str, list[int]] = {}
    for card in journey.graph._node.values():
        emotion = card["card"].emotion
        if emotion is not None:
            entry = sums.setdefault(card["card"].stage, [0, 0])
            entry[0] += emotion
            entry[1] += 1
    return {s.id: (round(sums[s.id][0] / sums[s.id][1], 3) if s.id in sums else None)
            for s in journey.stages}


def _emotion_means(diff: MapDiff) -> dict[str, list[float | None]]:
    """Stage name -> [old mean, new mean]: NEW stages in order, then removed ones."""
    before, after = _stage_means(diff.old), _stage_means(diff.new)
    back = {new_id: old_id for old_id, new_id in diff.stages.pairs.items()}
    result: dict[str, list[float | None]] = {}
    for stage in diff.new.stages:
        old_id = back.get(stage.id)
        result[stage.name] = [before.get(old_id) if old_id else None, after[stage.id]]
    for stage in diff.old.stages:
        if stage.id not in diff.stages.pairs:
            result.setdefault(stage.name, [before[stage.id], None])
    return result

