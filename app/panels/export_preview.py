"""The export dialog's live preview: the map on its page, or under its poster sheets.

It draws a thumbnail of the map (rendered once per persona by the dialog)
inside the outline of what will be printed, from the same `PagePlan` the
exporter uses, so the sheets and their count are exactly those of the file.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.export.paper import MAX_PAGE, MM, PagePlan, TileGrid, label_size

BACKDROP = QColor("#E4E8EE")
PAGE_SHADOW = QColor(15, 23, 42, 40)
SHEET_INK = QColor("#D0453F")
GLUE_TINT = QColor(208, 69, 63, 40)


def describe_plan(plan: PagePlan, paper: str | None, dpi: int | None = None) -> str:
    """One line telling what will be written, e.g. "8 sheets of A4 portrait …"."""
    orient = "landscape" if plan.page_w > plan.page_h else "portrait"
    scale = plan.placement.scale if plan.placement else 1.0
    # The default page is the map at full size, up to viewers' 200-inch limit.
    shrunk = (f", map shrunk to {scale:.0%} (a page is at most {MAX_PAGE / 72:.0f} inches long)"
              if plan.mode == "fit" and scale < 1 else "")
    if dpi is not None:
        w, h = round(plan.page_w * dpi / 72), round(plan.page_h * dpi / 72)
        return f"One image, {w} \u00d7 {h} pixels at {dpi} dpi{shrunk}"
    if plan.grid is not None:
        g = plan.grid
        full_w = (g.printable_w - g.overlap) * (g.columns - 1) + g.printable_w
        full_h = (g.printable_h - g.overlap) * (g.rows - 1) + g.printable_h
        return (f"{g.count} sheet{'s' if g.count != 1 else ''} of {paper or 'A4'} {orient} "
                f"({g.columns} across \u00d7 {g.rows} down) and an assembly page; "
                f"poster {full_w / MM / 10:.0f} \u00d7 {full_h / MM / 10:.0f} cm")
    size = f"{plan.page_w / MM:.0f} \u00d7 {plan.page_h / MM:.0f} mm"
    if plan.mode == "fit":
        return f"One page, {size}" + (shrunk or f", map at {scale:.0%}")
    return f"One page of {paper} {orient} ({size}), map at {scale:.0%}"


class ExportPreview(QWidget):
    """Paints the plan: page outline(s), the map thumbnail, poster tiles and labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumb: QImage | None = None
        self._size = (1.0, 1.0)  # the drawing's size in points
        self._plan: PagePlan | None = None
        self._note = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)

    def sizeHint(self) -> QSize:
        return QSize(520, 360)

    def set_thumbnail(self, thumb: QImage, width: float, height: float) -> None:
        """The map's thumbnail and the drawing's true size in points."""
        self._thumb, self._size = thumb, (width, height)
        self.update()

    def set_plan(self, plan: PagePlan | None, note: str = "") -> None:
        """What to show; None shows only the backdrop (invalid options), and
        ``note`` on it (a format without pages)."""
        self._plan, self._note = plan, note
        self.update()

    def note(self) -> str:
        """The text shown instead of pages ("" when pages are shown)."""
        return self._note if self._plan is None else ""

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)
        plan = self._plan
        if plan is None or self._thumb is None:
            if plan is None and self._note:
                painter.setPen(QColor("#4A5568"))
                painter.drawText(self.rect().adjusted(16, 16, -16, -16),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 self._note)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if plan.grid is not None:
            self._paint_poster(painter, plan.grid)
        else:
            self._paint_page(painter, plan)
        painter.end()

    def _fit(self, w: float, h: float) -> tuple[float, float, float]:
        """Scale and offset that centre a w x h area in the widget with a border."""
        pad = 16.0
        s = min((self.width() - 2 * pad) / w, (self.height() - 2 * pad) / h)
        return s, (self.width() - w * s) / 2, (self.height() - h * s) / 2

    def _paint_page(self, painter: QPainter, plan: PagePlan) -> None:
        s, x0, y0 = self._fit(plan.page_w, plan.page_h)
        page = QRectF(x0, y0, plan.page_w * s, plan.page_h * s)
        painter.fillRect(page.translated(2, 3), PAGE_SHADOW)
        painter.fillRect(page, QColor("#FFFFFF"))
        place = plan.placement
        w, h = self._size
        target = QRectF(x0 + place.x * s, y0 + place.y * s, w * place.scale * s,
                        h * place.scale * s)
        painter.drawImage(target, self._thumb)

    def _paint_poster(self, painter: QPainter, grid: TileGrid) -> None:
        step_x, step_y = grid.printable_w - grid.overlap, grid.printable_h - grid.overlap
        full_w = step_x * (grid.columns - 1) + grid.printable_w
        full_h = step_y * (grid.rows - 1) + grid.printable_h
        s, x0, y0 = self._fit(full_w, full_h)
        painter.fillRect(QRectF(x0, y0, full_w * s, full_h * s), QColor("#FFFFFF"))
        w, h = self._size
        painter.drawImage(QRectF(x0, y0, w * s, h * s), self._thumb)
        font = QFont(painter.font())
        font.setBold(True)
        for tile in grid.tiles():
            sx, sy, sw, sh = tile.source
            rect = QRectF(x0 + sx * s, y0 + sy * s, sw * s, sh * s)
            if tile.column < grid.columns - 1:  # the glue strip under the next sheet
                painter.fillRect(QRectF(rect.right() - grid.overlap * s, rect.y(),
                                        grid.overlap * s, rect.height()), GLUE_TINT)
            if tile.row < grid.rows - 1:
                painter.fillRect(QRectF(rect.x(), rect.bottom() - grid.overlap * s,
                                        rect.width(), grid.overlap * s), GLUE_TINT)
            painter.setPen(QPen(SHEET_INK, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            # The label sits in the part of the tile no later sheet covers.
            cell = QRectF(rect.x(), rect.y(), min(step_x, sw) * s, min(step_y, sh) * s)
            size = label_size(cell.width(), cell.height(), _width_at_1px(font, tile.label),
                              smallest=8.0)
            if size is not None:
                font.setPixelSize(round(size))
                painter.setFont(font)
                painter.setPen(QColor(208, 69, 63, 170))
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, tile.label)


def _width_at_1px(font: QFont, text: str) -> float:
    """Width of ``text`` in ``font`` at a pixel size of 1 (measured at 100)."""
    sized = QFont(font)
    sized.setPixelSize(100)
    return QFontMetricsF(sized).horizontalAdvance(text) / 100
