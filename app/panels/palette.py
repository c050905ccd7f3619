"""The palette dock: drag sources for new cards of each kind, a new stage and a new lane.

Each tile looks like what it makes (a small sticky note in the kind's colours,
a column, a row) and starts a drag with the mime types of `app.canvas.mime`;
the canvas's drop handling does the rest.  Clicking a tile emits `activated`
so the window can add the same thing without a mouse drag (into the selected
cell, or at the end of the map).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from app.layout.style import DEFAULT_STYLE, Style
from app.model.journey import CARD_KINDS
from app.model.vocabulary import CARD_KIND_NAMES, LANE_KIND_NAMES

#: The lane kinds a tile of their own adds (the blueprint's; "New lane" makes the others).
BLUEPRINT_LANE_KINDS = ("evidence", "frontstage", "support")

TILE_HEIGHT = 40


class PaletteTile(QWidget):
    """One drag source.

    Args:
        mime_type: the mime type the drag carries.
        payload: its data (a card kind, or empty).
        text: the tile's label.
        look: ``"card"``, ``"stage"`` or ``"lane"``: what the swatch draws.
        colors: (fill, border) of the swatch.
    """

    #: Clicked without dragging: (mime type, payload).
    activated = Signal(str, str)

    def __init__(
        self,
        mime_type: str,
        payload: str,
        text: str,
        look: str,
        colors: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mime_type, self.payload, self.text, self.look = mime_type, payload, text, look
        self.fill, self.border = colors
        self._press: QPoint | None = None
        self._hover = False
        self.setMinimumHeight(TILE_HEIGHT)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        what = text.lower() if look != "lane" or text.endswith("lane") else f"{text.lower()} lane"
        self.setToolTip(f"Drag onto the map to add a {what}; click to add one")
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:
        # The swatch (9 + 34 px), a 10 px gap, the label, a little air.
        return QSize(max(180, 64 + self.fontMetrics().horizontalAdvance(self.text)), TILE_HEIGHT)

    def mime_data(self) -> QMimeData:
        """What a drag from this tile carries."""
        mime = QMimeData()
        mime.setData(self.mime_type, self.payload.encode("utf-8"))
        return mime

    # ------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self._hover:
            p.setPen(Qt.PenStyle.NoPen)
            hover = self.palette().color(QPalette.ColorRole.Highlight)
            hover.setAlpha(40)  # a tint of the selection blue, on light or dark chrome
            p.setBrush(hover)
            p.drawRoundedRect(rect, 6, 6)
        swatch = QRectF(rect.left() + 8, rect.top() + 6, 34, rect.height() - 12)
        self._draw_swatch(p, swatch)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text_rect = rect.adjusted(swatch.right() - rect.left() + 10, 0, 0, 0)
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text)
        p.end()

    def _draw_swatch(self, p: QPainter, r: QRectF) -> None:
        p.setPen(QPen(QColor(self.border), 1.2))
        p.setBrush(QColor(self.fill))
        if self.look == "card":
            p.drawRoundedRect(r, 3, 3)
            p.setPen(QPen(QColor(self.border), 1.4))
            for i, width in enumerate((0.7, 0.45)):
                y = r.top() + r.height() * (0.38 + 0.26 * i)
                p.drawLine(r.left() + 6, y, r.left() + 6 + (r.width() - 12) * width, y)
        elif self.look == "stage":
            column = QRectF(r.center().x() - 7, r.top(), 14, r.height())
            p.drawRect(column)
            p.setBrush(QColor(self.border))
            p.drawRect(QRectF(column.left(), column.top(), column.width(), 6))
        else:
            row = QRectF(r.left(), r.center().y() - 6, r.width(), 12)
            p.drawRect(row)
            p.setBrush(QColor(self.border))
            p.drawRect(QRectF(row.left(), row.top(), 6, row.height()))

    # --------------------------------------------------------------- events
    def event(self, event) -> bool:
        if event.type() in (event.Type.HoverEnter, event.Type.HoverLeave):
            self._hover = event.type() == event.Type.HoverEnter
            self.update()
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        moved = (event.position().toPoint() - self._press).manhattanLength()
        if moved >= QApplication.startDragDistance():
            self._press = None
            self.start_drag()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.mime_type, self.payload)
        self._press = None

    def start_drag(self) -> Qt.DropAction:
        """Run the drag (blocks until the drop, as Qt's drags do)."""
        drag = QDrag(self)
        drag.setMimeData(self.mime_data())
        pixmap = self.grab()
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(24, pixmap.height() // 2))
        return drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    """All the tiles: one per card kind, then "New stage" and "New lane"."""

    #: A tile was clicked: (mime type, payload).
    activated = Signal(str, str)

    def __init__(self, style: Style = DEFAULT_STYLE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[PaletteTile] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(2)
        layout.addWidget(_section("Cards", self))
        for kind in CARD_KINDS:
            colors = style.card_colors[kind]
            self._add(layout, MIME_CARD_KIND, kind, CARD_KIND_NAMES[kind], "card", colors)
        layout.addSpacing(10)
        # Service blueprint lanes (issue 12): each tile makes a lane of its kind.
        layout.addWidget(_section("Blueprint lanes", self))
        for kind in BLUEPRINT_LANE_KINDS:
            colors = (style.lane_tints[kind], style.lane_accents[kind])
            # Under the "Blueprint lanes" heading the kind's name says it all (and
            # "Physical evidence lane" would not fit the dock's width).
            self._add(layout, MIME_NEW_LANE, kind, LANE_KIND_NAMES[kind], "lane", colors)
        layout.addSpacing(10)
        layout.addWidget(_section("Structure", self))
        header = (style.lane_header_fill, style.stage_header_fill)
        self._add(layout, MIME_NEW_STAGE, "", "New stage", "stage", header)
        self._add(layout, MIME_NEW_LANE, "", "New lane", "lane", header)
        hint = QLabel("Drag a tile onto the map, or click it to add to the selected cell.", self)
        hint.setObjectName("inspectorHint")
        hint.setWordWrap(True)
        layout.addSpacing(10)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _add(self, layout, mime_type, payload, text, look, colors) -> None:
        tile = PaletteTile(mime_type, payload, text, look, colors, self)
        tile.activated.connect(self.activated)
        layout.addWidget(tile)
        self.tiles.append(tile)

    def tile(self, text: str) -> PaletteTile:
        """The tile with this label."""
        return next(t for t in self.tiles if t.text == text)


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text.upper(), parent)
    label.setObjectName("paletteSection")
    return label


class PaletteDock(QDockWidget):
    """The palette in a dock."""

    def __init__(self, style: Style = DEFAULT_STYLE, parent: QWidget | None = None) -> None:
        super().__init__("Palette", parent)
        self.setObjectName("paletteDock")
        self.palette_widget = Palette(style, self)
        # Scrolls rather than making the window taller than a 720-line projector.
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(self.palette_widget)
        bar = scroller.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        tiles = max(tile.sizeHint().width() for tile in self.palette_widget.tiles)
        scroller.setMinimumWidth(tiles + 16 + bar)  # the palette's margins and a scroll bar
        self.setWidget(scroller)
