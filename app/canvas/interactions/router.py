"""Which gesture a press starts, and what a double-click edits: the scene
asks here, by the item under the mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from app.canvas.interactions.base import Interaction
from app.canvas.interactions.header_reorder import HeaderReorderInteraction
from app.canvas.interactions.move_cards import MoveCardsInteraction
from app.canvas.interactions.new_flow import NewFlowInteraction
from app.canvas.items import CardItem, CornerItem, FlowItem, HeaderItem
from app.canvas.text_field import InlineEditor

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


def item_at(scene: JourneyScene, event) -> QGraphicsItem | None:
    """The topmost card, flow, header or editor under a mouse or help event."""
    view = event.widget().parentWidget() if event.widget() is not None else None
    transform = view.transform() if view is not None else QTransform()
    for item in scene.items(event.scenePos(), Qt.ItemSelectionMode.IntersectsItemShape,
                            Qt.SortOrder.DescendingOrder, transform):
        if isinstance(item, CardItem | FlowItem | HeaderItem | InlineEditor):
            return item
    return None


def start_interaction(
    scene: JourneyScene, event: QGraphicsSceneMouseEvent, item: QGraphicsItem | None
) -> Interaction | None:
    """The gesture a left press on ``item`` starts: a new flow from a card's
    handle, a card move, a header reorder; None elsewhere."""
    if isinstance(item, CardItem):
        if item.handle_hit(item.mapFromScene(event.scenePos())):
            return NewFlowInteraction(scene, event, item)
        return MoveCardsInteraction(scene, event, item)
    if isinstance(item, HeaderItem) and not isinstance(item, CornerItem):
        return HeaderReorderInteraction(scene, event, item)
    return None


def press_flow(scene: JourneyScene, event: QGraphicsSceneMouseEvent, item: FlowItem) -> None:
    """Select a clicked flow: alone, or toggled with Ctrl, or added with Shift."""
    mods = event.modifiers()
    scene.select_cell(None)
    if mods & Qt.KeyboardModifier.ControlModifier:
        item.setSelected(not item.isSelected())
    elif mods & Qt.KeyboardModifier.ShiftModifier:
        item.setSelected(True)
    else:
        scene.select_flows([item.flow_id])
    event.accept()


def double_click(scene: JourneyScene, event: QGraphicsSceneMouseEvent,
                 item: QGraphicsItem | None) -> None:
    """Edit what was double-clicked: a title, a flow label, a header name, or a
    new card in the empty cell."""
    if isinstance(item, CardItem):
        scene.start_editing_title(item.card_id)
    elif isinstance(item, FlowItem):
        scene.start_editing_flow_label(item.flow_id)
    elif isinstance(item, HeaderItem) and not isinstance(item, CornerItem):
        scene.rename_header(item.axis, item.header_id)
    else:
        pos = event.scenePos()
        cell = scene.layout.cell_at(pos.x(), pos.y())
        if cell is not None:
            scene.start_new_card(*cell)
    event.accept()
