"""Items that are not entities: the emotion curve, the selected cell, the
insertion marker shown while dragging, the flow being drawn, and the veil
that dims everything but the focused stage or lane."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import color, paint_cell_highlight, paint_curve, qrect
from app.layout.boxes import EmotionCurve
from app.layout.style import Style


class _Passive(QGraphicsItem):
    """An item the mouse goes through."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)


class CurveItem(_Passive):
    """The emotion curve of one emotion lane, drawn from its `EmotionCurve`."""

    Type = QGraphicsItem.UserType + 10

    def __init__(self, curve: EmotionCurve, style: Style) -> None:
        super().__init__(Z.CURVE)
        self._curve = curve
        self._style = style

    def type(self) -> int:
        return CurveItem.Type

    @property
    def curve(self) -> EmotionCurve:
        """The curve drawn."""
        return self._curve

    def set_curve(self, curve: EmotionCurve, style: Style) -> None:
        """Show a new curve (emotions, stages or the band changed)."""
        if curve == self._curve and style is self._style:
            return
        self.prepareGeometryChange()
        self._curve, self._style = curve, style
        self.update()

    def boundingRect(self) -> QRectF:
        return qrect(self._curve.band).adjusted(-8, -8, 8, 8)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_curve(painter, self._curve, self._style)


class _RectOverlay(_Passive):
    """An overlay drawn over one rectangle, hidden while it has none."""

    def __init__(self, z: float, style: Style) -> None:
        super().__init__(z)
        self._rect = QRectF()
        self._style = style
        self.hide()

    def set_rect(self, rect: QRectF | None, style: Style) -> None:
        """Draw over ``rect`` (None hides the overlay)."""
        self._style = style
        if rect is None:
            self.hide()
            return
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.show()
        self.update()


class CellHighlightItem(_RectOverlay):
    """The selected cell, where typing starts a new card."""

    def __init__(self, style: Style) -> None:
        super().__init__(Z.CELL, style)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_cell_highlight(painter, self._rect, self._style)


class StageHighlightItem(_RectOverlay):
    """The stage being presented: a tinted column with an accent border,
    under the cards so it never hides one."""

    def __init__(self, style: Style) -> None:
        super().__init__(Z.CELL + 0.05, style)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        accent = QColor(self._style.selection_color)
        fill = QColor(accent)
        fill.setAlpha(28)
        painter.setBrush(fill)
        painter.setPen(QPen(accent, 4.0))
        painter.drawRoundedRect(self._rect.adjusted(2, 2, -2, -2), 6, 6)


class InsertionMarkerItem(_RectOverlay):
    """A bar showing where the dragged thing will land: between two cards of
    a cell, or between two stages (vertical) or lanes (horizontal)."""

    def __init__(self, style: Style) -> None:
        super().__init__(Z.MARKER, style)

    @property
    def marker_rect(self) -> QRectF:
        """Where the bar is drawn."""
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-6, -6, 6, 6)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = color(self._style.marker_color)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c)
        r = self._rect
        t = min(r.width(), r.height())
        painter.drawRoundedRect(r, t / 2, t / 2)
        # Round caps at both ends make the bar read as "insert here".
        ends = (
            (QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))
            if r.width() >= r.height()
            else (QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()))
        )
        painter.setPen(QPen(c, 2.0))
        painter.setBrush(QColor("#FFFFFF"))
        for p in ends:
            painter.drawEllipse(p, t + 1.5, t + 1.5)


class FlowPreviewItem(_Passive):
    """The arrow that follows the mouse while a new flow is drawn."""

    def __init__(self, style: Style) -> None:
        super().__init__(Z.DRAGGED)
        self._style = style
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._ok = False

    def set_points(self, p0: QPointF, p3: QPointF, ok: bool, head=None, path=None) -> None:
        """Show a curve from ``p0`` to ``p3``; ``ok``: it ends on a valid target."""
        self.prepareGeometryChange()
        if path is None:
            path = QPainterPath(p0)
            reach = max(abs(p3.x() - p0.x()) * 0.5, 30.0)
            path.cubicTo(p0 + QPointF(reach, 0), p3 - QPointF(reach, 0), p3)
        self._path = path
        self._head = QPolygonF([QPointF(x, y) for x, y in head]) if head else QPolygonF()
        self._ok = ok
        self.update()

    def boundingRect(self) -> QRectF:
        bounds = self._path.controlPointRect().united(self._head.boundingRect())
        return bounds.adjusted(-8, -8, 8, 8)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = color(self._style.selection_color)
        pen = QPen(c, 2.0)
        if not self._ok:
            pen.setDashPattern([3.0, 3.0])
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c)
        if not self._head.isEmpty():
            painter.drawPolygon(self._head)
        else:
            painter.drawEllipse(self._path.currentPosition(), 4.0, 4.0)


class FocusDimItem(_Passive):
    """A veil over the whole map except one stage column or lane row."""

    def __init__(self) -> None:
        super().__init__(Z.FOCUS_DIM)
        self._path = QPainterPath()
        self.hide()

    def set_hole(self, map_rect: QRectF, hole: QRectF | None) -> None:
        """Veil ``map_rect`` except ``hole`` (None removes the veil)."""
        if hole is None:
            self.hide()
            return
        self.prepareGeometryChange()
        path = QPainterPath()
        path.addRect(map_rect)
        cut = QPainterPath()
        cut.addRect(hole)
        self._path = path.subtracted(cut)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect()

    def shape(self) -> QPainterPath:
        return self._path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 185))
        painter.drawPath(self._path)
