"""View > Canvas Only (F9): every dock out of the way in one key, and back.

On a 1280x720 projector the palette and the inspector leave the map about
700 pixels; a facilitator who wants the room to see the map presses F9, and
F9 again brings back exactly the docks that were open.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

KEY = "F9"


class CanvasOnly(QObject):
    """Hides the window's open docks and shows them again.

    Args:
        window: the main window whose docks are hidden.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._hidden: list[QDockWidget] = []
        self.action = QAction("&Canvas Only", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(KEY))
        self.action.setStatusTip("Hide every panel so the map has the whole window (F9 again)")
        self.action.toggled.connect(self.set_on)
        window.addAction(self.action)

    @property
    def on(self) -> bool:
        """Whether the docks are out of the way."""
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        """Hide the open docks (True) or show again the ones hidden (False)."""
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back here through `toggled`
            return
        if on:
            # A dock tabbed behind another is open but not visible: its
            # view action says whether the user has it open.
            docks = self._window.findChildren(QDockWidget)
            self._hidden = [d for d in docks if d.toggleViewAction().isChecked()]
            for dock in self._hidden:
                dock.hide()
            return
        for dock in self._hidden:
            dock.show()
        self._hidden = []
