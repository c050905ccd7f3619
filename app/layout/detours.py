"""Detours for the layout engine (`app.layout.engine.Engine`): a flow
that skips one or more columns, forward or backward, runs through the gaps
between cards instead of one curve across the cards of the columns it skips
(a backward one leaves its source's left edge and enters its target's right
edge: the same course, mirrored).

Such a flow leaves its source's right edge, turns (if it must) in the gutter
right of the source's column into a *channel* (a horizontal line clear of
the cards of every column it skips), runs along it, and turns in the gutter
left of the target's column into the target's left edge.  The channel is,
best first: the source's middle height, the target's, if no skipped card
lies there; else a strip of cell padding above the first or below the last
cards of a lane (free in every column): above a lane between the two
cards' lanes, or, for two cards of one lane, above or below their lane's
cards, the nearer; else the gap between the skipped cards nearest the
source's height, first within ``route_pad`` of it, then anywhere along the
course; and when no height is clear in every skipped column, one height
per column, turning in the gutters between them (`app.layout.channels`).

A mixin, like `app.layout.routing.Routing`: the state it reads (cell stacks,
rows, columns) and keeps (what each detour depends on) lives on the engine.

What a channel depends on, so that an incremental pass routes it again
exactly when a fresh layout would route it differently:

* its two cards (their boxes: the engine routes a flow again when they change);
* the cards found blocking the middle height of a card (``blocking``): when
  one of them moves or goes, the flow is routed again;
* the cards that come into those heights (``probed``: where the heights
  were looked at; a card whose box changed and now meets one);
* where the padding strips it considered are (``strip_users``: a lane's
  top or bottom moves when rows change).

A flow may be put off by a hurried pass while it stays away from the area
in sight (`app.layout.hurry`): its course stays within its cards' hull plus
``route_pad``, and a height is looked at only when it is so close to the
rest of the course that a card far from the area cannot block it while the
flow shows there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from app.layout.boxes import CardBox, FlowPath, Rect
from app.layout.channels import Heights, course, course_heights, mirrored
from app.layout.flows import arrow_head, label_rect
from app.layout.grid import RectIndex
from app.layout.style import Style, flow_color, flow_dashed

#: A padding strip: (lane id, True for the one above the lane's cards, False below).
Strip = tuple[str, bool]
#: The room a channel keeps from the cards it passes, as a share of the card gap.
AIR = 0.6


class Detours:
    """The channel half of flow routing."""

    def _detours_reset(self) -> None:
        """Start (or keep) the detour bookkeeping; called by every full pass."""
        self.stage_pos = {sid: i for i, sid in enumerate(self.stages)}
        if getattr(self, "detour_of", None) is None:
            self.detour_of: dict[str, tuple[Any, ...]] = {}
            self.probed = RectIndex()  # fid -> where its channel's heights were looked at
            self.blocking: dict[str, set[str]] = {}  # card id -> flows it blocked
            # strip -> its y as seen -> flows that considered it
            self.strip_users: dict[Strip, dict[float | None, set[str]]] = {}
            # fid -> its channel's dependencies as filed (None: none), for
            # the channels noted in a hurry and not filed yet.
            self._unfiled: dict[str, tuple[Any, ...] | None] = {}

    def _channel(self, fid: str, a: CardBox, b: CardBox) -> tuple[Heights, float, float] | None:
        """The channel of a flow skipping columns (forward or backward): its
        height(s), and the left and right x of the cards it passes (None: no
        channel within reach; one curve, as between neighbouring columns)."""
        s = self.s
        ra, rb = a.rect, b.rect
        ya, yb = ra.cy, rb.cy
        i, k = self.stage_pos[a.stage], self.stage_pos[b.stage]
        skipped = self.stages[min(i, k) + 1 : max(i, k)]
        x0 = self.columns[skipped[0]][0] + s.cell_pad_x
        x1 = self.columns[skipped[-1]][0] + s.cell_pad_x + s.card_width
        lo, hi = min(ra.y, rb.y), max(ra.bottom, rb.bottom)
        strips = self._strips(a, b, lo, hi)
        usable = [y for _, y in strips if lo - self.route_pad <= y <= hi + self.route_pad]
        if usable:
            lo, hi = min(lo, *usable), max(hi, *usable)
        air = s.card_gap * AIR
        reach = self.route_pad - air
        chosen: Heights | None = None
        blockers: list[str] = []
        looked: list[float] = []
        for y in (ya, yb) if ya != yb else (ya,):
            if hi - y > reach or y - lo > reach:
                continue  # too far from the rest of the course to look at (hurry)
            looked.append(y)
            blocker = self._card_across(skipped, y - air, y + air)
            if blocker is None:
                chosen = y
                break
            blockers.append(blocker)
        if chosen is None and usable:
            chosen = min(usable, key=lambda y: abs(y - ya))
            # Flows down and flows up a strip keep a little apart.
            chosen += 0.0 if a.lane == b.lane else -3.0 if yb > ya else 3.0
        if chosen is None:
            # Through the gaps between the skipped cards, as near the
            # source's height as they allow: looked for near it first, then
            # over the whole course.  Every card of the band looked through
            # is one the channel depends on.
            order = skipped if i < k else skipped[::-1]
            for y0, y1 in ((ya - reach, ya + reach), (lo - reach, hi + reach)):
                looked += [y0 + air, y1 - air]
                band = [self._band(sid, y0, y1, blockers) for sid in order]
                chosen = course_heights(band, y0, y1, ya)
                if chosen is not None:
                    break
        if self.keeps:
            self._note_detour(fid, x0, x1, looked, blockers, strips)
        return None if chosen is None else (chosen, x0, x1)

    def _strips(self, a: CardBox, b: CardBox, lo: float, hi: float) -> list[tuple[Strip, float]]:
        """The padding strips (free in every column) a channel may take, with
        their y: for cards of two lanes, the top one of the lane below the
        upper card's, nearest the source; for cards of one lane, the top and
        bottom ones of their lane."""
        ia, ib = self.lane_pos[a.lane], self.lane_pos[b.lane]
        if ia != ib:
            strip = (self.lane_order[ia + 1 if ib > ia else ia], True)
            return [(strip, self._strip_y(strip))]
        return [((a.lane, True), self._strip_y((a.lane, True))),
                ((a.lane, False), self._strip_y((a.lane, False)))]

    def _strip_y(self, strip: Strip) -> float | None:
        """The y of a lane's top (or bottom) padding strip (None: the lane is gone)."""
        lane, top = strip
        if lane not in self.tops:
            return None
        if top:
            return self.tops[lane] - self.s.cell_pad_top / 2
        y, h = self.rows[lane]
        return y + h - self.s.cell_pad_bottom / 2

    # ------------------------------------------------------- bookkeeping
    def _note_detour(self, fid: str, x0: float, x1: float, looked: list[float],
                     blockers: list[str], strips: list[tuple[Strip, float | None]]) -> None:
        # A card of two bands looked through is named once.
        note = (tuple(dict.fromkeys(blockers)), tuple(strips), x0, x1, tuple(looked))
        was = self.detour_of.get(fid)
        if was == note:
            return  # depends on the same as before (most flows, in a full pass)
        self.detour_of[fid] = note
        if self._hurrying:
            # Only later passes look the flow up by what its channel depends
            # on: filed by the next one (as the arrows routed in a hurry).
            self._unfiled.setdefault(fid, was)
        else:
            self._file_detour(fid, was, note)

    def _file_detours(self) -> None:
        """File what the channels noted in a hurry depend on."""
        unfiled, self._unfiled = self._unfiled, {}
        for fid, was in unfiled.items():
            self._file_detour(fid, was, self.detour_of.get(fid))

    def _file_detour(self, fid: str, was: tuple[Any, ...] | None,
                     note: tuple[Any, ...] | None) -> None:
        """File a channel's dependencies as ``note`` where they were filed
        as ``was`` (None: nothing)."""
        blank = ((), (), None, None, ())
        was, note = was or blank, note or blank
        # What changed only: a flow whose source slid down its cell looks at
        # other heights past the same cards (dozens of them, in a crowded map).
        if was[2:] != note[2:]:
            _, _, x0, x1, looked = note
            if looked:
                air = self.s.card_gap * AIR
                y0, y1 = min(looked) - air, max(looked) + air
                self.probed.put(fid, Rect(x0, y0, x1 - x0, y1 - y0))
            else:
                self.probed.drop(fid)
        if was[0] != note[0]:
            before = set(was[0])
            self._unblock(fid, before.difference(note[0]))
            blocking = self.blocking
            for cid in note[0]:
                if cid not in before:  # (the others name ``fid`` already)
                    blocking.setdefault(cid, set()).add(fid)
        if was[1] != note[1]:
            self._unstrip(fid, was[1])
            for strip, y in note[1]:
                self.strip_users.setdefault(strip, {}).setdefault(y, set()).add(fid)

    def _unblock(self, fid: str, cards: Iterable[str]) -> None:
        for cid in cards:
            users = self.blocking.get(cid)
            if users is not None:
                users.discard(fid)
                if not users:
                    del self.blocking[cid]

    def _unstrip(self, fid: str, strips: Iterable[tuple[Strip, float | None]]) -> None:
        for strip, y in strips:
            seen = self.strip_users[strip]
            seen[y].discard(fid)
            if not seen[y]:
                del seen[y]

    def _drop_detour(self, fid: str) -> None:
        """Forget what a flow's channel depended on (it is routed anew or gone)."""
        got = self.detour_of.pop(fid, None)
        if got is None:
            return
        if self._hurrying:
            self._unfiled.setdefault(fid, got)
        else:
            self._file_detour(fid, got, None)

    def _detours_touched(self, card_ids: list[str], strips: bool = True) -> set[str]:
        """The flows whose channel these changed cards (moved, came, went) may
        change, and (when there are any: a lane moves only when cards do;
        and ``strips``) those whose padding strip moved with its lane."""
        out: set[str] = set()
        if self._unfiled:
            # A channel chosen in a hurry looked past cells whose cards had no
            # box yet: a card that left such a cell and came back has the box
            # it had before, changed for no one, yet the channel saw it gone.
            out.update(self._unfiled)
            self._file_detours()
        if not self.detour_of or not card_ids:
            return out
        blocking = self.blocking
        for cid in card_ids:
            got = blocking.get(cid)
            if got:
                out.update(got)
        if self.probed.rects:
            out |= self._probes_meeting(card_ids)
        if not strips:
            return out
        for strip, seen in self.strip_users.items():
            y = self._strip_y(strip)
            for was, users in seen.items():
                if was != y:
                    out.update(users)
        return out

    def _probes_meeting(self, card_ids: list[str]) -> set[str]:
        """The flows whose probed heights meet one of these cards where it is
        now (from its cell's stack; cards in no cell are skipped): what
        `RectIndex.meeting` finds for each card, looked up once per cell (a
        shift of the rows moves thousands of cards)."""
        where, slot, cells = self.where, self.slot, self.cells
        by_cell: dict[tuple[str, str], set[int]] = {}
        for cid in card_ids:
            key = where.get(cid)
            ids = cells.get(key) if key is not None else None
            i = slot.get(cid)
            if ids is not None and i is not None and i < len(ids) and ids[i] == cid:
                by_cell.setdefault(key, set()).add(i)
        probed = self.probed
        rects, grid = probed.rects, probed.grid
        w = self.s.card_width
        out: set[str] = set()
        for key, picked in by_cell.items():
            order = sorted(picked)
            top, offs, ms = self.tops[key[1]], self.offs[key], self.meas[key]
            x = self.columns[key[0]][0] + self.s.cell_pad_x
            # Stacked top to bottom: tops and bottoms both rise with the index.
            ys = [top + offs[i] for i in order]
            bottoms = [y + ms[i].height for y, i in zip(ys, order, strict=True)]
            near: set[str] = set()
            for b in grid.buckets(x, ys[0], x + w, bottoms[-1]):
                near.update(grid.cells.get(b, ()))
            for fid in near:
                r = rects[fid]
                if not (r.x < x + w and x < r.x + r.w) or fid in out:
                    continue
                # (`Rect.intersects`, the same sums: the first card whose
                # bottom is below the probe's top is the one that may meet it.)
                j = bisect_right(bottoms, r.y)
                if j < len(ys) and ys[j] < r.y + r.h:
                    out.add(fid)
        return out


def detour_path(fid: str, kind: str, label: str, src: Rect, dst: Rect, y: Heights,
                x0: float, x1: float, style: Style, source: str, target: str) -> FlowPath:
    """The arrow of a flow from ``src`` to ``dst`` along the channel at ``y``
    (one height, or one per skipped column: `app.layout.channels`) over the
    cards from ``x0`` to ``x1`` (the columns it skips); a backward flow runs
    from its source's left edge into its target's right edge."""
    if dst.x < src.x:  # backward: the forward course, mirrored
        pts, (lx, ly) = course(mirrored(src), mirrored(dst), y, -x1, -x0, style.card_width)
        pts = [(-px, py) for px, py in pts]
        label_pos = (-lx, ly)
    else:
        pts, label_pos = course(src, dst, y, x0, x1, style.card_width)
    p0, c1, c2, p3 = pts[0], pts[1], pts[-2], pts[-1]
    return FlowPath(
        fid, kind, source, target, p0, c1, c2, p3,
        arrow_head(p0, c2, p3, style.arrow_length, style.arrow_width),
        flow_color(style, kind), style.flow_width, flow_dashed(kind), label, label_pos,
        style.flow_label_size, label_rect(label, label_pos, style) if label else None,
        tuple(pts[2:-2]),
    )
