"""Hurrying for the layout engine (`app.layout.engine.Engine`): what of an
edit can wait until after the next frame because it is out of sight.

A flow's course stays within the hull of its two cards plus its bulges
(``route_pad``), so a flow may wait when that hull, before and after the
edit, keeps away from the area in sight; a card may wait when it is and was
away from it.  Cards that wait keep their old boxes, but their exact places
are always known from the cell stacks (`_rect_now`).

A mixin: the state it reads and writes lives on the engine.
"""

from __future__ import annotations

from itertools import repeat
from operator import add, attrgetter
from typing import Any

from app.layout.boxes import Rect
from app.layout.cards import card_box, is_faded, signature

_HEIGHT = attrgetter("height")


class Hurry:
    """The out-of-sight half of the layout engine."""

    def _put_off(self, journey: Any, fids: set[str], explicit: set[str], area: Rect,
                 changed_cards: set[str], moved: list[Rect], nodes: Any,
                 spans: dict[str, tuple[float, float, float, float]],
                 carried: set[str]) -> set[str]:
        """The flows to route now; those that only moved with their cards and
        keep away from ``area``, before and after, go to `late_flows`.

        A flow routed now needs up-to-date boxes at both ends: the late cards
        at the ends are placed now (and their own flows looked at in turn).
        ``spans``: where the late cards that moved go now (left, top, right,
        bottom); ``carried``: flows left late by an earlier pass.
        """
        # Every route stays within its two cards' bounds plus its bulges:
        # a flow may wait if the hull of its cards, before and after, is
        # farther than that from the area.
        pad = self.route_pad
        bounds = (area.x - pad, area.y - pad, area.x + area.w + pad, area.y + area.h + pad)
        now: set[str] = set()
        todo = fids
        while todo:
            ends: set[str] = set()
            for fid in todo:
                if fid not in now and self._must_route_now(journey, fid, explicit, bounds, spans,
                                                           changed_cards, carried, ends):
                    now.add(fid)
            stale = [cid for cid in ends if self.where.get(cid) in self.late_cells]
            placed = self._rebox_cards(stale, nodes, moved)
            changed_cards.update(placed)
            # (The flows whose strip moved were all in ``fids``: the rows
            # are the same for every turn of this loop.)
            todo = self._flows_of(placed, strips=False) - now
        return now

    def _must_route_now(self, journey: Any, fid: str, explicit: set[str],
                        bounds: tuple[float, float, float, float],
                        spans: dict[str, tuple[float, float, float, float]],
                        changed_cards: set[str], carried: set[str], ends: set[str]) -> bool:
        """Whether one flow must be routed now (its cards go to ``ends``); if
        not, it goes to `late_flows`."""
        hit = self.routes.get(fid)
        # Flows that changed themselves were announced; a flow that was not
        # can only have moved with its cards, and still exists.
        if hit is None or fid in explicit:
            if journey.has_flow(fid):
                flow = journey.flow(fid)
                ends.add(flow.source)
                ends.add(flow.target)
            return True
        src, dst, x0, y0, x1, y1 = hit[6]  # where the flow last saw its cards
        # An end that has not moved since is inside that hull; one that moved
        # is either late (its place now is in `spans`) or was boxed in this
        # pass (`changed_cards`); a flow left late before may have an end
        # boxed since.
        for end in (src, dst):
            span = spans.get(end)
            if span is None and (end in changed_cards or fid in carried):
                span = spans[end] = self._place_of(end)
            if span is not None:
                x0, y0 = min(x0, span[0]), min(y0, span[1])
                x1, y1 = max(x1, span[2]), max(y1, span[3])
        if x0 < bounds[2] and bounds[0] < x1 and y0 < bounds[3] and bounds[1] < y1:
            ends.add(src)
            ends.add(dst)
            return True
        self.late_flows.add(fid)
        return False

    def _far_flows(self, late_moved: dict[str, tuple[float, float, float, float]],
                   area: Rect, shift: float) -> set[str]:
        """The cards left late whose flows can all wait: the card, before and
        after, and every card its flows connect it to (each moved by up to
        ``shift``) lie wholly below, or wholly above, the area in sight."""
        pad = self.route_pad
        top, bottom = area.y - pad, area.y + area.h + pad
        reach, cards = self.reach, self.cards
        out: set[str] = set()
        for cid, (_, y0, _, y1) in late_moved.items():
            got = reach.get(cid)
            if got is None:
                continue
            q = cards[cid].rect
            lo = min(y0, q.y, got[0] - shift)
            hi = max(y1, q.y + q.h, got[1] + shift)
            if lo > bottom or hi < top:
                out.add(cid)
        return out

    def _rebox_cards(self, ids: list[str], nodes: Any, moved: list[Rect]) -> set[str]:
        """Box these cards of late cells now; returns those whose box changed."""
        changed: set[str] = set()
        for cid in ids:
            key = self.where[cid]
            i = self.slot[cid]
            card = nodes[cid]["card"]
            x = self.columns[key[0]][0] + self.s.cell_pad_x
            sig = signature(card, x, self.tops[key[1]] + self.offs[key][i], self.meas[key][i],
                            self.colors.get(card.owner), is_faded(card, self._persona), key, i)
            if self.sigs.get(cid) == sig:
                continue
            self.sigs[cid] = sig
            box = card_box(card, self.s, sig)
            old = self.cards.get(cid)
            if old is not None:
                moved.append(old.rect)
            moved.append(box.rect)
            self.cards[cid] = box
            changed.add(cid)
        return changed

    def _place_of(self, cid: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of a card where it goes now."""
        box = self.cards.get(cid)
        if box is None or self.where[cid] in self.late_cells:
            return self._rect_now(cid)
        r = box.rect
        return r.x, r.y, r.x + r.w, r.y + r.h

    def _spans(self) -> dict[str, tuple[float, float, float, float]]:
        """(left, top, right, bottom) of every card where it goes now."""
        out: dict[str, tuple[float, float, float, float]] = {}
        w, pad_x = self.s.card_width, self.s.cell_pad_x
        for key, ids in self.cells.items():
            x = self.columns[key[0]][0] + pad_x
            top = self.tops[key[1]]
            ys = [top + off for off in self.offs[key]]
            # (Tuples made in C: thousands of cards.)
            out.update(zip(ids, zip(repeat(x), ys, repeat(x + w),
                                    map(add, ys, map(_HEIGHT, self.meas[key])), strict=False),
                           strict=True))
        return out

    def _rect_now(self, cid: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of a card where it goes now, placed or not."""
        key = self.where[cid]
        i = self.slot[cid]
        x = self.columns[key[0]][0] + self.s.cell_pad_x
        y = self.tops[key[1]] + self.offs[key][i]
        return x, y, x + self.s.card_width, y + self.meas[key][i].height
