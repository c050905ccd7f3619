"""The undo history dock: every step of the window's undo stack; clicking one goes there."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QUndoView, QWidget


class UndoHistoryDock(QDockWidget):
    """A QUndoView of the document's stack; the first row is the map as opened."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.setObjectName("undoHistoryDock")
        self.view = QUndoView(stack, self)
        self.view.setEmptyLabel("Map as opened")
        self.setWidget(self.view)
