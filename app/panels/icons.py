"""Icons drawn in code with QPainter: colour swatches, emotion faces, toolbar glyphs.

Drawing them keeps the look consistent on every platform (no icon theme is
needed) and sharp at any size: each icon is painted at the sizes asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from app.layout.style import DEFAULT_STYLE, emotion_color, mix

#: Stroke colour of the toolbar glyphs: the slate of the stage headers.
GLYPH_COLOR = "#3A4759"
_SIZES = (16, 24, 32, 48)


def _pixmap(size: int, draw: Callable[[QPainter, float], None]) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, float(size))
    painter.end()
    return pixmap


def _icon(draw: Callable[[QPainter, float], None]) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_pixmap(size, draw))
    return icon


# -------------------------------------------------------------------- swatches
def swatch_icon(fill: str, border: str | None = None, rounded: bool = True) -> QIcon:
    """A small filled square (a card kind's, department's or persona's colour)."""

    def draw(p: QPainter, s: float) -> None:
        p.setPen(QPen(QColor(border or mix(fill, "#000000", 0.25)), max(1.0, s / 16)))
        p.setBrush(QColor(fill))
        r = s * 0.18 if rounded else 0.0
        p.drawRoundedRect(QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8), r, r)

    return _icon(draw)


# ----------------------------------------------------------------------- faces
def draw_face(p: QPainter, rect: QRectF, emotion: int | None) -> None:
    """A round face in ``rect`` whose mouth curves with ``emotion`` (-2..2; None: blank)."""
    s = rect.width()
    if emotion is None:
        pen = QPen(QColor("#9AA3AE"), max(1.0, s / 14), Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect.adjusted(s * 0.08, s * 0.08, -s * 0.08, -s * 0.08))
        return
    color = QColor(emotion_color(DEFAULT_STYLE, emotion))
    p.setPen(QPen(color.darker(130), max(1.0, s / 16)))
    p.setBrush(QColor(mix(color.name(), "#FFFFFF", 0.35)))
    p.drawEllipse(rect.adjusted(s * 0.06, s * 0.06, -s * 0.06, -s * 0.06))
    ink = QColor("#26313F")
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    eye = s * 0.075
    for x in (0.36, 0.64):
        p.drawEllipse(QPointF(rect.left() + s * x, rect.top() + s * 0.40), eye, eye)
    # The mouth: a quadratic curve whose middle dips (smile) or rises (frown).
    mouth = QPainterPath(QPointF(rect.left() + s * 0.30, rect.top() + s * 0.64))
    bend = emotion * s * 0.085
    mouth.quadTo(
        QPointF(rect.left() + s * 0.5, rect.top() + s * 0.64 + bend * 2),
        QPointF(rect.left() + s * 0.70, rect.top() + s * 0.64),
    )
    pen = QPen(ink, max(1.2, s / 12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(mouth)


def face_icon(emotion: int | None) -> QIcon:
    """`draw_face` as an icon."""
    return _icon(lambda p, s: draw_face(p, QRectF(0, 0, s, s), emotion))


# ---------------------------------------------------------------------- glyphs
def _pen(p: QPainter, s: float, color: str | None = None) -> None:
    pen = QPen(QColor(color or _ink[0]), max(1.2, s / 13))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _page(p: QPainter, s: float) -> None:
    _pen(p, s)
    path = QPainterPath(QPointF(s * 0.22, s * 0.1))
    for x, y in ((0.6, 0.1), (0.8, 0.3), (0.8, 0.9), (0.22, 0.9), (0.22, 0.1)):
        path.lineTo(s * x, s * y)
    p.drawPath(path)
    p.drawPolyline(
        [QPointF(s * 0.6, s * 0.1), QPointF(s * 0.6, s * 0.3), QPointF(s * 0.8, s * 0.3)]
    )


def _folder(p: QPainter, s: float) -> None:
    _pen(p, s)
    path = QPainterPath(QPointF(s * 0.1, s * 0.8))
    for x, y in ((0.1, 0.22), (0.38, 0.22), (0.46, 0.32), (0.86, 0.32), (0.86, 0.8), (0.1, 0.8)):
        path.lineTo(s * x, s * y)
    p.drawPath(path)
    p.drawLine(QPointF(s * 0.1, s * 0.44), QPointF(s * 0.86, s * 0.44))


def _disk(p: QPainter, s: float) -> None:
    _pen(p, s)
    path = QPainterPath(QPointF(s * 0.14, s * 0.14))
    for x, y in ((0.7, 0.14), (0.86, 0.3), (0.86, 0.86), (0.14, 0.86), (0.14, 0.14)):
        path.lineTo(s * x, s * y)
    p.drawPath(path)
    p.drawRect(QRectF(s * 0.3, s * 0.14, s * 0.34, s * 0.22))
    p.drawRect(QRectF(s * 0.28, s * 0.56, s * 0.44, s * 0.3))


def _arrow_turn(mirror: bool) -> Callable[[QPainter, float], None]:
    def draw(p: QPainter, s: float) -> None:
        if mirror:
            p.translate(s, 0)
            p.scale(-1, 1)
        _pen(p, s)
        path = QPainterPath(QPointF(s * 0.82, s * 0.78))
        path.cubicTo(
            QPointF(s * 0.82, s * 0.36), QPointF(s * 0.6, s * 0.34), QPointF(s * 0.2, s * 0.34)
        )
        p.drawPath(path)
        p.drawPolyline(
            [QPointF(s * 0.36, s * 0.18), QPointF(s * 0.2, s * 0.34), QPointF(s * 0.36, s * 0.5)]
        )

    return draw


def _magnifier(sign: str) -> Callable[[QPainter, float], None]:
    def draw(p: QPainter, s: float) -> None:
        _pen(p, s)
        p.drawEllipse(QPointF(s * 0.42, s * 0.42), s * 0.27, s * 0.27)
        p.drawLine(QPointF(s * 0.62, s * 0.62), QPointF(s * 0.88, s * 0.88))
        p.drawLine(QPointF(s * 0.30, s * 0.42), QPointF(s * 0.54, s * 0.42))
        if sign == "+":
            p.drawLine(QPointF(s * 0.42, s * 0.30), QPointF(s * 0.42, s * 0.54))

    return draw


def _fit(p: QPainter, s: float) -> None:
    _pen(p, s)
    for cx, cy, dx, dy in (
        (0.12, 0.12, 1, 1),
        (0.88, 0.12, -1, 1),
        (0.12, 0.88, 1, -1),
        (0.88, 0.88, -1, -1),
    ):
        p.drawPolyline(
            [
                QPointF(s * cx, s * (cy + dy * 0.22)),
                QPointF(s * cx, s * cy),
                QPointF(s * (cx + dx * 0.22), s * cy),
            ]
        )
    p.drawRect(QRectF(s * 0.32, s * 0.36, s * 0.36, s * 0.28))


def _grid_add(column: bool) -> Callable[[QPainter, float], None]:
    def draw(p: QPainter, s: float) -> None:
        _pen(p, s)
        if column:
            p.drawRect(QRectF(s * 0.1, s * 0.14, s * 0.22, s * 0.72))
            p.drawRect(QRectF(s * 0.32, s * 0.14, s * 0.22, s * 0.72))
        else:
            p.drawRect(QRectF(s * 0.1, s * 0.1, s * 0.72, s * 0.22))
            p.drawRect(QRectF(s * 0.1, s * 0.32, s * 0.72, s * 0.22))
        _pen(p, s, "#2F7BEA")
        cx, cy = (0.76, 0.5) if column else (0.5, 0.78)
        p.drawLine(QPointF(s * (cx - 0.14), s * cy), QPointF(s * (cx + 0.14), s * cy))
        p.drawLine(QPointF(s * cx, s * (cy - 0.14)), QPointF(s * cx, s * (cy + 0.14)))

    return draw


_GLYPHS: dict[str, Callable[[QPainter, float], None]] = {
    "new": _page,
    "open": _folder,
    "save": _disk,
    "undo": _arrow_turn(False),
    "redo": _arrow_turn(True),
    "zoom_in": _magnifier("+"),
    "zoom_out": _magnifier("-"),
    "zoom_fit": _fit,
    "add_stage": _grid_add(True),
    "add_lane": _grid_add(False),
}


#: The stroke colour the glyph being drawn uses (set by `_GlyphEngine`).
_ink = [GLYPH_COLOR]


class _GlyphEngine(QIconEngine):
    """Draws a glyph when asked, at the exact size and pixel ratio asked for, in the
    window text colour of the palette in force: crisp at 200 %, and light on a
    dark window chrome."""

    def __init__(self, draw: Callable[[QPainter, float], None]) -> None:
        super().__init__()
        self._draw = draw

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        group = (QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled
                 else QPalette.ColorGroup.Active)
        ink = QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText)
        previous, _ink[0] = _ink[0], ink.name()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.topLeft())
        side = min(rect.width(), rect.height())
        try:
            self._draw(painter, float(side))
        finally:
            _ink[0] = previous
            painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size * scale), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._draw)


def glyph_icon(name: str) -> QIcon:
    """A toolbar icon by name (``new``, ``open``, ``save``, ``undo``, ``zoom_in``...)."""
    return QIcon(_GlyphEngine(_GLYPHS[name]))
