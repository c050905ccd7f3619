"""The base of the tool modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


class Interaction:
    """A gesture in progress.

    The scene creates one on a mouse press and forwards the following moves
    and the release to it.  An interaction changes only the look of items
    while it runs; the model changes once, through the undo stack, when it
    ends.
    """

    def __init__(self, scene: JourneyScene, press: QGraphicsSceneMouseEvent) -> None:
        self.scene = scene
        self.press_pos = QPointF(press.scenePos())
        self._press_screen = press.screenPos()
        self.dragging = False

    def far_enough(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Whether the mouse has moved far enough from the press to start a drag."""
        if self.dragging:
            return True
        moved = (event.screenPos() - self._press_screen).manhattanLength()
        return moved >= QApplication.startDragDistance()

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        """The mouse moved with the button held."""

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        """The button was released: end the gesture (maybe pushing one edit)."""

    def cancel(self) -> None:
        """Abandon the gesture (Escape): restore every item's look."""

    @staticmethod
    def plain(event: QGraphicsSceneMouseEvent) -> bool:
        """Whether no selection modifier (Ctrl, Shift) is held."""
        mods = event.modifiers()
        return not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
