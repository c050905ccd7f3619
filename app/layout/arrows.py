"""Where the flows' arrows run, for keeping flow labels off them.

`ArrowIndex` holds every routed flow's path in a bucket grid (by the boxes
of its cubic pieces) and answers whether a rectangle meets the stroke of
any flow but one (a label sits on its own arrow, never on another's).  The
stroke is followed as a polyline of a few points per piece, made once per
path, when a rectangle first comes near it.
"""

from __future__ import annotations

from app.layout.boxes import FlowPath, Point, Rect, bezier_point
from app.layout.labels import buckets

#: Points per cubic piece of the polyline that stands for a stroke.
STEPS = 12
_TS = tuple(i / STEPS for i in range(1, STEPS + 1))


def piece_boxes(path: FlowPath) -> list[Rect]:
    """The bounds of each cubic piece's control points (the piece stays
    within them), with the head on the last."""
    out = []
    pieces = path.segments()
    for i, piece in enumerate(pieces):
        pts = piece + path.head if i == len(pieces) - 1 else piece
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        out.append(Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    return out


def polyline(path: FlowPath) -> list[Point]:
    """Points along the path, ``STEPS`` per piece, from ``p0`` to ``p3``."""
    pts = [path.p0]
    for p0, c1, c2, p3 in path.segments():
        pts.extend(bezier_point(p0, c1, c2, p3, t) for t in _TS)
    return pts


class ArrowIndex:
    """The arrows of one layout, by where they run.

    Args:
        air: how far from the centre line a stroke counts as covered (half
            the pen, and a little room).
    """

    def __init__(self, air: float) -> None:
        self.air = air
        self.paths: dict[str, FlowPath] = {}
        self.boxes: dict[str, list[Rect]] = {}
        self.grid: dict[tuple[int, int], set[str]] = {}
        self._lines: dict[str, list[Point]] = {}

    def put(self, fid: str, path: FlowPath) -> list[Rect]:
        """Hold (or replace) a flow's path; returns the boxes of its old and
        new pieces (what labels near it must look at again)."""
        old = self.drop(fid)
        boxes = piece_boxes(path)
        self.paths[fid] = path
        self.boxes[fid] = boxes
        grid = self.grid
        for b in {b for r in boxes for b in buckets(r)}:
            cell = grid.get(b)
            if cell is None:
                grid[b] = {fid}
            else:
                cell.add(fid)
        return old + boxes

    def drop(self, fid: str) -> list[Rect]:
        """Forget a flow; returns the boxes of its pieces (none if unknown)."""
        boxes = self.boxes.pop(fid, None)
        if boxes is None:
            return []
        del self.paths[fid]
        self._lines.pop(fid, None)
        for b in {b for r in boxes for b in buckets(r)}:
            self.grid[b].discard(fid)
        return boxes

    def covers(self, rect: Rect, but: str) -> bool:
        """Whether ``rect`` meets the stroke of a flow other than ``but``."""
        a = self.air
        x0, y0, x1, y1 = rect.x - a, rect.y - a, rect.x + rect.w + a, rect.y + rect.h + a
        seen: set[str] = {but}
        grid, boxes = self.grid, self.boxes
        for b in buckets(Rect(x0, y0, x1 - x0, y1 - y0)):
            for fid in grid.get(b, ()):
                if fid in seen:
                    continue
                seen.add(fid)
                if any(r.x < x1 and x0 < r.x + r.w and r.y < y1 and y0 < r.y + r.h
                       for r in boxes[fid]) and self._meets(fid, x0, y0, x1, y1):
                    return True
        return False

    def _meets(self, fid: str, x0: float, y0: float, x1: float, y1: float) -> bool:
        pts = self._lines.get(fid)
        if pts is None:
            pts = self._lines[fid] = polyline(self.paths[fid])
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
    if max(ax, bx) <= x0 or min(ax, bx) >= x1 or max(ay, by) <= y0 or min(ay, by) >= y1:
        return False
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True
