"""The flow item: an arrow drawn from its `FlowPath`."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import DETAIL_LOD, HALO_MAX, color, flow_label_rect, flow_qpath, paint_flow
from app.layout.boxes import FlowPath
from app.layout.style import Style

#: Width of the band around the curve that picks the flow under the mouse.
PICK_WIDTH = 10.0


class FlowItem(QGraphicsItem):
    """One flow.

    The item draws a *base* path in its own coordinates.  When a relayout
    only shifts the arrow (the rows above it grew), the item just moves by
    the shift and keeps its curve, bounds and pick shape; otherwise the new
    path becomes the base.  The QPainterPath and the pick shape are built
    lazily, when the arrow is first painted or hit-tested: after an edit most
    moved arrows are off screen.
    """

    Type = QGraphicsItem.UserType + 2

    def __init__(self, fp: FlowPath, style: Style) -> None:
        super().__init__()
        self._style = style
        self._highlighted = False
        self._fp = fp
        self._base = fp
        self._path: QPainterPath | None = None
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self._thin_pen: QPen | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self._fp_over = fp.label_over  # (what the z value follows)
        self._moved = False  # whether the item is off its base path's place
        self.setZValue(Z.FLOW_OVER if fp.label_over else Z.FLOW)
        self._set_base(fp)

    def type(self) -> int:
        return FlowItem.Type

    @property
    def flow_id(self) -> str:
        """The id of the flow drawn."""
        return self._fp.id

    @property
    def flow_path(self) -> FlowPath:
        """The path shown, in scene coordinates."""
        return self._fp

    def set_path(self, fp: FlowPath) -> None:
        """Show a new path (after a relayout, or live while its cards are dragged)."""
        if fp is self._fp:
            return
        shift = _translation(self._base, fp)
        self._fp = fp
        # A label with room only on a card is drawn over it, as in print.
        if fp.label_over != self._fp_over:
            self._fp_over = fp.label_over
            self.setZValue(Z.FLOW_OVER if fp.label_over else Z.FLOW)
        if shift is not None:
            self.setPos(*shift)
            self._moved = True
            return
        self.prepareGeometryChange()
        if self._moved:  # (only moved by the shifts above)
            self.setPos(0.0, 0.0)
            self._moved = False
        self._set_base(fp)
        self.update()

    def set_style(self, style: Style) -> None:
        """Use another style (the path follows with the next `set_path`)."""
        self._style = style

    @property
    def highlighted(self) -> bool:
        """Whether the flow is drawn highlighted."""
        return self._highlighted

    def set_highlighted(self, on: bool) -> None:
        """Mark the flow (for example a hand-off between departments)."""
        if on != self._highlighted:
            self._highlighted = on
            self.update()

    def label_rect(self) -> QRectF:
        """Where the label is (or would be, for an empty label), in scene coordinates."""
        rect = flow_label_rect(self._fp)
        if rect is None:
            x, y = self._fp.label_pos
            return QRectF(x - 40, y - 9, 80, 18)
        return rect

    def _set_base(self, fp: FlowPath) -> None:
        self._base = fp
        self._path = None
        self._shape = None
        self._thin_pen = None
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = fp.p0, fp.c1, fp.c2, fp.p3
        (hx0, hy0), (hx1, hy1), (hx2, hy2) = fp.head
        left, top = min(x0, x1, x2, x3, hx0, hx1, hx2), min(y0, y1, y2, y3, hy0, hy1, hy2)
        right, bottom = max(x0, x1, x2, x3, hx0, hx1, hx2), max(y0, y1, y2, y3, hy0, hy1, hy2)
        if fp.via:  # the joints and controls of a path through the gutters
            xs, ys = zip(*fp.via, strict=True)
            left, top, right, bottom = min(left, *xs), min(top, *ys), max(right, *xs), max(
                bottom, *ys)
        if fp.label:
            # The layout's pill is the one drawn (`flow_label_rect`, same metrics).
            r = fp.label_rect
            if r is None:
                q = flow_label_rect(fp)
                assert q is not None
                left, top = min(left, q.left()), min(top, q.top())
                right, bottom = max(right, q.right()), max(bottom, q.bottom())
            else:
                left, top = min(left, r.x), min(top, r.y)
                right, bottom = max(right, r.x + r.w), max(bottom, r.y + r.h)
        pad = fp.width + HALO_MAX / 2 + 2.0  # room for the highlight's halo
        self._bounds = QRectF(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)

    def _qpath(self) -> QPainterPath:
        if self._path is None:
            self._path = flow_qpath(self._base)
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(PICK_WIDTH)
            shape = stroker.createStroke(self._qpath())
            head = QPainterPath()
            head.addPolygon(QPolygonF([QPointF(x, y) for x, y in self._base.head]))
            shape.addPath(head)
            label = flow_label_rect(self._base)
            if label is not None:
                shape.addRect(label)
            self._shape = shape
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < DETAIL_LOD and not (self._highlighted or self.isSelected()):
            # Zoomed far out: a hairline is all that shows of an arrow.
            if self._thin_pen is None:
                self._thin_pen = QPen(color(self._base.color), 1.0)
                self._thin_pen.setCosmetic(True)
            painter.setPen(self._thin_pen)
            painter.drawPath(self._qpath())
            return
        paint_flow(
            painter,
            self._base,
            self._style,
            lod=lod,
            selected=self.isSelected(),
            highlighted=self._highlighted,
            path=self._qpath(),
        )


def _translation(a: FlowPath, b: FlowPath) -> tuple[float, float] | None:
    """(dx, dy) if ``b`` is ``a`` moved by (dx, dy) and otherwise the same, else None.

    The head follows from the control points; the label's spot is compared
    too.
    """
    if a.kind != b.kind or a.label != b.label or a.color != b.color or a.width != b.width:
        return None
    if len(a.via) != len(b.via):
        return None
    (ax, ay), (bx, by) = a.p0, b.p0
    dx, dy = bx - ax, by - ay
    # (A label may move apart from its arrow: it is placed off the others.)
    pairs = ((a.p3, b.p3), (a.c1, b.c1), (a.c2, b.c2), (a.label_pos, b.label_pos),
             *zip(a.via, b.via, strict=True))
    for (px, py), (qx, qy) in pairs:
        if abs(qx - px - dx) > 1e-6 or abs(qy - py - dy) > 1e-6:
            return None
    return dx, dy
