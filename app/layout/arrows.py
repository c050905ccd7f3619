"""Where the flows' arrows run, for keeping flow labels off them.

`ArrowIndex` holds every routed flow's path in a `BucketGrid` (by the boxes
of its cubic pieces) and answers whether a rectangle meets the stroke of
any flow but one (a label sits on its own arrow, never on another's).  A
stroke is followed as a polyline of a few points per piece (and the outline
of its head), made once per path, when a rectangle first comes near it.
"""

from __future__ import annotations

from app.layout.boxes import FlowPath, Point, Rect
from app.layout.grid import Box, Bucket, BucketGrid
from app.layout.style import Style

#: Width and height of the buckets of the index, in layout units: tall,
#: as arrows between lanes run far down the gutters.
BUCKET_X = 256.0
BUCKET_Y = 512.0

#: Segments per cubic piece of the polyline that stands for a stroke.
STEPS = 8
#: The Bernstein weights of the polyline's points after the first, per piece.
_WEIGHTS = tuple(
    ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3)
    for t in (i / STEPS for i in range(1, STEPS + 1))
)


def arrow_air(style: Style) -> float:
    """How far from an arrow's centre line a rectangle covers it: half the
    pen, and a unit of room."""
    return style.flow_width / 2 + 1.0


def piece_boxes(path: FlowPath) -> list[Box]:
    """The bounds of each cubic piece's control points (the piece stays
    within them), the head included in the last one's."""
    # Written out (no `FlowPath.segments`, no lists of coordinates): every
    # arrow that changes comes here twice in an incremental pass, and a
    # detour through the gaps between cards has many pieces.
    pts = (path.p0, path.c1, *path.via, path.c2, path.p3)
    out = []
    for i in range(0, len(pts) - 1, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[i : i + 4]
        out.append((min(x0, x1, x2, x3), min(y0, y1, y2, y3),
                    max(x0, x1, x2, x3), max(y0, y1, y2, y3)))
    (hx0, hy0), (hx1, hy1), (hx2, hy2) = path.head
    x0, y0, x1, y1 = out[-1]
    out[-1] = (min(x0, hx0, hx1, hx2), min(y0, hy0, hy1, hy2),
               max(x1, hx0, hx1, hx2), max(y1, hy0, hy1, hy2))
    return out


def polylines(path: FlowPath) -> list[list[Point]]:
    """Per cubic piece, points along it (``STEPS`` segments); the last one
    goes on round the head's outline."""
    out = []
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in path.segments():
        pts = [(x0, y0)]
        pts += [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
                for a, b, c, d in _WEIGHTS]
        out.append(pts)
    tip, left, right = path.head
    out[-1] += [left, right, tip]
    return out


class ArrowIndex:
    """The arrows of one layout, by where they run.

    Args:
        air: how far from the centre line a stroke counts as covered (half
            the pen, and a little room).
        head: how far an arrow head reaches from the arrow's end.
    """

    def __init__(self, air: float, head: float) -> None:
        self.air = air
        self.head = head
        self.paths: dict[str, FlowPath] = {}
        self.boxes: dict[str, list[Box]] = {}
        self.grid = BucketGrid(BUCKET_X, BUCKET_Y)
        self._buckets: dict[str, list[Bucket]] = {}  # where each flow is filed in the grid
        self._lines: dict[str, list[list[Point]]] = {}

    def put(self, fid: str, path: FlowPath) -> FlowPath | None:
        """Hold (or replace) a flow's path; returns the one it replaces."""
        if path.via:
            boxes = piece_boxes(path)
        else:  # most arrows: one piece (written out: every arrow of a map comes here)
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = path.p0, path.c1, path.c2, path.p3
            h = self.head  # the head lies within this of the end
            boxes = [(min(x0, x1, x2, x3) - h, min(y0, y1, y2, y3) - h,
                      max(x0, x1, x2, x3) + h, max(y0, y1, y2, y3) + h)]
        grid = self.grid
        buckets = grid.buckets_of(boxes)
        # (Taken out and put back: the dicts keep the order they always had.)
        old = self.paths.pop(fid, None)
        if old is None:
            grid.add(fid, buckets)
        else:
            del self.boxes[fid]
            self._lines.pop(fid, None)
            # An arrow that moved a little (its lane shifted) mostly stays
            # in the same buckets: filed again only when they differ.
            was = self._buckets.pop(fid)
            if was != buckets:
                grid.discard(fid, was)
                grid.add(fid, buckets)
        self.paths[fid] = path
        self.boxes[fid] = boxes
        self._buckets[fid] = buckets
        return old

    def drop(self, fid: str) -> FlowPath | None:
        """Forget a flow; returns its path (None if unknown)."""
        buckets = self._buckets.pop(fid, None)
        if buckets is None:
            return None
        del self.boxes[fid]
        self._lines.pop(fid, None)
        self.grid.discard(fid, buckets)
        return self.paths.pop(fid)

    def covers(self, rect: Rect, but: str) -> bool:
        """Whether ``rect`` meets the stroke of a flow other than ``but``."""
        a = self.air
        x0, y0, x1, y1 = rect.x - a, rect.y - a, rect.x + rect.w + a, rect.y + rect.h + a
        grid, all_boxes = self.grid.cells, self.boxes
        keys = self.grid.buckets(x0, y0, x1, y1)
        seen: set[str] | None = set() if len(keys) > 1 else None
        for key in keys:
            for fid in grid.get(key, ()):
                if fid == but:
                    continue
                if seen is not None:
                    if fid in seen:
                        continue
                    seen.add(fid)
                for i, (bx0, by0, bx1, by1) in enumerate(all_boxes[fid]):
                    if bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1 and self._meets(
                            fid, i, x0, y0, x1, y1):
                        return True
        return False

    def _meets(self, fid: str, piece: int, x0: float, y0: float, x1: float, y1: float) -> bool:
        lines = self._lines.get(fid)
        if lines is None:
            lines = self._lines[fid] = polylines(self.paths[fid])
        return line_meets(lines[piece], x0, y0, x1, y1)


def line_meets(pts: list[Point], x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the polyline through ``pts`` meets the open rectangle (x0, y0)-(x1, y1)."""
    ax, ay = pts[0]
    for bx, by in pts[1:]:
        if segment_meets(ax, ay, bx, by, x0, y0, x1, y1):
            return True
        ax, ay = bx, by
    return False


def segment_meets(ax: float, ay: float, bx: float, by: float,
                  x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the segment from (ax, ay) to (bx, by) meets the open
    rectangle (x0, y0)-(x1, y1) (Liang-Barsky clipping)."""
    if ax < bx:
        if bx <= x0 or ax >= x1:
            return False
    elif ax <= x0 or bx >= x1:
        return False
    if ay < by:
        if by <= y0 or ay >= y1:
            return False
    elif ay <= y0 or by >= y1:
        return False
    if x0 < ax < x1 and y0 < ay < y1:
        return True
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t0:
                t0 = t
        elif t < t1:
            t1 = t
        if t0 >= t1:
            return False
    return True
