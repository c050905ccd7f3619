"""Drawing a `Drawing` (map + title block) onto a reportlab canvas.

Everything here mirrors `app.canvas.painting` (what the canvas and the PNG
and SVG exports draw with) stroke for stroke: keep the two in step.  Shapes
go through the fast `PdfPen`; card texts go into one PDF text object per
layer, which keeps a 5,000-card page small and quick to write.  No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from app.export.drawing import Drawing
from app.export.faces import face_geometry
from app.export.pdfpen import PdfPen, TextBatch
from app.export.titleblock import Box, Line, Mark, Primitive, Text
from app.layout.blueprint import BlueprintLine
from app.layout.boxes import drawing_order
from app.layout.cards import FAIL_LETTER, fail_letter
from app.layout.geometry import (
    CardBox,
    EmotionCurve,
    FlowPath,
    HeaderBox,
    MapLayout,
    Rect,
)
from app.layout.marks import MARK_SIZE, corner_marks, data_badge_bars, flow_dash
from app.layout.style import Style, emotion_color
from app.layout.text import metrics

#: Name of the form XObject holding the whole drawing (map and title block).
MAP_FORM = "map"
SHADOW_INK = "#0F172A"
SHADOW_ALPHAS = (18 / 255, 22 / 255)
ROUND = 1  # PDF line cap / join: round


# ------------------------------------------------------------------- the map
def draw_drawing(canv: Canvas, drawing: Drawing) -> None:
    """Draw the map and its title block, top-left at (0, drawing.height)."""
    pen = PdfPen(canv, drawing.height)
    pen.rect(Rect(0, 0, drawing.width, drawing.height), drawing.style.background)
    draw_map(pen, drawing.layout, drawing.style)
    draw_primitives(pen, drawing.block.items)


def place_map(canv: Canvas, scale: float, x: float, y_top: float, page_h: float,
              drawing_h: float) -> None:
    """Put the drawing's form on the page: top-left at (x, y_top) measured top-down."""
    canv.saveState()
    canv.translate(x, page_h - y_top - drawing_h * scale)
    canv.scale(scale, scale)
    canv.doForm(MAP_FORM)
    canv.restoreState()


def draw_map(pen: PdfPen, layout: MapLayout, style: Style) -> None:
    """Grid, emotion curves, cards, flows, then headers: the canvas's order."""
    _draw_grid(pen, layout, style)
    for curve in layout.curves:
        _draw_curve(pen, curve, style)
    draw_blueprint_lines(pen, layout.blueprint_lines)
    cards = list(layout.cards.values())
    _draw_cards(pen, [c for c in cards if c.faded], style, faded=True)
    _draw_cards(pen, [c for c in cards if not c.faded], style, faded=False)
    _draw_flows(pen, drawing_order(layout.flows), style)
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
    for h in headers:
        r = h.rect
        pen.rect(r, h.fill)
        if h.kind == "stage":
            # A faint hairline between stages.
            pen.save()
            pen.alpha(stroke=40 / 255)
            pen.stroke("#FFFFFF", 1.0)
            pen.polyline(((r.right, r.y), (r.right, r.bottom)))
            pen.restore()
        else:
            pen.stroke(style.grid_color, style.grid_width)
            pen.polyline(((r.x, r.bottom), (r.right, r.bottom)))
            pen.polyline(((r.right, r.y), (r.right, r.bottom)))
        if h.accent is not None and h.accent_color:
            pen.rect(h.accent, h.accent_color)
    batch = TextBatch(pen)
    for h in headers:
        for line, baseline in zip(h.lines, h.baselines, strict=False):
            batch.add(h.text_x, baseline, line, h.size, True, h.text_color)
        if h.note:
            batch.add(h.note_x, h.note_baseline, h.note, h.note_size, False, h.text_color)
    batch.draw()


def _draw_curve(pen: PdfPen, curve: EmotionCurve, style: Style) -> None:
    band = curve.band
    for level, y in curve.levels.items():
        pen.stroke(style.emotion_guide_color, 1.4 if level == 0 else 1.0,
                   () if level == 0 else (3.0, 4.0))
        pen.polyline(((band.x + 6, y), (band.right - 6, y)))
    if curve.segments:
        line = pen.curve_path(curve.segments)
        # A pale wash under the curve, down to the neutral line, then the line.
        zero = curve.levels[0]
        pen.save()
        pen.alpha(fill=38 / 255)
        pen.fill(style.emotion_curve_color)
        pen.paint(_joined(line, ((curve.points[-1][0], zero), (curve.points[0][0], zero)), pen),
                  True, False)
        pen.restore()
        pen.stroke(style.emotion_curve_color, style.emotion_curve_width, (), ROUND)
        pen.paint(line, False, True)
    r = style.emotion_dot_radius
    for (x, y), value in zip(curve.points, curve.values, strict=False):
        pen.circle(x, y, r, emotion_color(style, round(value)), "#FFFFFF", 1.6)


def _joined(path: str, points: Iterable[tuple[float, float]], pen: PdfPen) -> str:
    """``path`` continued by straight lines through ``points`` and closed."""
    return path + " ".join(f"{x:.2f} {pen.h - y:.2f} l" for x, y in points) + " h "


def _draw_cards(pen: PdfPen, cards: list[CardBox], style: Style, faded: bool) -> None:
    if not cards:
        return
    pen.save()
    opacity = style.faded_opacity if faded else 1.0
    radius = style.card_radius
    # Shadows first, all of them: cards never overlap (nor their 2.5-unit
    # shadows, the gap is wider), so this equals the canvas's per-card order
    # while switching transparency only twice.
    for alpha, (dx1, dy1, dx2, dy2) in zip(SHADOW_ALPHAS, ((0, 1.2, 0, 1.2),
                                                          (-0.5, 0.5, 0.5, 2.5)), strict=True):
        pen.alpha(fill=alpha * opacity)
        for card in cards:
            r = card.rect
            with pen.local(r.x, r.y, r.h):
                pen.rect(r.adjusted(dx1, dy1, dx2, dy2), SHADOW_INK, radius=radius)
    pen.alpha(fill=opacity, stroke=opacity)
    for card in cards:
        r = card.rect
        with pen.local(r.x, r.y, r.h):
            _card_body(pen, card, style, radius)
    batch = TextBatch(pen)
    for card in cards:
        xs = card.title_xs or (card.text_x,) * len(card.title_lines)
        for line, baseline, x in zip(card.title_lines, card.title_baselines, xs, strict=False):
            batch.add(x, baseline, line, card.title_size, False, style.card_text_color,
                      card.title_rtl)
        for line, baseline in zip(card.notes_lines, card.notes_baselines, strict=False):
            batch.add(card.text_x, baseline, line, card.meta_size, False, style.card_meta_color)
        if card.meta and card.meta_baseline is not None:
            batch.add(card.text_x, card.meta_baseline, card.meta, card.meta_size, False,
                      style.card_meta_color)
        for text, x, baseline, bold in corner_marks(card):
            batch.add(x, baseline, text, MARK_SIZE, bold, style.card_meta_color)
        if card.dots is not None and card.dots.label:
            d = card.dots
            batch.add(d.label_x, d.label_baseline, d.label, d.label_size, True,
                      style.vote_dot_color)
        if card.fail_mark is not None:
            x, baseline, size = fail_letter(card.fail_mark)
            batch.add(x, baseline, FAIL_LETTER, size, True, style.fail_mark_text)
    batch.draw()
    pen.restore()


def _card_body(pen: PdfPen, card: CardBox, style: Style, radius: float) -> None:
    """Fill, owner stripe, border, emotion face and data badge of one card."""
    rect = card.rect
    outline = pen.rect_path(rect, radius)
    pen.fill(card.fill)
    pen.paint(outline, True, False)
    if card.stripe is not None and card.stripe_color:
        # The owner's colour band, clipped to the card's rounded corners.
        pen.save()
        pen.clip(outline)
        pen.rect(card.stripe, card.stripe_color)
        pen.restore()
    dash = style.assumption_dash if card.border_dashed else ()
    inset = card.border_width / 2
    pen.rect(rect.adjusted(inset, inset, -inset, -inset), None, card.border, card.border_width,
             dash, radius)
    if card.emotion is not None and card.emotion_mark is not None:
        _face(pen, card.emotion_mark, card.emotion, card.emotion_color or "#A9B0B8")
    if card.dots is not None:  # dot votes (app/layout/dots.py)
        for d in card.dots.rects:
            pen.circle(d.cx, d.cy, d.w / 2, style.vote_dot_color, "#FFFFFF", 1.0)
    if card.fail_mark is not None:
        m = card.fail_mark
        pen.circle(m.cx, m.cy, m.w / 2, style.fail_mark_fill, "#FFFFFF", 1.2)
    if card.evidence == "data":
        # Three small bars in the bottom-right corner: "backed by data".
        pen.fill(card.border)
        pen.paint("".join(pen.rect_path(Rect(*bar)) for bar in data_badge_bars(card)),
                  True, False)


def _face(pen: PdfPen, r: Rect, emotion: int, color: str) -> None:
    """An emotion mark: a coloured disc with a face (see `app.export.faces`)."""
    g = face_geometry(r.x, r.y, r.w, emotion)
    pen.circle(g.cx, g.cy, g.radius, color)
    pen.fill(g.ink)
    pen.paint("".join(pen.circle_path(x, y, g.eye_radius) for x, y in g.eyes), True, False)
    pen.stroke(g.ink, g.stroke, (), ROUND)
    pen.curve(*g.mouth)


def draw_blueprint_lines(pen: PdfPen, lines: list[BlueprintLine]) -> None:
    """The blueprint's lines, each labelled at both ends (as the canvas draws them)."""
    if not lines:
        return
    for line in lines:
        pen.stroke(line.color, line.width, line.dash, 0)
        pen.polyline([(line.x0, line.y), (line.x1, line.y)])
    batch = TextBatch(pen)
    for line in lines:
        for x in (line.left_x, line.right_x):
            batch.add(x, line.label_baseline, line.label, line.label_size, True, line.color)
    batch.draw()


def _draw_flows(pen: PdfPen, flows: list[FlowPath], style: Style) -> None:
    for f in flows:
        # Qt draws dashed flows with flat caps, solid ones with round caps.
        dash = flow_dash(style, f.kind)
        pen.stroke(f.color, f.width, dash, 0 if dash else ROUND, ROUND)
        if f.via:  # a chain of pieces through the gutters
            pen.paint(pen.curve_path(f.segments()), False, True)
        else:
            pen.curve(f.p0, f.c1, f.c2, f.p3)
        pen.polygon(f.head, f.color)
    m = metrics()
    batch = TextBatch(pen)
    for f in flows:
        if not f.label:
            continue
        size = f.label_size
        w, h = m.width(f.label, size) + size, size * 1.7
        box = Rect(f.label_pos[0] - w / 2, f.label_pos[1] - h / 2, w, h)
        pen.save()
        pen.alpha(stroke=110 / 255)
        pen.rect(box, style.flow_label_fill, f.color, 0.8, (), h / 2)
        pen.restore()
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
            _face(pen, Rect(item.x, item.y, item.size, item.size), item.emotion, item.color)
