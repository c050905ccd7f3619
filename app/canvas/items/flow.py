"""The flow item: an arrow drawn from its `FlowPath`."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import flow_label_rect, flow_qpath, paint_flow
from app.layout.boxes import FlowPath
from app.layout.style import Style

#: Width of the band around the curve that picks the flow under the mouse.
PICK_WIDTH = 10.0


class FlowItem(QGraphicsItem):
    """One flow.  Items sit at the scene origin and draw in layout
    coordinates; the curve, its bounds and its pick shape are computed once
    per `set_path` (a cached shape hit-tests far faster than a path item)."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, fp: FlowPath, style: Style) -> None:
        super().__init__()
        self._style = style
        self._highlighted = False
        self._fp = fp
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(Z.FLOW)
        self._set_geometry(fp)

    def type(self) -> int:
        return FlowItem.Type

    @property
    def flow_id(self) -> str:
        """The id of the flow drawn."""
        return self._fp.id

    @property
    def flow_path(self) -> FlowPath:
        """The layout's path drawn."""
        return self._fp

    def set_path(self, fp: FlowPath) -> None:
        """Show a new path (after a relayout, or live while its cards are dragged)."""
        if fp is self._fp:
            return
        self.prepareGeometryChange()
        self._set_geometry(fp)
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

    def _set_geometry(self, fp: FlowPath) -> None:
        self._fp = fp
        self._path = flow_qpath(fp)
        bounds = self._path.controlPointRect()
        bounds = bounds.united(_head(fp).boundingRect())
        label = flow_label_rect(fp)
        if label is not None:
            bounds = bounds.united(label)
        pad = fp.width + 6.0
        self._bounds = bounds.adjusted(-pad, -pad, pad, pad)
        self._shape = None

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(PICK_WIDTH)
            shape = stroker.createStroke(self._path)
            head = QPainterPath()
            head.addPolygon(_head(self._fp))
            shape.addPath(head)
            label = flow_label_rect(self._fp)
            if label is not None:
                shape.addRect(label)
            self._shape = shape
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        paint_flow(
            painter,
            self._fp,
            self._style,
            lod=lod,
            selected=self.isSelected(),
            highlighted=self._highlighted,
            path=self._path,
        )


def _head(fp: FlowPath) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in fp.head])
