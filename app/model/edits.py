"""Reversible edits: the only way to change a `Journey`.

Each edit is a small immutable value.  ``edit.apply(journey)`` changes the
document and returns the edit that undoes it, so an undo stack only has to
keep the inverses.  Removing a stage, lane, card, department or persona also
removes (or clears) what depends on it, and the inverse brings all of it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage


class Edit:
    """Base class: a reversible change of a journey."""

    label = "Edit"

    def apply(self, journey: Journey) -> Edit:
        """Change ``journey``; return the edit that undoes this one."""
        raise NotImplementedError


@dataclass(frozen=True)
class Compound(Edit):
    """Several edits applied in order as one step."""

    edits: tuple[Edit, ...]
    label: str = "Edit"

    def apply(self, journey: Journey) -> Edit:
        inverses = [edit.apply(journey) for edit in self.edits]
        return Compound(tuple(reversed(inverses)), self.label)


@dataclass(frozen=True)
class SetInfo(Edit):
    """Set the map's title and description."""

    title: str
    description: str
    label: str = "Edit map title"

    def apply(self, journey: Journey) -> Edit:
        inverse = SetInfo(journey.title, journey.description, self.label)
        journey.set_info(self.title, self.description)
        return inverse


# ------------------------------------------------------------- stages, lanes
@dataclass(frozen=True)
class AddStage(Edit):
    """Insert an empty stage as column ``index`` (-1 or past the end: last)."""

    stage: Stage
    index: int = -1
    label: str = "Add stage"

    def apply(self, journey: Journey) -> Edit:
        index = len(journey.stages) if self.index < 0 else self.index
        journey.insert_stage(replace(self.stage, extra=dict(self.stage.extra)), index)
        return RemoveStage(self.stage.id, "Remove stage")


@dataclass(frozen=True)
class RemoveStage(Edit):
    """Remove a stage with its cards and their flows."""

    stage_id: str
    label: str = "Remove stage"

    def apply(self, journey: Journey) -> Edit:
        cards = journey.cards_in_stage(self.stage_id)
        undo_cards = _remove_cards(journey, [c.id for c in cards])
        stage, index = journey.pop_stage(self.stage_id)
        return Compound((AddStage(stage, index), undo_cards), self.label)


@dataclass(frozen=True)
class MoveStage(Edit):
    """Move a stage to column ``index``."""

    stage_id: str
    index: int
    label: str = "Move stage"

    def apply(self, journey: Journey) -> Edit:
        old = journey.move_stage(self.stage_id, self.index)
        return MoveStage(self.stage_id, old, self.label)


@dataclass(frozen=True)
class AddLane(Edit):
    """Insert an empty lane as row ``index`` (-1 or past the end: last)."""

    lane: Lane
    index: int = -1
    label: str = "Add lane"

    def apply(self, journey: Journey) -> Edit:
        index = len(journey.lanes) if self.index < 0 else self.index
        journey.insert_lane(replace(self.lane, extra=dict(self.lane.extra)), index)
        return RemoveLane(self.lane.id, "Remove lane")


@dataclass(frozen=True)
class RemoveLane(Edit):
    """Remove a lane with its cards and their flows."""

    lane_id: str
    label: str = "Remove lane"

    def apply(self, journey: Journey) -> Edit:
        cards = journey.cards_in_lane(self.lane_id)
        undo_cards = _remove_cards(journey, [c.id for c in cards])
        lane, index = journey.pop_lane(self.lane_id)
        return Compound((AddLane(lane, index), undo_cards), self.label)


@dataclass(frozen=True)
class MoveLane(Edit):
    """Move a lane to row ``index``."""

    lane_id: str
    index: int
    label: str = "Move lane"

    def apply(self, journey: Journey) -> Edit:
        old = journey.move_lane(self.lane_id, self.index)
        return MoveLane(self.lane_id, old, self.label)


@dataclass(frozen=True)
class UpdateEntity(Edit):
    """Change attributes of a stage, lane, department or persona.

    ``what`` is ``"stage"``, ``"lane"``, ``"department"`` or ``"persona"``;
    ``changes`` is a tuple of ``(attribute, value)`` pairs.
    """

    what: str
    entity_id: str
    changes: tuple[tuple[str, Any], ...]
    label: str = "Rename"

    def apply(self, journey: Journey) -> Edit:
        old = journey.update_entity(self.what, self.entity_id, dict(self.changes))
        return UpdateEntity(self.what, self.entity_id, tuple(old.items()), self.label)


def update(what: str, entity_id: str, label: str = "", **changes: Any) -> UpdateEntity:
    """Shorthand: ``update("stage", "s1", name="Buy")``."""
    return UpdateEntity(what, entity_id, tuple(changes.items()), label or f"Change {what}")


# ----------------------------------------------------- departments, personas
@dataclass(frozen=True)
class AddDepartment(Edit):
    """Add an owner department at ``index`` (-1: last)."""

    department: Department
    index: int = -1
    label: str = "Add department"

    def apply(self, journey: Journey) -> Edit:
        index = len(journey.departments) if self.index < 0 else self.index
        journey.insert_department(replace(self.department), index)
        return RemoveDepartment(self.department.id)


@dataclass(frozen=True)
class RemoveDepartment(Edit):
    """Remove a department; the cards it owned become unowned."""

    department_id: str
    label: str = "Remove department"

    def apply(self, journey: Journey) -> Edit:
        undo = [
            UpdateCard(c.id, (("owner", None),)).apply(journey)
            for c in journey.cards_owned_by(self.department_id)
        ]
        department, index = journey.pop_department(self.department_id)
        return Compound((AddDepartment(department, index), *reversed(undo)), self.label)


@dataclass(frozen=True)
class AddPersona(Edit):
    """Add a persona at ``index`` (-1: last)."""

    persona: Persona
    index: int = -1
    label: str = "Add persona"

    def apply(self, journey: Journey) -> Edit:
        index = len(journey.personas) if self.index < 0 else self.index
        journey.insert_persona(replace(self.persona), index)
        return RemovePersona(self.persona.id)


@dataclass(frozen=True)
class RemovePersona(Edit):
    """Remove a persona; cards scoped to it lose that scope."""

    persona_id: str
    label: str = "Remove persona"

    def apply(self, journey: Journey) -> Edit:
        undo = []
        for card in journey.cards:
            if self.persona_id in card.personas:
                kept = [p for p in card.personas if p != self.persona_id]
                undo.append(UpdateCard(card.id, (("personas", kept),)).apply(journey))
        persona, index = journey.pop_persona(self.persona_id)
        return Compound((AddPersona(persona, index), *reversed(undo)), self.label)


# ---------------------------------------------------------------------- cards
@dataclass(frozen=True)
class AddCard(Edit):
    """Add a card to its cell at position ``card.order``."""

    card: Card
    label: str = "Add card"

    def apply(self, journey: Journey) -> Edit:
        card = replace(
            self.card,
            personas=list(self.card.personas),
            metrics=dict(self.card.metrics),
            extra=dict(self.card.extra),
        )
        journey.insert_card(card)
        return RemoveCard(self.card.id, "Remove card")


@dataclass(frozen=True)
class RemoveCard(Edit):
    """Remove a card and the flows touching it."""

    card_id: str
    label: str = "Remove card"

    def apply(self, journey: Journey) -> Edit:
        return replace(_remove_cards(journey, [self.card_id]), label=self.label)


def remove_cards(card_ids: Sequence[str], label: str = "Delete") -> Compound:
    """One edit that removes several cards (and their flows)."""
    return Compound(tuple(RemoveCard(cid) for cid in card_ids), label)


def _remove_cards(journey: Journey, card_ids: Sequence[str]) -> Compound:
    flows: dict[str, Flow] = {}
    for card_id in card_ids:
        for flow in journey.flows_of(card_id):
            flows[flow.id] = flow
    for flow_id in flows:
        journey.pop_flow(flow_id)
    # Remove from the end of each cell so that the recorded orders re-insert
    # in ascending order and land exactly where they were.
    cards = sorted((journey.card(cid) for cid in card_ids), key=lambda c: -c.order)
    removed = [journey.pop_card(card.id) for card in cards]
    restore: list[Edit] = [AddCard(card) for card in reversed(removed)]
    restore += [AddFlow(flow) for flow in flows.values()]
    return Compound(tuple(restore), "Remove card")


@dataclass(frozen=True)
class MoveCards(Edit):
    """Move cards to cells and positions as one step.

    ``placements`` holds ``(card_id, stage_id, lane_id, index)``: all the
    cards leave their cells first, then each is inserted at ``index`` of its
    target cell, in the given order.
    """

    placements: tuple[tuple[str, str, str, int], ...]
    label: str = "Move"

    def apply(self, journey: Journey) -> Edit:
        before = journey.place_cards(self.placements)
        return MoveCards(tuple(before), self.label)


def move_card(card_id: str, stage_id: str, lane_id: str, index: int) -> MoveCards:
    """Shorthand for moving one card."""
    return MoveCards(((card_id, stage_id, lane_id, index),), "Move card")


@dataclass(frozen=True)
class UpdateCard(Edit):
    """Change a card's attributes: ``changes`` is ``(attribute, value)`` pairs."""

    card_id: str
    changes: tuple[tuple[str, Any], ...]
    label: str = "Edit card"

    def apply(self, journey: Journey) -> Edit:
        old = journey.update_card(self.card_id, dict(self.changes))
        return UpdateCard(self.card_id, tuple(old.items()), self.label)


def update_card(card_id: str, label: str = "Edit card", **changes: Any) -> UpdateCard:
    """Shorthand: ``update_card("c1", title="Call us")``."""
    return UpdateCard(card_id, tuple(changes.items()), label)


# ---------------------------------------------------------------------- flows
@dataclass(frozen=True)
class AddFlow(Edit):
    """Add a flow between two cards."""

    flow: Flow
    label: str = "Add flow"

    def apply(self, journey: Journey) -> Edit:
        journey.insert_flow(replace(self.flow, extra=dict(self.flow.extra)))
        return RemoveFlow(self.flow.id)


@dataclass(frozen=True)
class RemoveFlow(Edit):
    """Remove a flow."""

    flow_id: str
    label: str = "Remove flow"

    def apply(self, journey: Journey) -> Edit:
        return AddFlow(journey.pop_flow(self.flow_id), "Add flow")


@dataclass(frozen=True)
class UpdateFlow(Edit):
    """Change a flow's kind or label: ``changes`` is ``(attribute, value)`` pairs."""

    flow_id: str
    changes: tuple[tuple[str, Any], ...]
    label: str = "Edit flow"

    def apply(self, journey: Journey) -> Edit:
        old = journey.update_flow(self.flow_id, dict(self.changes))
        return UpdateFlow(self.flow_id, tuple(old.items()), self.label)


@dataclass
class History:
    """A plain undo/redo history of edits, for code without Qt (CLI, tests).

    The editor uses a QUndoStack instead (`app.canvas.undo`); both only
    ever store the inverses that `Edit.apply` returns.
    """

    journey: Journey
    undo_stack: list[Edit] = field(default_factory=list)
    redo_stack: list[Edit] = field(default_factory=list)

    def do(self, edit: Edit) -> None:
        """Apply an edit and remember how to undo it."""
        self.undo_stack.append(edit.apply(self.journey))
        self.redo_stack.clear()

    def undo(self) -> None:
        """Undo the last edit."""
        self.redo_stack.append(self.undo_stack.pop().apply(self.journey))

    def redo(self) -> None:
        """Redo the last undone edit."""
        self.undo_stack.append(self.redo_stack.pop().apply(self.journey))
