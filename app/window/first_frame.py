"""The end of the editor's start: its first frame on the screen.

`app.cli` pauses Python's cyclic collector before the editor's modules are
imported (`app.model.gcpause.pause_for_startup`); the collector is switched
on again once the canvas has painted its first frame, so that the walks it
saved happen after the map is on the screen rather than before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.model.gcpause import end_startup_pause

#: Switched on again after this long even if the canvas never paints (a
#: window opened minimised, or a dialog in front of it before it showed).
FALLBACK_MS = 3000


class _FirstPaint(QObject):
    """Ends the startup pause right after the first paint of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, not in the middle of it.
            QTimer.singleShot(0, self, self._end)
        return False

    def _end(self) -> None:
        end_startup_pause()
        self._widget.removeEventFilter(self)
        self.deleteLater()


def end_pause_after_first_frame(canvas: QWidget) -> None:
    """Switch the collector on again once ``canvas`` (the view's viewport) has
    painted, or after `FALLBACK_MS`."""
    _FirstPaint(canvas)
