"""Card boxes for the layout engine (`app.layout.engine.Engine`): which
cards of the re-stacked cells get new boxes now, and which a hurried pass
leaves for later.

A pass boxes every card of the cells it looks at, unless it hurries for
an area (what the views show): then only the cards that are or were near
the area are boxed, and the others stay as they were, their cells *late*.
For a cell whose cards only moved, a hurried pass finds those cards by
bisection, in the cell's stack before and after the edit (`_rebox_window`),
and leaves the rest as whole runs: the cards below a card inserted at the
top of a cell of 500 all move, and none of them is looked at one by one
except to ask whether its flows reach the area (`_runs_near`).

A mixin: the state it reads and writes lives on the engine.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from app.layout.boxes import CardBox, Rect
from app.layout.cards import card_box, is_faded, signature

Key = tuple[str, str]
Area = tuple[float, float, float, float]  # left, top, right, bottom


class Boxing:
    """The card-boxing half of the layout engine."""

    def _rebox(self, keys: list[Key], nodes: Any, near: Rect | None = None,
               box_new: bool = True, windowed: frozenset[Key] | set[Key] = frozenset()
               ) -> tuple[set[str], list[Rect]]:
        """Boxes of the cards of these cells; returns the ids whose box changed
        and, per cell, one rectangle around the old and new places of the
        cards that moved (what labels must keep clear of).

        ``near``: box only the cards that are or were near this area; the
        cells of the others go to `late_cells` (new cards are boxed at once
        unless ``box_new`` is False: then the layout may lack them for now).
        ``windowed``: cells whose cards only moved since the last pass, with
        every box exact then: their cards near the area are found by bisection.
        """
        changed: set[str] = set()
        moved: list[Rect] = []
        area = None
        if near is not None:
            pad = 2 * self.s.card_gap
            area = (near.x - pad, near.y - pad, near.x + near.w + pad, near.y + near.h + pad)
        for key in keys:
            if area is not None and key in windowed:
                self._rebox_window(key, nodes, area, changed, moved)
            else:
                self._rebox_cell(key, nodes, area, box_new, changed, moved)
        return changed, moved

    def _rebox_cell(self, key: Key, nodes: Any, area: Area | None, box_new: bool,
                    changed: set[str], moved: list[Rect]) -> None:
        """Box every card of a cell (near ``area``, if given)."""
        s = self.s
        x = self.columns[key[0]][0] + s.cell_pad_x
        top = self.tops[key[1]]
        ms, offs, ids = self.meas[key], self.offs[key], self.cells[key]
        strip = [float("inf"), float("-inf")]
        first, end = 0, len(ids)
        if area is not None and not box_new and not any(map(self.cards.__contains__, ids)):
            # No card of the cell has a box yet (a map being opened): `_box_at`
            # boxes those that meet the area and leaves the others late;
            # found by bisection instead of one by one (thousands).
            first, end = (_window(offs, ms, top, area)
                          if x < area[2] and area[0] < x + s.card_width else (0, 0))
            if end - first < len(ids):
                self.late_cells.add(key)
        for index in range(first, end):
            self._box_at(key, index, ids[index], x, top + offs[index], ms[index].height, nodes,
                         area, box_new, changed, moved, strip)
        if strip[0] <= strip[1]:
            moved.append(Rect(x, strip[0], s.card_width, strip[1] - strip[0]))

    def _rebox_window(self, key: Key, nodes: Any, area: Area, changed: set[str],
                      moved: list[Rect]) -> None:
        """Box the cards of a cell whose cards only moved that are or were near
        ``area``, and the cards that came or moved within it; leave the other
        cards that moved as runs (`late_runs`)."""
        s = self.s
        sid, lid = key
        ids, ms, offs = self.cells[key], self.meas[key], self.offs[key]
        n = len(ids)
        old_ids, old_offs, old_ms, p, q = self.kept.get(key) or (ids, offs, ms, n, 0)
        n_old = len(old_ids)
        top, old_top = self.tops[lid], self.old_tops[lid]
        x = self.columns[sid][0] + s.cell_pad_x
        picks = set(range(p, n - q))
        if x < area[2] and area[0] < x + s.card_width:
            picks.update(range(*_window(offs, ms, top, area)))
            # The cards whose old boxes met the area (old boxes were exact:
            # where the old stack put them).
            a, b = _window(old_offs, old_ms, old_top, area)
            grow = n - n_old
            picks.update(j for j in range(a, min(b, p)))
            picks.update(j + grow for j in range(max(a, n_old - q), b))
        strip = [float("inf"), float("-inf")]
        for index in sorted(picks):
            self._box_at(key, index, ids[index], x, top + offs[index], ms[index].height, nodes,
                         area, True, changed, moved, strip)
        if strip[0] <= strip[1]:
            moved.append(Rect(x, strip[0], s.card_width, strip[1] - strip[0]))
        runs = []
        if top != old_top and p:
            runs.append((0, p, abs(top - old_top)))
        if q and (n != n_old or top + offs[n - q] != old_top + old_offs[n_old - q]):
            runs.append((n - q, n, abs((top + offs[n - q]) - (old_top + old_offs[n_old - q]))))
        for lo, hi, shift in runs:
            cut = sorted(i for i in picks if lo <= i < hi)
            for start, stop in zip([lo, *(i + 1 for i in cut)], [*cut, hi], strict=True):
                if start < stop:
                    self.late_runs.append((key, start, stop))
                    self.late_cells.add(key)
                    # Float sums of the same heights may differ in the last
                    # bit from card to card: a hair more keeps the bound safe.
                    self.late_shift = max(self.late_shift, shift * (1 + 1e-9) + 1e-6)

    def _box_at(self, key: Key, index: int, cid: str, x: float, y: float, h: float, nodes: Any,
                area: Area | None, box_new: bool, changed: set[str], moved: list[Rect],
                strip: list[float]) -> None:
        """Box one card at ``(x, y)``, or leave it late when it is and was away
        from ``area``; widens ``strip`` over its old and new places in the column."""
        boxes = self.cards
        if area is not None and not (x < area[2] and area[0] < x + self.s.card_width
                                     and area[1] < y + h and y < area[3]):
            old = boxes.get(cid)
            if old is None and not box_new or old is not None and not _meets(old.rect, *area):
                self._leave_late(key, cid, old, x, y, h, index)
                return
        card = nodes[cid]["card"]
        persona = self._persona
        sig = signature(card, x, y, self.meas[key][index], self.colors.get(card.owner),
                        persona is not None and is_faded(card, persona), key, index)
        if self.sigs.get(cid) == sig:
            return
        self.sigs[cid] = sig
        box = card_box(card, self.s, sig)
        old = boxes.get(cid)
        r = box.rect
        if old is None or old.rect != r:
            strip[0], strip[1] = min(strip[0], r.y), max(strip[1], r.y + r.h)
            if old is not None:
                q = old.rect
                if q.x == r.x:  # same column: one strip holds both places
                    strip[0], strip[1] = min(strip[0], q.y), max(strip[1], q.y + q.h)
                else:
                    moved.append(q)
        boxes[cid] = box
        changed.add(cid)

    def _leave_late(self, key: Key, cid: str, old: CardBox | None, x: float, y: float,
                    h: float, index: int) -> None:
        """Leave a card out of sight unboxed (its cell is late); note it if it moved."""
        self.late_cells.add(key)
        if old is None:
            return  # new: the layout lacks it for now
        q = old.rect
        # Routes depend on the rectangle and the index (arrows over the top
        # of cards that head their cells).
        if q.y != y or q.x != x or q.h != h or old.index != index:
            self.late_moved[cid] = (x, y, x + self.s.card_width, y + h)
            self.late_shift = max(self.late_shift, abs(q.y - y), abs(q.x - x), abs(q.h - h))

    def _runs_near(self, area: Rect, shift: float) -> dict[str, tuple[float, float, float, float]]:
        """Of the cards left late in runs, those whose flows may reach ``area``
        (a card that is and was wholly below it, with every card its flows
        join, each moved by up to ``shift``, cannot; nor wholly above), with
        where each goes now (left, top, right, bottom)."""
        pad = self.route_pad
        top, bottom = area.y - pad, area.y + area.h + pad
        reach, boxes, w = self.reach, self.cards, self.s.card_width
        near: dict[str, tuple[float, float, float, float]] = {}
        for key, lo, hi in self.late_runs:
            ids, offs, ms = self.cells[key], self.offs[key], self.meas[key]
            base = self.tops[key[1]]
            x = self.columns[key[0]][0] + self.s.cell_pad_x
            # A run is stacked top to bottom, before (its old boxes) and after
            # the edit: the cards wholly above the area come first, the cards
            # wholly below it last.
            above = lo + bisect_left(range(lo, hi), True, key=lambda i: not (
                max(base + offs[i] + ms[i].height, _bottom(boxes[ids[i]].rect)) < top))
            below = above + bisect_left(range(above, hi), True, key=lambda i: (
                min(base + offs[i], boxes[ids[i]].rect.y) > bottom))
            reaching = [i for i in range(lo, above)
                        if (r := reach.get(ids[i])) is not None and r[1] + shift >= top]
            reaching += range(above, below)
            reaching += [i for i in range(below, hi)
                         if (r := reach.get(ids[i])) is not None and r[0] - shift <= bottom]
            for i in reaching:
                y = base + offs[i]
                near[ids[i]] = (x, y, x + w, y + ms[i].height)
        self.late_runs = []
        return near

    def _drop_card(self, cid: str, moved: list[Rect]) -> None:
        box = self.cards.pop(cid)
        moved.append(box.rect)
        self.sigs.pop(cid, None)
        self.where.pop(cid, None)
        self.slot.pop(cid, None)
        self.card_flows.pop(cid, None)


def _window(offs: list[float], ms: list[Any], top: float, area: Area) -> tuple[int, int]:
    """The index range of a cell's cards (stacked from ``top``) whose rows meet
    the area's: ``area[1] < y + h`` and ``y < area[3]`` (as `_box_at` tests)."""
    a = bisect_left(range(len(offs)), True,
                    key=lambda i: area[1] < (top + offs[i]) + ms[i].height)
    b = bisect_left(range(a, len(offs)), True, key=lambda i: not (top + offs[i] < area[3]))
    return a, a + b


def _bottom(r: Rect) -> float:
    return r.y + r.h


def _meets(r: Rect, x0: float, y0: float, x1: float, y1: float) -> bool:
    return r.x < x1 and x0 < r.x + r.w and r.y < y1 and y0 < r.y + r.h
