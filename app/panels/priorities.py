"""The Priorities dock: the impact x effort matrix of the pain points and
opportunities, the ranked list and the quick wins of DESIGN.md ``priorities``.

A drag of a chip onto a cell of the matrix sets the card's impact and effort
in one edit (announced with `rate`; the window pushes it through the undo
stack); a click on a chip or a list entry announces `show` (the window
selects the card and scrolls to it).  The panel reads the journey and never
imports the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from app.layout.boxes import Rect
from app.layout.matrix import GRID, INK, QUICK_FILL, Matrix, matrix_layout
from app.layout.text import FONT_FAMILY
from app.model.journey import Change, Journey
from app.model.priorities import priorities
from app.panels.insights import JourneyLink, in_sight

REFRESH_DELAY_MS = 150
_ID = Qt.ItemDataRole.UserRole
#: A press that moves less than this is a click, not a drag.
_DRAG_DISTANCE = 4.0


def _q(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class MatrixWidget(QWidget):
    """The impact x effort matrix, drawn from `app.layout.matrix`."""

    #: (card id, impact, effort): the user dropped a card on a cell.
    rated = Signal(str, int, int)
    #: card id: the user clicked a card.
    clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(260, 260)
        self.setMouseTracking(False)
        self.journey: Journey | None = None
        self.matrix: Matrix | None = None
        self._press: QPointF | None = None
        self._dragged: str | None = None
        self._at: QPointF | None = None

    def set_journey(self, journey: Journey) -> None:
        """Show ``journey``'s cards."""
        self.journey = journey
        self.relayout()

    def relayout(self) -> None:
        """Lay the matrix out again (the map or the size changed)."""
        if self.journey is not None:
            self.matrix = matrix_layout(self.journey, self.width(), self.height())
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.relayout()

    # --------------------------------------------------------------- paint
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        m = self.matrix
        if m is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        p.setPen(Qt.PenStyle.NoPen)
        for r in m.quick:
            p.fillRect(_q(r), QColor(QUICK_FILL))
        p.setPen(QPen(QColor(GRID), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r in m.cells.values():
            p.drawRect(_q(r))
        p.setPen(QPen(QColor(GRID), 1, Qt.PenStyle.DashLine))
        p.drawRect(_q(m.tray))
        for label in m.labels:
            p.setFont(_font(label.size, label.bold))
            p.setPen(QColor(label.color))
            p.drawText(QPointF(label.x, label.baseline), label.text)
        for chip in m.chips:
            offset = QPointF(0, 0)
            if chip.card_id == self._dragged and self._at is not None and self._press is not None:
                offset = self._at - self._press
            p.setPen(QPen(QColor(chip.border), 1))
            p.setBrush(QColor(chip.fill))
            p.drawRoundedRect(_q(chip.rect).translated(offset), 3, 3)
            if chip.text:
                p.setPen(QColor(INK))
                p.setFont(_font(min(8.5, chip.rect.h - 3), False))
                p.drawText(QPointF(chip.text_x, chip.baseline) + offset, chip.text)
        p.end()

    # --------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        chip = self.matrix.chip_at(event.position().x(), event.position().y()) \
            if self.matrix else None
        if chip is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._dragged, self._press, self._at = chip.card_id, event.position(), event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragged is not None:
            self._at = event.position()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        card_id, press = self._dragged, self._press
        self._dragged = self._press = self._at = None
        self.update()
        if card_id is None or press is None or self.matrix is None:
            return super().mouseReleaseEvent(event)
        pos = event.position()
        if (pos - press).manhattanLength() < _DRAG_DISTANCE:
            self.clicked.emit(card_id)
            return
        cell = self.matrix.cell_at(pos.x(), pos.y())
        if cell is not None:
            self.rated.emit(card_id, cell[0], cell[1])


def _font(size: float, bold: bool) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(round(size), 1))
    font.setBold(bold)
    return font


class PrioritiesPanel(QWidget):
    """The matrix above the ranked list and the quick wins, kept up to date."""

    #: (card id, impact, effort)
    rate = Signal(str, int, int)
    #: card id to select and scroll to
    show = Signal(str)

    def __init__(self, journey: Journey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = MatrixWidget(self)
        self.ranked = QListWidget(self)
        self.ranked.setObjectName("rankedList")
        self.quick_wins = QListWidget(self)
        self.quick_wins.setObjectName("quickWinsList")
        lists = QWidget(self)
        column = QVBoxLayout(lists)
        column.setContentsMargins(0, 0, 0, 0)
        self.ranked_heading = QLabel("Ranked", lists)
        self.quick_heading = QLabel("Quick wins", lists)
        for widget in (self.ranked_heading, self.ranked, self.quick_heading, self.quick_wins):
            column.addWidget(widget)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.matrix)
        split.addWidget(lists)
        split.setSizes([360, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.matrix.rated.connect(self.rate)
        self.matrix.clicked.connect(self.show)
        for widget in (self.ranked, self.quick_wins):
            widget.itemClicked.connect(lambda item: self.show.emit(item.data(_ID)))
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._stale = False
        self._link = JourneyLink(lambda _change: self._changed(_change))
        self.destroyed.connect(self._link.detach)
        self.set_journey(journey)

    def set_journey(self, journey: Journey) -> None:
        """Follow ``journey``."""
        self.journey = journey
        self._link.attach(journey)
        self.matrix.journey = journey
        if in_sight(self):
            self.refresh()
        else:
            # A hidden dock (as when a map opens) catches up when shown: the
            # matrix of a big map costs tens of milliseconds.
            self._timer.stop()
            self.matrix.matrix = None
            self._stale = True

    def _changed(self, change: Change) -> None:
        if in_sight(self):
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            # After the window's layout has put the dock in front (or not).
            QTimer.singleShot(0, self, self.catch_up)

    def catch_up(self) -> None:
        """Lay out and fill the lists if the map changed while out of sight
        and the panel is in sight now."""
        if self._stale and in_sight(self):
            self.refresh()

    def refresh(self) -> None:
        """Lay out the matrix and fill the lists again."""
        self._timer.stop()
        self._stale = False
        self.matrix.relayout()
        result = priorities(self.journey)
        cards = {c.id: c for c in self.journey.cards}
        for widget, heading, ids, name in (
            (self.ranked, self.ranked_heading, result["ranked"], "Ranked"),
            (self.quick_wins, self.quick_heading, result["quick_wins"], "Quick wins"),
        ):
            heading.setText(f"{name}: {len(ids)}")
            widget.clear()
            for n, cid in enumerate(ids, start=1):
                item = QListWidgetItem(_entry(n, cards[cid]), widget)
                item.setData(_ID, cid)


def _entry(n: int, card) -> str:
    rated = "  ".join(f"{name} {value}" for name, value in
                      (("impact", card.impact), ("effort", card.effort)) if value is not None)
    dots = f"\u25cf {card.votes}" if card.votes else "no dots"
    return f"{n}. {card.title or '(untitled)'} \u2014 {dots}" + (f"  {rated}" if rated else "")
