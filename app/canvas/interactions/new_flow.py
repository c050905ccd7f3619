"""Drawing a new flow from a card's connector handle to another card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from app.canvas.interactions.base import Interaction
from app.canvas.items import CardItem, FlowPreviewItem
from app.canvas.painting import flow_qpath
from app.canvas.undo import push_edit
from app.layout.geometry import Rect, flow_path
from app.model.edits import AddFlow
from app.model.journey import Flow

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


class NewFlowInteraction(Interaction):
    """Press on a card's handle, drag to another card, release: one `AddFlow`.

    A dashed line follows the mouse; over a card it becomes the arrow the
    flow will have.  Releasing anywhere else draws nothing.
    """

    def __init__(
        self, scene: JourneyScene, press: QGraphicsSceneMouseEvent, source: CardItem
    ) -> None:
        super().__init__(scene, press)
        self.source = source
        self.target: str | None = None
        self._preview = FlowPreviewItem(scene.style)
        scene.addItem(self._preview)
        source.set_handle_active(True)
        start = source.mapToScene(source.handle_center())
        self._preview.set_points(start, start, False)

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        self.dragging = True
        pos = event.scenePos()
        layout = self.scene.layout
        hit = self.scene.card_id_at(pos)
        self.target = hit if hit is not None and hit != self.source.card_id else None
        if self.target is None:
            start = self.source.mapToScene(self.source.handle_center())
            self._preview.set_points(start, pos, False)
            return
        src = layout.cards[self.source.card_id].rect
        dst: Rect = layout.cards[self.target].rect
        fp = flow_path("", "normal", "", src, dst, self.scene.style)
        self._preview.set_points(QPointF(*fp.p0), QPointF(*fp.p3), True, fp.head, flow_qpath(fp))

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        target = self.target
        self.cancel()
        if target is None:
            return
        journey = self.scene.journey
        flow = Flow(journey.new_id("f"), self.source.card_id, target)
        push_edit(self.scene.undo_stack, journey, AddFlow(flow))
        self.scene.select_flows([flow.id])

    def cancel(self) -> None:
        self.source.set_handle_active(False)
        if self._preview.scene() is not None:
            self.scene.removeItem(self._preview)
        self.target = None
