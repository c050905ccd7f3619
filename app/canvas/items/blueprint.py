"""The service blueprint's lines on the canvas: one passive item draws them all.

The lines come from the layout (`MapLayout.blueprint_lines`); the PDF draws
the very same boxes (`app.export.pdfmap`).  View > Show Blueprint Lines hides
the item (the exports always draw the lines).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import paint_blueprint_lines
from app.layout.blueprint import BlueprintLine


class BlueprintLinesItem(QGraphicsItem):
    """Every line of interaction, visibility and internal interaction, with both labels."""

    Type = QGraphicsItem.UserType + 30

    def __init__(self) -> None:
        super().__init__()
        # Over the cells and the emotion curve, under arrows and cards.
        self.setZValue((Z.CURVE + Z.FLOW) / 2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.lines: list[BlueprintLine] = []
        self._bounds = QRectF()

    def type(self) -> int:
        return BlueprintLinesItem.Type

    def set_lines(self, lines: list[BlueprintLine]) -> None:
        """Show these lines (nothing happens when they are the ones shown)."""
        if lines == self.lines:
            return
        self.prepareGeometryChange()
        self.lines = list(lines)
        bounds = QRectF()
        for line in lines:
            top = line.label_baseline - line.label_size * 1.2
            bounds = bounds.united(QRectF(line.x0, top, line.x1 - line.x0, line.y - top + 4))
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        paint_blueprint_lines(painter, self.lines)
