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
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from app.layout.arrows import arrow_air, line_meets, piece_boxes, polylines
from app.layout.boxes import FlowPath, Point, Rect, bezier_point
from app.layout.columns import Columns
from app.layout.flows import label_rect
from app.layout.grid import Box, RectIndex
from app.layout.style import Style

#: Where along its arrow a label may sit, best first (the middle).
LABEL_SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
#: How many changed arrows near one label `LabelPlacer._under` follows
#: exactly before it rather places the label again (a label in a crowded
#: gutter has dozens of arrows and spots near it; placing it is ~ 10 looks).
LOOKS_PER_LABEL = 8
#: Room between the arrow and a label put beside it (when no spot on it is free).
SIDE_GAP = 3.0
#: Where along the arrow a label may sit beside it, best first, and how
#: much farther out than `SIDE_GAP` (past a bundle of arrows in a gutter).
SIDE_SPOTS = ((0.5, 0.0), (0.5, 12.0), (0.34, 0.0), (0.66, 0.0))


def label_piece(path: FlowPath) -> tuple[Point, Point, Point, Point]:
    """The cubic piece a flow's label slides along: the whole curve, or the
    run along its channel of a flow through the gutters (the level piece;
    the turns in the gutters have no room beside them)."""
    if not path.via:
        return path.p0, path.c1, path.c2, path.p3
    return max(path.segments(), key=lambda q: (q[0][1] == q[3][1], abs(q[3][0] - q[0][0])))


def _weights(t: float) -> tuple[float, float, float, float]:
    """The weights of the control points at ``t`` in `bezier_point` (the same products)."""
    u = 1.0 - t
    return u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t


def _slopes(t: float) -> tuple[float, float, float]:
    """The weights at ``t`` of the differences of the control points in the
    direction of a cubic (its derivative, unscaled)."""
    u = 1.0 - t
    return u * u, 2 * u * t, t * t


# The spots of a label are made by the hundred per pass: the weights of
# each ``t`` are made once (the same floats as `bezier_point` would make,
# summed in the same order).
_SPOT_WEIGHTS = tuple(_weights(t) for t in LABEL_SPOTS)
_SIDE_WEIGHTS = tuple((_weights(t), _slopes(t), step) for t, step in SIDE_SPOTS)


def label_spots(path: FlowPath, width: float, height: float | None = None) -> list[Point]:
    """Where a label of ``width`` (and ``height``) may go, best first:
    centred on its arrow at `LABEL_SPOTS`, then beside it: right and left
    where the arrow runs up or down, below and above where it runs across."""
    piece = label_piece(path)
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = piece
    spots = [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
             for a, b, c, d in _SPOT_WEIGHTS]
    if height is None:
        height = path.label_size * 1.7  # `app.layout.flows.label_rect`
    _beside(spots, (piece,), _SIDE_WEIGHTS, width, height)
    return spots


def _beside(out: list[Point], pieces: Iterable[tuple[Point, Point, Point, Point]],
            where: Iterable[tuple[tuple[float, float, float, float], tuple[float, float, float],
                                  float]],
            width: float, height: float) -> None:
    """Add to ``out`` the two spots beside each of these pieces of arrow,
    for each (`_weights`, `_slopes`, step) of ``where`` in turn (the ``t``
    of the weights, `SIDE_GAP` + step away): right and left where it runs up
    or down, below and above where it runs across."""
    for (a, b, c, d), (e, f, g), step in where:
        across = width / 2 + SIDE_GAP + step
        up = height / 2 + SIDE_GAP + step
        for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in pieces:
            mx, my = a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3
            dx = e * (x1 - x0) + f * (x2 - x1) + g * (x3 - x2)
            dy = e * (y1 - y0) + f * (y2 - y1) + g * (y3 - y2)
            if abs(dy) >= abs(dx):
                out += ((mx + across, my), (mx - across, my))
            else:
                out += ((mx, my + up), (mx, my - up))


#: Where along each piece of its arrow a label may sit when no spot of
#: `label_spots` is clear of cards, best first (the middle, then outwards).
MORE_T = tuple(sorted((i / 8 for i in range(1, 8)), key=lambda t: abs(t - 0.5)))
#: How far beside the arrow those spots may go (past `SIDE_GAP`).
MORE_STEPS = (0.0, 12.0)
_MORE_WEIGHTS = tuple(_weights(t) for t in MORE_T)
_MORE_SIDES = tuple(tuple((_weights(t), _slopes(t), step) for t in MORE_T) for step in MORE_STEPS)


def more_spots(path: FlowPath, width: float, height: float | None = None) -> list[Point]:
    """Spots for a label on a crowded map: along every piece of its arrow,
    on it and beside it (as `label_spots`, a little farther out each time)."""
    return [pos for run in more_spot_runs(path, width, height) for pos in run]


def more_spot_runs(path: FlowPath, width: float, height: float | None = None
                   ) -> Iterator[list[Point]]:
    """`more_spots`, a run at a time (most labels that need them find one in
    the first two runs of the four)."""
    if height is None:
        height = path.label_size * 1.7
    pieces = path.segments()
    yield [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
           for a, b, c, d in _MORE_WEIGHTS
           for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in pieces]
    for where in _MORE_SIDES:
        spots: list[Point] = []
        _beside(spots, pieces, where, width, height)
        yield spots
    # Last, up and down from the middle of its piece, and over one of the
    # columns beside it: a short arrow across a gutter between two stacks
    # of cards has room only between the titles of one stack.
    mx, my = bezier_point(*label_piece(path), 0.5)
    spots = []
    for n in range(1, 11):
        for dx in (0.0, width / 2, -width / 2):
            spots += ((mx + dx, my + n * height / 2), (mx + dx, my - n * height / 2))
    yield spots


class LabelPlacer:
    """The labels of one layout, kept up to date from edit to edit.

    Args:
        style: sizes (the label font).
        covers_card: whether a rectangle meets a card of the current layout:
            the layout engine's `Columns.covers_card`, whose column index the
            placer reads directly (every spot of every label is tested: one
            walk per spot, not a call); the engine is held weakly (it owns
            the placer, and a cycle would keep both alive until the cyclic
            GC runs).
        covers_arrow: whether a rectangle meets the arrow of a flow other
            than the one named (held like ``covers_card``); None: arrows
            are not looked at.
    """

    def __init__(self, style: Style, covers_card: Callable[[Rect], bool],
                 covers_arrow: Callable[[str, Rect], bool] | None = None,
                 covers_title: Callable[[Rect], bool] | None = None) -> None:
        self.style = style
        owner = getattr(covers_card, "__self__", None)
        assert isinstance(owner, Columns), "covers_card: the engine's Columns.covers_card"
        self._index = weakref.ref(owner)
        self._covers_arrow = _held(covers_arrow)
        self._covers_title = _held(covers_title)
        self.placed = RectIndex()  # the label pills
        self.regions = RectIndex()  # the spots each label tried
        self.arrow_regions = RectIndex()  # those of them it looked for arrows under
        # ... each pill, and whether the last was free of arrows (the others were not)
        self.looked: dict[str, tuple[list[Rect], bool]] = {}
        self.pos: dict[str, Point] = {}
        self.over: set[str] = set()  # the labels that sit on a card (`FlowPath.label_over`)
        self.paths: dict[str, FlowPath] = {}
        self.pending: set[str] = set()
        # Arrow changes a hurried update left for later (away from its area).
        self.arrows_later: list[tuple[FlowPath | None, FlowPath | None]] = []
        self._sizes: dict[str, tuple[float, float]] = {}  # label text -> pill (w, h)

    def place_all(self, paths: dict[str, FlowPath]) -> None:
        """Place every label from scratch (``paths``: the labelled flows' routes)."""
        self.placed, self.regions, self.arrow_regions = RectIndex(), RectIndex(), RectIndex()
        self.looked = {}
        self.pos = {}
        self.over = set()
        self.pending = set()
        self.arrows_later = []
        self.paths = dict(paths)
        for fid in sorted(paths):
            self._place(fid)

    def update(
        self, paths: dict[str, FlowPath | None], moved: Iterable[Rect], near: Rect | None = None,
        arrows: Iterable[tuple[FlowPath | None, FlowPath | None]] = (),
    ) -> set[str]:
        """Re-place what an edit may have changed.

        Args:
            paths: labelled flows whose route or label changed (None: the
                flow or its label is gone).
            moved: rectangles around the old and new places of every card
                that moved, came or went.
            near: hurry: place only the labels that may show in this area
                (provisionally); the others wait for an update without it.
            arrows: (old path, new path) of every arrow that changed, came
                (no old path) or went (no new one).

        Returns:
            Ids of the labels whose position changed (or that came or went).
        """
        changed: set[str] = set()
        dirty = self._dirty(paths, moved, changed)
        arrows = list(arrows)
        if near is not None:
            # Which labels an arrow change moves takes some looking: in a
            # hurry it waits for the exact pass that follows the first frame.
            arrows, later = [], arrows
            self.arrows_later.extend(later)
        elif self.arrows_later:
            arrows, self.arrows_later = self.arrows_later + arrows, []
        dirty.extend(self._under(arrows))
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
            was_over = fid in self.over
            self._place(fid)
            after = self.placed.rects.get(fid)
            if (fid in self.over) != was_over:
                changed.add(fid)  # the same spot, now on a card or off one (`label_over`)
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

    def _under(self, arrows: Iterable[tuple[FlowPath | None, FlowPath | None]]) -> set[str]:
        """The labels whose spot these arrow changes may change: a pill they
        found free of arrows that a new course crosses, or one they found
        covered that an old course crossed and nothing covers now."""
        out: set[str] = set()
        regions, looked = self.arrow_regions, self.looked
        covers_arrow = self._covers_arrow()
        if not regions.rects or covers_arrow is None or (isinstance(arrows, list) and not arrows):
            return out  # (a hurried pass leaves its arrow changes for later: none)
        if not isinstance(arrows, list) or len(arrows) > 16 * len(regions.rects):
            # Most of the map moved (rows shifted, or a hurried first layout
            # is finished): looking is dearer than placing them all again.
            return set(regions.rects)
        a = arrow_air(self.style)
        rects = regions.rects
        # Exact looks so far per label: past `LOOKS_PER_LABEL`, placing the
        # label again is cheaper (and as exact: a label placed again when
        # nothing changed for it lands where it was).
        looks: dict[str, int] = {}
        # Most changed arrows pass no region at all: the grid buckets that
        # hold one tell so before the arrow's pieces are looked at.
        grid = regions.grid
        occupied = {b for b, keys in grid.cells.items() if keys}
        for old, new in arrows:
            new_lines: list[tuple[list[Point], Box]] | None = None
            for path, is_new in ((old, False), (new, True)):
                if path is None or not _may_meet(path, occupied, grid.bw, a + 1.0):
                    continue
                boxes = piece_boxes(path)
                # The regions near the whole course first (one look in the
                # grid), then those near each piece among them.
                # (A unit wider: no rounding may leave a piece's region out.)
                near = (regions.meeting(_reach(_hull(boxes), a + 1.0)) - out
                        if len(boxes) > 1 else None)
                if near is not None and not near:
                    continue
                lines = None  # made only if a region is near
                for i, box in enumerate(boxes):
                    reach = _reach(box, a)
                    for fid in (regions.meeting(reach) - out if near is None
                                else [f for f in near if f not in out
                                      and rects[f].intersects(reach)]):
                        if fid == path.id:
                            continue  # its own arrow: the label is placed again anyway
                        pills, free = looked[fid]
                        pills = [p for p in pills if p.intersects(reach)]
                        if not pills:
                            continue
                        n = looks[fid] = looks.get(fid, 0) + 1
                        if n > LOOKS_PER_LABEL:
                            out.add(fid)
                            continue
                        lines = lines or polylines(path)
                        if is_new:
                            flips = free and _covers_free(lines[i], a, pills, looked[fid])
                        else:
                            if new is not None and new_lines is None:
                                new_lines = list(zip(polylines(new), piece_boxes(new),
                                                     strict=True))
                            flips = _frees(lines[i], a, pills, looked[fid], new_lines,
                                           lambda r, fid=fid: covers_arrow(fid, r))
                        if flips:
                            out.add(fid)
        return out

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
        self.arrow_regions.drop(fid)
        self.looked.pop(fid, None)
        del self.paths[fid]
        self.pos.pop(fid, None)
        self.over.discard(fid)
        self.pending.discard(fid)
        if rect is not None:
            dirty.extend(k for k in self.regions.meeting(rect) if k > fid)

    def _size(self, label: str) -> tuple[float, float]:
        """The width and height of a label's pill (`app.layout.flows.label_rect`,
        the text measured once per label)."""
        size = self._sizes.get(label)
        if size is None:
            r = label_rect(label, (0.0, 0.0), self.style)
            assert r is not None
            size = self._sizes[label] = (r.w, r.h)
        return size

    def _place(self, fid: str) -> None:
        path = self.paths[fid]
        w, h = self._size(path.label)
        # The spots on and beside the label's piece first; then, when none of
        # them is clear of cards and labels nor of titles and labels, farther
        # along the whole arrow, until one is (a crowded map: looking at
        # every spot would take long).
        search = _Search(self._covers_title() is not None)
        spots = label_spots(path, w, h)
        tried = spots[:self._try(fid, spots, w, h, search, False)]
        # Titles are looked at only when no spot is clear of cards: of the
        # first spots, afterwards (most labels find a clear one among them).
        if search.chosen is None and search.fallback is None and search.hits:
            self._off_titles(spots, w, h, search)
        if search.chosen is None and search.fallback is None and search.off is None:
            for spots in more_spot_runs(path, w, h):
                tried += spots[:self._try(fid, spots, w, h, search, True)]
                if search.chosen is not None or search.off is not None:
                    break
        chosen = search.chosen or search.fallback
        if chosen is None:
            chosen = search.off or search.only or bezier_point(*label_piece(path), 0.5)
            self.over.add(fid)
        else:
            self.over.discard(fid)
        self.pos[fid] = chosen
        # The regions are the boxes of the spots tried, and of those looked
        # at for arrows (a unit larger: they only say which changes can
        # matter to this label).
        xs = [p[0] for p in tried]
        ys = [p[1] for p in tried]
        self.regions.put(fid, _region([min(xs), min(ys), max(xs), max(ys)], w, h))
        looked = search.looked
        self.arrow_regions.put(fid, _region(search.arrow_box, w, h) if looked else None)
        if looked:
            self.looked[fid] = (looked, search.free)
        else:
            self.looked.pop(fid, None)
        self.placed.put(fid, Rect(chosen[0] - w / 2, chosen[1] - h / 2, w, h))

    def _try(self, fid: str, spots: list[Point], w: float, h: float, search: _Search,
             crowded: bool) -> int:
        """Try ``spots`` in order for label ``fid`` (of pill ``w`` x ``h``) into
        ``search``: a spot clear of cards, labels and arrows ends it, and so
        does (``crowded``) one on a card clear of its title; spots on a card
        or a label are kept in ``search.hits`` (not ``crowded``) or looked
        at for titles at once.  Returns how many spots were tried."""
        hw, hh = w / 2, h / 2
        pills, cols = self._nearby(fid, spots, w, h)
        search.cols = cols
        covers_arrow = self._covers_arrow()
        titled, hits = search.titled, search.hits
        # Every spot of every label placed passes here: the tests of
        # `_covers_label` and `Columns.covers_card` written out, against the
        # pills and columns near all the spots (most spots meet a card).
        for k, pos in enumerate(spots):
            x0 = pos[0] - hw
            y0 = pos[1] - hh
            x1, y1 = x0 + w, y0 + h
            for qx0, qy0, qx1, qy1 in pills:
                if qx0 < x1 and x0 < qx1 and qy0 < y1 and y0 < qy1:
                    break
            else:
                for left, right, tops, bottoms, _ in cols:
                    if right > x0 and left < x1:
                        i = bisect_right(bottoms, y0)
                        if i < len(tops) and tops[i] < y1:
                            break
                else:
                    if self._clear(fid, pos, x0, y0, w, h, search, covers_arrow):
                        return k + 1
                    continue
                if titled:  # on a card
                    if not crowded:
                        hits.append((k, True))
                    elif not self._on_title(cols, x0, y0, x1, y1):
                        search.off = pos
                        search.only = search.only or pos
                        return k + 1
                continue
            if titled and search.only is None:  # on a label
                if not crowded:
                    hits.append((k, False))
                elif not self._on_title(cols, x0, y0, x1, y1):
                    search.only = pos
        return len(spots)

    @staticmethod
    def _clear(fid: str, pos: Point, x0: float, y0: float, w: float, h: float,
               search: _Search, covers_arrow: Callable[[str, Rect], bool] | None) -> bool:
        """A spot clear of cards and labels: whether it ends the search (it
        is clear of arrows too, or they are not looked at)."""
        if covers_arrow is None:
            search.chosen = pos
            return True
        _widen(search.arrow_box, pos)
        rect = Rect(x0, y0, w, h)
        search.looked.append(rect)
        if not covers_arrow(fid, rect):
            search.chosen, search.free = pos, True
            return True
        if search.fallback is None:
            search.fallback = pos
        return False

    def _off_titles(self, spots: list[Point], w: float, h: float, search: _Search) -> None:
        """Of the spots that met a card or a label (``search.hits``, in the
        order tried): the first on a card clear of its title (``off``), and
        the first clear of titles (``only``)."""
        hw, hh = w / 2, h / 2
        cols = search.cols
        for k, on_card in search.hits:
            if search.off is None if on_card else search.only is None:
                pos = spots[k]
                x0, y0 = pos[0] - hw, pos[1] - hh
                if not self._on_title(cols, x0, y0, x0 + w, y0 + h):
                    if on_card:
                        search.off = pos
                    search.only = search.only or pos
                    if search.off is not None:
                        break
        search.hits = []

    def _nearby(self, fid: str, spots: list[Point], w: float, h: float
                ) -> tuple[list[Box], list[tuple[Any, ...]]]:
        """The pills of the labels before ``fid`` (x0, y0, x1, y1) and the
        columns (`Columns.label_columns`) that the box around the pills
        ``w`` x ``h`` centred on ``spots`` meets, a unit larger (each spot is
        then tested against them exactly)."""
        xs = [p[0] for p in spots]
        ys = [p[1] for p in spots]
        x0, y0 = min(xs) - w / 2 - 1.0, min(ys) - h / 2 - 1.0
        x1, y1 = max(xs) + w / 2 + 1.0, max(ys) + h / 2 + 1.0
        index = self._index()
        assert index is not None, "the layout engine is gone"
        cols = index.label_columns(x0, x1)
        placed = self.placed
        rects, grid = placed.rects, placed.grid
        cells, bw, bh = grid.cells, grid.bw, grid.bh
        pills: list[Box] = []
        seen: set[str] = set()
        js = range(int(y0 // bh), int(y1 // bh) + 1)
        for i in range(int(x0 // bw), int(x1 // bw) + 1):
            for j in js:
                for other in cells.get((i, j), ()):
                    if other < fid and other not in seen:
                        seen.add(other)
                        r = rects[other]
                        rx1, ry1 = r.x + r.w, r.y + r.h
                        if r.x < x1 and x0 < rx1 and r.y < y1 and y0 < ry1:
                            pills.append((r.x, r.y, rx1, ry1))
        return pills, cols

    def _on_title(self, cols: list[tuple[Any, ...]], x0: float, y0: float, x1: float,
                  y1: float) -> bool:
        """Whether the box (x0, y0)-(x1, y1) meets a card's title, in these
        columns (`Columns.covers_title`, written out)."""
        for left, right, tops, _, column in cols:
            if right > x0 and left < x1:
                ends = column.titles or self._index().card_titles(column)
                i = bisect_right(ends, y0)
                if i < len(tops) and tops[i] < y1:
                    return True
        return False


class _Search:
    """Where the search for one label's spot stands (`LabelPlacer._place`)."""

    __slots__ = ("titled", "chosen", "fallback", "free", "off", "only", "hits", "looked",
                 "arrow_box", "cols")

    def __init__(self, titled: bool) -> None:
        self.titled = titled  # whether card titles are looked at
        # The first spot clear of everything, and the first clear of cards
        # and labels; whether the last looked at for arrows was free of them.
        self.chosen: Point | None = None
        self.fallback: Point | None = None
        self.free = False
        # When every spot meets a card or a label: the first on a card clear
        # of card titles and labels, else the first clear of card titles
        # (a label may hide a card's meta line, never its title).
        self.off: Point | None = None
        self.only: Point | None = None
        self.hits: list[tuple[int, bool]] = []  # (spot, met a card rather than a label)
        self.looked: list[Rect] = []  # the pills looked at for arrows, and their box
        self.arrow_box = [float("inf"), float("inf"), float("-inf"), float("-inf")]
        self.cols: list[tuple[Any, ...]] = []  # the columns near the spots tried last


def _may_meet(path: FlowPath, occupied: set[tuple[int, int]], size: float, pad: float) -> bool:
    """Whether any of the ``occupied`` buckets (square, of side ``size``:
    those a region touches) meets the box of the control points and head of
    ``path`` (which hold the whole arrow) grown by ``pad``."""
    pts = (path.p0, path.c1, *path.via, path.c2, path.p3, *path.head)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    i0, i1 = int((min(xs) - pad) // size), int((max(xs) + pad) // size)
    j0, j1 = int((min(ys) - pad) // size), int((max(ys) + pad) // size)
    if (i1 - i0 + 1) * (j1 - j0 + 1) < len(occupied):
        return any((i, j) in occupied for i in range(i0, i1 + 1) for j in range(j0, j1 + 1))
    return any(i0 <= i <= i1 and j0 <= j <= j1 for i, j in occupied)


def _hull(boxes: list[Box]) -> Box:
    """The box around these boxes."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _reach(box: Box, a: float) -> Rect:
    """The rectangle of ``box`` grown by ``a`` on every side."""
    x0, y0, x1, y1 = box
    return Rect(x0 - a, y0 - a, x1 - x0 + 2 * a, y1 - y0 + 2 * a)


def _meets(pts: list[Point], a: float, p: Rect) -> bool:
    return line_meets(pts, p.x - a, p.y - a, p.x + p.w + a, p.y + p.h + a)


def _covers_free(pts: list[Point], a: float, near: list[Rect],
                 looked: tuple[list[Rect], bool]) -> bool:
    """Whether a new arrow course ``pts`` crosses the pill a label found free
    of arrows (the last it looked at; ``near``: those near the course)."""
    free = looked[0][-1]
    return any(p is free for p in near) and _meets(pts, a, free)


def _frees(pts: list[Point], a: float, near: list[Rect], looked: tuple[list[Rect], bool],
           new: list[tuple[list[Point], Box]] | None, covered: Callable[[Rect], bool]) -> bool:
    """Whether an old arrow course ``pts`` crossed a pill a label found
    covered (``near``: those near the course) that its new course (``new``,
    by piece: its points and the box they lie in) does not cross and
    nothing covers now."""
    pills, free = looked
    for p in near:
        if free and p is pills[-1]:
            continue
        if _meets(pts, a, p) and not (new is not None and _crosses(new, a, p)) and not covered(p):
            return True
    return False


def _crosses(pieces: list[tuple[list[Point], Box]], a: float, p: Rect) -> bool:
    """Whether a course (by piece) meets pill ``p`` grown by ``a`` (the pieces
    whose box is away from it are not followed)."""
    x0, y0, x1, y1 = p.x - a, p.y - a, p.x + p.w + a, p.y + p.h + a
    return any(bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1 and line_meets(q, x0, y0, x1, y1)
               for q, (bx0, by0, bx1, by1) in pieces)


def _widen(box: list[float], pos: Point) -> None:
    """Grow ``box`` (x0, y0, x1, y1) to hold ``pos``."""
    x, y = pos
    if x < box[0]:
        box[0] = x
    if y < box[1]:
        box[1] = y
    if x > box[2]:
        box[2] = x
    if y > box[3]:
        box[3] = y


def _region(box: list[float], w: float, h: float) -> Rect:
    """The rectangle of the pills of size ``w`` x ``h`` centred in ``box``, a unit larger."""
    x0, y0, x1, y1 = box
    return Rect(x0 - w / 2 - 1, y0 - h / 2 - 1, x1 - x0 + w + 2, y1 - y0 + h + 2)


def _held(fn: Callable[..., bool] | None) -> Callable[[], Callable[..., bool] | None]:
    """A reference to ``fn``: weak when it is a bound method (see `LabelPlacer`)."""
    if inspect.ismethod(fn):
        return weakref.WeakMethod(fn)
    return lambda: fn
