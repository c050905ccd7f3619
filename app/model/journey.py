"""The journey document: ordered stages and lanes, departments, personas, and
cards and flows held in a networkx graph.

This module is plain Python and networkx; it must never import Qt.  The
`Journey` is changed only through the primitive mutators below, and those are
called only by the reversible edits in :mod:`app.model.edits`.  Every mutator
announces what changed to the subscribed observers so that a view can update
just the parts concerned.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import count, islice, repeat
from operator import itemgetter
from typing import Any

import networkx as nx

from app.model.entities import (
    CARD_KINDS,
    DEFAULT_CARD_KIND,
    EVIDENCE_LEVELS,
    FLOW_FIELDS,
    FLOW_KINDS,
    LANE_KINDS,
    Card,
    Department,
    Flow,
    Lane,
    Persona,
    Stage,
    card_field_names,
)
from app.model.fields import METRICS, REF, REFS, TABLE, TEXT, Field

__all__ = [
    "CARD_KINDS",
    "Card",
    "Change",
    "DEFAULT_CARD_KIND",
    "Department",
    "EVIDENCE_LEVELS",
    "FLOW_FIELDS",
    "FLOW_KINDS",
    "Flow",
    "Journey",
    "LANE_KINDS",
    "Lane",
    "ModelError",
    "Observer",
    "Persona",
    "Stage",
    "natural_key",
]


@dataclass(frozen=True)
class Change:
    """One announcement: what kind of change, and the ids it touched.

    ``cells``: for ``cards_moved``, the cells (stage id, lane id) those
    cards are in, every cell the move touched: a view can find them without
    looking at each card.
    """

    kind: str
    ids: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()


Observer = Callable[[Change], None]


class ModelError(ValueError):
    """A request that the document cannot satisfy (unknown id, duplicate id...)."""


def natural_key(text: str) -> list[Any]:
    """Sort key that orders ``c2`` before ``c10``."""
    # isdecimal, not isdigit: "¹" is a digit that int() refuses.
    return [int(part) if part.isdecimal() else part for part in re.split(r"(\d+)", text)]


class Journey:
    """The document.  Read freely; change only through `app.model.edits`."""

    def __init__(self, title: str = "", description: str = "") -> None:
        for f in TABLE.map:  # the map's own fields (app.model.fields), at their defaults
            setattr(self, f.name, f.fresh_default())
        self.title = title
        self.description = description
        self.extra: dict[str, Any] = {}
        #: The map this one was derived from: ``{"title", "file", "sha256"}``
        #: (DESIGN.md, map ``based_on``), or None; see `app.model.basedon`.
        self.based_on: dict[str, Any] | None = None
        self.stages: list[Stage] = []
        self.lanes: list[Lane] = []
        self.departments: list[Department] = []
        self.personas: list[Persona] = []
        # Cards are nodes (attribute "card"); flows are edges keyed by flow id
        # (a MultiDiGraph, so that two flows between the same cards can coexist).
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._flows: dict[str, Flow] = {}
        self._flow_order: list[str] | None = None  # natural order of flow ids, cached
        self._cells: dict[tuple[str, str], list[str]] = {}
        self._observers: list[Observer] = []
        self._muted = 0

    # ----------------------------------------------------------------- observe
    def subscribe(self, observer: Observer) -> None:
        """Call ``observer(change)`` after every change."""
        self._observers.append(observer)

    def unsubscribe(self, observer: Observer) -> None:
        """Stop calling ``observer``."""
        if observer in self._observers:
            self._observers.remove(observer)

    def _emit(self, kind: str, *ids: str, cells: tuple[tuple[str, str], ...] = ()) -> None:
        if not self._observers:  # a map being built (loading) has none
            return
        change = Change(kind, ids, cells)
        for observer in list(self._observers):
            observer(change)

    # -------------------------------------------------------------------- read
    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (ModelError if none)."""
        return self._find(self.stages, stage_id, "stage")

    def lane(self, lane_id: str) -> Lane:
        """The lane with this id (ModelError if none)."""
        return self._find(self.lanes, lane_id, "lane")

    def department(self, department_id: str) -> Department:
        """The department with this id (ModelError if none)."""
        return self._find(self.departments, department_id, "department")

    def persona(self, persona_id: str) -> Persona:
        """The persona with this id (ModelError if none)."""
        return self._find(self.personas, persona_id, "persona")

    @staticmethod
    def _find(items: list[Any], item_id: str, what: str) -> Any:
        for item in items:
            if item.id == item_id:
                return item
        raise ModelError(f"no {what} with id {item_id!r}")

    def persona_named(self, text: str) -> Persona | None:
        """The persona whose id is ``text`` or, failing that, whose name is."""
        for persona in self.personas:
            if persona.id == text:
                return persona
        for persona in self.personas:
            if persona.name == text:
                return persona
        return None

    def stage_index(self, stage_id: str) -> int:
        """Position of a stage among the columns."""
        return self.stages.index(self.stage(stage_id))

    def lane_index(self, lane_id: str) -> int:
        """Position of a lane among the rows."""
        return self.lanes.index(self.lane(lane_id))

    def card(self, card_id: str) -> Card:
        """The card with this id (ModelError if none)."""
        try:
            # The graph's own node dict: networkx's node view costs a
            # Python call per look-up, and the edits and the layout look
            # cards up by the hundred.
            return self.graph._node[card_id]["card"]
        except KeyError:
            raise ModelError(f"no card with id {card_id!r}") from None

    def has_card(self, card_id: str) -> bool:
        """Whether a card with this id exists."""
        return card_id in self.graph

    @property
    def cards(self) -> list[Card]:
        """All cards in reading order: by stage, then lane, then order in the cell."""
        nodes = self.graph._node  # see `card`: no node-view call per card
        return [nodes[cid]["card"] for key in self._cell_keys() for cid in self._cells.get(key, ())]

    def _cell_keys(self) -> Iterator[tuple[str, str]]:
        for stage in self.stages:
            for lane in self.lanes:
                yield (stage.id, lane.id)

    def cell(self, stage_id: str, lane_id: str) -> list[Card]:
        """Cards of one cell, in order."""
        return [self.card(cid) for cid in self._cells.get((stage_id, lane_id), ())]

    def cell_ids(self, stage_id: str, lane_id: str) -> list[str]:
        """Ids of the cards of one cell, in order (a copy)."""
        return list(self._cells.get((stage_id, lane_id), ()))

    def flow(self, flow_id: str) -> Flow:
        """The flow with this id (ModelError if none)."""
        try:
            return self._flows[flow_id]
        except KeyError:
            raise ModelError(f"no flow with id {flow_id!r}") from None

    def has_flow(self, flow_id: str) -> bool:
        """Whether a flow with this id exists."""
        return flow_id in self._flows

    @property
    def flows(self) -> list[Flow]:
        """All flows, in natural order of their ids."""
        if self._flow_order is None:
            self._flow_order = sorted(self._flows, key=natural_key)
        return [self._flows[k] for k in self._flow_order]

    def iter_flows(self) -> Iterable[Flow]:
        """All flows in no particular order (cheaper than `flows`)."""
        return self._flows.values()

    def flows_of(self, card_id: str) -> list[Flow]:
        """Flows into or out of a card."""
        if card_id not in self.graph:
            return []
        keys = [k for _, _, k in self.graph.in_edges(card_id, keys=True)]
        keys += [k for _, _, k in self.graph.out_edges(card_id, keys=True)]
        return [self._flows[k] for k in dict.fromkeys(keys)]

    def cards_in_stage(self, stage_id: str) -> list[Card]:
        """Cards of a stage, lane by lane."""
        return [c for lane in self.lanes for c in self.cell(stage_id, lane.id)]

    def cards_in_lane(self, lane_id: str) -> list[Card]:
        """Cards of a lane, stage by stage."""
        return [c for stage in self.stages for c in self.cell(stage.id, lane_id)]

    def cards_owned_by(self, department_id: str) -> list[Card]:
        """Cards whose owner is this department."""
        return [c for c in self.cards if c.owner == department_id]

    def new_id(self, prefix: str) -> str:
        """An id of the form ``prefix<N>`` not used by any entity."""
        used = self._all_ids()
        n = len(used) + 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def _all_ids(self) -> set[str]:
        ids: set[str] = set(self.graph.nodes) | set(self._flows)
        for items in (self.stages, self.lanes, self.departments, self.personas):
            ids.update(item.id for item in items)
        return ids

    def __repr__(self) -> str:
        return (
            f"<Journey {self.title!r}: {len(self.stages)} stages, {len(self.lanes)} lanes, "
            f"{self.graph.number_of_nodes()} cards, {len(self._flows)} flows>"
        )

    # ---------------------------------------------------------- mutate: info
    # The mutators below are the primitive operations the edits are made of.
    # They validate, change the document and announce the change.

    def set_info(self, title: str, description: str) -> None:
        """Set the map's title and description."""
        self.title, self.description = title, description
        self._emit("journey_changed")

    # -------------------------------------------------- mutate: ordered lists
    def insert_stage(self, stage: Stage, index: int) -> None:
        """Insert a stage (with no cards) as column ``index``."""
        self._check_new_id(stage.id, "stage")
        self.stages.insert(_clamp(index, len(self.stages)), stage)
        self._emit("stage_added", stage.id)

    def pop_stage(self, stage_id: str) -> tuple[Stage, int]:
        """Remove an empty stage; returns it with its index."""
        stage = self.stage(stage_id)
        if any(self._cells.get((stage_id, lane.id)) for lane in self.lanes):
            raise ModelError(f"stage {stage_id!r} still holds cards")
        index = self.stages.index(stage)
        del self.stages[index]
        self._emit("stage_removed", stage_id)
        return stage, index

    def move_stage(self, stage_id: str, index: int) -> int:
        """Move a stage to column ``index``; returns its former index."""
        old = self.stage_index(stage_id)
        stage = self.stages.pop(old)
        self.stages.insert(_clamp(index, len(self.stages)), stage)
        self._emit("stages_reordered", stage_id)
        return old

    def insert_lane(self, lane: Lane, index: int) -> None:
        """Insert a lane (with no cards) as row ``index``."""
        self._check_new_id(lane.id, "lane")
        _check_choice(lane.kind, LANE_KINDS, "lane kind")
        self.lanes.insert(_clamp(index, len(self.lanes)), lane)
        self._emit("lane_added", lane.id)

    def pop_lane(self, lane_id: str) -> tuple[Lane, int]:
        """Remove an empty lane; returns it with its index."""
        lane = self.lane(lane_id)
        if any(self._cells.get((stage.id, lane_id)) for stage in self.stages):
            raise ModelError(f"lane {lane_id!r} still holds cards")
        index = self.lanes.index(lane)
        del self.lanes[index]
        self._emit("lane_removed", lane_id)
        return lane, index

    def move_lane(self, lane_id: str, index: int) -> int:
        """Move a lane to row ``index``; returns its former index."""
        old = self.lane_index(lane_id)
        lane = self.lanes.pop(old)
        self.lanes.insert(_clamp(index, len(self.lanes)), lane)
        self._emit("lanes_reordered", lane_id)
        return old

    def insert_department(self, department: Department, index: int) -> None:
        """Insert an owner department at ``index`` in the list."""
        self._check_new_id(department.id, "department")
        self.departments.insert(_clamp(index, len(self.departments)), department)
        self._emit("department_added", department.id)

    def pop_department(self, department_id: str) -> tuple[Department, int]:
        """Remove a department that owns no card; returns it with its index."""
        department = self.department(department_id)
        if any(c.owner == department_id for c in self._iter_cards()):
            raise ModelError(f"department {department_id!r} still owns cards")
        index = self.departments.index(department)
        del self.departments[index]
        self._emit("department_removed", department_id)
        return department, index

    def insert_persona(self, persona: Persona, index: int) -> None:
        """Insert a persona at ``index`` in the list."""
        self._check_new_id(persona.id, "persona")
        self.personas.insert(_clamp(index, len(self.personas)), persona)
        self._emit("persona_added", persona.id)

    def pop_persona(self, persona_id: str) -> tuple[Persona, int]:
        """Remove a persona that no card refers to; returns it with its index."""
        persona = self.persona(persona_id)
        if any(persona_id in c.personas for c in self._iter_cards()):
            raise ModelError(f"persona {persona_id!r} is still used by cards")
        index = self.personas.index(persona)
        del self.personas[index]
        self._emit("persona_removed", persona_id)
        return persona, index

    def update_entity(self, what: str, entity_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change attributes of a stage, lane, department or persona.

        Args:
            what: ``"stage"``, ``"lane"``, ``"department"`` or ``"persona"``.
            entity_id: its id.
            changes: attribute name -> new value (never ``id``).

        Returns:
            The former values of the changed attributes.
        """
        entity = getattr(self, what)(entity_id)
        old = {}
        for name, value in changes.items():
            if name == "id" or not hasattr(entity, name):
                raise ModelError(f"{what} has no attribute {name!r}")
            if what == "lane" and name == "kind":
                _check_choice(value, LANE_KINDS, "lane kind")
            old[name] = getattr(entity, name)
            setattr(entity, name, _copy_value(value))
        self._emit(f"{what}_changed", entity_id)
        return old

    # -------------------------------------------------------- mutate: cards
    def _iter_cards(self) -> Iterable[Card]:
        return (data["card"] for _, data in self.graph.nodes(data=True))

    def insert_card(self, card: Card, *, checked: bool = False) -> None:
        """Add a card to its cell at position ``card.order`` (others shift down).

        ``checked``: the card's fields were checked against the same field
        table, and its references resolved, by whoever read them (the file
        reader): loading a big map then checks each value once, not twice.
        """
        self._check_new_id(card.id, "card")
        self.stage(card.stage)
        self.lane(card.lane)
        if not checked:
            self._check_card_values(card)
        ids = self._cells.setdefault((card.stage, card.lane), [])
        index = _clamp(card.order, len(ids))
        ids.insert(index, card.id)
        self.graph.add_node(card.id, card=card)
        # Only the cards from the insertion point on change order; renumbering
        # the whole cell made loading a big map quadratic per cell.
        self._renumber(card.stage, card.lane, start=index)
        self._emit("card_added", card.id)

    def pop_card(self, card_id: str) -> Card:
        """Remove a card that has no flows; returns it (with its order)."""
        card = self.card(card_id)
        if self.graph.degree(card_id):
            raise ModelError(f"card {card_id!r} still has flows")
        self._cells[(card.stage, card.lane)].remove(card_id)
        self.graph.remove_node(card_id)
        self._renumber(card.stage, card.lane)
        self._emit("card_removed", card_id)
        return replace(card)

    def place_cards(
        self, placements: Iterable[tuple[str, str, str, int]]
    ) -> list[tuple[str, str, str, int]]:
        """Move cards to cells and positions.

        Args:
            placements: ``(card_id, stage_id, lane_id, index)``; the cards are
                taken out of their cells first, then inserted in the given
                order, each at ``index`` in its target cell.

        Returns:
            Placements that put the moved cards back exactly where they were
            (each at its former index, in ascending order: the cards that
            stayed never change their relative order).  Only the moved cards:
            undoing a move costs the same in a cell of 5 cards or of 500.
        """
        placements = list(placements)
        cards = [self.card(card_id) for card_id, *_ in placements]
        if len({card.id for card in cards}) != len(cards):
            raise ModelError("a card can be placed only once per move")
        for _, stage_id, lane_id, _ in placements:
            self.stage(stage_id)
            self.lane(lane_id)
        cells = self._cells
        # Per touched cell, the first index whose card can change order.
        start: dict[tuple[str, str], int] = {}
        before = []
        for card in cards:
            key = (card.stage, card.lane)
            index = cells[key].index(card.id)
            before.append((card.id, card.stage, card.lane, index))
            start[key] = min(start.get(key, index), index)
        for card in cards:
            cells[(card.stage, card.lane)].remove(card.id)
        for card, (_, stage_id, lane_id, index) in zip(cards, placements, strict=True):
            card.stage, card.lane = stage_id, lane_id
            key = (stage_id, lane_id)
            ids = cells.setdefault(key, [])
            index = _clamp(index, len(ids))
            ids.insert(index, card.id)
            start[key] = min(start.get(key, index), index)
        moved: list[str] = []  # the cards of every touched cell (each is in one cell)
        for key, first in start.items():
            moved += cells.get(key, ())
            self._renumber(*key, start=first)
        self._emit("cards_moved", *moved, cells=tuple(start))
        before.sort(key=lambda placement: placement[3])
        return before

    def update_card(self, card_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change a card's attributes (not its placement); returns former values."""
        card = self.card(card_id)
        changeable = card_field_names()
        for name in changes:
            if name not in changeable:
                raise ModelError(f"card has no changeable attribute {name!r}")
        trial = replace(card, **changes)
        self._check_card_values(trial)
        old = {name: _copy_value(getattr(card, name)) for name in changes}
        for name, value in changes.items():
            setattr(card, name, _copy_value(value))
        self._emit("card_changed", card_id)
        return old

    def _check_card_values(self, card: Card) -> None:
        # Each field's own check (app.model.fields), then the references;
        # text needs none.  Loading a map checks every card: kept lean.
        checks = _card_checks()
        for name, accepts, f in checks.values:
            value = getattr(card, name)
            if not accepts(value):
                raise ModelError(f.model_problem(value))
        for name, what in checks.refs:
            ref_id = getattr(card, name)
            if ref_id is not None:
                self._find(self._ref_list(what), ref_id, what)
        for name, what in checks.ref_lists:
            for ref_id in getattr(card, name):
                self._find(self._ref_list(what), ref_id, what)

    def _ref_list(self, what: str) -> list[Any]:
        return {"department": self.departments, "persona": self.personas}[what]

    def _renumber(self, stage_id: str, lane_id: str, start: int = 0) -> None:
        ids = self._cells.get((stage_id, lane_id))
        if ids is None:
            return
        if not ids:
            del self._cells[(stage_id, lane_id)]
            return
        # One C loop (setattr mapped over the cards): a card put at the top
        # of a cell of 500 renumbers all of them on every move and undo.
        cards = map(_CARD, map(self.graph._node.__getitem__, islice(ids, start, None)))
        deque(map(setattr, cards, repeat("order"), count(start)), maxlen=0)

    # -------------------------------------------------------- mutate: flows
    def insert_flow(self, flow: Flow) -> None:
        """Add a flow between two existing cards."""
        self._check_new_id(flow.id, "flow")
        _check_choice(flow.kind, FLOW_KINDS, "flow kind")
        self.card(flow.source)
        self.card(flow.target)
        self._flows[flow.id] = flow
        self._flow_order = None
        self.graph.add_edge(flow.source, flow.target, key=flow.id)
        self._emit("flow_added", flow.id)

    def pop_flow(self, flow_id: str) -> Flow:
        """Remove a flow; returns it."""
        flow = self.flow(flow_id)
        self.graph.remove_edge(flow.source, flow.target, key=flow_id)
        del self._flows[flow_id]
        self._flow_order = None
        self._emit("flow_removed", flow_id)
        return flow

    def update_flow(self, flow_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change a flow's kind, label or extra keys; returns former values."""
        flow = self.flow(flow_id)
        for name, value in changes.items():
            if name not in FLOW_FIELDS:
                raise ModelError(f"flow has no changeable attribute {name!r}")
            if name == "kind":
                _check_choice(value, FLOW_KINDS, "flow kind")
        old = {name: _copy_value(getattr(flow, name)) for name in changes}
        for name, value in changes.items():
            setattr(flow, name, _copy_value(value))
        self._emit("flow_changed", flow_id)
        return old

    # ---------------------------------------------------------------- helpers
    def _check_new_id(self, entity_id: str, what: str) -> None:
        # Ids are unique within their own list (DESIGN.md), not across lists.
        if not isinstance(entity_id, str) or not entity_id:
            raise ModelError(f"ids must be non-empty strings, not {entity_id!r}")
        if what == "card":
            taken = entity_id in self.graph
        elif what == "flow":
            taken = entity_id in self._flows
        else:
            items = {
                "stage": self.stages,
                "lane": self.lanes,
                "department": self.departments,
                "persona": self.personas,
            }[what]
            taken = any(item.id == entity_id for item in items)
        if taken:
            raise ModelError(f"{what} id {entity_id!r} is already used")


_CARD = itemgetter("card")
@dataclass(frozen=True)
class _CardChecks:
    """The card fields the model checks, grouped by how (see `_check_card_values`)."""

    values: tuple[tuple[str, Callable[[Any], bool], Field], ...]
    refs: tuple[tuple[str, str], ...]
    ref_lists: tuple[tuple[str, str], ...]


_CHECKS: dict[int, _CardChecks] = {}


def _card_checks() -> _CardChecks:
    """How the fields of `TABLE` are checked (worked out once per table version)."""
    found = _CHECKS.get(TABLE.version)
    if found is None:
        card = TABLE.card
        found = _CHECKS[TABLE.version] = _CardChecks(
            values=tuple((f.name, f.accepts(), f) for f in card
                         if f.kind not in (TEXT, METRICS, REF, REFS)),
            refs=tuple((f.name, f.ref) for f in card if f.kind == REF),
            ref_lists=tuple((f.name, f.ref) for f in card if f.kind == REFS),
        )
    return found


def _clamp(index: int, length: int) -> int:
    return max(0, min(int(index), length))


def _check_choice(value: Any, choices: tuple[str, ...], what: str) -> None:
    if value not in choices:
        raise ModelError(f"unknown {what} {value!r}; expected one of {', '.join(choices)}")


def _copy_value(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value
