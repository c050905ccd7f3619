"""Stage and lane header items, and the corner box; all stay in sight while
the view scrolls (the view tells the scene where its top-left corner is)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import paint_header, qrect
from app.layout.boxes import HeaderBox
from app.layout.style import Style


class HeaderItem(QGraphicsItem):
    """A stage header (``axis == "stage"``) or a lane header (``"lane"``).

    It draws its box at the layout position shifted by a sticky offset: down
    for stage headers, right for lane headers, so that they stay at the top
    or left edge of the view while the map scrolls beneath them.
    """

    Type = QGraphicsItem.UserType + 3

    def __init__(self, box: HeaderBox, axis: str, style: Style) -> None:
        super().__init__()
        self._box = box
        self._axis = axis
        self._style = style
        self._selected_look = False
        self.setZValue(Z.STAGE_HEADER if axis == "stage" else Z.LANE_HEADER)
        if axis in ("stage", "lane"):
            self.setCursor(Qt.CursorShape.OpenHandCursor)  # drag to reorder

    def type(self) -> int:
        return HeaderItem.Type

    @property
    def header_id(self) -> str:
        """The stage or lane id."""
        return self._box.id

    @property
    def axis(self) -> str:
        """``"stage"`` or ``"lane"``."""
        return self._axis

    @property
    def box(self) -> HeaderBox:
        """The layout box drawn."""
        return self._box

    def set_box(self, box: HeaderBox) -> None:
        """Show a new box after a relayout."""
        if box == self._box:
            return
        self.prepareGeometryChange()
        self._box = box
        self.update()

    def set_style(self, style: Style) -> None:
        """Use another style."""
        self._style = style

    def set_sticky_offset(self, offset: float) -> None:
        """Shift the header along the axis it sticks on (view scrolled by ``offset``)."""
        if self._axis == "stage":
            self.setPos(0.0, max(0.0, offset))
        else:
            self.setPos(max(0.0, offset), 0.0)

    def set_pressed(self, on: bool) -> None:
        """Draw the header as picked up (while it is being dragged)."""
        if on != self._selected_look:
            self._selected_look = on
            self.update()

    def boundingRect(self) -> QRectF:
        return qrect(self._box.rect).adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_header(painter, self._box, self._style, selected=self._selected_look)


class CornerItem(HeaderItem):
    """The top-left box (the map's title) over both header bands."""

    Type = QGraphicsItem.UserType + 4

    def __init__(self, box: HeaderBox, style: Style) -> None:
        super().__init__(box, "corner", style)
        self.setZValue(Z.CORNER)

    def type(self) -> int:
        return CornerItem.Type

    def set_sticky_offsets(self, dx: float, dy: float) -> None:
        """Stick to the view's top-left corner."""
        self.setPos(max(0.0, dx), max(0.0, dy))
