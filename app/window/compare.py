"""Current and future state in the editor: New Future State, Compare With, the
compare overlay on the canvas and the Changes dock.

* File > New Future State… saves a copy of the open (saved) map under a new
  name, with the same ids and a ``based_on`` record, and opens it.
* File > Compare With… compares the open map with another file; File >
  Compare with Base does it with the map's ``based_on`` base (and says so
  when that file changed since the record was written).
* Compare mode is a view: an overlay item draws the change marks of
  `app.export.changemap` over the canvas (removed cards as ghosts below the
  cards of their old cell), the Changes dock lists every change, and every
  edit recomputes both once the canvas has laid the map out again.  Leaving
  compare mode (the dock's button, closing the dock, opening another map)
  removes the overlay; the map was never touched.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGraphicsItem,
    QMessageBox,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.export.changemap import change_marks
from app.export.titleblock import Primitive
from app.layout.boxes import Rect
from app.layout.geometry import MapLayout
from app.model import fileformat
from app.model.basedon import base_path, base_status, make_based_on
from app.model.diff import MapDiff, diff_maps
from app.model.difftext import value_text
from app.model.errors import JourneyError
from app.model.journey import Journey
from app.panels.changes import ChangesPanel
from app.window.menus import insert_file_action

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

MAP_FILTER = "Journey maps (*.journey)"
REFRESH_MS = 120
OVERLAY_Z = 9.0  # over cards and flows, under the sticky headers
GHOST_HEIGHT = 40.0


class ChangeOverlayItem(QGraphicsItem):
    """The change marks, drawn over the map; the mouse goes through it."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(OVERLAY_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._items: list[Primitive] = []
        self._rect = QRectF()

    @property
    def primitives(self) -> list[Primitive]:
        """What is drawn (for tests)."""
        return self._items

    def set_marks(self, items: list[Primitive], width: float, height: float) -> None:
        """Draw ``items`` over a map of this size."""
        self.prepareGeometryChange()
        self._items = items
        self._rect = QRectF(-20, -20, width + 40, height + 40)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        from app.export.image import paint_primitives

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_primitives(painter, self._items)


def ghost_rects(diff: MapDiff, layout: MapLayout) -> dict[str, Rect]:
    """Where each removed card's ghost goes on NEW's own layout: below the
    cards of its old cell, when that cell still exists."""
    rects: dict[str, Rect] = {}
    bottoms: dict[tuple[str, str], float] = {}
    for card_id in sorted(diff.removed_cards, key=lambda c: diff.old.card(c).order):
        card = diff.old.card(card_id)
        key = (diff.stages.pairs.get(card.stage), diff.lanes.pairs.get(card.lane))
        cell = layout.cells.get(key)  # type: ignore[arg-type]
        if cell is None:
            continue
        if key not in bottoms:
            boxes = [layout.cards[c].rect for c in layout.cell_cards.get(key, ())]
            bottoms[key] = max((b.bottom for b in boxes),
                               default=layout.content_tops.get(key[1], cell.y)) + layout.card_gap
        width = layout.card_width or cell.w - 16
        y = bottoms[key]
        rects[card_id] = Rect(cell.x + (cell.w - width) / 2, y, width, GHOST_HEIGHT)
        bottoms[key] = y + GHOST_HEIGHT + layout.card_gap
    return rects


class CompareController(QObject):
    """Compare mode and the future-state commands of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.old: Journey | None = None
        self.against = ""
        self.diff: MapDiff | None = None
        self.overlay = ChangeOverlayItem()
        self.panel = ChangesPanel(window)
        self.dock = QDockWidget("Changes", window)
        self.dock.setObjectName("changesDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.actions = self._actions()
        self._connect()
        # `open_window` restores the last window's docks right after this: a
        # state saved in compare mode must not show an empty Changes dock.
        QTimer.singleShot(0, self._hide_unless_comparing)

    # ----------------------------------------------------------- commands
    def _actions(self) -> dict[str, QAction]:
        w = self.window
        found = {}
        for key, text, slot, tip in (
            ("future", "New &Future State\u2026", self.new_future_state,
             "Save a copy of this map as its future state, and open it"),
            ("compare", "Com&pare With\u2026", self.compare_with_dialog,
             "Show what changed since another map"),
            ("base", "Compare with &Base", self.compare_with_base,
             "Show what changed since the map this one was derived from"),
        ):
            action = QAction(text, w)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False, s=slot: s())
            insert_file_action(w, action)
            found[key] = action
        return found

    def _connect(self) -> None:
        w = self.window
        # The Insights dock's navigation: select, then bring into view.
        self.panel.cards_requested.connect(lambda ids: w.insights.show_cards(ids))
        self.panel.flows_requested.connect(lambda ids: w.insights.show_flows(ids))
        self.panel.removed_requested.connect(self._show_ghost)
        self.panel.leave_requested.connect(self.leave)
        self.dock.visibilityChanged.connect(self._dock_visibility)
        w.scene.layout_changed.connect(self._schedule)
        w.document.journey_replaced.connect(lambda _: self._map_replaced())
        w.document.path_changed.connect(lambda _: self._update_actions())
        self._update_actions()

    def _update_actions(self) -> None:
        journey = self.window.document.journey
        self.actions["base"].setEnabled(journey.based_on is not None
                                        and self.window.document.path is not None)

    def _map_replaced(self) -> None:
        self.leave()
        self._update_actions()

    def new_future_state(self, path: str | None = None) -> bool:
        """Save a copy with a ``based_on`` record under a new name and open it."""
        w, doc = self.window, self.window.document
        if (doc.path is None or doc.is_modified()) and not w.files.save():
            return False  # the base must be a saved file to be recorded
        base = Path(doc.path)
        if path is None:
            suggested = str(base.with_name(base.stem + "-future.journey"))
            path, _ = QFileDialog.getSaveFileName(w, "New Future State", suggested, MAP_FILTER)
            if not path:
                return False
            if not path.lower().endswith(".journey"):
                path += ".journey"
        future = fileformat.from_dict(fileformat.to_dict(doc.journey))
        future.based_on = make_based_on(doc.journey.title, base, path)
        try:
            fileformat.save(future, path)
        except JourneyError as exc:
            QMessageBox.critical(w, "Cannot save map", str(exc))
            return False
        return w.files.open_path(path, ask=False)

    def compare_with_dialog(self) -> bool:
        """Ask for a map and compare the open one with it."""
        folder = str(Path(self.window.document.path or Path.home() / "x").parent)
        path, _ = QFileDialog.getOpenFileName(self.window, "Compare With", folder, MAP_FILTER)
        return bool(path) and self.compare_with(path)

    def compare_with(self, path: str, notice: str = "") -> bool:
        """Enter compare mode against the map in ``path``."""
        try:
            old = fileformat.load(path)
        except JourneyError as exc:
            QMessageBox.critical(self.window, "Cannot compare", str(exc))
            return False
        self.start(old, f"\u201c{old.title or Path(path).name}\u201d ({Path(path).name})")
        self.panel.set_notice(notice)
        return True

    def compare_with_base(self) -> bool:
        """Compare with the ``based_on`` base; say so if it changed since."""
        doc = self.window.document
        record = doc.journey.based_on
        if record is None or doc.path is None:
            return False
        status = base_status(record, doc.path)
        if status == "missing":
            QMessageBox.critical(self.window, "Cannot compare",
                                 f"The base map {record['file']} is not there any more.")
            return False
        notice = ("The base map changed since this map was derived from it."
                  if status == "changed" else "")
        return self.compare_with(str(base_path(record, doc.path)), notice)

    # ------------------------------------------------------- compare mode
    @property
    def active(self) -> bool:
        """Whether the window is in compare mode."""
        return self.old is not None

    def start(self, old: Journey, against: str) -> None:
        """Compare the open map with ``old`` until `leave`."""
        self.old, self.against = old, against
        if self.overlay.scene() is None:
            self.window.scene.addItem(self.overlay)
        self.window.scene.card_tooltip_extra = self._tooltip
        self.dock.show()
        self.dock.raise_()
        # Most of the column's height: the list is long and the palette short.
        self.window.resizeDocks([self.dock], [max(300, self.window.height() * 2 // 3)],
                                Qt.Orientation.Vertical)
        self.refresh()

    def leave(self) -> None:
        """Back to the normal view."""
        if self.old is None:
            return
        self.old = self.diff = None
        self._timer.stop()
        if self.overlay.scene() is not None:
            self.overlay.scene().removeItem(self.overlay)
        self.window.scene.card_tooltip_extra = None
        self.dock.hide()

    def _dock_visibility(self, visible: bool) -> None:
        # Closing the dock leaves compare mode; tabbing it away does not.
        if not visible:
            QTimer.singleShot(0, self._leave_if_closed)

    def _hide_unless_comparing(self) -> None:
        if not self.active:
            self.dock.hide()

    def _leave_if_closed(self) -> None:
        if self.dock.isHidden():
            self.leave()

    def _schedule(self) -> None:
        if self.active:
            self._timer.start()

    def refresh(self) -> None:
        """Recompute the comparison and redraw the overlay and the list."""
        if self.old is None:
            return
        scene = self.window.scene
        self.diff = diff_maps(self.old, self.window.document.journey)
        layout = scene.layout
        ghosts = ghost_rects(self.diff, layout)
        marks = change_marks(self.diff, layout, ghosts)
        height = max([layout.height] + [r.bottom for r in ghosts.values()])
        self.overlay.set_marks(marks, layout.width, height)
        self.panel.show_diff(self.diff, self.against)

    def _tooltip(self, card_id: str) -> str:
        diff = self.diff
        if diff is None:
            return ""
        lines = []
        if card_id in diff.added_cards:
            lines.append("Added")
        if card_id in diff.moved:
            before, after = diff.moved[card_id]
            lines.append("Moved from " + " / ".join(before) if before != after
                         else "Reordered in its cell")
        for name, (a, b) in sorted(diff.changed.get(card_id, {}).items()):
            lines.append(f"{name}: {value_text(a)} \u2192 {value_text(b)}")
        if not lines:
            return ""
        return "<p><b>Changes</b><br>" + "<br>".join(escape(line) for line in lines) + "</p>"

    # ------------------------------------------------------- navigation
    def _show_ghost(self, old_card_id: str) -> None:
        if self.diff is None:
            return
        rect = ghost_rects(self.diff, self.window.scene.layout).get(old_card_id)
        if rect is not None:
            self.window.scene.clearSelection()
            self.window.view.ensureVisible(QRectF(rect.x, rect.y, rect.w, rect.h), 60, 60)


def install_compare(window: MainWindow) -> CompareController:
    """Add the future-state and compare commands and the Changes dock to ``window``."""
    window.compare = CompareController(window)
    return window.compare
