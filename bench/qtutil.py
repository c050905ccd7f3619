"""Qt helpers shared by our canvas measurements and the raw Qt baselines."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

#: The size of the editor's view in every measurement.
VIEW_SIZE = (1600, 1000)


def qapp() -> QApplication:
    """The (offscreen, unless a display is asked for) application of this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication.instance() or QApplication([])


class PaintCounter(QObject):
    """Counts the paint events a widget receives and the area they cover."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        self.pixels = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            r = event.region().boundingRect()
            self.pixels += r.width() * r.height()
        return False


def process_until_painted(counter: PaintCounter, before: int, limit: int = 200) -> None:
    """Run the event loop until the widget has been painted at least once more.

    Raises:
        RuntimeError: no paint came: the figure would measure nothing.
    """
    application = QApplication.instance()
    for _ in range(limit):
        application.processEvents()
        if counter.count > before:
            return
    raise RuntimeError("the viewport was never painted: the measurement would be empty")
