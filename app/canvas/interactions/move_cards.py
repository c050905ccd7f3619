"""Dragging cards to another cell or another place in their cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from app.canvas.interactions.base import Interaction
from app.canvas.items import CardItem, Z
from app.canvas.painting import qrect
from app.canvas.undo import push_edit
from app.layout.geometry import Rect, flow_path
from app.model.edits import MoveCards

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


class MoveCardsInteraction(Interaction):
    """Press on a card, drag, release: the selected cards move together.

    While dragging, the cards follow the mouse, their arrows follow the
    cards, and a bar marks where they will land; the model is untouched
    until the release pushes one `MoveCards` edit.  A press also selects:
    Ctrl toggles the card, Shift adds it, a plain press on an unselected
    card selects only it.
    """

    def __init__(
        self, scene: JourneyScene, press: QGraphicsSceneMouseEvent, item: CardItem
    ) -> None:
        super().__init__(scene, press)
        self.item = item
        self._select_only_on_click = False
        self._origins: list[tuple[CardItem, QPointF]] = []
        self._flows: list[str] = []
        self.target: tuple[str, str, int] | None = None
        mods = press.modifiers()
        scene.select_cell(None)
        if mods & Qt.KeyboardModifier.ControlModifier:
            item.setSelected(not item.isSelected())
        elif mods & Qt.KeyboardModifier.ShiftModifier:
            item.setSelected(True)
        elif not item.isSelected():
            scene.select_cards([item.card_id])
        else:
            self._select_only_on_click = True

    @property
    def moving_ids(self) -> list[str]:
        """Ids of the cards being dragged, in reading order."""
        return [item.card_id for item, _ in self._origins]

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.item.isSelected() or not self.far_enough(event):
            return
        if not self.dragging:
            self._start()
        pos = event.scenePos()
        delta = pos - self.press_pos
        for item, origin in self._origins:
            item.setPos(origin + delta)
        self._follow_flows(delta.x(), delta.y())
        self.target = self._drop_target(pos)
        self._show_marker()

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.dragging:
            if self._select_only_on_click and self.plain(event):
                self.scene.select_cards([self.item.card_id])
            return
        target = self.target
        moving = self.moving_ids
        self.cancel()
        if target is not None:
            self._push(moving, *target)

    def cancel(self) -> None:
        layout = self.scene.layout
        for item, origin in self._origins:
            item.setPos(origin)
            item.setZValue(Z.CARD)
            item.setOpacity(1.0)
        for fid in self._flows:
            flow_item = self.scene.flow_item(fid)
            if flow_item is not None and fid in layout.flows:
                flow_item.set_path(layout.flows[fid])
        self.scene.show_marker(None)
        self._origins = []
        self.dragging = False

    # ---------------------------------------------------------------- steps
    def _start(self) -> None:
        self.dragging = True
        items = self.scene.selected_card_items()
        self._origins = [(item, QPointF(item.pos())) for item in items]
        for item, _ in self._origins:
            item.setZValue(Z.DRAGGED)
            item.setOpacity(0.88)
        journey = self.scene.journey
        flows = {f.id: None for cid in self.moving_ids for f in journey.flows_of(cid)}
        self._flows = list(flows)

    def _follow_flows(self, dx: float, dy: float) -> None:
        layout, style = self.scene.layout, self.scene.style
        moving = set(self.moving_ids)
        journey = self.scene.journey

        def rect(cid: str) -> Rect:
            r = layout.cards[cid].rect
            return r.translated(dx, dy) if cid in moving else r

        for fid in self._flows:
            flow, item = journey.flow(fid), self.scene.flow_item(fid)
            if item is None or flow.source not in layout.cards or flow.target not in layout.cards:
                continue
            item.set_path(
                flow_path(fid, flow.kind, flow.label, rect(flow.source), rect(flow.target), style,
                          source=flow.source, target=flow.target)
            )

    def _drop_target(self, pos: QPointF) -> tuple[str, str, int] | None:
        layout = self.scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        index = layout.insertion_index(cell[0], cell[1], pos.y(), exclude=set(self.moving_ids))
        return cell[0], cell[1], index

    def _show_marker(self) -> None:
        if self.target is None:
            self.scene.show_marker(None)
            return
        stage, lane, index = self.target
        bar = self.scene.layout.insertion_marker(stage, lane, index, exclude=set(self.moving_ids))
        self.scene.show_marker(qrect(bar))

    def _push(self, moving: list[str], stage: str, lane: str, index: int) -> None:
        journey = self.scene.journey
        current = journey.cell_ids(stage, lane)
        after = [cid for cid in current if cid not in moving]
        after[index:index] = moving
        if after == current:
            return  # dropped where they already were
        placements = tuple((cid, stage, lane, index + i) for i, cid in enumerate(moving))
        text = "Move card" if len(moving) == 1 else f"Move {len(moving)} cards"
        push_edit(self.scene.undo_stack, journey, MoveCards(placements, text))
