"""JourneyView: zoom, pan, fit, rubber-band selection and sticky headers over
a `JourneyScene` (the owners legend is a band of its own below it:
`app.canvas.legend_bar`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmapCache,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu

from app.canvas.autoscroll import AutoScroller
from app.canvas.follow import SCENE_MARGIN
from app.canvas.scene import JourneyScene
from app.canvas.text_field import InlineEditor

MIN_ZOOM = 0.05
MAX_ZOOM = 4.0
STEP = 1.25
PIXMAP_CACHE_KB = 64 * 1024

#: Fills a context menu for a scene point: ``provider(menu, scene_pos)``.
MenuProvider = Callable[[QMenu, QPointF], object]


class JourneyView(QGraphicsView):
    """The editor surface.

    Ctrl+wheel zooms around the mouse, Ctrl+plus/minus/0 zoom in, out and
    back to 100 %; the middle button or Space+drag pans; dragging on empty
    space draws a rubber band that selects the cards it encloses.  A right
    click shows the menu that ``context_menu_provider`` fills (a
    `app.canvas.context_menu.CanvasMenus`); without one there is none.  Stage
    headers stay at the top and lane headers at the left while scrolling.

    Args:
        scene: the scene shown.
        parent: Qt parent.
    """

    #: The zoom factor changed (1.0 = 100 %).
    zoom_changed = Signal(float)

    def __init__(self, scene: JourneyScene, parent=None) -> None:
        super().__init__(scene, parent)
        # Cards cache their drawing as pixmaps (QPixmapCache); Qt's default
        # 10 MB holds about 200 cards at 100 %, fewer than a large screen shows.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self._zoom = 1.0
        self._pan_from: QPoint | None = None
        self._space = False
        #: Fills the right-click menu; set by the window (None: no menu).
        self.context_menu_provider: MenuProvider | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Smart updates repaint only what changed (a hover, a moved card),
        # which matters when thousands of cards are on screen.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, False)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        # A map smaller than the view sits in its middle, not in a corner.
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.ContainsItemShape)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self._autoscroll = AutoScroller(self, self._dragging, self._sticky_insets)
        scene.reveal_requested.connect(self._reveal)
        scene.layout_changed.connect(self._on_layout_changed)
        scene.map_rect_changed.connect(self._centre_small_map)
        self._update_sticky()

    @property
    def journey_scene(self) -> JourneyScene:
        """The scene shown."""
        return self.scene()

    # ------------------------------------------------------------------ zoom
    @property
    def zoom(self) -> float:
        """The zoom factor (1.0 = 100 %)."""
        return self._zoom

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` keeping the scene point under ``anchor`` (viewport
        coordinates; default the viewport's centre) where it is."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._centre_small_map(zoom)
        after = self.mapToScene(anchor.toPoint())
        shift = (after - before) * zoom
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(shift.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(shift.y()))
        changed = abs(zoom - self._zoom) > 1e-9
        self._zoom = zoom
        self._update_sticky()
        if changed:
            self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        """Zoom in one step around the centre."""
        self.set_zoom(self._zoom * STEP)

    def zoom_out(self) -> None:
        """Zoom out one step around the centre."""
        self.set_zoom(self._zoom / STEP)

    def zoom_reset(self) -> None:
        """Back to 100 %."""
        self.set_zoom(1.0)

    def zoom_to_fit(self) -> None:
        """Show the whole map."""
        layout = self.journey_scene.layout
        self._fit(QRectF(0, 0, layout.width, layout.height), max_zoom=1.5)

    def zoom_to_selection(self) -> None:
        """Show the selected cards and flows (or the selected cell) as large as fits."""
        scene = self.journey_scene
        rect = QRectF()
        for item in scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        cell = scene.selected_cell()
        if rect.isNull() and cell is not None:
            r = scene.layout.cells[cell]
            rect = QRectF(r.x, r.y, r.w, r.h)
        if not rect.isNull():
            self._fit(rect.adjusted(-40, -40, 40, 40), max_zoom=1.5, headers=True)

    def _fit(self, rect: QRectF, max_zoom: float, headers: bool = False) -> None:
        vp = self.viewport().rect()
        layout = self.journey_scene.layout
        # Leave room for the sticky headers that cover the view's top and left.
        left = layout.lane_header_width if headers else 0.0
        top = layout.header_height if headers else 0.0
        if rect.width() <= 0 or rect.height() <= 0:
            return
        zx = (vp.width() - 8) / (rect.width() + left)
        zy = (vp.height() - 8) / (rect.height() + top)
        zoom = max(MIN_ZOOM, min(max_zoom, zx, zy))
        self.set_zoom(zoom)
        self._scroll_to(rect, left * zoom, top * zoom)

    def _scroll_to(self, rect: QRectF, left: float, top: float) -> None:
        vp = self.viewport().rect()
        free_w, free_h = vp.width() - left, vp.height() - top
        z = self._zoom
        x = rect.center().x() * z - left - free_w / 2
        y = rect.center().y() * z - top - free_h / 2
        if not left:
            x = rect.center().x() * z - vp.width() / 2
        if not top:
            y = rect.center().y() * z - vp.height() / 2
        self.horizontalScrollBar().setValue(round(x))
        self.verticalScrollBar().setValue(round(y))

    def ensure_cards_visible(self, ids) -> None:
        """Scroll (and zoom out if needed) so that these cards are in sight."""
        layout = self.journey_scene.layout
        rect = QRectF()
        for cid in ids:
            box = layout.cards.get(cid)
            if box is not None:
                rect = rect.united(QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h))
        if rect.isNull():
            return
        self._reveal(rect.adjusted(-24, -24, 24, 24))

    def _reveal(self, rect: QRectF) -> None:
        """Bring a scene rectangle into sight, below and right of the sticky headers."""
        layout = self.journey_scene.layout
        vp = self.viewport().rect()
        z = self._zoom
        left, top = layout.lane_header_width * z, layout.header_height * z
        if rect.width() * z > vp.width() - left or rect.height() * z > vp.height() - top:
            self._fit(rect, max_zoom=self._zoom, headers=True)
            return
        visible = self.mapToScene(vp).boundingRect()
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        if rect.left() < visible.left() + left / z:
            hbar.setValue(round(rect.left() * z - left))
        elif rect.right() > visible.right():
            hbar.setValue(round(rect.right() * z - vp.width()))
        if rect.top() < visible.top() + top / z:
            vbar.setValue(round(rect.top() * z - top))
        elif rect.bottom() > visible.bottom():
            vbar.setValue(round(rect.bottom() * z - vp.height()))

    # ----------------------------------------------------------------- input
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (STEP ** steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.RightButton and self._menu_press(event):
            return
        super().mousePressEvent(event)

    def _menu_press(self, event: QMouseEvent) -> bool:
        """A right press that opens our menu: it must not reach the scene,
        which would clear the selection the menu acts on."""
        if self.context_menu_provider is None or self._over_editor(event.position().toPoint()):
            return False
        scene = self.journey_scene
        if scene.interaction is None:
            scene.editing.commit()  # like any click elsewhere, it ends typing
        event.accept()
        return True

    def _over_editor(self, pos: QPoint) -> bool:
        return any(isinstance(item, InlineEditor) for item in self.items(pos))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        busy = self._pan_from is not None or self._dragging()
        if self.context_menu_provider is None or busy:
            super().contextMenuEvent(event)
            return
        pos = event.pos()
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            pos = self._keyboard_menu_point()
        if self._over_editor(pos):
            super().contextMenuEvent(event)  # the text editor's own menu
            return
        menu = self.build_context_menu(pos)
        event.accept()
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu | None:
        """The context menu for viewport point ``pos`` (selecting what it is
        for), or None when there is nothing to offer there."""
        if self.context_menu_provider is None:
            return None
        menu = QMenu(self)
        self.context_menu_provider(menu, self.mapToScene(pos))
        if menu.isEmpty():
            menu.deleteLater()
            return None
        return menu

    def _keyboard_menu_point(self) -> QPoint:
        """Where the Menu key opens the menu: on the selected card, flow or
        cell when it is in sight, else in the middle of the view."""
        scene = self.journey_scene
        cards, flows = scene.selected_card_items(), scene.selected_flow_ids()
        cell = scene.selected_cell()
        anchor = None
        if cards:
            anchor = cards[0].sceneBoundingRect().center()
        elif flows and scene.flow_item(flows[0]) is not None:
            anchor = scene.flow_item(flows[0]).label_rect().center()  # scene coordinates
        elif cell is not None and cell in scene.layout.cells:
            r = scene.layout.cells[cell]
            anchor = QPointF(r.x + r.w / 2, r.y + r.h / 2)
        point = self.mapFromScene(anchor) if anchor is not None else QPoint(-1, -1)
        return point if self.viewport().rect().contains(point) else self.viewport().rect().center()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._autoscroll.track(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._autoscroll.stop()
        if self._pan_from is not None:
            self._pan_from = None
            self._restore_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _dragging(self) -> bool:
        interaction = self.journey_scene.interaction
        dragging = interaction is not None and interaction.dragging
        return dragging or not self.rubberBandRect().isNull()

    def _sticky_insets(self) -> tuple[float, float]:
        layout = self.journey_scene.layout
        return layout.lane_header_width * self._zoom, layout.header_height * self._zoom

    def _restore_cursor(self) -> None:
        if self._space:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.journey_scene
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.key() == Qt.Key.Key_Space and not scene.editing.active:
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if ctrl and not scene.editing.active:
            action = {
                Qt.Key.Key_Plus: self.zoom_in,
                Qt.Key.Key_Equal: self.zoom_in,
                Qt.Key.Key_Minus: self.zoom_out,
                Qt.Key.Key_0: self.zoom_reset,
            }.get(event.key())
            if action is not None:
                action()
                event.accept()
                return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab moves between cells of the map, not out of the canvas.
        return False

    # ------------------------------------------------------ sticky headers
    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._update_sticky()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._centre_small_map()
        self._update_sticky()

    def _centre_small_map(self, zoom: float | None = None) -> None:
        """Centre the map itself, not the map and its margin, where it fits.

        The scene keeps `SCENE_MARGIN` of room right of and below the map
        (loops, drops); Qt centres the whole scene rectangle in a view larger
        than it, which would put the map half a margin up and left.  Where the
        scene fits, the view's rectangle gets half the margin on each side.
        """
        scene = self.scene()
        if scene is None:
            return
        rect, z, vp = scene.map_rect, zoom or self._zoom, self.viewport().size()
        x = -SCENE_MARGIN / 2 if rect.width() * z <= vp.width() else 0.0
        y = -SCENE_MARGIN / 2 if rect.height() * z <= vp.height() else 0.0
        wanted = QRectF(x, y, rect.width(), rect.height())
        if self.sceneRect() != wanted:
            self.setSceneRect(wanted)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_sticky()

    def _update_sticky(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        origin = self.mapToScene(QPoint(0, 0))
        scene.set_sticky_origin(origin.x(), origin.y())

    def _on_layout_changed(self) -> None:
        self._update_sticky()
