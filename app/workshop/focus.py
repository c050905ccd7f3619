"""Focus mode: dim everything but one stage or one lane.

Two checkable commands, "Focus on stage" and "Focus on lane", take the stage
or the lane of the selected cell (or of the first selected card).  While on,
the focus follows the selection and, in presentation mode, the stage
presented.  The dimming itself is the scene's (``scene.set_focus``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

#: ``(stage_id, lane_id)`` of the selection (either may be None), or None.
Cell = tuple[str | None, str | None] | None


class FocusMode(QObject):
    """Keeps ``scene.set_focus`` on the selected stage or lane while focus mode is on.

    Args:
        window: the main window (owns the actions, shows status messages).
        scene: returns the canvas scene.
        cell: returns the selected cell ``(stage_id, lane_id)`` or None.
    """

    def __init__(
        self, window: QMainWindow, scene: Callable[[], Any], cell: Callable[[], Cell]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._scene = scene
        self._cell = cell
        self.kind: str | None = None
        self.focused: str | None = None
        self.stage_action = self._make("Focus on S&tage", "F6", "stage")
        self.lane_action = self._make("Focus on &Lane", "Shift+F6", "lane")

    def _make(self, text: str, keys: str, kind: str) -> QAction:
        action = QAction(text, self._window)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(f"Dim everything but the selected {kind}")
        action.triggered.connect(lambda checked: self.set_mode(kind if checked else None))
        self._window.addAction(action)
        return action

    @property
    def on(self) -> bool:
        """Whether focus mode is on."""
        return self.kind is not None

    def set_mode(self, kind: str | None) -> bool:
        """Focus on the selection's stage (``"stage"``) or lane, or end focus (None).

        Returns:
            False when there is no selection to focus on (focus stays off).
        """
        if kind is None:
            self._set(None, None)
            return True
        target = self._target(kind)
        if target is None:
            self._window.statusBar().showMessage(
                f"Select a cell or a card first: focus dims all but its {kind}.", 4000
            )
            self._set(None, None)
            return False
        self._set(kind, target)
        return True

    def follow(self, stage_id: str | None = None) -> None:
        """Move the focus with the selection, or onto ``stage_id`` (presentation)."""
        if self.kind is None:
            return
        target = stage_id if stage_id and self.kind == "stage" else self._target(self.kind)
        if target is not None and target != self.focused:
            self._set(self.kind, target)

    def _target(self, kind: str) -> str | None:
        cell = self._cell()
        if cell is None:
            return None
        return cell[0] if kind == "stage" else cell[1]

    def _set(self, kind: str | None, target: str | None) -> None:
        self.kind, self.focused = kind, target
        self.stage_action.setChecked(kind == "stage")
        self.lane_action.setChecked(kind == "lane")
        scene = self._scene()
        if scene is not None:
            scene.set_focus(kind, target)
