"""QPainter drawing of the layout's boxes, shared by the canvas items and the
PNG/SVG exporter.

Every function here draws one box of a `MapLayout` in layout coordinates
(1 unit = 1 px at 100 %), with the colours and sizes the layout and the style
already decided.  Nothing here computes a position: the text lines, baselines
and rectangles come from the layout, so that screen and paper agree.  Text is
drawn in the bundled font, hinting and kerning off, one ``drawText`` per
wrapped line at its baseline, exactly as the PDF exporter does.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from app.canvas.glyphs import draw_line
from app.canvas.legible_titles import LegibleTitle, legible_title, needs_legible_title
from app.layout.blueprint import BlueprintLine
from app.layout.boxes import CardBox, EmotionCurve, FlowPath, HeaderBox, Rect, drawing_order
from app.layout.cards import FAIL_LETTER, fail_letter
from app.layout.grayscale import ink
from app.layout.marks import MARK_SIZE, corner_marks, data_badge_bars, flow_dash
from app.layout.style import Style, emotion_color
from app.layout.text import FONT_FAMILY, FONT_FILES, metrics

#: Below this many screen pixels per layout unit, cards are drawn without text.
TEXT_LOD = 0.42
#: Below this, cards are plain rectangles (no shadow, stripe or marks).
DETAIL_LOD = 0.2
HIGHLIGHT_COLOR = "#F59E0B"
#: Widest halo of a highlighted or selected flow beyond its line (layout units).
HALO_MAX = 16.0
SHADOW_INK = "#0F172A"
HANDLE_RADIUS = 6.0

_fonts_loaded = False


def ensure_fonts() -> None:
    """Register the bundled font files with Qt (once; needs a QGuiApplication)."""
    global _fonts_loaded
    if not _fonts_loaded:
        for path in FONT_FILES.values():
            QFontDatabase.addApplicationFont(path)
        _fonts_loaded = True


@lru_cache(maxsize=256)
def _font(size: float, bold: bool, dpi: float) -> QFont:
    ensure_fonts()
    font = QFont(FONT_FAMILY)
    # Layout sizes are pixels of the logical device; Qt wants points.
    font.setPointSizeF(size * 72.0 / dpi)
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def font(painter: QPainter, size: float, bold: bool = False) -> QFont:
    """The bundled font at ``size`` layout units for the painter's device.

    The device's resolution comes from `paint_dpi`, not from
    ``painter.device()``: asking a painter for its device while Qt tears down
    a cache pixmap handed Python a dead object and crashed the process.
    """
    return _font(round(size, 2), bold, paint_dpi())


#: The resolution of a device that is not the screen's (an SVG generator), set
#: while drawing on it with `drawing_at_dpi`.
_DEVICE_DPI: ContextVar[float | None] = ContextVar("device_dpi", default=None)


def paint_dpi() -> float:
    """The logical resolution of what is being painted: the screen's (windows
    and images made on it), unless `drawing_at_dpi` says otherwise."""
    forced = _DEVICE_DPI.get()
    if forced:
        return forced
    return _screen_dpi()


@lru_cache(maxsize=1)
def _screen_dpi() -> float:
    screen = QGuiApplication.primaryScreen()
    return float(screen.logicalDotsPerInchY()) if screen is not None else 96.0


@contextmanager
def drawing_at_dpi(dpi: float) -> Iterator[None]:
    """Paint for a device of ``dpi`` (an SVG generator at 72) inside the block."""
    token = _DEVICE_DPI.set(float(dpi))
    try:
        yield
    finally:
        _DEVICE_DPI.reset(token)


def color(hex_color: str, alpha: int = 255) -> QColor:
    """A QColor for ``#RRGGBB``; its grey in a grey-scale export (`app.layout.grayscale`)."""
    return _qcolor(ink(hex_color), alpha)


@lru_cache(maxsize=512)
def _qcolor(hex_color: str, alpha: int) -> QColor:
    # Cached: thousands of cards share a few colours.
    c = QColor(hex_color)
    c.setAlpha(alpha)
    return c


def qrect(r: Rect) -> QRectF:
    """The layout rectangle as a QRectF."""
    return QRectF(r.x, r.y, r.w, r.h)


def lod_of(painter: QPainter) -> float:
    """Screen pixels per layout unit for the painter's current transform."""
    t = painter.worldTransform()
    return math.sqrt(abs(t.m11() * t.m22() - t.m12() * t.m21())) or 1.0


def _pen(hex_color: str, width: float, dash: tuple[float, ...] | None = None) -> QPen:
    pen = QPen(color(hex_color), width)
    if dash:
        pen.setDashPattern([d / max(width, 0.1) for d in dash])
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _lines(painter: QPainter, lines, baselines, x: float, size: float, bold: bool,
           xs: tuple[float, ...] = (), rtl: bool | None = None) -> None:
    painter.setFont(font(painter, size, bold))
    for i, (line, baseline) in enumerate(zip(lines, baselines, strict=False)):
        lx = xs[i] if i < len(xs) else x
        if line and not draw_line(painter, lx, baseline, line, size, bold, rtl):
            painter.drawText(QPointF(lx, baseline), line)


# ------------------------------------------------------------------ cards
def paint_card(
    painter: QPainter,
    box: CardBox,
    style: Style,
    *,
    lod: float | None = None,
    selected: bool = False,
    highlighted: bool = False,
    hovered: bool = False,
) -> None:
    """Draw a card as a sticky note: shadow, fill, owner stripe, border,
    title, channel line and emotion face; a selection or highlight ring."""
    lod = lod_of(painter) if lod is None else lod
    painter.save()
    if box.faded:
        painter.setOpacity(painter.opacity() * style.faded_opacity)
    rect = qrect(box.rect)
    if lod < DETAIL_LOD:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(box.stripe_color or box.border))
        painter.drawRect(rect)
        painter.setBrush(color(box.fill))
        painter.drawRect(rect.adjusted(box.stripe.w if box.stripe else 0, 0, 0, 0))
        _legible_title(painter, box, style, lod)
        paint_dots(painter, box, style)
        _rings(painter, rect, style, selected, highlighted, 0.0, lod)
        painter.restore()
        return
    radius = style.card_radius
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(SHADOW_INK, 34 if hovered else 18))
    painter.drawRoundedRect(rect.translated(0, 2.0 if hovered else 1.2), radius, radius)
    painter.setBrush(color(SHADOW_INK, 22))
    painter.drawRoundedRect(rect.adjusted(-0.5, 0.5, 0.5, 3.5 if hovered else 2.5), radius, radius)
    painter.setBrush(color(box.fill))
    painter.drawRoundedRect(rect, radius, radius)
    if box.stripe is not None and box.stripe_color:
        _stripe(painter, rect, qrect(box.stripe), radius, box.stripe_color)
    dash = style.assumption_dash if box.border_dashed else None
    painter.setPen(_pen(box.border, box.border_width, dash))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = box.border_width / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    if not needs_legible_title(box.title_size, lod):
        painter.setPen(color(style.card_text_color))
        _lines(painter, box.title_lines, box.title_baselines, box.text_x, box.title_size, False,
               box.title_xs, box.title_rtl)
        painter.setPen(color(style.card_meta_color))
        if box.notes_lines:
            _lines(painter, box.notes_lines, box.notes_baselines, box.text_x, box.meta_size,
                   False)
        if box.meta and box.meta_baseline is not None:
            _lines(painter, (box.meta,), (box.meta_baseline,), box.text_x, box.meta_size, False)
    else:
        _legible_title(painter, box, style, lod)
    if box.emotion is not None and box.emotion_mark is not None:
        paint_face(painter, qrect(box.emotion_mark), box.emotion, box.emotion_color)
    if lod >= TEXT_LOD:
        _kind_mark(painter, box, style)
    if box.evidence == "data" and lod >= TEXT_LOD:
        _data_badge(painter, box)
    paint_dots(painter, box, style)
    if box.fail_mark is not None:
        paint_fail_mark(painter, box.fail_mark, style)
    _rings(painter, rect, style, selected, highlighted, radius, lod)
    painter.restore()


def paint_dots(painter: QPainter, box: CardBox, style: Style) -> None:
    """A card's dot votes where the layout puts them (`app.layout.dots`)."""
    dots = box.dots
    if dots is None or not dots.rects:
        return
    painter.setPen(QPen(QColor("#FFFFFF"), 1.0))
    painter.setBrush(color(style.vote_dot_color))
    for r in dots.rects:
        painter.drawEllipse(qrect(r))
    if dots.label:
        painter.setPen(color(style.vote_dot_color))
        _lines(painter, (dots.label,), (dots.label_baseline,), dots.label_x, dots.label_size,
               True)


def card_title_at(box: CardBox, lod: float) -> LegibleTitle | None:
    """How a card's title is drawn at ``lod`` when its layout size would be
    too small to read (semantic zoom); None when drawn as laid out, or not
    at all (a card too small on screen)."""
    if not needs_legible_title(box.title_size, lod):
        return None
    face = box.emotion_mark.w + 2 if box.emotion_mark is not None else 0.0
    left = box.text_x - box.rect.x
    title = " ".join(box.title_lines)
    return legible_title(title, box.rect.w - face, box.rect.h, left, lod)


def _legible_title(painter: QPainter, box: CardBox, style: Style, lod: float) -> None:
    shown = card_title_at(box, lod)
    if shown is None:
        return
    painter.setPen(color(style.card_text_color))
    painter.setFont(font(painter, shown.size, False))
    for line, baseline in zip(shown.lines, shown.baselines, strict=True):
        painter.drawText(QPointF(box.rect.x + shown.x, box.rect.y + baseline), line)


def _legible_header(painter: QPainter, box: HeaderBox, lod: float) -> None:
    left = box.text_x - box.rect.x
    shown = legible_title(" ".join(box.lines), box.rect.w, box.rect.h, left, lod, bold=True)
    if shown is None:
        return
    painter.setFont(font(painter, shown.size, True))
    for line, baseline in zip(shown.lines, shown.baselines, strict=True):
        painter.drawText(QPointF(box.rect.x + shown.x, box.rect.y + baseline), line)


def _stripe(painter: QPainter, card: QRectF, stripe: QRectF, radius: float, hex_color: str) -> None:
    # The stripe follows the card's rounded left corners: intersect the
    # card's outline with the stripe's rectangle.
    outline = QPainterPath()
    outline.addRoundedRect(card, radius, radius)
    band = QPainterPath()
    band.addRect(stripe)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(hex_color))
    painter.drawPath(outline.intersected(band))


def _data_badge(painter: QPainter, box: CardBox) -> None:
    """Three small bars in the bottom-right corner: 'backed by data'."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(box.border))
    for x, y, w, h in data_badge_bars(box):
        painter.drawRect(QRectF(x, y, w, h))


def _kind_mark(painter: QPainter, box: CardBox, style: Style) -> None:
    """The owner's code and the kind's letter in the bottom-right corner (`app.layout.marks`)."""
    painter.setPen(color(style.card_meta_color))
    for text, x, baseline, bold in corner_marks(box):
        painter.setFont(font(painter, MARK_SIZE, bold))
        painter.drawText(QPointF(x, baseline), text)


def _rings(
    painter: QPainter,
    rect: QRectF,
    style: Style,
    selected: bool,
    highlighted: bool,
    radius: float,
    lod: float = 1.0,
) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if highlighted:
        painter.setPen(_pen(HIGHLIGHT_COLOR, 3.0))
        r = rect.adjusted(-3.5, -3.5, 3.5, 3.5)
        painter.drawRoundedRect(r, radius + 3, radius + 3)
        # The ring outside is a pixel wide on a zoomed-out map: a band inside
        # the card keeps the mark at least 3 pixels wide on screen.
        band = min(3.0 / lod, rect.height() / 4, 14.0)
        if band > 3.0:
            painter.setPen(_pen(HIGHLIGHT_COLOR, band))
            r = rect.adjusted(band / 2, band / 2, -band / 2, -band / 2)
            painter.drawRoundedRect(r, radius, radius)
    if selected:
        painter.setPen(_pen(style.selection_color, style.selection_width))
        r = rect.adjusted(-2.5, -2.5, 2.5, 2.5)
        painter.drawRoundedRect(r, radius + 2, radius + 2)


def paint_fail_mark(painter: QPainter, mark: Rect, style: Style) -> None:
    """A fail point: a red disc with a white bold "F" (reads in black and white too)."""
    painter.save()
    painter.setPen(_pen("#FFFFFF", 1.2))
    painter.setBrush(color(style.fail_mark_fill))
    painter.drawEllipse(qrect(mark))
    x, baseline, size = fail_letter(mark)
    painter.setPen(color(style.fail_mark_text))
    painter.setFont(font(painter, size, True))
    painter.drawText(QPointF(x, baseline), FAIL_LETTER)
    painter.restore()


def paint_face(painter: QPainter, rect: QRectF, emotion: int, hex_color: str | None) -> None:
    """An emotion as a small face: a coloured disc whose mouth smiles or frowns."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(hex_color or "#A9B0B8"))
    painter.drawEllipse(rect)
    s = rect.width()
    ink = QColor(255, 255, 255)
    painter.setBrush(ink)
    eye = s * 0.085
    for fx in (0.34, 0.66):
        painter.drawEllipse(QPointF(rect.x() + s * fx, rect.y() + s * 0.38), eye, eye)
    pen = QPen(ink, max(s * 0.09, 0.8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left = QPointF(rect.x() + s * 0.28, rect.y() + s * 0.66)
    right = QPointF(rect.x() + s * 0.72, rect.y() + s * 0.66)
    bend = s * 0.11 * emotion  # positive: smile (control point below the ends)
    mouth = QPainterPath(left - QPointF(0, bend * 0.3))
    mouth.quadTo(QPointF(rect.center().x(), left.y() + bend), right - QPointF(0, bend * 0.3))
    painter.drawPath(mouth)
    painter.restore()


def paint_connector_handle(painter: QPainter, center: QPointF, style: Style, active: bool) -> None:
    """The round handle on a card's right edge that starts a new flow."""
    painter.save()
    painter.setPen(QPen(color(style.selection_color), 1.6))
    painter.setBrush(color(style.selection_color) if active else QColor("#FFFFFF"))
    painter.drawEllipse(center, HANDLE_RADIUS, HANDLE_RADIUS)
    pen = QPen(QColor("#FFFFFF") if active else color(style.selection_color), 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    d = HANDLE_RADIUS * 0.45
    painter.drawLine(center - QPointF(d, 0), center + QPointF(d, 0))
    painter.drawLine(center - QPointF(0, d), center + QPointF(0, d))
    painter.restore()


# ---------------------------------------------------------------- headers
def paint_header(
    painter: QPainter, box: HeaderBox, style: Style, *, selected: bool = False
) -> None:
    """Draw a stage or lane header (or the corner box): fill, accent bar, bold lines."""
    painter.save()
    rect = qrect(box.rect)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(box.fill))
    painter.drawRect(rect)
    if box.kind == "stage":
        # A hairline between stages and a notch at the bottom: the columns read as steps.
        painter.setPen(QPen(QColor(255, 255, 255, 40), 1.0))
        painter.drawLine(rect.topRight(), rect.bottomRight())
    else:
        painter.setPen(QPen(color(style.grid_color), style.grid_width))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomRight())
    if box.accent is not None and box.accent_color:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(box.accent_color))
        painter.drawRect(qrect(box.accent))
    painter.setPen(color(box.text_color))
    lod = lod_of(painter)
    if not needs_legible_title(box.size, lod):
        _lines(painter, box.lines, box.baselines, box.text_x, box.size, True)
        if box.note:
            _lines(painter, (box.note,), (box.note_baseline,), box.note_x, box.note_size, False)
    else:
        _legible_header(painter, box, lod)
    if selected:
        painter.setPen(_pen(style.selection_color, style.selection_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    painter.restore()


# ------------------------------------------------------------------ flows
def flow_qpath(fp: FlowPath) -> QPainterPath:
    """The flow's curve (without its head) as a QPainterPath."""
    path = QPainterPath(QPointF(*fp.p0))
    if fp.via:  # a chain of pieces through the gutters
        for _, c1, c2, p3 in fp.segments():
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
        return path
    path.cubicTo(QPointF(*fp.c1), QPointF(*fp.c2), QPointF(*fp.p3))
    return path


def flow_label_rect(fp: FlowPath) -> QRectF | None:
    """The rounded box behind a flow's label (None without a label)."""
    if not fp.label:
        return None
    w = metrics().width(fp.label, fp.label_size) + fp.label_size * 1.0
    h = fp.label_size * 1.7
    return QRectF(fp.label_pos[0] - w / 2, fp.label_pos[1] - h / 2, w, h)


def paint_flow(
    painter: QPainter,
    fp: FlowPath,
    style: Style,
    *,
    lod: float | None = None,
    selected: bool = False,
    highlighted: bool = False,
    path: QPainterPath | None = None,
) -> None:
    """Draw a flow: its curve (dashed for alternatives), the arrow head and label."""
    lod = lod_of(painter) if lod is None else lod
    path = path if path is not None else flow_qpath(fp)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if highlighted or selected:
        glow = HIGHLIGHT_COLOR if highlighted and not selected else style.selection_color
        # At least 6 pixels of halo on screen, however far the map is zoomed out.
        halo = QPen(color(glow, 120), fp.width + min(HALO_MAX, max(5.0, 6.0 / lod)))
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(halo)
        painter.drawPath(path)
    dash = flow_dash(style, fp.kind)
    pen = _pen(fp.color, fp.width, dash or None)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if dash else Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color(fp.color))
    painter.drawPolygon(QPolygonF([QPointF(*p) for p in fp.head]))
    label = flow_label_rect(fp)
    if label is not None and lod >= TEXT_LOD:
        painter.setPen(QPen(color(fp.color, 110), 0.8))
        painter.setBrush(color(style.flow_label_fill))
        painter.drawRoundedRect(label, label.height() / 2, label.height() / 2)
        painter.setPen(color(style.flow_label_color))
        painter.setFont(font(painter, fp.label_size))
        tm = metrics()
        baseline = fp.label_pos[1] + (tm.ascent(fp.label_size) - tm.descent(fp.label_size)) / 2
        if not draw_line(painter, label.x() + fp.label_size * 0.5, baseline, fp.label,
                         fp.label_size):
            painter.drawText(QPointF(label.x() + fp.label_size * 0.5, baseline), fp.label)
    painter.restore()


# ---------------------------------------------------------- emotion curve
def paint_curve(
    painter: QPainter, curve: EmotionCurve, style: Style, *, lod: float | None = None
) -> None:
    """Draw an emotion lane's band: level guides, the smooth curve, its dots."""
    painter.save()
    band = qrect(curve.band)
    for level, y in curve.levels.items():
        pen = QPen(color(style.emotion_guide_color), 1.0 if level else 1.4)
        if level:
            pen.setDashPattern([3.0, 4.0])
        painter.setPen(pen)
        painter.drawLine(QPointF(band.left() + 6, y), QPointF(band.right() - 6, y))
    if curve.segments:
        path = QPainterPath(QPointF(*curve.segments[0][0]))
        for _, c1, c2, p3 in curve.segments:
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
        # A pale wash under the curve, down to the neutral line, then the line.
        fill = QPainterPath(path)
        zero = curve.levels[0]
        fill.lineTo(QPointF(curve.points[-1][0], zero))
        fill.lineTo(QPointF(curve.points[0][0], zero))
        fill.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(style.emotion_curve_color, 38))
        painter.drawPath(fill)
        pen = QPen(color(style.emotion_curve_color), style.emotion_curve_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    r = style.emotion_dot_radius
    for (x, y), value in zip(curve.points, curve.values, strict=False):
        painter.setPen(QPen(QColor("#FFFFFF"), 1.6))
        painter.setBrush(color(emotion_color(style, round(value))))
        painter.drawEllipse(QPointF(x, y), r, r)
    painter.restore()


# ------------------------------------------------------------- background
def paint_grid(
    painter: QPainter,
    layout,
    style: Style,
    exposed: QRectF | None = None,
    *,
    lane_tints: dict[str, str] | None = None,
) -> None:
    """Draw the cells: each lane's pale wash and the grid lines between cells."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    left = layout.lane_header_width
    width = layout.width - left
    tints = lane_tints if lane_tints is not None else {
        h.id: h.tint for h in layout.lane_headers if h.tint
    }
    for lane_id, (y, h) in layout.rows.items():
        row = QRectF(left, y, width, h)
        if exposed is not None and not row.intersects(exposed):
            continue
        painter.setBrush(color(tints.get(lane_id) or style.background))
        painter.drawRect(row)
    pen = QPen(color(style.grid_color), style.grid_width)
    pen.setCosmetic(False)
    painter.setPen(pen)
    top, bottom = layout.header_height, layout.height
    for x, w in layout.columns.values():
        painter.drawLine(QPointF(x + w, top), QPointF(x + w, bottom))
    for y, h in layout.rows.values():
        painter.drawLine(QPointF(left, y + h), QPointF(layout.width, y + h))
    painter.restore()


def paint_cell_highlight(painter: QPainter, rect: QRectF, style: Style) -> None:
    """The selected cell: a soft tint and an outline in the selection colour."""
    painter.save()
    painter.setPen(QPen(color(style.selection_color), 2.0))
    painter.setBrush(QBrush(color(style.selection_color, 22)))
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    painter.restore()


def paint_blueprint_lines(painter: QPainter, lines: list[BlueprintLine]) -> None:
    """The blueprint's lines, each labelled at both ends (the PDF draws the same boxes)."""
    painter.save()
    for line in lines:
        pen = QPen(color(line.color), line.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if line.dash:
            # Qt's dashes are in pen widths; the layout's in layout units.
            pen.setDashPattern([d / line.width for d in line.dash])
        painter.setPen(pen)
        painter.drawLine(QPointF(line.x0, line.y), QPointF(line.x1, line.y))
        painter.setFont(font(painter, line.label_size, True))
        for x in (line.left_x, line.right_x):
            painter.drawText(QPointF(x, line.label_baseline), line.label)
    painter.restore()


def paint_map(painter: QPainter, layout, style: Style, *, exposed: QRectF | None = None) -> None:
    """Draw a whole map (for image export): grid, curves, cards, flows, headers.

    Every card keeps its title and details however small the map is drawn:
    the canvas's level of detail saves time on screen, where zooming in shows
    them; a printed wall map cannot be zoomed."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), color(style.background))
    paint_grid(painter, layout, style, exposed)
    for curve in layout.curves:
        paint_curve(painter, curve, style)
    paint_blueprint_lines(painter, layout.blueprint_lines)
    for box in layout.cards.values():
        if exposed is None or qrect(box.rect).intersects(exposed):
            paint_card(painter, box, style, lod=1.0)
    for fp in drawing_order(layout.flows):
        paint_flow(painter, fp, style, lod=1.0)
    for box in layout.lane_headers:
        paint_header(painter, box, style)
    for box in layout.stage_headers:
        paint_header(painter, box, style)
    if layout.corner is not None:
        paint_header(painter, layout.corner, style)
    painter.restore()
