"""Routing of flow arrows between two card rectangles.

`flow_path` decides from the two rectangles alone, so the canvas can call it
on every mouse move while a card is dragged:

* target to the right: a cubic S from the source's right edge into the
  target's left edge;
* target directly above or below with no card in between (the layout says
  so with ``direct=True``; without it, only when the gap is one card gap): a
  straight arrow from bottom edge to top edge (or top to bottom);
* otherwise in the same column: a bracket loop out of the source's right edge
  through the column's gutter and back into the target's right edge, so it
  does not cut through the cards stacked between them;
* target to the left (a backward flow): with ``over=True`` (the layout
  passes it when both cards top their cells), a flat arc over their top
  edges, through the free strip of cell padding that runs above the first
  card of every cell of a row; else, in the neighbouring column, a mirrored
  S from the source's left edge into the target's right edge, through the
  gutter between the two columns (no card in the way); else an arc out of
  the source's bottom edge, under both cards, into the target's bottom edge
  (the layout routes a backward flow over columns through the gaps between
  their cards instead, `app.layout.detours`: this arc is only what a card
  being dragged shows).
"""

from __future__ import annotations

import math

from app.layout.boxes import FlowPath, Point, Rect
from app.layout.style import Style, flow_color, flow_dashed
from app.layout.text import metrics


def flow_path(
    flow_id: str,
    kind: str,
    label: str,
    src: Rect,
    dst: Rect,
    style: Style,
    *,
    source: str = "",
    target: str = "",
    over: bool = False,
    direct: bool = False,
) -> FlowPath:
    """The arrow of a flow from card rectangle ``src`` to ``dst``.

    Args:
        flow_id: the flow's id.
        kind: ``normal``, ``alternative`` (dashed) or ``failure`` (red).
        label: text drawn at the curve's midpoint ("" for none).
        src: the source card's rectangle.
        dst: the target card's rectangle.
        style: sizes and colours.
        source: the source card's id (kept on the result).
        target: the target card's id (kept on the result).
        over: route a backward flow over the cards' top edges instead of
            under their bottoms.
        direct: nothing lies between two cards of one column, so a
            straight vertical arrow is clear.
    """
    p0, c1, c2, p3 = route(src, dst, style, over, direct)
    # The midpoint of the cubic (bezier_point at t = 0.5), written out: this
    # runs for every flow of every layout.
    label_pos = (
        0.125 * p0[0] + 0.375 * c1[0] + 0.375 * c2[0] + 0.125 * p3[0],
        0.125 * p0[1] + 0.375 * c1[1] + 0.375 * c2[1] + 0.125 * p3[1],
    )
    return FlowPath(
        flow_id, kind, source, target, p0, c1, c2, p3,
        arrow_head(p0, c2, p3, style.arrow_length, style.arrow_width),
        flow_color(style, kind), style.flow_width, flow_dashed(kind), label, label_pos,
        style.flow_label_size, label_rect(label, label_pos, style) if label else None,
    )


def label_rect(label: str, pos: Point, style: Style) -> Rect | None:
    """The pill behind a flow's label, centred on ``pos`` (None without a label).

    Draw the label's text at (rect.x + size / 2, baseline) with
    ``baseline = rect.cy + (ascent - descent) / 2`` of the label font.
    """
    if not label:
        return None
    size = style.flow_label_size
    tm = metrics()
    w = tm.width(label, size) + size  # half an em of air each side
    h = size * 1.7
    return Rect(pos[0] - w / 2, pos[1] - h / 2, w, h)


def route(
    src: Rect, dst: Rect, style: Style, over: bool = False, direct: bool = False
) -> tuple[Point, Point, Point, Point]:
    """Control points (p0, c1, c2, p3) of the curve from ``src`` to ``dst``."""
    if src == dst:
        return _self_loop(src, style)
    if dst.x >= src.right + 1.0:
        return _forward(src, dst)
    if dst.right <= src.x - 1.0:
        if over:
            return _over(src, dst, style)
        if src.x - dst.right <= 2 * style.cell_pad_x + 1.0:  # just across a gutter
            return _back_across(src, dst)
        return _backward(src, dst, style)
    near = float("inf") if direct else style.card_gap * 1.5 + 1.0
    if 0 <= dst.y - src.bottom <= near:
        return (src.cx, src.bottom), (src.cx, src.bottom), (dst.cx, dst.y), (dst.cx, dst.y)
    if 0 <= src.y - dst.bottom <= near:
        return (src.cx, src.y), (src.cx, src.y), (dst.cx, dst.bottom), (dst.cx, dst.bottom)
    return _gutter_loop(src, dst, style)


def _forward(src: Rect, dst: Rect) -> tuple[Point, Point, Point, Point]:
    p0 = (src.right, src.cy)
    p3 = (dst.x, dst.cy)
    reach = max((p3[0] - p0[0]) * 0.5, 12.0)
    return p0, (p0[0] + reach, p0[1]), (p3[0] - reach, p3[1]), p3


def _back_across(src: Rect, dst: Rect) -> tuple[Point, Point, Point, Point]:
    # A forward S mirrored: it turns within the gutter between the columns.
    p0 = (src.x, src.cy)
    p3 = (dst.right, dst.cy)
    reach = max((p0[0] - p3[0]) * 0.5, 12.0)
    return p0, (p0[0] - reach, p0[1]), (p3[0] + reach, p3[1]), p3


def _backward(src: Rect, dst: Rect, style: Style) -> tuple[Point, Point, Point, Point]:
    p0 = (src.cx, src.bottom)
    p3 = (dst.cx, dst.bottom)
    # The curve dips 3/4 of the control depth below the lower card; deeper
    # for longer jumps so that long arcs do not look flattened.
    depth = min(max(abs(p0[0] - p3[0]) * 0.15, style.flow_reach * 0.6), style.flow_reach * 1.6)
    base = max(p0[1], p3[1]) + depth
    return p0, (p0[0], base), (p3[0], base), p3


def _over(src: Rect, dst: Rect, style: Style) -> tuple[Point, Point, Point, Point]:
    p0 = (src.cx, src.y)
    p3 = (dst.cx, dst.y)
    # The curve peaks 3/4 of the control height above the higher card: inside
    # the cell's top padding, below the grid line.
    base = min(p0[1], p3[1]) - style.cell_pad_top
    return p0, (p0[0], base), (p3[0], base), p3


def _gutter_loop(src: Rect, dst: Rect, style: Style) -> tuple[Point, Point, Point, Point]:
    # Loops going down attach a little below the cards' centres and bulge
    # further; loops going up attach above and bulge less: a flow and its
    # way back between the same two cards stay apart.
    down = dst.cy >= src.cy
    shift = min(src.h, dst.h) / 6 * (1 if down else -1)
    p0 = (src.right, src.cy + shift)
    p3 = (dst.right, dst.cy + shift)
    # Bulge 3/4 of reach: stays inside the gutter between two columns.
    reach = style.cell_pad_x * (1.6 if down else 1.0)
    x = max(p0[0], p3[0]) + reach
    return p0, (x, p0[1]), (x, p3[1]), p3


def _self_loop(r: Rect, style: Style) -> tuple[Point, Point, Point, Point]:
    p0 = (r.right, r.cy - r.h / 4)
    p3 = (r.right, r.cy + r.h / 4)
    reach = style.cell_pad_x * 1.6
    return p0, (r.right + reach, p0[1] - r.h / 4), (r.right + reach, p3[1] + r.h / 4), p3


def arrow_head(
    p0: Point, c2: Point, p3: Point, length: float, width: float
) -> tuple[Point, Point, Point]:
    """Triangle (tip, left, right) at ``p3`` pointing along the curve's end tangent."""
    dx, dy = p3[0] - c2[0], p3[1] - c2[1]
    if abs(dx) + abs(dy) < 1e-6:
        dx, dy = p3[0] - p0[0], p3[1] - p0[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = p3[0] - ux * length, p3[1] - uy * length
    hx, hy = -uy * width / 2, ux * width / 2
    return p3, (bx + hx, by + hy), (bx - hx, by - hy)
