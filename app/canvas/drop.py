"""Drops from the palette: a card kind onto a cell, a new stage between two
stages, a new lane between two lanes.

Each handler says whether it `accepts` a drag's data, shows where the drop
would land while the drag hovers (`hover`), and turns the drop into one
edit (`do_drop`).  Drags it does not know (files, text) are left for the
window to take.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsSceneDragDropEvent

from app.canvas.interactions.header_reorder import gap_marker
from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from app.canvas.painting import qrect
from app.canvas.undo import push_edit
from app.model.edits import AddCard, AddLane, AddStage
from app.model.journey import CARD_KINDS, LANE_KINDS, Card, Lane, Stage

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene

#: The title a card dropped from the palette starts with (then edited in place).
NEW_CARD_TITLES = {
    "touchpoint": "New touchpoint",
    "action": "New action",
    "thought": "New thought",
    "pain": "New pain point",
    "opportunity": "New opportunity",
    "partner": "New partner step",
    "note": "New note",
    "evidence": "New evidence",
}


def _payload(mime: QMimeData, fmt: str) -> str:
    return bytes(mime.data(fmt).data()).decode("utf-8", errors="replace").strip()


class DropHandler:
    """Turns one kind of palette drag into an edit."""

    mime_type = ""

    def accepts(self, mime: QMimeData) -> bool:
        """Whether this handler takes the drag's data."""
        return mime.hasFormat(self.mime_type)

    def marker(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> QRectF | None:
        """Where the drop would land (a bar to draw), or None if not here."""
        raise NotImplementedError

    def do_drop(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> bool:
        """Make the edit; True if something was added."""
        raise NotImplementedError


class CardKindDrop(DropHandler):
    """A card kind dropped on a cell becomes a card at the drop's place in
    the cell; its title is then edited in place."""

    mime_type = MIME_CARD_KIND

    def accepts(self, mime: QMimeData) -> bool:
        return mime.hasFormat(self.mime_type) and _payload(mime, self.mime_type) in CARD_KINDS

    def _target(self, scene: JourneyScene, pos: QPointF) -> tuple[str, str, int] | None:
        layout = scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        return cell[0], cell[1], layout.insertion_index(cell[0], cell[1], pos.y())

    def marker(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> QRectF | None:
        target = self._target(scene, pos)
        return None if target is None else qrect(scene.layout.insertion_marker(*target))

    def do_drop(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> bool:
        target = self._target(scene, pos)
        if target is None:
            return False
        kind = _payload(mime, self.mime_type)
        journey = scene.journey
        stage, lane, index = target
        card = Card(journey.new_id("c"), stage, lane, index, NEW_CARD_TITLES[kind], kind)
        push_edit(scene.undo_stack, journey, AddCard(card, "Add card"))
        scene.select_cards([card.id])
        scene.start_editing_title(card.id)
        return True


class NewStageDrop(DropHandler):
    """"New stage" dropped between two stages inserts an empty stage there."""

    mime_type = MIME_NEW_STAGE

    def marker(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> QRectF | None:
        return gap_marker(scene, "stage", scene.layout.stage_insert_index(pos.x()))

    def do_drop(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> bool:
        journey = scene.journey
        gap = scene.layout.stage_insert_index(pos.x())
        stage = Stage(journey.new_id("s"), "New stage")
        push_edit(scene.undo_stack, journey, AddStage(stage, gap))
        scene.rename_header("stage", stage.id)
        return True


class NewLaneDrop(DropHandler):
    """"New lane" dropped between two lanes inserts an empty lane there; the
    payload may name the lane's kind (default ``touchpoints``)."""

    mime_type = MIME_NEW_LANE

    def marker(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> QRectF | None:
        return gap_marker(scene, "lane", scene.layout.lane_insert_index(pos.y()))

    def do_drop(self, scene: JourneyScene, mime: QMimeData, pos: QPointF) -> bool:
        journey = scene.journey
        kind = _payload(mime, self.mime_type)
        kind = kind if kind in LANE_KINDS else "touchpoints"
        gap = scene.layout.lane_insert_index(pos.y())
        lane = Lane(journey.new_id("l"), "New lane", kind)
        push_edit(scene.undo_stack, journey, AddLane(lane, gap))
        scene.rename_header("lane", lane.id)
        return True


HANDLERS: tuple[DropHandler, ...] = (CardKindDrop(), NewStageDrop(), NewLaneDrop())


def handler_for(mime: QMimeData | None) -> DropHandler | None:
    """The handler that takes this drag, or None (not a palette drag)."""
    if mime is None:
        return None
    for handler in HANDLERS:
        if handler.accepts(mime):
            return handler
    return None


class DropController:
    """Routes a scene's drag events to the handler that takes the drag."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.handler: DropHandler | None = None

    def enter(self, event: QGraphicsSceneDragDropEvent) -> None:
        """A drag entered the view: accept it if a handler takes it."""
        self.handler = handler_for(event.mimeData())
        if self.handler is None:
            event.ignore()  # files and text are the window's business
            return
        self.scene.editing.commit()
        event.acceptProposedAction()

    def move(self, event: QGraphicsSceneDragDropEvent) -> None:
        """The drag moved: show where it would land, refuse where it cannot."""
        if self.handler is None:
            event.ignore()
            return
        rect = self.handler.marker(self.scene, event.mimeData(), event.scenePos())
        self.scene.show_marker(rect)
        if rect is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def leave(self, event: QGraphicsSceneDragDropEvent) -> None:
        """The drag left the view."""
        self.scene.show_marker(None)
        self.handler = None
        event.accept()

    def drop(self, event: QGraphicsSceneDragDropEvent) -> None:
        """The drag was dropped: one edit, or nothing."""
        handler, self.handler = self.handler or handler_for(event.mimeData()), None
        self.scene.show_marker(None)
        if handler is None or not handler.do_drop(self.scene, event.mimeData(), event.scenePos()):
            event.ignore()
            return
        event.acceptProposedAction()
