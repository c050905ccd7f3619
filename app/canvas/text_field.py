"""The in-place text editor: a card title, a new card's title, a flow label or
a header name, typed directly on the canvas."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas.items.zorder import Z
from app.canvas.painting import color, ensure_fonts
from app.layout.style import Style
from app.layout.text import FONT_FAMILY

#: How an edit ended: ``"enter"``, ``"tab"``, ``"backtab"``, ``"focus"`` (the
#: user clicked elsewhere) or ``"escape"`` (cancelled).
Finish = Callable[[str, str], None]


class InlineEditor(QGraphicsTextItem):
    """A text field drawn over the thing it edits.

    Enter commits, Shift+Enter starts a new line (when ``multiline``), Escape
    cancels, Tab and Shift+Tab commit and ask to move on; clicking elsewhere
    commits.  ``on_finish(text, how)`` is called exactly once.

    Args:
        rect: the area edited, in scene coordinates (the editor covers it).
        text: the text to start from.
        size: font size in layout units.
        style: colours.
        on_finish: called with the final text and how the edit ended.
        fill: background colour ("#RRGGBB").
        select_all: select the starting text (typing replaces it).
        multiline: whether Shift+Enter inserts a line break.
    """

    def __init__(
        self,
        rect: QRectF,
        text: str,
        size: float,
        style: Style,
        on_finish: Finish,
        *,
        fill: str = "#FFFFFF",
        text_color: str | None = None,
        select_all: bool = True,
        multiline: bool = True,
        pad: float = 6.0,
    ) -> None:
        super().__init__()
        ensure_fonts()
        self._rect = QRectF(rect)
        self._style = style
        self._fill = fill
        self._on_finish = on_finish
        self._multiline = multiline
        self._done = False
        font = QFont(FONT_FAMILY)
        font.setPixelSize(max(1, round(size)))
        font.setKerning(False)
        self.setFont(font)
        self.setDefaultTextColor(color(text_color or style.card_text_color))
        self.document().setDocumentMargin(0)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setTextWidth(max(rect.width() - 2 * pad, 20.0))
        self.setPos(rect.x() + pad, rect.y() + pad)
        self.setPlainText(text)
        self.setZValue(Z.EDITOR)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        cursor = self.textCursor()
        if select_all:
            cursor.select(QTextCursor.SelectionType.Document)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        self.setTextCursor(cursor)

    @property
    def finished(self) -> bool:
        """Whether the edit has ended (committed or cancelled)."""
        return self._done

    def text(self) -> str:
        """The text typed so far."""
        return self.toPlainText()

    def finish(self, how: str) -> None:
        """End the edit (``"escape"`` cancels); calls ``on_finish`` once."""
        if self._done:
            return
        self._done = True
        self.clearFocus()
        self._on_finish(self.toPlainText().strip(), how)

    # ------------------------------------------------------- Qt overrides
    def boundingRect(self) -> QRectF:
        return self.mapRectFromScene(self._edit_area()).adjusted(-3, -3, 3, 3)

    def _edit_area(self) -> QRectF:
        # The editor grows downward with its text, never shrinks below the box.
        own = self.mapRectToScene(super().boundingRect())
        area = QRectF(self._rect)
        if own.bottom() + 6 > area.bottom():
            area.setBottom(own.bottom() + 6)
        return area

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        area = self.mapRectFromScene(self._edit_area())
        painter.save()
        painter.setPen(QPen(color(self._style.selection_color), 2.0))
        painter.setBrush(color(self._fill))
        painter.drawRoundedRect(area, self._style.card_radius, self._style.card_radius)
        painter.restore()
        # Hide Qt's dashed focus frame: the rounded outline above is the frame.
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, plain, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (shift and self._multiline):
            self.finish("enter")
        elif key == Qt.Key.Key_Escape:
            self.finish("escape")
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            self.finish("backtab")
        elif key == Qt.Key.Key_Tab:
            self.finish("tab")
        else:
            self.prepareGeometryChange()
            super().keyPressEvent(event)
        event.accept()

    def sceneEvent(self, event) -> bool:
        # QGraphicsItem turns Tab into focus chaining before keyPressEvent
        # sees it; here Tab commits and moves to the next cell.
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            self.keyPressEvent(event)
            return True
        return super().sceneEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        # Popups (the context menu of the text) take focus briefly; a real
        # focus loss (a click elsewhere) commits.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish("focus")

