"""The owners legend: a band of its own under the canvas, never over the map.

A legend floating over the view hid cards, flow labels and faces (on a
projector at 100 % a whole card).  This band sits below the view in the
window's central area, so the map's picture and the legend never share a
pixel.  Entries (a colour swatch and the department's name) flow left to
right and wrap onto more rows when the window is narrow.

The type follows the map's: the size a card title is drawn at on screen
(the style's title size times the zoom), kept between `MIN_PX` and `MAX_PX`
pixels, so the legend grows with the map in presentation mode and stays
readable when the map is zoomed out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.canvas.painting import ensure_fonts
from app.layout.text import FONT_FAMILY
from app.model.vocabulary import LEGEND_HEADINGS

#: Smallest and largest legend type, in pixels.
MIN_PX, MAX_PX = 12.0, 24.0
#: The legend's heading: the title block's word for the group (app.model.vocabulary).
TITLE = LEGEND_HEADINGS["departments"].upper()


@dataclass(frozen=True)
class LegendEntry:
    """One department as the legend shows it."""

    name: str
    color: str


class LegendBar(QWidget):
    """The department legend as a band under the canvas.

    Args:
        parent: the widget that holds the band (the window's central area).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_fonts()
        self.setObjectName("legendBar")
        self.setAccessibleName("Owners legend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._entries: tuple[LegendEntry, ...] = ()
        self._px = MIN_PX

    # --------------------------------------------------------------- content
    @property
    def entries(self) -> tuple[LegendEntry, ...]:
        """What the legend shows, in the map's department order."""
        return self._entries

    def set_departments(self, departments) -> None:
        """Show these departments (objects with ``name`` and ``color``)."""
        entries = tuple(LegendEntry(d.name, d.color) for d in departments)
        if entries != self._entries:
            self._entries = entries
            self._changed()

    def set_type_size(self, title_px: float) -> None:
        """Follow the map's type: ``title_px`` is a card title's size on screen."""
        px = max(MIN_PX, min(MAX_PX, title_px))
        if abs(px - self._px) > 0.25:
            self._px = px
            self._changed()

    @property
    def type_size(self) -> float:
        """The legend's type size in pixels."""
        return self._px

    def _changed(self) -> None:
        self.updateGeometry()
        self.setFixedHeight(self.heightForWidth(max(1, self.width())))
        self.update()

    # ---------------------------------------------------------------- layout
    def _font(self, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPixelSize(round(self._px))
        font.setBold(bold)
        return font

    def entry_rects(self, width: float) -> tuple[QRectF, list[QRectF]]:
        """Where the title and each entry go in a band ``width`` pixels wide."""
        fm, bold = QFontMetricsF(self._font()), QFontMetricsF(self._font(True))
        pad, line = self._px * 0.7, fm.height() * 1.35
        swatch = self._px
        title = QRectF(pad, pad, bold.horizontalAdvance(TITLE) + pad, line)
        x, y = title.right() + pad, pad
        rects = []
        for entry in self._entries:
            w = swatch + self._px * 0.5 + fm.horizontalAdvance(entry.name) + pad * 1.5
            if x + w > width - pad and x > title.right() + pad:
                x, y = title.right() + pad, y + line
            rects.append(QRectF(x, y, w, line))
            x += w
        return title, rects

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._entries:
            return 0
        title, rects = self.entry_rects(width)
        bottom = max([title.bottom(), *(r.bottom() for r in rects)])
        return round(bottom + self._px * 0.7)

    def sizeHint(self) -> QSize:
        width = max(200, self.width())
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self.height():
            self.setFixedHeight(height)

    # ----------------------------------------------------------------- paint
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QPen(QColor("#D9DEE5"), 1.0))
        painter.drawLine(0, 0, self.width(), 0)
        title, rects = self.entry_rects(self.width())
        painter.setPen(QColor("#6B7785"))
        painter.setFont(self._font(True))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(title, align, TITLE)
        painter.setFont(self._font())
        swatch = self._px
        for entry, rect in zip(self._entries, rects, strict=True):
            box = QRectF(rect.left(), rect.center().y() - swatch / 2, swatch, swatch)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(entry.color))
            painter.drawRoundedRect(box, swatch * 0.25, swatch * 0.25)
            painter.setPen(QColor("#26313F"))
            text = rect.adjusted(swatch + self._px * 0.5, 0, 0, 0)
            painter.drawText(text, align, entry.name)
        painter.end()
