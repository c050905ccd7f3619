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
from collections.abc import Iterable
from itertools import repeat
from operator import add, attrgetter
from typing import Any

from app.layout.boxes import TITLE_DEPTH, Rect

_HEIGHT = attrgetter("height")


class Part:
    """One cell's share of a column: its cards' tops and bottoms, and the
    bottoms of their titles (gathered when first asked for: None until then)."""

    __slots__ = ("tops", "bottoms", "meas", "titles")

    def __init__(self, tops: list[float], bottoms: list[float], meas: list[Any]) -> None:
        self.tops, self.bottoms, self.meas = tops, bottoms, meas
        self.titles: list[float] | None = None


class Column:
    """A column's cards, top to bottom: their tops, bottoms and ids, and the
    bottoms of their titles (`app.layout.boxes.title_rect`), which only
    label placement asks for: gathered when first asked for (None until then)."""

    __slots__ = ("tops", "bottoms", "ids", "titles", "parts")

    def __init__(self, tops: list[float], bottoms: list[float], ids: list[str],
                 parts: list[Part]) -> None:
        self.tops, self.bottoms, self.ids, self.parts = tops, bottoms, ids, parts
        self.titles: list[float] | None = None


class Columns:
    """The column index half of the layout engine."""

    def __init__(self) -> None:
        # sid -> (its column, what it was made from: tops, lane order, stacks)
        self._cols: dict[str, tuple[Column, tuple[Any, ...]]] = {}
        # cell -> (its lane's top, its offsets, its part of the column):
        # a column made again reuses the parts of the cells that stayed put.
        self._parts: dict[tuple[str, str], tuple[float, list[float], Part]] = {}
        # The columns checked since their stacks last changed, and the x
        # range of each column's cards (left edges, right edges, in stage order).
        self._col_now: dict[str, Column] = {}
        self._col_lefts: list[float] = []
        self._col_rights: list[float] = []
        # The columns whose cells were stacked anew since the last routing
        # pass (None: any may have been), and the rows they were checked in.
        self._col_dirty: set[str] | None = None
        self._col_rows: tuple[Any, Any] | None = None

    def _columns_changed(self, sids: Iterable[str] | None) -> None:
        """Cells of these columns (None: of any) were stacked anew."""
        if sids is None:
            self._col_dirty = None
        elif self._col_dirty is not None:
            self._col_dirty.update(sids)

    def _columns_anew(self) -> None:
        """Start a routing pass: the columns whose cells were stacked anew
        since the last one (all of them when the rows moved) are checked
        again when first asked for (the stacks do not change while flows are
        routed)."""
        dirty, self._col_dirty = self._col_dirty, set()
        rows = (self.tops, self.lane_order)
        if dirty is None or self._col_rows is None or any(
                a is not b for a, b in zip(rows, self._col_rows, strict=True)):
            self._col_now = {}
        else:
            for sid in dirty:
                self._col_now.pop(sid, None)
        self._col_rows = rows
        s = self.s
        self._col_lefts = [self.columns[sid][0] + s.cell_pad_x for sid in self.stages]
        self._col_rights = [x + s.card_width for x in self._col_lefts]

    def _column(self, sid: str) -> Column:
        """A column's cards, top to bottom (made again when its stacks changed)."""
        got = self._col_now.get(sid)
        if got is not None:
            return got
        offs, order = self.offs, self.lane_order
        stacks = tuple(offs.get((sid, lid)) for lid in order)
        was = self._cols.get(sid)
        if (was is not None and was[1][0] is self.tops and was[1][1] is order
                and all(a is b for a, b in zip(was[1][2], stacks, strict=True))):
            column = was[0]
        else:
            column = self._gather(sid)
            self._cols[sid] = (column, (self.tops, order, stacks))
        self._col_now[sid] = column
        return column

    def _gather(self, sid: str) -> Column:
        tops: list[float] = []
        bottoms: list[float] = []
        ids: list[str] = []
        parts: list[Part] = []
        for lid in self.lane_order:
            key = (sid, lid)
            o = self.offs.get(key)
            if not o:
                continue
            part = self._part(key, self.tops[lid], o)
            tops += part.tops
            bottoms += part.bottoms
            ids += self.cells[key]
            parts.append(part)
        return Column(tops, bottoms, ids, parts)

    def _part(self, key: tuple[str, str], base: float, o: list[float]) -> Part:
        """One cell's part of its column (kept while the cell's stack and its
        lane's top stay: a re-stacked cell has new offset lists)."""
        got = self._parts.get(key)
        if got is not None and got[0] == base and got[1] is o:
            return got[2]
        ms = self.meas[key]
        # The same sums as the cell stacks' (a card's top: its lane's top
        # plus its offset; its bottom: that plus its height), made in C.
        at = list(map(add, repeat(base, len(o)), o))
        part = Part(at, list(map(add, at, map(_HEIGHT, ms))), ms)
        self._parts[key] = (base, o, part)
        return part

    def _titles(self, column: Column) -> list[float]:
        """The bottoms of the titles of a column's cards (gathered once, part by part)."""
        if column.titles is not None:
            return column.titles
        depth = TITLE_DEPTH * self.s.card_title_size
        titles: list[float] = []
        for part in column.parts:
            if part.titles is None:
                part.titles = [top + (min(m.baselines[-1] + depth, m.height) if m.baselines
                                      else 0.0)
                               for top, m in zip(part.tops, part.meas, strict=True)]
            titles += part.titles
        column.titles = titles
        return titles

    def label_columns(self, x0: float, x1: float) -> list[tuple[float, float, list[float],
                                                                list[float], Column]]:
        """The columns whose cards' x range meets the span from ``x0`` to
        ``x1`` (at least: those whose right edge is past ``x0`` and left edge
        before ``x1``), as (left, right, tops, bottoms, column): the label
        placer (`app.layout.labels`) asks which of them each spot of a label
        meets with the comparisons of `_covers`, written out."""
        stages, now = self.stages, self._col_now
        lefts, rights = self._col_lefts, self._col_rights
        out = []
        for k in range(bisect_right(rights, x0), bisect_left(lefts, x1)):
            sid = stages[k]
            column = now.get(sid) or self._column(sid)
            out.append((lefts[k], rights[k], column.tops, column.bottoms, column))
        return out

    def card_titles(self, column: Column) -> list[float]:
        """The bottoms of the titles of a column's cards (see `Column`)."""
        return column.titles or self._titles(column)

    def covers_card(self, rect: Rect) -> bool:
        """Whether ``rect`` meets a card (looked up by column and bisection)."""
        return self._covers(rect, False)

    def covers_title(self, rect: Rect) -> bool:
        """Whether ``rect`` meets a card's title (`app.layout.boxes.title_rect`)."""
        return self._covers(rect, True)

    def _covers(self, rect: Rect, titles: bool) -> bool:
        """Whether ``rect`` meets a card (``titles``: a card's title)."""
        top, bottom = rect.y, rect.y + rect.h
        stages, now = self.stages, self._col_now
        # The columns whose cards' x range meets the rectangle: their cards'
        # edges rise with the column, so those with right > x0 and left < x1
        # are one run.
        for k in range(bisect_right(self._col_rights, rect.x),
                       bisect_left(self._col_lefts, rect.x + rect.w)):
            sid = stages[k]
            column = now.get(sid) or self._column(sid)
            tops = column.tops
            # The first card whose bottom (or title's bottom) is below the top.
            ends = (column.titles or self._titles(column)) if titles else column.bottoms
            i = bisect_right(ends, top)
            if i < len(tops) and tops[i] < bottom:
                return True
        return False

    def _band(self, sid: str, y0: float, y1: float, seen: list[str]
              ) -> tuple[list[float], list[float]]:
        """The tops and bottoms of the cards of one column that meet the band
        from ``y0`` to ``y1``; their ids go to ``seen``."""
        column = self._col_now.get(sid) or self._column(sid)
        tops, bottoms = column.tops, column.bottoms
        i = bisect_right(bottoms, y0)
        k = bisect_left(tops, y1, i)
        seen += column.ids[i:k]
        return tops[i:k], bottoms[i:k]

    def _card_across(self, stages: list[str], y0: float, y1: float) -> str | None:
        """A card of these columns that meets the band from ``y0`` to ``y1``."""
        now = self._col_now
        for sid in stages:
            column = now.get(sid) or self._column(sid)
            tops = column.tops
            i = bisect_right(column.bottoms, y0)
            if i < len(tops) and tops[i] < y1:
                return column.ids[i]
        return None
