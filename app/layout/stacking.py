"""Cell stacks for the layout engine (`app.layout.engine.Engine`): each
cell's cards measured and stacked top to bottom, the rows they make, and
re-stacking only what an edit touched.

A cell whose cards only moved (``cards_moved``: the text of every card is
unchanged) is re-stacked from the runs of cards at its top and bottom that
stayed: their measured text is reused as is, so that moving one card in or
out of a cell of 500 costs a few list copies, not 500 look-ups.  The
offsets are always added up in the same order as a full stack, so that both
give exactly the same floats.

A mixin: the state it reads and writes lives on the engine.
"""

from __future__ import annotations

from itertools import accumulate, compress, count
from operator import attrgetter, itemgetter, ne
from typing import Any

from app.layout.boxes import Rect
from app.layout.cards import Measured, is_faded, measure, meta_text
from app.layout.headers import lane_headers

Key = tuple[str, str]
#: Per resized cell: its last card before and after (None: it was or is empty).
Resized = dict[Key, tuple[str | None, str | None]]

_CARD = itemgetter("card")
_CELL_OF = attrgetter("stage", "lane")


class Stacking:
    """The cell-stacking half of the layout engine."""

    def _restack_touched(self, journey: Any, card_ids: set[str], content_ids: set[str],
                         cells: dict[Key, None], nodes: Any
                         ) -> tuple[dict[Key, None], Resized, set[str]]:
        """Re-stack the cells these cards left or joined, and ``cells``;
        returns those cells, the cells that changed size (with their last
        card before and after) and the lanes that moved.

        ``content_ids``: the cards whose text or looks may have changed (or
        that came or went); the other cards only moved.
        """
        where = self.where
        # The cells the cards were and are in, gathered in C loops (a move
        # names its cells: only other changes list cards one by one).
        touched: dict[Key, None] = dict.fromkeys(map(where.get, card_ids))
        touched.pop(None, None)
        present = map(nodes.__getitem__, filter(nodes.__contains__, card_ids))
        touched.update(dict.fromkeys(map(_CELL_OF, map(_CARD, present))))
        touched.update(cells)
        rewrite: set[Key] = set()
        for cid in content_ids:
            key = where.get(cid)
            if key is not None:
                rewrite.add(key)
            if cid in nodes:
                card = nodes[cid]["card"]
                rewrite.add((card.stage, card.lane))
        resized: Resized = {}
        self.kept, self.rewritten = {}, set()
        for key in touched:
            old = self.cells.get(key, ())
            ids = journey.cell_ids(*key)
            if key in rewrite or not old or not ids:
                self._restack(key, ids, nodes)
                self.rewritten.add(key)
            else:
                self._restack_moved(key, old, ids, nodes)
            if len(ids) != len(old):
                resized[key] = (old[-1] if old else None, ids[-1] if ids else None)
        for lid in {lid for _, lid in touched}:
            self.lane_stack[lid] = self._lane_stack(lid)
        old_tops = self.old_tops = self.tops
        self._set_rows()
        shifted = {lid for lid in self.lane_order if self.tops[lid] != old_tops[lid]}
        return touched, resized, shifted

    def _restack(self, key: Key, ids: list[str], nodes: Any) -> None:
        """Measure a cell's cards and stack them (offsets from the content top)."""
        if not ids:
            for store in (self.cells, self.meas, self.offs, self.stack, self.emo):
                store.pop(key, None)
            return
        s, tm, text, persona = self.s, self.tm, self.text, self._persona
        with_notes = s.card_notes
        ms: list[Measured] = []
        total = count = 0
        for card in map(_CARD, map(nodes.__getitem__, ids)):
            mark = card.emotion is not None
            notes = card.notes if with_notes else ""
            meta = card.channel if card.wait is None else meta_text(card)
            m = text.get((card.title, meta, mark, notes))
            if m is None:
                m = text[(card.title, meta, mark, notes)] = measure(
                    card.title, meta, mark, s, tm, notes)
            ms.append(m)
            if mark and (persona is None or not is_faded(card, persona)):
                total += card.emotion
                count += 1
        # Each offset is the one before plus that card's height and the gap:
        # the sums `_restack_moved` makes too.
        gap = s.card_gap
        offs = list(accumulate([m.height + gap for m in ms[:-1]], initial=0.0))
        self.slot.update(zip(ids, range(len(ids)), strict=True))
        self.where.update(dict.fromkeys(ids, key))
        self.cells[key], self.meas[key], self.offs[key] = ids, ms, offs
        self.stack[key] = offs[-1] + ms[-1].height
        self.emo[key] = (total, count)

    def _restack_moved(self, key: Key, old: list[str], ids: list[str], nodes: Any) -> None:
        """Re-stack a non-empty cell whose cards only moved (in, out or
        within it): the runs of cards that stayed at its top and bottom keep
        their measured text, and the top run its offsets."""
        n_old, n = len(old), len(ids)
        limit = min(n_old, n)
        # The first difference from the top, then from the bottom (C loops).
        p = next(compress(count(), map(ne, old, ids)), limit)
        q = next(compress(count(), map(ne, reversed(old), reversed(ids))), limit)
        q = min(q, limit - p)
        old_ms, old_offs = self.meas[key], self.offs[key]
        gap = self.s.card_gap
        # The cards that left the middle take their emotion with them; the
        # cards that came bring theirs (a move changes no card's emotion).
        total, number = self.emo[key]
        for sign, cid in [(-1, c) for c in old[p:n_old - q]] + [(1, c) for c in ids[p:n - q]]:
            got = self._emotion_of(nodes[cid]["card"])
            if got is not None:
                total += sign * got
                number += sign
        middle = [self._measured(nodes[cid]["card"]) for cid in ids[p:n - q]]
        ms = old_ms[:p] + middle + old_ms[n_old - q:]
        offs = old_offs[:p]
        if p < n:
            # Added up exactly as `_restack` does: the same floats.
            start = 0.0 if p == 0 else old_offs[p - 1] + (old_ms[p - 1].height + gap)
            offs += accumulate([m.height + gap for m in ms[p:-1]], initial=start)
        self.where.update(dict.fromkeys(ids[p:n - q], key))
        self.slot.update(zip(ids[p:], range(p, n), strict=True))
        self.kept[key] = (old, old_offs, old_ms, p, q)
        self.cells[key], self.meas[key], self.offs[key] = ids, ms, offs
        self.stack[key] = offs[-1] + ms[-1].height
        self.emo[key] = (total, number)

    def _measured(self, card: Any) -> Measured:
        mark = card.emotion is not None
        notes = card.notes if self.s.card_notes else ""
        meta = meta_text(card)
        m = self.text.get((card.title, meta, mark, notes))
        if m is None:
            m = self.text[(card.title, meta, mark, notes)] = measure(
                card.title, meta, mark, self.s, self.tm, notes)
        return m

    def _emotion_of(self, card: Any) -> int | None:
        """What a card adds to its column's emotion (None: nothing)."""
        persona = self._persona
        if card.emotion is None or persona is not None and is_faded(card, persona):
            return None
        return card.emotion

    def _lane_stack(self, lid: str) -> float:
        stack = self.stack
        return max((stack.get((sid, lid), 0.0) for sid in self.stages), default=0.0)

    def _set_rows(self, force: bool = False) -> None:
        """Rows, content tops, cell rectangles, lane headers, height (reused when equal)."""
        s = self.s
        rows: dict[str, tuple[float, float]] = {}
        tops: dict[str, float] = {}
        y = self.header_h
        for lane in self.lanes:
            band = self.band_h if lane.kind == "emotion" else 0.0
            # An emotion lane's band already gives the row height; its cards
            # only need a strip below it (still a drop target when empty).
            floor = s.cell_pad_top + s.cell_pad_bottom if band else s.min_row_height
            need = max(floor, s.cell_pad_top + self.lane_stack[lane.id] + s.cell_pad_bottom)
            need = max(need, self.lane_floor[lane.id] - band)
            tops[lane.id] = y + band + s.cell_pad_top
            rows[lane.id] = (y, band + need)
            y += band + need
        if not force and self.rows == rows:
            return
        self.rows, self.tops = rows, tops
        self.height = y
        self.cell_rects = {
            (sid, lid): Rect(self.columns[sid][0], y, self.col_w, h)
            for lid, (y, h) in rows.items()
            for sid in self.stages
        }
        self.lane_boxes = lane_headers(self.lanes, rows, s, self.tm)
