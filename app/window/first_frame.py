"""The end of the editor's start: its first frame on the screen, and what a
map being opened lays out right after it.

`app.cli` pauses Python's cyclic collector before the editor's modules are
imported (`app.model.gcpause.pause_for_startup`); it is switched on again
once the canvas has painted and the scene has finished the work it left for
after the first frame, so that the walks it saved happen when the map is
on the screen and nothing waits for them.  (Switched on right after the
first paint, its first walk of everything the start made, 40-60 ms, pushed
the window's last repaint of its docks behind the scene's finishing pass,
half a second later.)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.model.gcpause import end_startup_pause

#: Switched on again after this long even if the canvas never paints (a
#: window opened minimised, or a dialog in front of it before it showed).
FALLBACK_MS = 3000
#: How often to look whether the scene has finished after the first paint.
POLL_MS = 100


class _FirstPaint(QObject):
    """Ends the startup pause once one canvas has painted and its scene has
    nothing left to finish."""

    def __init__(self, canvas: QWidget, finishing: Callable[[], bool]) -> None:
        super().__init__(canvas)
        self._canvas, self._finishing = canvas, finishing
        self._deadline = time.monotonic() + FALLBACK_MS / 1000
        self._painted = self._done = False
        canvas.installEventFilter(self)
        self._fallback = QTimer(self, singleShot=True, interval=FALLBACK_MS)
        self._fallback.timeout.connect(self._end)
        self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            # After this paint has reached the screen, not in the middle of it.
            QTimer.singleShot(0, self, self._end_when_finished)
        return False

    def _end_when_finished(self) -> None:
        if self._done:
            return
        if self._finishing() and time.monotonic() < self._deadline:
            QTimer.singleShot(POLL_MS, self, self._end_when_finished)
            return
        self._end()

    def _end(self) -> None:
        # Once: this object goes only when the event loop next runs.
        if self._done:
            return
        self._done = True
        self._fallback.stop()
        end_startup_pause()
        self._canvas.removeEventFilter(self)
        self.deleteLater()


def end_pause_after_first_frame(canvas: QWidget,
                                finishing: Callable[[], bool] = lambda: False) -> None:
    """Switch the collector on again once ``canvas`` (the view's viewport)
    has painted and ``finishing()`` (the scene's) is false, or after
    `FALLBACK_MS`."""
    _FirstPaint(canvas, finishing)
