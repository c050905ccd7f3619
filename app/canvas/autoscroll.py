"""Scrolling the view while something is dragged near its edge.

Dragging a card to a cell that is out of sight, or stretching a rubber band
past the edge, scrolls the map; each step replays the last mouse move so
that the dragged cards, the insertion marker and the band follow.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

#: Width of the band along each edge where scrolling starts, in pixels.
EDGE = 28
#: Pixels scrolled per step at the very edge (less further in).
SPEED = 22
INTERVAL_MS = 30


class AutoScroller:
    """Scrolls ``view`` while the mouse, button held, stays near an edge.

    Args:
        view: the view to scroll.
        active: tells whether a drag worth scrolling for is in progress.
        insets: the (left, top) pixels covered by sticky headers; the edge
            bands start inside them.
    """

    def __init__(self, view: QGraphicsView, active, insets) -> None:
        self.view = view
        self._active = active
        self._insets = insets
        self._timer = QTimer(view)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._step)
        self._pos = QPoint()
        self._buttons = Qt.MouseButton.NoButton
        self._modifiers = Qt.KeyboardModifier.NoModifier
        self._velocity = (0, 0)

    def track(self, event: QMouseEvent) -> None:
        """Note a mouse move; start or stop scrolling."""
        self._pos = event.position().toPoint()
        self._buttons = event.buttons()
        self._modifiers = event.modifiers()
        self._velocity = self._velocity_at(self._pos)
        if self._velocity != (0, 0) and self._buttons and self._active():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Stop scrolling (the button was released)."""
        self._timer.stop()

    def _velocity_at(self, pos: QPoint) -> tuple[int, int]:
        rect = self.view.viewport().rect()
        left, top = self._insets()

        def speed(depth: float) -> int:
            return round(SPEED * min(1.0, max(depth, 0.0) / EDGE) + 2)

        vx = vy = 0
        if pos.x() < left + EDGE:
            vx = -speed(left + EDGE - pos.x())
        elif pos.x() > rect.right() - EDGE:
            vx = speed(pos.x() - rect.right() + EDGE)
        if pos.y() < top + EDGE:
            vy = -speed(top + EDGE - pos.y())
        elif pos.y() > rect.bottom() - EDGE:
            vy = speed(pos.y() - rect.bottom() + EDGE)
        return vx, vy

    def _step(self) -> None:
        if not self._active():
            self._timer.stop()
            return
        hbar, vbar = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        before = (hbar.value(), vbar.value())
        hbar.setValue(hbar.value() + self._velocity[0])
        vbar.setValue(vbar.value() + self._velocity[1])
        if (hbar.value(), vbar.value()) == before:
            return  # at the end of the map
        viewport = self.view.viewport()
        replay = QMouseEvent(
            QEvent.Type.MouseMove, QPointF(self._pos), QPointF(viewport.mapToGlobal(self._pos)),
            Qt.MouseButton.NoButton, self._buttons, self._modifiers,
        )
        QApplication.sendEvent(viewport, replay)
