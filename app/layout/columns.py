"""The cards of each column, top to bottom, for the layout engine
(`app.layout.engine.Engine`): what meets a rectangle or a band of heights
is found by bisection in one column's sorted edges instead of lane by lane.

Labels ask whether a spot meets a card or a card's title thousands of times
per layout, and every flow that skips columns asks which cards lie across
its course; a column's edges are gathered once per routing pass, and only
when a cell of the column was stacked anew or the rows moved (the stacks
are new lists then: `app.layout.stacking`), so a pass that moved one card
gathers one column again.

A mixin: the stacks it reads (``tops``, ``offs``, ``meas``, ``cells``)
live on the engine.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import add, attrgetter
from typing import Any

from app.layout.boxes import TITLE_DEPTH, Rect

_HEIGHT = attrgetter("height")


class Column:
    """A column's cards, top to bottom: their tops, bottoms and ids, and the
    bottoms of their titles (`app.layout.boxes.title_rect`), which only
    label placement asks for: gathered when first asked for (None until then)."""

    __slots__ = ("tops", "bottoms", "ids", "titles")

    def __init__(self, tops: list[float], bottoms: list[float], ids: list[str]) -> None:
        self.tops, self.bottoms, self.ids = tops, bottoms, ids
        self.titles: list[float] | None = None


class Columns:
    """The column index half of the layout engine."""

    _col_pass = 0

    def __init__(self) -> None:
        # sid -> (the pass it was last checked in, its column, what it was made from)
        self._cols: dict[str, tuple[int, Column, tuple[Any, ...]]] = {}

    def _columns_anew(self) -> None:
        """Start a routing pass: each column is checked again when first asked
        for (the stacks do not change while flows are routed)."""
        self._col_pass += 1

    def _column(self, sid: str) -> Column:
        """A column's cards, top to bottom (made again when its stacks changed)."""
        got = self._cols.get(sid)
        if got is not None and got[0] == self._col_pass:
            return got[1]
        offs, order = self.offs, self.lane_order
        stacks = tuple(offs.get((sid, lid)) for lid in order)
        if got is not None:
            was = got[2]
            if (was[0] is self.tops and was[1] is order
                    and all(a is b for a, b in zip(was[2], stacks, strict=True))):
                self._cols[sid] = (self._col_pass, got[1], was)
                return got[1]
        column = self._gather(sid)
        self._cols[sid] = (self._col_pass, column, (self.tops, order, stacks))
        return column

    def _gather(self, sid: str) -> Column:
        tops: list[float] = []
        bottoms: list[float] = []
        ids: list[str] = []
        offs, lane_tops, meas, cells = self.offs, self.tops, self.meas, self.cells
        for lid in self.lane_order:
            key = (sid, lid)
            o = offs.get(key)
            if not o:
                continue
            base = lane_tops[lid]
            # The same sums as the cell stacks' (a card's top: its lane's top
            # plus its offset; its bottom: that plus its height).
            at = [base + off for off in o]
            tops += at
            bottoms += map(add, at, map(_HEIGHT, meas[key]))
            ids += cells[key]
        return Column(tops, bottoms, ids)

    def _titles(self, sid: str, column: Column) -> list[float]:
        """The bottoms of the titles of a column's cards (gathered once; its
        stacks are the ones ``column`` was gathered from, as `_column` checked)."""
        if column.titles is not None:
            return column.titles
        titles: list[float] = []
        depth = TITLE_DEPTH * self.s.card_title_size
        for lid in self.lane_order:
            key = (sid, lid)
            o = self.offs.get(key)
            if not o:
                continue
            base = self.tops[lid]
            titles += [base + off + (min(m.baselines[-1] + depth, m.height) if m.baselines
                                     else 0.0)
                       for off, m in zip(o, self.meas[key], strict=True)]
        column.titles = titles
        return titles

    def _columns_across(self, rect: Rect) -> list[str]:
        """The columns whose cards' x range meets ``rect``."""
        starts, s = self.col_starts, self.s
        x0, x1 = rect.x, rect.x + rect.w
        first = max(bisect_right(starts, x0) - 1, 0)
        last = bisect_right(starts, x1)
        out = []
        for sid in self.stages[first:last]:
            cx = self.columns[sid][0] + s.cell_pad_x
            if cx < x1 and x0 < cx + s.card_width:
                out.append(sid)
        return out

    def covers_card(self, rect: Rect) -> bool:
        """Whether ``rect`` meets a card (looked up by column and bisection)."""
        top, bottom = rect.y, rect.y + rect.h
        for sid in self._columns_across(rect):
            column = self._column(sid)
            i = bisect_right(column.bottoms, top)  # the first card whose bottom is below the top
            if i < len(column.tops) and column.tops[i] < bottom:
                return True
        return False

    def covers_title(self, rect: Rect) -> bool:
        """Whether ``rect`` meets a card's title (`app.layout.boxes.title_rect`)."""
        top, bottom = rect.y, rect.y + rect.h
        for sid in self._columns_across(rect):
            column = self._column(sid)
            # The first title that reaches below the top.
            i = bisect_right(self._titles(sid, column), top)
            if i < len(column.tops) and column.tops[i] < bottom:
                return True
        return False

    def _cards_within(self, sid: str, y0: float, y1: float, seen: list[str]
                      ) -> list[tuple[float, float]]:
        """(top, bottom) of the cards of one column that meet the band from
        ``y0`` to ``y1``; their ids go to ``seen``."""
        column = self._column(sid)
        tops, bottoms = column.tops, column.bottoms
        i = bisect_right(bottoms, y0)
        k = bisect_left(tops, y1, i)
        seen.extend(column.ids[i:k])
        return list(zip(tops[i:k], bottoms[i:k], strict=True))

    def _card_across(self, stages: list[str], y0: float, y1: float) -> str | None:
        """A card of these columns that meets the band from ``y0`` to ``y1``."""
        for sid in stages:
            column = self._column(sid)
            tops = column.tops
            i = bisect_right(column.bottoms, y0)
            if i < len(tops) and tops[i] < y1:
                return column.ids[i]
        return None
