"""Presentation mode: the map full screen, in large type, stage by stage.

Entering hides the menus, toolbars, docks, status bar and scroll bars,
switches the scene to `PRESENTATION_STYLE` and goes full screen.  Right and
Left step from stage to stage and the view follows, centring the stage's
column; Home and End jump to the first and last stage; Down and Up bring the
next or previous lane to the top.  Escape (or F5 again) leaves and puts the
window back exactly as it was: geometry, state, docks, toolbars, zoom and
scroll position.

The type is sized for the screen: 100 % zoom on a 600-pixel-high picture,
growing with the screen, so a 1280x720 projector and a 1920x1080 screen show
the same part of the map, about three stages wide, with card titles about
2.7 % of the picture's height.

The stepping keys are QActions on the window, enabled only while presenting,
so they are listed in Help > Keyboard Shortcuts and leave the arrow keys to
the canvas otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

from app.layout.style import PRESENTATION_STYLE, Style
from app.workshop.shortcuts_help import GROUP_PROPERTY

#: Viewport height (pixels) at which the map is shown at 100 %.
DESIGN_HEIGHT = 600.0
#: How much larger than that a short map may be drawn to fill the height.
MAX_GROWTH = 1.25


@dataclass
class _Saved:
    """What presentation mode changes, to put back on leaving."""

    geometry: QRect
    window_state: Qt.WindowState
    state: QByteArray
    style: Style
    zoom: float
    scroll: tuple[int, int]
    scroll_policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    focus: Any
    hidden: list[QWidget] = field(default_factory=list)


class PresentationMode(QObject):
    """Full-screen, large-type presentation of one window's map.

    Args:
        window: the main window.
        view: returns the canvas view (``zoom``, ``set_zoom``, scroll bars).
        scene: returns the canvas scene (``style``, ``set_style``, ``layout``,
            ``editing``).
    """

    #: Presentation mode started (True) or ended (False).
    toggled = Signal(bool)
    #: The stage shown changed (its id).
    stage_changed = Signal(str)

    def __init__(
        self, window: QMainWindow, view: Callable[[], Any], scene: Callable[[], Any]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._scene = scene
        self._saved: _Saved | None = None
        self.index = 0
        self.lane_index = 0
        self.toggle_action = QAction("&Presentation Mode", window)
        self.toggle_action.setShortcut(QKeySequence("F5"))
        self.toggle_action.setCheckable(True)
        self.toggle_action.setStatusTip("Full screen, large type; arrow keys step through stages")
        self.toggle_action.triggered.connect(lambda _checked: self.toggle())
        window.addAction(self.toggle_action)
        self._keys = [
            self._key("Next Stage", "Right", lambda: self.step(1)),
            self._key("Previous Stage", "Left", lambda: self.step(-1)),
            self._key("First Stage", "Home", lambda: self.go_to(0)),
            self._key("Last Stage", "End", lambda: self.go_to(-1)),
            self._key("Next Lane to the Top", "Down", lambda: self.step_lane(1)),
            self._key("Previous Lane to the Top", "Up", lambda: self.step_lane(-1)),
            self._key("Leave Presentation", "Escape", self._escape),
        ]

    def _key(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        # Off until presenting: outside presentation mode the keys belong to the canvas.
        action.setEnabled(False)
        action.setProperty(GROUP_PROPERTY, "Presentation mode")
        self._window.addAction(action)
        return action

    @property
    def active(self) -> bool:
        """Whether the window is presenting."""
        return self._saved is not None

    def toggle(self) -> None:
        """Enter presentation mode, or leave it."""
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        """Hide everything but the map, enlarge the type and go full screen."""
        if self.active:
            return
        window, view, scene = self._window, self._view(), self._scene()
        saved = _Saved(
            geometry=window.geometry(),
            window_state=window.windowState(),
            state=window.saveState(),
            style=scene.style,
            zoom=view.zoom,
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
            scroll_policies=(
                view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()
            ),
            focus=window.focusWidget(),
        )
        self._saved = saved
        for widget in self._chrome():
            if widget.isVisible():
                widget.hide()
                saved.hidden.append(widget)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scene.set_style(PRESENTATION_STYLE)
        window.showFullScreen()
        self._set_keys(True)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.index = self._start_index()
        self.lane_index = 0
        self.toggled.emit(True)
        self.show_stage()

    def leave(self) -> None:
        """Put the window back exactly as it was before presenting."""
        saved, self._saved = self._saved, None
        if saved is None:
            return
        self._set_keys(False)
        window, view = self._window, self._view()
        self._scene().set_style(saved.style)
        if saved.window_state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        else:
            window.showNormal()
            window.setGeometry(saved.geometry)
        window.restoreState(saved.state)
        for widget in saved.hidden:
            widget.show()
        view.setHorizontalScrollBarPolicy(saved.scroll_policies[0])
        view.setVerticalScrollBarPolicy(saved.scroll_policies[1])
        view.set_zoom(saved.zoom)
        view.horizontalScrollBar().setValue(saved.scroll[0])
        view.verticalScrollBar().setValue(saved.scroll[1])
        if saved.focus is not None:
            saved.focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toggled.emit(False)

    def step(self, delta: int) -> None:
        """Show the stage ``delta`` columns to the right (negative: left)."""
        self.go_to(self.index + delta)

    def go_to(self, index: int) -> None:
        """Show stage ``index`` (negative counts from the end; clamped to the map)."""
        count = len(self._scene().layout.stage_ids)
        if not count:
            return
        if index < 0:
            index += count
        self.index = max(0, min(index, count - 1))
        self.show_stage()

    def step_lane(self, delta: int) -> None:
        """Scroll so that the lane ``delta`` rows down (negative: up) is at the top."""
        count = len(self._scene().layout.lane_ids)
        if count:
            self.lane_index = max(0, min(self.lane_index + delta, count - 1))
            self.show_stage()

    def current_stage(self) -> str | None:
        """The id of the stage presented, or None for a map without stages."""
        ids = self._scene().layout.stage_ids
        return ids[min(self.index, len(ids) - 1)] if ids else None

    def show_stage(self) -> None:
        """Zoom for the screen, centre the current stage and put the current lane on top."""
        layout = self._scene().layout
        if not layout.stage_ids:
            return
        view = self._view()
        vp = view.viewport().rect()
        zoom = presentation_scale(vp.height(), layout.height)
        view.set_zoom(zoom)
        self.index = min(self.index, len(layout.stage_ids) - 1)
        stage_id = layout.stage_ids[self.index]
        x, width = layout.columns[stage_id]
        # Centre the column in the part of the screen right of the sticky lane headers.
        left = layout.lane_header_width * zoom
        view.horizontalScrollBar().setValue(
            round((x + width / 2) * zoom - left - (vp.width() - left) / 2)
        )
        top = 0.0
        if layout.lane_ids and self.lane_index > 0:
            lane_id = layout.lane_ids[min(self.lane_index, len(layout.lane_ids) - 1)]
            top = (layout.rows[lane_id][0] - layout.header_height) * zoom
        view.verticalScrollBar().setValue(round(top))
        self.stage_changed.emit(stage_id)

    def _escape(self) -> None:
        editing = getattr(self._scene(), "editing", None)
        if editing is not None and editing.active:
            editing.cancel()  # Escape first cancels typing, as it does outside
            return
        self.leave()

    def _start_index(self) -> int:
        # Start on the stage the facilitator was working on.
        scene = self._scene()
        cell = scene.selected_cell() or scene.cell_of_selection()
        ids = scene.layout.stage_ids
        if cell is not None and cell[0] in ids:
            return ids.index(cell[0])
        return min(self.index, max(0, len(ids) - 1))

    def _set_keys(self, on: bool) -> None:
        for action in self._keys:
            action.setEnabled(on)
        self.toggle_action.setChecked(on)

    def _chrome(self) -> list[QWidget]:
        window = self._window
        widgets: list[QWidget] = [window.menuBar(), window.statusBar()]
        widgets += window.findChildren(QToolBar)
        widgets += window.findChildren(QDockWidget)
        return widgets


def presentation_scale(viewport_height: float, map_height: float) -> float:
    """The zoom for presenting on a viewport ``viewport_height`` pixels high.

    Type grows with the screen (100 % at `DESIGN_HEIGHT` pixels), so it
    covers the same share of the picture at 720p and 1080p; a map short
    enough is drawn a little larger, up to filling the height.
    """
    readable = viewport_height / DESIGN_HEIGHT
    if map_height <= 0:
        return readable
    fit = viewport_height / map_height
    return max(readable, min(fit, MAX_GROWTH * readable))
