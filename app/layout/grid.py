"""Spatial indexes of the layout: a bucket grid, and rectangles kept in one.

`BucketGrid` files keys (flow ids) under the buckets of a regular grid that
their boxes touch, so that what lies near a rectangle is found by looking in
a few buckets.  The arrow index (`app.layout.arrows`), the placed labels and
the regions they looked at (`app.layout.labels`) and the probed channels of
detours (`app.layout.detours`) are all kept in one.
"""

from __future__ import annotations

from app.layout.boxes import Rect

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Bucket = tuple[int, int]


class BucketGrid:
    """Keys by the buckets of a grid their boxes touch.

    Args:
        width: width of a bucket, in layout units.
        height: height of a bucket (default: square buckets).

    ``cells`` maps a bucket to the keys in it; hot loops read it directly.
    """

    __slots__ = ("bw", "bh", "cells")

    def __init__(self, width: float, height: float | None = None) -> None:
        self.bw = width
        self.bh = width if height is None else height
        self.cells: dict[Bucket, set[str]] = {}

    def buckets(self, x0: float, y0: float, x1: float, y1: float) -> list[Bucket]:
        """The buckets the box (x0, y0)-(x1, y1) touches."""
        bw, bh = self.bw, self.bh
        i0, i1 = int(x0 // bw), int(x1 // bw)
        j0, j1 = int(y0 // bh), int(y1 // bh)
        if i0 == i1 and j0 == j1:
            return [(i0, j0)]
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def rect_buckets(self, r: Rect) -> list[Bucket]:
        """The buckets a rectangle touches (`buckets`, written out: hot)."""
        bw, bh = self.bw, self.bh
        i0, i1 = int(r.x // bw), int((r.x + r.w) // bw)
        j0, j1 = int(r.y // bh), int((r.y + r.h) // bh)
        if i0 == i1 and j0 == j1:
            return [(i0, j0)]
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def buckets_of(self, boxes: list[Box]) -> list[Bucket]:
        """The buckets these boxes touch, each once."""
        if len(boxes) == 1:  # most arrows: `buckets`, written out
            x0, y0, x1, y1 = boxes[0]
            bw, bh = self.bw, self.bh
            js = range(int(y0 // bh), int(y1 // bh) + 1)
            return [(i, j) for i in range(int(x0 // bw), int(x1 // bw) + 1) for j in js]
        out: set[Bucket] = set()
        for box in boxes:
            out.update(self.buckets(*box))
        return list(out)

    def add(self, key: str, buckets: list[Bucket]) -> None:
        """File ``key`` under these buckets."""
        cells = self.cells
        for b in buckets:
            cell = cells.get(b)
            if cell is None:
                cells[b] = {key}
            else:
                cell.add(key)

    def discard(self, key: str, buckets: list[Bucket]) -> None:
        """Take ``key`` out of these buckets (where it was filed)."""
        cells = self.cells
        for b in buckets:
            cells[b].discard(key)


class RectIndex:
    """One rectangle per key (a flow id), found by where it lies.

    Args:
        bucket: side of the grid's square buckets, in layout units.
    """

    def __init__(self, bucket: float = 256.0) -> None:
        self.rects: dict[str, Rect] = {}
        self.grid = BucketGrid(bucket)

    def put(self, key: str, rect: Rect | None) -> None:
        """Hold ``rect`` for ``key`` (None: hold nothing for it)."""
        if rect is None:
            self.drop(key)
            return
        grid = self.grid
        buckets = grid.rect_buckets(rect)
        # (Taken out and put back: ``rects`` keeps the order it always had.)
        was = self.rects.pop(key, None)
        self.rects[key] = rect
        if was is None:
            grid.add(key, buckets)
            return
        # A rectangle that moved a little mostly stays in the same buckets:
        # filed again only when they differ.
        old = grid.rect_buckets(was)
        if old != buckets:
            # (Only the buckets it left and those it came into: a big
            # rectangle that moved shares most of them.)
            both = set(old).intersection(buckets)
            grid.discard(key, [b for b in old if b not in both])
            grid.add(key, [b for b in buckets if b not in both])

    def drop(self, key: str) -> None:
        """Forget ``key``'s rectangle, if any."""
        rect = self.rects.pop(key, None)
        if rect is not None:
            self.grid.discard(key, self.grid.rect_buckets(rect))

    def meeting(self, rect: Rect) -> set[str]:
        """Keys whose rectangle intersects ``rect``."""
        out: set[str] = set()
        rects, cells = self.rects, self.grid.cells
        for b in self.grid.rect_buckets(rect):
            for key in cells.get(b, ()):
                if key not in out and rects[key].intersects(rect):
                    out.add(key)
        return out
