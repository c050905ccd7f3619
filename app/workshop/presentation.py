"""Presentation mode: the map full screen, in large type, stage by stage.

Entering hides the menus, toolbars, docks, status bar and scroll bars,
switches the scene to `PRESENTATION_STYLE` and goes full screen.  Every lane
is always in the picture and only whole stages are shown; the current stage
is highlighted.  Right and Left step from stage to stage (the view follows
when the stage is out of the picture), Home and End jump to the first and
last stage, O shows the whole map (the overview step, also one step left of
the first stage).  A small key hint sits in the corner.  Escape (or F5
again) leaves and puts the window back exactly as it was: geometry, state,
docks, toolbars, zoom and scroll position.

The zoom fits the map's height, up to a little larger than 100 % on a
600-pixel-high picture (growing with the screen) for short maps; titles that
would be drawn too small to read are drawn legibly by the cards themselves.

The stepping keys are QActions on the window, enabled only while presenting,
so they are listed in Help > Keyboard Shortcuts and leave the arrow keys to
the canvas otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar, QWidget

from app.layout.style import PRESENTATION_STYLE, Style
from app.workshop.shortcuts_help import GROUP_PROPERTY

#: Viewport height (pixels) at which the map is shown at 100 %.
DESIGN_HEIGHT = 600.0
#: How much larger than that a short map may be drawn to fill the height.
MAX_GROWTH = 1.25
#: The `PresentationMode.index` of the whole-map overview step.
OVERVIEW = -1
#: How long the key hint stays after entering presentation mode.
HINT_SECONDS = 6
#: The key hint shown in the corner while presenting.
KEY_HINT = "\u2190 \u2192 stages \u00b7 O whole map \u00b7 Esc leave"


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
        #: The stage presented; `OVERVIEW` for the whole map.
        self.index = 0
        self._before_overview = 0
        self.hint: QLabel | None = None
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
            self._key("Whole Map", "O", self.overview),
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
        if window.screen() is not None:
            # Without a window manager (a kiosk, Xvfb) full screen alone
            # keeps the window's size; with one, this is overridden anyway.
            window.setGeometry(window.screen().geometry())
        window.showFullScreen()
        self._set_keys(True)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.index = self._start_index()
        scene.set_handles_shown(False)
        view.viewport().installEventFilter(self)
        self.toggled.emit(True)
        self._show_hint(True)
        self.show_stage()

    def leave(self) -> None:
        """Put the window back exactly as it was before presenting."""
        saved, self._saved = self._saved, None
        if saved is None:
            return
        self._set_keys(False)
        self._show_hint(False)
        window, view, scene = self._window, self._view(), self._scene()
        view.viewport().removeEventFilter(self)
        scene.set_stage_highlight(None)
        scene.set_handles_shown(True)
        scene.set_style(saved.style)
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
        """Show the stage ``delta`` columns to the right (negative: left); left
        of the first stage is the whole-map overview."""
        count = len(self._scene().layout.stage_ids)
        if not count:
            return
        self.index = max(OVERVIEW, min(self.index + delta, count - 1))
        self.show_stage()

    def go_to(self, index: int) -> None:
        """Show stage ``index`` (negative counts from the end; clamped to the map)."""
        count = len(self._scene().layout.stage_ids)
        if not count:
            return
        if index < 0:
            index += count
        self.index = max(0, min(index, count - 1))
        self.show_stage()

    def overview(self) -> None:
        """Show the whole map (O again goes back to the stage shown before)."""
        if self.index == OVERVIEW:
            self.index = self._before_overview
        else:
            self._before_overview = max(0, self.index)
            self.index = OVERVIEW
        self.show_stage()

    def current_stage(self) -> str | None:
        """The id of the stage presented, or None for the overview or a map without stages."""
        ids = self._scene().layout.stage_ids
        if not ids or self.index == OVERVIEW:
            return None
        return ids[min(self.index, len(ids) - 1)]

    def show_stage(self) -> None:
        """Fit every lane, bring the current stage into the picture with whole
        stages around it, and highlight it (the overview fits the whole map)."""
        scene, view = self._scene(), self._view()
        layout = scene.layout
        if not layout.stage_ids:
            return
        vp = view.viewport().rect()
        if self.index == OVERVIEW:
            scene.set_stage_highlight(None)
            view.zoom_to_fit()
            self.stage_changed.emit("")
            return
        zoom = presentation_scale(vp.height(), layout.height)
        view.set_zoom(zoom)
        self.index = min(self.index, len(layout.stage_ids) - 1)
        stage_id = layout.stage_ids[self.index]
        first = _first_shown(layout, self.index, (vp.width() / zoom) - layout.lane_header_width)
        x = layout.columns[layout.stage_ids[first]][0]
        view.horizontalScrollBar().setValue(round((x - layout.lane_header_width) * zoom))
        view.verticalScrollBar().setValue(0)
        scene.set_stage_highlight(stage_id)
        self.stage_changed.emit(stage_id)

    def _escape(self) -> None:
        editing = getattr(self._scene(), "editing", None)
        if editing is not None and editing.active:
            editing.cancel()  # Escape first cancels typing, as it does outside
            return
        self.leave()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Going full screen resizes the viewport after `enter` returns (and a
        # projector may be plugged in later): fit the picture again.
        if event.type() == QEvent.Type.Resize and self.active:
            self.show_stage()
            self._place_hint()
        return False

    def _show_hint(self, on: bool) -> None:
        viewport = self._view().viewport()
        if not on:
            if self.hint is not None:
                self.hint.hide()
            return
        if self.hint is None or self.hint.parent() is not viewport:
            self.hint = QLabel(KEY_HINT, viewport)
            self.hint.setObjectName("presentationHint")
            self.hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.hint.setStyleSheet(
                "QLabel#presentationHint { background: rgba(30, 41, 59, 170); color: white;"
                " border-radius: 5px; padding: 3px 8px; font-size: 10pt; }"
            )
        self.hint.adjustSize()
        self._place_hint()
        self.hint.show()
        self.hint.raise_()
        # A reminder, not a fixture: it goes before it hides part of the map.
        QTimer.singleShot(HINT_SECONDS * 1000, self._hide_hint)

    def _hide_hint(self) -> None:
        if self.hint is not None:
            self.hint.hide()

    def _place_hint(self) -> None:
        viewport = self._view().viewport()
        if self.hint is not None:
            self.hint.move(
                viewport.width() - self.hint.width() - 10,
                viewport.height() - self.hint.height() - 10,
            )

    def _start_index(self) -> int:
        # Start on the stage the facilitator was working on.
        scene = self._scene()
        cell = scene.selected_cell() or scene.cell_of_selection()
        ids = scene.layout.stage_ids
        if cell is not None and cell[0] in ids:
            return ids.index(cell[0])
        return max(0, min(self.index, len(ids) - 1))

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

    Every lane fits the height.  Type grows with the screen (100 % at
    `DESIGN_HEIGHT` pixels), and a short map is drawn no larger than
    `MAX_GROWTH` times that, so it does not turn into a wall of giant cards.
    """
    readable = viewport_height / DESIGN_HEIGHT
    if map_height <= 0:
        return readable
    fit = viewport_height / map_height
    return min(fit, MAX_GROWTH * readable)


def _first_shown(layout: Any, index: int, width: float) -> int:
    """The first of the whole stages that fit ``width`` (scene units) with
    stage ``index`` among them, as central as the map's ends allow."""
    ids = layout.stage_ids
    widths = [layout.columns[s][1] for s in ids]
    first, last = index, index
    grew = True
    while grew:
        grew = False
        # Alternate right and left so the current stage stays central.
        if last + 1 < len(ids) and sum(widths[first:last + 2]) <= width:
            last, grew = last + 1, True
        if first > 0 and sum(widths[first - 1:last + 1]) <= width:
            first, grew = first - 1, True
    return first
