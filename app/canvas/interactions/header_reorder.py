"""Dragging a stage or lane header to reorder the columns or rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from app.canvas.interactions.base import Interaction
from app.canvas.items import HeaderItem, Z
from app.canvas.undo import push_edit
from app.model.edits import MoveLane, MoveStage

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


def gap_marker(scene: JourneyScene, axis: str, gap: int) -> QRectF:
    """The bar between two columns (``axis == "stage"``) or rows at ``gap``."""
    layout = scene.layout
    t = layout.marker_thickness + 1
    if axis == "stage":
        ids = layout.stage_ids
        x = layout.columns[ids[gap]][0] if gap < len(ids) else layout.width
        return QRectF(x - t / 2, 0, t, layout.height)
    ids = layout.lane_ids
    y = layout.rows[ids[gap]][0] if gap < len(ids) else layout.height
    return QRectF(0, y - t / 2, layout.width, t)


class HeaderReorderInteraction(Interaction):
    """Press on a stage (lane) header, drag sideways (up or down), release:
    one `MoveStage` (`MoveLane`) edit; the header follows the mouse and a bar
    shows the gap it will land in."""

    def __init__(
        self, scene: JourneyScene, press: QGraphicsSceneMouseEvent, item: HeaderItem
    ) -> None:
        super().__init__(scene, press)
        self.item = item
        self.gap: int | None = None
        self._origin = QPointF(item.pos())
        scene.clearSelection()
        scene.select_cell(None)

    @property
    def axis(self) -> str:
        """``"stage"`` or ``"lane"``."""
        return self.item.axis

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.far_enough(event):
            return
        if not self.dragging:
            self.dragging = True
            self.item.set_pressed(True)
            self.item.setZValue(Z.CORNER + 0.5)
            self.item.setOpacity(0.9)
        pos = event.scenePos()
        delta = pos - self.press_pos
        layout = self.scene.layout
        if self.axis == "stage":
            self.item.setPos(self._origin + QPointF(delta.x(), 0))
            self.gap = layout.stage_insert_index(pos.x())
        else:
            self.item.setPos(self._origin + QPointF(0, delta.y()))
            self.gap = layout.lane_insert_index(pos.y())
        self.scene.show_marker(gap_marker(self.scene, self.axis, self.gap))

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        gap, dragging = self.gap, self.dragging
        self.cancel()
        if not dragging or gap is None:
            return
        journey = self.scene.journey
        hid = self.item.header_id
        if self.axis == "stage":
            old = journey.stage_index(hid)
            new = gap - 1 if gap > old else gap
            if new != old:
                push_edit(self.scene.undo_stack, journey, MoveStage(hid, new))
        else:
            old = journey.lane_index(hid)
            new = gap - 1 if gap > old else gap
            if new != old:
                push_edit(self.scene.undo_stack, journey, MoveLane(hid, new))

    def cancel(self) -> None:
        self.item.set_pressed(False)
        self.item.setOpacity(1.0)
        self.item.setZValue(Z.STAGE_HEADER if self.axis == "stage" else Z.LANE_HEADER)
        self.item.setPos(self._origin)
        self.scene.show_marker(None)
        self.dragging = False
