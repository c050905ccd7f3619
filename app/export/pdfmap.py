"""Drawing a `Drawing` (map + title block) onto a reportlab canvas.

The layout is top-down (y grows down); PDF is bottom-up.  `PdfPen` flips
every y against the drawing's height, so the code below reads like the
canvas's painting code.  Card texts are drawn in one PDF text object per
layer, which keeps a 5,000-card page small and fast to write.  No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from app.export.drawing import Drawing
from app.export.faces import face_geometry
from app.export.titleblock import Box, Line, Mark, Primitive, Text
from app.layout.geometry import CardBox, EmotionCurve, FlowPath, HeaderBox, MapLayout, Rect
from app.layout.style import Style, emotion_color
from app.layout.text import metrics, register_pdf_fonts

Point = tuple[float, float]


def _rgb(color: str) -> tuple[float, float, float]:
    return (int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255)


class PdfPen:
    """Top-down drawing helpers over a reportlab canvas.

    Args:
        canv: the reportlab canvas (or form being defined).
        height: height of the top-down drawing; ``y`` maps to ``height - y``.
    """

    def __init__(self, canv: Canvas, height: float) -> None:
        self.c = canv
        self.h = height
        self.fonts = register_pdf_fonts()
        self._colors: dict[str, tuple[float, float, float]] = {}

    def rgb(self, color: str) -> tuple[float, float, float]:
        """Cached "#RRGGBB" -> (r, g, b) in 0..1."""
        rgb = self._colors.get(color)
        if rgb is None:
            rgb = self._colors[color] = _rgb(color)
        return rgb

    def fill(self, color: str) -> None:
        """Set the fill colour."""
        self.c.setFillColorRGB(*self.rgb(color))

    def stroke(self, color: str, width: float, dash: Iterable[float] = ()) -> None:
        """Set the stroke colour, width and dash pattern (solid when empty)."""
        self.c.setStrokeColorRGB(*self.rgb(color))
        self.c.setLineWidth(width)
        dash = list(dash)
        if dash:
            self.c.setDash(dash, 0)
        else:
            self.c.setDash([], 0)

    def rect(self, r: Rect, fill: str | None, border: str | None = None, width: float = 1.0,
             dash: Iterable[float] = (), radius: float = 0.0) -> None:
        """A (rounded) rectangle, filled and/or stroked."""
        if fill:
            self.fill(fill)
        if border:
            self.stroke(border, width, dash)
        y = self.h - r.y - r.h
        if radius > 0:
            self.c.roundRect(r.x, y, r.w, r.h, radius, stroke=int(bool(border)),
                             fill=int(bool(fill)))
        else:
            self.c.rect(r.x, y, r.w, r.h, stroke=int(bool(border)), fill=int(bool(fill)))

    def curve(self, p0: Point, c1: Point, c2: Point, p3: Point) -> None:
        """Stroke a cubic Bézier with the current stroke settings."""
        h = self.h
        self.c.bezier(p0[0], h - p0[1], c1[0], h - c1[1], c2[0], h - c2[1], p3[0], h - p3[1])

    def polyline(self, points: Iterable[Point]) -> None:
        """Stroke a polyline."""
        pts = list(points)
        path = self.c.beginPath()
        path.moveTo(pts[0][0], self.h - pts[0][1])
        for x, y in pts[1:]:
            path.lineTo(x, self.h - y)
        self.c.drawPath(path, stroke=1, fill=0)

    def polygon(self, points: Iterable[Point], color: str) -> None:
        """Fill a closed polygon."""
        pts = list(points)
        self.fill(color)
        path = self.c.beginPath()
        path.moveTo(pts[0][0], self.h - pts[0][1])
        for x, y in pts[1:]:
            path.lineTo(x, self.h - y)
        path.close()
        self.c.drawPath(path, stroke=0, fill=1)

    def circle(self, cx: float, cy: float, r: float, color: str) -> None:
        """Fill a circle."""
        self.fill(color)
        self.c.circle(cx, self.h - cy, r, stroke=0, fill=1)

    def text(self, x: float, y: float, text: str, size: float, bold: bool, color: str) -> None:
        """One line of text with its baseline at (x, y)."""
        self.fill(color)
        self.c.setFont(self.fonts["bold" if bold else "regular"], size)
        self.c.drawString(x, self.h - y, text)

    def face(self, r: Rect, emotion: int, color: str) -> None:
        """An emotion mark: a coloured disc with a face (see `app.export.faces`)."""
        g = face_geometry(r.x, r.y, r.w, emotion)
        self.circle(g.cx, g.cy, g.radius, color)
        for ex, ey in g.eyes:
            self.circle(ex, ey, g.eye_radius, g.ink)
        self.stroke(g.ink, g.stroke)
        self.c.setLineCap(1)
        self.curve(*g.mouth)
        self.c.setLineCap(0)


class _TextBatch:
    """Many lines of text in one PDF text object (one per drawing layer)."""

    def __init__(self, pen: PdfPen) -> None:
        self.pen = pen
        self.obj = pen.c.beginText()
        self._font: tuple[bool, float] | None = None
        self._color: str | None = None

    def add(self, x: float, y: float, text: str, size: float, bold: bool, color: str) -> None:
        if not text:
            return
        if self._font != (bold, size):
            self.obj.setFont(self.pen.fonts["bold" if bold else "regular"], size)
            self._font = (bold, size)
        if self._color != color:
            self.obj.setFillColorRGB(*self.pen.rgb(color))
            self._color = color
        self.obj.setTextOrigin(x, self.pen.h - y)
        self.obj.textOut(text)

    def draw(self) -> None:
        self.pen.c.drawText(self.obj)


# ------------------------------------------------------------------- the map
# Everything below mirrors `app.canvas.painting` (what the canvas and the PNG
# and SVG exports draw with) stroke for stroke; keep the two in step.
SHADOW_INK = "#0F172A"
SHADOW_ALPHAS = (18 / 255, 22 / 255)


def draw_drawing(canv: Canvas, drawing: Drawing) -> None:
    """Draw the map and its title block, top-left at (0, drawing.height)."""
    pen = PdfPen(canv, drawing.height)
    pen.rect(Rect(0, 0, drawing.width, drawing.height), drawing.style.background)
    draw_map(pen, drawing.layout, drawing.style)
    draw_primitives(pen, drawing.block.items)


def draw_map(pen: PdfPen, layout: MapLayout, style: Style) -> None:
    """Grid, emotion curves, cards, flows, then headers: the canvas's order."""
    _draw_grid(pen, layout, style)
    for curve in layout.curves:
        _draw_curve(pen, curve, style)
    cards = list(layout.cards.values())
    _draw_cards(pen, [c for c in cards if c.faded], style, faded=True)
    _draw_cards(pen, [c for c in cards if not c.faded], style, faded=False)
    _draw_flows(pen, list(layout.flows.values()), style)
    headers = [*layout.lane_headers, *layout.stage_headers]
    if layout.corner is not None:
        headers.append(layout.corner)
    _draw_headers(pen, headers, style)


def _draw_grid(pen: PdfPen, layout: MapLayout, style: Style) -> None:
    left, top = layout.lane_header_width, layout.header_height
    tints = {h.id: h.tint for h in layout.lane_headers if h.tint}
    for lane_id, (y, h) in layout.rows.items():
        pen.rect(Rect(left, y, layout.width - left, h), tints.get(lane_id) or style.background)
    pen.stroke(style.grid_color, style.grid_width)
    for x, w in layout.columns.values():
        pen.polyline(((x + w, top), (x + w, layout.height)))
    for y, h in layout.rows.values():
        pen.polyline(((left, y + h), (layout.width, y + h)))


def _draw_headers(pen: PdfPen, headers: list[HeaderBox], style: Style) -> None:
    c = pen.c
    for h in headers:
        r = h.rect
        pen.rect(r, h.fill)
        c.saveState()
        if h.kind == "stage":
            # A faint hairline between stages.
            pen.stroke("#FFFFFF", 1.0)
            c.setStrokeAlpha(40 / 255)
            pen.polyline(((r.right, r.y), (r.right, r.bottom)))
        else:
            pen.stroke(style.grid_color, style.grid_width)
            pen.polyline(((r.x, r.bottom), (r.right, r.bottom)))
            pen.polyline(((r.right, r.y), (r.right, r.bottom)))
        c.restoreState()
        if h.accent is not None and h.accent_color:
            pen.rect(h.accent, h.accent_color)
    batch = _TextBatch(pen)
    for h in headers:
        for line, baseline in zip(h.lines, h.baselines, strict=False):
            batch.add(h.text_x, baseline, line, h.size, True, h.text_color)
    batch.draw()


def _draw_curve(pen: PdfPen, curve: EmotionCurve, style: Style) -> None:
    band = curve.band
    c = pen.c
    for level, y in curve.levels.items():
        pen.stroke(style.emotion_guide_color, 1.4 if level == 0 else 1.0,
                   () if level == 0 else (3.0, 4.0))
        pen.polyline(((band.x + 6, y), (band.right - 6, y)))
    h = pen.h
    if curve.segments:
        def trace(path):  # noqa: ANN001, ANN202 - local helper
            path.moveTo(curve.segments[0][0][0], h - curve.segments[0][0][1])
            for _, c1, c2, p3 in curve.segments:
                path.curveTo(c1[0], h - c1[1], c2[0], h - c2[1], p3[0], h - p3[1])

        # A pale wash under the curve, down to the neutral line, then the line.
        zero = curve.levels[0]
        wash = c.beginPath()
        trace(wash)
        wash.lineTo(curve.points[-1][0], h - zero)
        wash.lineTo(curve.points[0][0], h - zero)
        wash.close()
        c.saveState()
        c.setFillAlpha(38 / 255)
        pen.fill(style.emotion_curve_color)
        c.drawPath(wash, stroke=0, fill=1)
        c.restoreState()
        line = c.beginPath()
        trace(line)
        pen.stroke(style.emotion_curve_color, style.emotion_curve_width)
        c.setLineCap(1)
        c.drawPath(line, stroke=1, fill=0)
        c.setLineCap(0)
    r = style.emotion_dot_radius
    pen.stroke("#FFFFFF", 1.6)
    for (x, y), value in zip(curve.points, curve.values, strict=False):
        pen.fill(emotion_color(style, round(value)))
        c.circle(x, h - y, r, stroke=1, fill=1)


def _draw_cards(pen: PdfPen, cards: list[CardBox], style: Style, faded: bool) -> None:
    if not cards:
        return
    c = pen.c
    c.saveState()
    opacity = style.faded_opacity if faded else 1.0
    radius = style.card_radius
    # Shadows first, all of them: cards never overlap (nor their 2.5-unit
    # shadows, the gap is wider), so this equals the canvas's per-card order
    # while switching transparency only twice.
    for alpha, (dx1, dy1, dx2, dy2) in zip(SHADOW_ALPHAS, ((0, 1.2, 0, 1.2),
                                                          (-0.5, 0.5, 0.5, 2.5)), strict=True):
        c.setFillAlpha(alpha * opacity)
        for card in cards:
            pen.rect(card.rect.adjusted(dx1, dy1, dx2, dy2), SHADOW_INK, radius=radius)
    c.setFillAlpha(opacity)
    c.setStrokeAlpha(opacity)
    for card in cards:
        _card_body(pen, card, style, radius)
    batch = _TextBatch(pen)
    for card in cards:
        for line, baseline in zip(card.title_lines, card.title_baselines, strict=False):
            batch.add(card.text_x, baseline, line, card.title_size, False, style.card_text_color)
        if card.meta and card.meta_baseline is not None:
            batch.add(card.text_x, card.meta_baseline, card.meta, card.meta_size, False,
                      style.card_meta_color)
    batch.draw()
    c.restoreState()


def _card_body(pen: PdfPen, card: CardBox, style: Style, radius: float) -> None:
    """Fill, owner stripe, border, emotion face and data badge of one card."""
    rect = card.rect
    pen.rect(rect, card.fill, radius=radius)
    if card.stripe is not None and card.stripe_color:
        _stripe(pen, card, radius)
    dash = style.assumption_dash if card.border_dashed else ()
    inset = card.border_width / 2
    pen.rect(rect.adjusted(inset, inset, -inset, -inset), None, card.border, card.border_width,
             dash, radius)
    if card.emotion is not None and card.emotion_mark is not None:
        pen.face(card.emotion_mark, card.emotion, card.emotion_color or "#A9B0B8")
    if card.evidence == "data":
        # Three small bars in the bottom-right corner: "backed by data".
        x, y = rect.right - 16.0, rect.bottom - 6.0
        for i, h in enumerate((4.0, 7.0, 10.0)):
            pen.rect(Rect(x + i * 4.0, y - h, 2.6, h), card.border)


def _stripe(pen: PdfPen, card: CardBox, radius: float) -> None:
    """The owner's colour band, clipped to the card's rounded corners."""
    c = pen.c
    rect = card.rect
    c.saveState()
    path = c.beginPath()
    path.roundRect(rect.x, pen.h - rect.bottom, rect.w, rect.h, radius)
    c.clipPath(path, stroke=0, fill=0)
    pen.rect(card.stripe, card.stripe_color)
    c.restoreState()


def _draw_flows(pen: PdfPen, flows: list[FlowPath], style: Style) -> None:
    c = pen.c
    c.setLineJoin(1)
    for f in flows:
        pen.stroke(f.color, f.width, style.flow_dash if f.dashed else ())
        c.setLineCap(0 if f.dashed else 1)
        pen.curve(f.p0, f.c1, f.c2, f.p3)
        pen.polygon(f.head, f.color)
    c.setLineCap(0)
    c.setLineJoin(0)
    m = metrics()
    batch = _TextBatch(pen)
    for f in flows:
        if not f.label:
            continue
        size = f.label_size
        w, h = m.width(f.label, size) + size, size * 1.7
        box = Rect(f.label_pos[0] - w / 2, f.label_pos[1] - h / 2, w, h)
        c.saveState()
        c.setStrokeAlpha(110 / 255)
        pen.rect(box, style.flow_label_fill, f.color, 0.8, (), h / 2)
        c.restoreState()
        baseline = f.label_pos[1] + (m.ascent(size) - m.descent(size)) / 2
        batch.add(box.x + size * 0.5, baseline, f.label, size, False, style.flow_label_color)
    batch.draw()


# ------------------------------------------------------- title block, legend
def draw_primitives(pen: PdfPen, items: Iterable[Primitive]) -> None:
    """Draw the title block's primitives."""
    for item in items:
        if isinstance(item, Text):
            pen.text(item.x, item.y, item.text, item.size, item.bold, item.color)
        elif isinstance(item, Box):
            pen.rect(Rect(item.x, item.y, item.w, item.h), item.fill, item.border,
                     item.border_width, item.dash, item.radius)
        elif isinstance(item, Line):
            pen.stroke(item.color, item.width, item.dash)
            pen.polyline(item.points)
            if item.head is not None:
                pen.polygon(item.head, item.color)
        elif isinstance(item, Mark):
            pen.face(Rect(item.x, item.y, item.size, item.size), item.emotion, item.color)
