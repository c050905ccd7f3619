"""Focus mode: dim everything but one stage or one lane.

Two checkable commands, "Focus on stage" and "Focus on lane", take the stage
or the lane of the selected cell (or of the first selected card).  While on,
the focus follows the selection and, in presentation mode, the stage
presented.  The dimming itself is the scene's (``scene.set_focus``).

Escape leaves focus mode (after cancelling any typing), and while it is on a
hint at the top of the canvas names what is focused and how to leave, so a
facilitator who pressed F6 by accident is never stuck with a dimmed map.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from app.workshop.shortcuts_help import GROUP_PROPERTY

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
        self.leave_action = QAction("Leave Focus", window)
        self.leave_action.setShortcut(QKeySequence("Escape"))
        self.leave_action.setProperty(GROUP_PROPERTY, "Focus mode")
        self.leave_action.setEnabled(False)  # Escape belongs to the canvas otherwise
        self.leave_action.triggered.connect(lambda _=False: self._escape())
        window.addAction(self.leave_action)
        self._escape_taken = False
        self.hint: QLabel | None = None

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

    def yield_escape(self, taken: bool) -> None:
        """Let another mode (presentation) own Escape while it is on; two
        enabled actions on one key would make Qt run neither."""
        self._escape_taken = taken
        self._sync_escape()

    def _sync_escape(self) -> None:
        self.leave_action.setEnabled(self.on and not self._escape_taken)

    def _escape(self) -> None:
        scene = self._scene()
        editing = getattr(scene, "editing", None)
        if editing is not None and editing.active:
            editing.cancel()  # Escape first cancels typing, as it does elsewhere
            return
        self.set_mode(None)

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
        self._sync_escape()
        self._show_hint(scene, kind, target)

    def _show_hint(self, scene: Any, kind: str | None, target: str | None) -> None:
        views = scene.views() if scene is not None else []
        if kind is None or target is None or not views:
            if self.hint is not None:
                self.hint.hide()
            return
        viewport = views[0].viewport()
        if self.hint is None or self.hint.parent() is not viewport:
            self.hint = QLabel(viewport)
            self.hint.setObjectName("focusHint")
            self.hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.hint.setStyleSheet(
                "QLabel#focusHint { background: rgba(30, 41, 59, 215); color: white;"
                " border-radius: 6px; padding: 6px 12px; font-size: 13pt; }"
            )
            self.hint.setWordWrap(True)
        journey = scene.journey
        name = (journey.stage(target) if kind == "stage" else journey.lane(target)).name
        key = "F6" if kind == "stage" else "Shift+F6"
        self.hint.setText(f"Focus on {kind} \u201c{name}\u201d \u2014 Esc or {key} to leave")
        self.hint.setMaximumWidth(max(120, viewport.width() - 16))
        self.hint.adjustSize()
        # At the bottom: the sticky stage headers keep the top.
        x = max(8, (viewport.width() - self.hint.width()) // 2)
        self.hint.move(x, max(8, viewport.height() - self.hint.height() - 12))
        self.hint.show()
        self.hint.raise_()
