"""The plain geometric values a layout is made of: rectangles and the boxes
that say where and how each card, header, flow and emotion curve is drawn.

All are immutable; a recomputed layout reuses the boxes that did not change,
so ``old_box is new_box`` means "nothing to redraw".  Import them from
:mod:`app.layout.geometry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.layout.dots import Dots

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle; y grows down."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """x of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """y of the bottom edge."""
        return self.y + self.h

    @property
    def cx(self) -> float:
        """x of the centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """y of the centre."""
        return self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside (edges included)."""
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h

    def intersects(self, other: Rect) -> bool:
        """Whether the two rectangles share interior area (touching edges do not)."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def united(self, other: Rect) -> Rect:
        """The smallest rectangle holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def adjusted(self, dx1: float, dy1: float, dx2: float, dy2: float) -> Rect:
        """Edges moved like ``QRectF.adjusted``: left by dx1, top by dy1, right by dx2..."""
        return Rect(self.x + dx1, self.y + dy1, self.w - dx1 + dx2, self.h - dy1 + dy2)

    def translated(self, dx: float, dy: float) -> Rect:
        """The same rectangle moved by (dx, dy)."""
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True, slots=True)
class CardBox:
    """Where and how one card is drawn.

    ``title_baselines`` and ``meta_baseline`` are absolute y values; draw each
    line of ``title_lines`` at (``text_x``, its baseline) in the regular font
    at ``title_size``, and ``meta`` at ``meta_size`` (``meta_baseline`` is
    None when there is no meta line).  ``stripe`` is the owner's colour band
    on the left edge.  ``faded`` cards belong to another persona: draw them
    at ``Style.faded_opacity``.  A right-to-left title (``title_rtl``) has
    its lines flush right: line i starts at ``title_xs[i]`` (empty: all at
    ``text_x``), and is shaped with a right-to-left base direction.
    """

    id: str
    rect: Rect
    title_lines: tuple[str, ...]
    title_size: float
    title_baselines: tuple[float, ...]
    text_x: float
    meta: str
    meta_baseline: float | None
    meta_size: float
    stripe: Rect | None
    stripe_color: str | None
    fill: str
    border: str
    border_dashed: bool
    border_width: float
    emotion: int | None
    emotion_mark: Rect | None
    emotion_color: str | None
    evidence: str | None
    kind: str
    faded: bool
    stage: str
    lane: str
    index: int
    title_xs: tuple[float, ...] = ()
    title_rtl: bool = False
    #: The notes printed under the title (exports with notes), at ``meta_size``.
    notes_lines: tuple[str, ...] = ()
    notes_baselines: tuple[float, ...] = ()
    #: The owner department's short code (`app.layout.marks.department_codes`), or "".
    owner_code: str = ""
    #: dot votes (`app.layout.dots.Dots`; ``dots.rects`` empty: none).
    dots: Dots | None = None
    #: The fail point badge (a circle with an "F" at the top-left corner), or None.
    fail_mark: Rect | None = None


#: How far below its last baseline a title's box reaches, in ems (the
#: descenders, with a little air).
TITLE_DEPTH = 0.3


def title_rect(card: CardBox) -> Rect:
    """The part of a card its title takes: the card's width, from its top
    edge to just under the last line of its title (what no flow may cross
    and no flow label may cover)."""
    r = card.rect
    if not card.title_baselines:
        return Rect(r.x, r.y, r.w, 0.0)
    bottom = min(card.title_baselines[-1] + TITLE_DEPTH * card.title_size, r.bottom)
    return Rect(r.x, r.y, r.w, bottom - r.y)


@dataclass(frozen=True, slots=True)
class HeaderBox:
    """A stage header (``kind == "stage"``) or a lane header (``kind`` = lane kind).

    Draw ``rect`` in ``fill``, then each of ``lines`` in bold at ``size`` at
    (``text_x``, its baseline) in ``text_color``.  Lane headers carry an
    ``accent`` bar (their kind's colour) on the left edge and a ``tint``, the
    wash of their cells.
    """

    id: str
    rect: Rect
    lines: tuple[str, ...]
    baselines: tuple[float, ...]
    text_x: float
    size: float
    fill: str
    text_color: str
    kind: str
    accent: Rect | None = None
    accent_color: str | None = None
    tint: str | None = None
    #: Small text at the bottom right (a stage's total wait, "◷ 2 d"), or "".
    note: str = ""
    note_x: float = 0.0
    note_baseline: float = 0.0
    note_size: float = 0.0


@dataclass(frozen=True, slots=True)
class FlowPath:
    """One flow as a cubic Bézier from ``p0`` (on the source card's edge) to
    ``p3`` (on the target's edge), with its arrow head triangle at ``p3``.

    A flow that runs through the gutters around cards in its way (a forward
    flow over several columns) is a chain of cubic pieces: ``via`` then holds
    the points between ``c1`` and ``c2`` (a multiple of three: each joint and
    the controls around it), so the whole chain is the control polygon
    ``(p0, c1, *via, c2, p3)``; `segments` gives its pieces.  ``c1`` and
    ``c2`` stay the controls at the two ends (the arrow head follows ``c2``).

    ``label_rect`` is the pill to draw behind the label (None without one),
    centred on ``label_pos``: a point of the path (its midpoint when that is
    free), or beside it when every spot on it meets a card, another label or
    another flow's arrow.
    """

    id: str
    kind: str
    source: str
    target: str
    p0: Point
    c1: Point
    c2: Point
    p3: Point
    head: tuple[Point, Point, Point]
    color: str
    width: float
    dashed: bool
    label: str
    label_pos: Point
    label_size: float
    label_rect: Rect | None = None
    via: tuple[Point, ...] = ()
    #: The label found no spot clear of cards and sits on one (never on its
    #: title): draw this flow above the cards.
    label_over: bool = False

    def segments(self) -> tuple[tuple[Point, Point, Point, Point], ...]:
        """The cubic pieces ``(p0, c1, c2, p3)`` of the path, in order."""
        if not self.via:
            return ((self.p0, self.c1, self.c2, self.p3),)
        pts = (self.p0, self.c1, *self.via, self.c2, self.p3)
        return tuple((pts[i], pts[i + 1], pts[i + 2], pts[i + 3])
                     for i in range(0, len(pts) - 1, 3))

    def point_at(self, t: float) -> Point:
        """The point of the path at parameter ``t`` (0..1; each piece takes an
        equal share of it)."""
        if not self.via:
            return bezier_point(self.p0, self.c1, self.c2, self.p3, t)
        pieces = self.segments()
        k = min(int(t * len(pieces)), len(pieces) - 1)
        return bezier_point(*pieces[k], t * len(pieces) - k)

    def bounds(self) -> Rect:
        """A rectangle holding the path and its head (the control hull's bounds)."""
        pts = (self.p0, self.c1, self.c2, self.p3, *self.head, *self.via)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True, slots=True)
class EmotionCurve:
    """The emotion curve of one ``emotion`` lane.

    ``band`` is the strip above the lane's cards; ``levels`` maps each
    emotion -2..2 to the y of its guide line; ``points`` are the per-stage
    means (x at the column centre); ``segments`` are the cubic pieces
    ``(p0, c1, c2, p3)`` of a smooth monotone curve through them, which never
    leaves the band.  ``values`` holds the mean per point.
    """

    lane_id: str
    band: Rect
    levels: dict[int, float]
    points: list[Point]
    segments: list[tuple[Point, Point, Point, Point]]
    values: list[float]
    stages: list[str]


def bezier_point(p0: Point, c1: Point, c2: Point, p3: Point, t: float) -> Point:
    """The point at ``t`` of the cubic Bézier (p0, c1, c2, p3)."""
    u = 1.0 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (
        a * p0[0] + b * c1[0] + c * c2[0] + d * p3[0],
        a * p0[1] + b * c1[1] + c * c2[1] + d * p3[1],
    )


def drawing_order(flows: dict[str, FlowPath]) -> list[FlowPath]:
    """The flows in the order every export draws them: by id.

    A layout's flows come in the order its passes routed them, which follows
    sets; where two arrows cross, the one drawn last is on top, so without a
    fixed order two exports of one map could differ in pixels.
    """
    return [flows[fid] for fid in sorted(flows)]
