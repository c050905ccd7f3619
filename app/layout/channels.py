"""The course of a flow that skips columns, as plain arithmetic (no engine
state): the free heights between the cards of a column, a height clear in
every skipped column (or, when there is none, one per column: a staircase
that turns in the gutters between them), and the chain of cubic pieces that
follows it.

A backward flow (its target's column left of its source's) is the mirror
image of a forward one: it leaves its source's left edge, runs right to left
and enters its target's right edge, so both are built by the same code on
x mirrored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.layout.boxes import Point, Rect

#: Room kept between a flow's line and a card edge it runs past.
CLEARANCE = 2.5
#: A free interval narrower than twice this is taken at its middle.
SETTLE = 3.0

#: A channel height: one for every skipped column, or one per column (in
#: the order the flow passes them).
Heights = float | tuple[float, ...]


def free_intervals(tops: Sequence[float], bottoms: Sequence[float], y0: float, y1: float
                   ) -> list[tuple[float, float]]:
    """The parts of ``y0..y1`` that no card (from ``tops[i]`` to
    ``bottoms[i]``, top to bottom, widened by `CLEARANCE`) covers, top to
    bottom."""
    return _free(zip(tops, bottoms, strict=True), y0, y1)


def _free(spans: Iterable[tuple[float, float]], y0: float, y1: float
          ) -> list[tuple[float, float]]:
    """`free_intervals` of (top, bottom) spans in the order of their tops
    (they may overlap: the free parts are those of none of them)."""
    out: list[tuple[float, float]] = []
    y = y0
    for top, bottom in spans:
        top, bottom = top - CLEARANCE, bottom + CLEARANCE
        if top > y:
            out.append((y, min(top, y1)))
        if bottom > y:
            y = bottom
        if y >= y1:
            break
    if y < y1:
        out.append((y, y1))
    return [(a, b) for a, b in out if b > a]


def nearest(free: Sequence[tuple[float, float]], y: float) -> float | None:
    """The height in ``free`` nearest ``y`` (a narrow gap between two cards
    is taken at its middle, so the line keeps off both)."""
    best: float | None = None
    for lo, hi in free:
        c = (lo + hi) / 2 if hi - lo <= 2 * SETTLE else min(max(y, lo + SETTLE), hi - SETTLE)
        if best is None or abs(c - y) < abs(best - y):
            best = c
    return best


def course_heights(columns: list[tuple[Sequence[float], Sequence[float]]], y0: float,
                   y1: float, ya: float) -> Heights | None:
    """One height from ``y0`` to ``y1`` clear in every column (nearest
    ``ya``), else one per column, each nearest the one before (None: a
    column has no room).  ``columns``: the tops and bottoms of each
    column's cards in the band, top to bottom, in the order passed."""
    # Clear in every column: clear of all their cards at once (the same
    # intervals as those free in each column, intersected).
    if len(columns) == 1:
        common = free_intervals(*columns[0], y0, y1)
    else:
        tops: list[float] = []
        bottoms: list[float] = []
        for t, b in columns:
            tops += t
            bottoms += b
        common = _free(sorted(zip(tops, bottoms, strict=True)), y0, y1)
    y = nearest(common, ya)
    if y is not None:
        return y
    ys: list[float] = []
    prev = ya
    for t, b in columns:
        got = nearest(free_intervals(t, b, y0, y1), prev)
        if got is None:
            return None
        ys.append(got)
        prev = got
    return tuple(ys)


def _runs(y: Heights, x0: float, x1: float, card_w: float) -> list[tuple[float, float, float]]:
    """(height, left, right) of each level run over the skipped cards."""
    if not isinstance(y, tuple):
        return [(y, x0, x1)]
    pitch = (x1 - x0 - card_w) / (len(y) - 1) if len(y) > 1 else 0.0
    runs: list[tuple[float, float, float]] = []
    for k, yk in enumerate(y):
        left = x0 + k * pitch
        if runs and runs[-1][0] == yk:
            runs[-1] = (yk, runs[-1][1], left + card_w)
        else:
            runs.append((yk, left, left + card_w))
    return runs


def course(src: Rect, dst: Rect, y: Heights, x0: float, x1: float, card_w: float
           ) -> tuple[list[Point], Point]:
    """The control polygon (p0, c1, ..., c2, p3) of a flow from ``src``'s
    right edge to ``dst``'s left edge along the level runs over the cards
    from ``x0`` to ``x1`` (each ``card_w`` wide), and its label's spot (the
    middle of the longest run).  Backward flows: `mirrored`."""
    ya, yb = src.cy, dst.cy
    pts: list[Point] = [(src.right, ya)]
    cx, cy = src.right, ya
    runs = _runs(y, x0, x1, card_w)
    label = (0.0, 0.0, -1.0)  # (middle x, y, length)
    for n, (yk, left, right) in enumerate(runs):
        start = cx
        if yk != cy:  # an S in the gutter before this run
            r = (left - cx) / 2
            pts += [(cx + r, cy), (left - r, yk), (left, yk)]
            start = left
        end = dst.x if n == len(runs) - 1 and yk == yb else right
        third = (end - start) / 3
        pts += [(start + third, yk), (end - third, yk), (end, yk)]
        if end - start > label[2]:
            label = ((start + end) / 2, yk, end - start)
        cx, cy = end, yk
    if cy != yb:  # and one in the gutter before the target
        r = (dst.x - cx) / 2
        pts += [(cx + r, cy), (dst.x - r, yb), (dst.x, yb)]
    return pts, (label[0], label[1])


def mirrored(r: Rect) -> Rect:
    """``r`` reflected in the line x = 0."""
    return Rect(-r.right, r.y, r.w, r.h)
