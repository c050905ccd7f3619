"""Where flow labels go: slid along their arrow, then beside it, off the
cards, off the labels placed before them and off the other flows' arrows,
and re-placed incrementally after an edit.

Labels are placed in a fixed order (flow id, as a string).  A label's spot
depends on four things only: its own arrow, the cards under the spots it
tried, the labels before it under those spots, and the other arrows under
them.  The placer remembers, per label, the bounding box of the spots it
tried (its *region*); after an edit only the labels whose arrow changed, or
whose region meets a card or an arrow that moved or a label before them that
moved, are placed again, in order, so the result is exactly that of placing
every label from scratch.

A spot clear of everything wins; failing that, the first one clear of cards
and labels (covering an arrow hides less than covering text); failing that,
the middle of the arrow.
"""

from __future__ import annotations

import heapq
import inspect
import weakref
from collections.abc import Callable, Iterable, Iterator

from app.layout.boxes import FlowPath, Point, Rect, bezier_point
from app.layout.flows import label_rect
from app.layout.style import Style

#: Where along its arrow a label may sit, best first (the middle).
LABEL_SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
#: Room between the arrow and a label put beside it (when no spot on it is free).
SIDE_GAP = 3.0
#: Where along the arrow a label may sit beside it, best first...
SIDE_SPOTS = (0.5, 0.34, 0.66)
#: ...and how much farther out than `SIDE_GAP` (past a bundle of arrows in a gutter).
SIDE_STEPS = (0.0, 10.0, 20.0)


def label_piece(path: FlowPath) -> tuple[Point, Point, Point, Point]:
    """The cubic piece a flow's label slides along: the whole curve, or the
    longest piece of a flow through the gutters (its run along a channel)."""
    if not path.via:
        return path.p0, path.c1, path.c2, path.p3
    return max(path.segments(), key=lambda q: abs(q[3][0] - q[0][0]) + abs(q[3][1] - q[0][1]))


def label_spots(path: FlowPath, width: float, height: float | None = None) -> Iterator[Point]:
    """Where a label of ``width`` (and ``height``) may go, best first:
    centred on its arrow at `LABEL_SPOTS`, then beside it: right and left
    where the arrow runs up or down, below and above where it runs across."""
    p0, c1, c2, p3 = label_piece(path)
    for t in LABEL_SPOTS:
        yield bezier_point(p0, c1, c2, p3, t)
    if height is None:
        height = path.label_size * 1.7  # `app.layout.flows.label_rect`
    for t in SIDE_SPOTS:
        mx, my = bezier_point(p0, c1, c2, p3, t)
        dx, dy = _tangent(p0, c1, c2, p3, t)
        if abs(dy) >= abs(dx):
            for step in SIDE_STEPS:
                shift = width / 2 + SIDE_GAP + step
                yield mx + shift, my
                yield mx - shift, my
        else:
            for step in SIDE_STEPS:
                shift = height / 2 + SIDE_GAP + step
                yield mx, my + shift
                yield mx, my - shift


def _tangent(p0: Point, c1: Point, c2: Point, p3: Point, t: float) -> Point:
    """The direction of a cubic at ``t`` (its derivative, unscaled)."""
    u = 1.0 - t
    a, b, c = u * u, 2 * u * t, t * t
    return (
        a * (c1[0] - p0[0]) + b * (c2[0] - c1[0]) + c * (p3[0] - c2[0]),
        a * (c1[1] - p0[1]) + b * (c2[1] - c1[1]) + c * (p3[1] - c2[1]),
    )


#: Side of the square buckets of the spatial indexes, in layout units.
BUCKET = 256.0

Bucket = tuple[int, int]


def buckets(r: Rect) -> list[Bucket]:
    """The buckets a rectangle touches."""
    x0, x1 = int(r.x // BUCKET), int((r.x + r.w) // BUCKET)
    y0, y1 = int(r.y // BUCKET), int((r.y + r.h) // BUCKET)
    if x0 == x1 and y0 == y1:
        return [(x0, y0)]
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


class _Index:
    """A bucket grid of rectangles keyed by flow id."""

    def __init__(self) -> None:
        self.rects: dict[str, Rect] = {}
        self.grid: dict[Bucket, set[str]] = {}

    def put(self, key: str, rect: Rect | None) -> None:
        self.drop(key)
        if rect is None:
            return
        self.rects[key] = rect
        grid = self.grid
        for b in buckets(rect):
            cell = grid.get(b)
            if cell is None:
                grid[b] = {key}
            else:
                cell.add(key)

    def drop(self, key: str) -> None:
        rect = self.rects.pop(key, None)
        if rect is not None:
            for b in buckets(rect):
                self.grid[b].discard(key)

    def meeting(self, rect: Rect) -> set[str]:
        """Keys whose rectangle intersects ``rect``."""
        out: set[str] = set()
        rects, grid = self.rects, self.grid
        for b in buckets(rect):
            for key in grid.get(b, ()):
                if key not in out and rects[key].intersects(rect):
                    out.add(key)
        return out


class LabelPlacer:
    """The labels of one layout, kept up to date from edit to edit.

    Args:
        style: sizes (the label font).
        covers_card: whether a rectangle meets a card of the current layout
            (held weakly when it is a bound method: the engine that owns the
            placer usually provides it, and a cycle would keep both alive
            until the cyclic GC runs).
        covers_arrow: whether a rectangle meets the arrow of a flow other
            than the one named (held like ``covers_card``); None: arrows
            are not looked at.
    """

    def __init__(self, style: Style, covers_card: Callable[[Rect], bool],
                 covers_arrow: Callable[[str, Rect], bool] | None = None) -> None:
        self.style = style
        self._covers_card = _held(covers_card)
        self._covers_arrow = _held(covers_arrow)
        self.placed = _Index()  # the label pills
        self.regions = _Index()  # the spots each label tried
        self.pos: dict[str, Point] = {}
        self.paths: dict[str, FlowPath] = {}
        self.pending: set[str] = set()
        self._sizes: dict[str, tuple[float, float]] = {}  # label text -> pill (w, h)

    def place_all(self, paths: dict[str, FlowPath]) -> None:
        """Place every label from scratch (``paths``: the labelled flows' routes)."""
        self.placed, self.regions = _Index(), _Index()
        self.pos = {}
        self.pending = set()
        self.paths = dict(paths)
        for fid in sorted(paths):
            self._place(fid)

    def update(
        self, paths: dict[str, FlowPath | None], moved: Iterable[Rect], near: Rect | None = None
    ) -> set[str]:
        """Re-place what an edit may have changed.

        Args:
            paths: labelled flows whose route or label changed (None: the
                flow or its label is gone).
            moved: rectangles around the old and new places of every card
                that moved, came or went.
            near: hurry: place only the labels that may show in this area
                (provisionally); the others wait for an update without it.

        Returns:
            Ids of the labels whose position changed (or that came or went).
        """
        changed: set[str] = set()
        dirty = self._dirty(paths, moved, changed)
        heapq.heapify(dirty)
        done: set[str] = set()
        while dirty:
            fid = heapq.heappop(dirty)
            if fid in done or fid not in self.paths:
                continue
            done.add(fid)
            if near is not None:
                # Whatever is placed in a hurry is placed again, exactly, later.
                self.pending.add(fid)
                if fid in self.pos and not self._near(fid, near):
                    continue
            before = self.placed.rects.get(fid), self.pos.get(fid)
            self._place(fid)
            after = self.placed.rects.get(fid)
            if (after, self.pos[fid]) != before:
                changed.add(fid)
                # Later labels that tried a spot the pill left or took may move.
                for rect in (before[0], after):
                    if rect is not None:
                        for other in self.regions.meeting(rect):
                            if other > fid:
                                heapq.heappush(dirty, other)
        return changed

    def _dirty(self, paths: dict[str, FlowPath | None], moved: Iterable[Rect],
               changed: set[str]) -> list[str]:
        """The labels to place again (gone ones are forgotten, into ``changed``)."""
        dirty: list[str] = []
        for fid, path in paths.items():
            if path is None:
                if fid in self.paths:
                    self._forget(fid, dirty)
                    changed.add(fid)
            else:
                self.paths[fid] = path
                dirty.append(fid)
        for rect in moved:
            dirty.extend(self.regions.meeting(rect))
        dirty.extend(self.pending)
        self.pending = set()
        return dirty

    def _near(self, fid: str, area: Rect) -> bool:
        """Whether a label may show in ``area``: its old spots or its new curve meet it."""
        region = self.regions.rects.get(fid)
        if region is not None and region.intersects(area):
            return True
        b = self.paths[fid].bounds()
        pad = 4 * self.style.flow_label_size + 100  # half the widest pill, and more
        return b.adjusted(-pad, -pad, pad, pad).intersects(area)

    def _forget(self, fid: str, dirty: list[str]) -> None:
        rect = self.placed.rects.get(fid)
        self.placed.drop(fid)
        self.regions.drop(fid)
        del self.paths[fid]
        self.pos.pop(fid, None)
        self.pending.discard(fid)
        if rect is not None:
            dirty.extend(k for k in self.regions.meeting(rect) if k > fid)

    def _pill(self, label: str, pos: Point) -> Rect:
        """`app.layout.flows.label_rect`, with the text measured once per label."""
        size = self._sizes.get(label)
        if size is None:
            r = label_rect(label, (0.0, 0.0), self.style)
            assert r is not None
            size = self._sizes[label] = (r.w, r.h)
        w, h = size
        return Rect(pos[0] - w / 2, pos[1] - h / 2, w, h)

    def _place(self, fid: str) -> None:
        path = self.paths[fid]
        label = path.label
        pill = self._pill(label, (0.0, 0.0))
        w, h = pill.w, pill.h
        hw, hh = w / 2, h / 2
        chosen: Point | None = None
        fallback: Point | None = None  # the first spot clear of cards and labels
        # The region is the box of the pills tried (a unit larger: it only
        # says which changes can matter to this label).
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        covers_card, covers_label = self._covers_card(), self._covers_label
        covers_arrow = self._covers_arrow()
        assert covers_card is not None, "the layout engine is gone"
        for pos in label_spots(path, w, h):
            x, y = pos
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            rect = Rect(x - hw, y - hh, w, h)
            if covers_card(rect) or covers_label(fid, rect):
                continue
            if covers_arrow is None or not covers_arrow(fid, rect):
                chosen = pos
                break
            if fallback is None:
                fallback = pos
        if chosen is None:
            chosen = fallback if fallback is not None else bezier_point(*label_piece(path), 0.5)
        self.pos[fid] = chosen
        self.regions.put(fid, Rect(x0 - hw - 1, y0 - hh - 1, x1 - x0 + w + 2, y1 - y0 + h + 2))
        self.placed.put(fid, self._pill(label, chosen))

    def _covers_label(self, fid: str, rect: Rect) -> bool:
        """Whether ``rect`` meets the pill of a label placed before ``fid``."""
        rects, grid = self.placed.rects, self.placed.grid
        for b in buckets(rect):
            for other in grid.get(b, ()):
                if other < fid and rects[other].intersects(rect):
                    return True
        return False


def _held(fn: Callable[..., bool] | None) -> Callable[[], Callable[..., bool] | None]:
    """A reference to ``fn``: weak when it is a bound method (see `LabelPlacer`)."""
    if inspect.ismethod(fn):
        return weakref.WeakMethod(fn)
    return lambda: fn
