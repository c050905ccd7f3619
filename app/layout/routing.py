"""Flow routing for the layout engine (`app.layout.engine.Engine`): which
flows to route again, their paths, whether a same-column arrow may go
straight, the channels of flows that skip columns (`app.layout.detours`),
and putting the placed labels on the paths (off cards, labels and the other
flows' arrows: `app.layout.arrows`).

A mixin: the state it reads and writes lives on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from app.layout.arrows import ArrowIndex, arrow_air
from app.layout.boxes import CardBox, FlowPath, Rect
from app.layout.clamp import MAX_LINE_CHARS, drawn_text
from app.layout.detours import Detours, detour_path
from app.layout.flows import flow_path, label_rect
from app.layout.labels import LabelPlacer


class Routing(Detours):
    """The flow half of the layout engine."""

    #: The other flows' arrows, for the labels (made when there are labels).
    arrows: ArrowIndex | None = None
    #: In a full pass, the flows whose channel may have changed although
    #: their cards did not (None: look at every channel again).
    _rechannel: set[str] | None = None
    #: (old, new) paths of the arrows that changed in this pass (the labels
    #: near them may move).
    _arrows_moved: list[tuple[FlowPath | None, FlowPath | None]]
    #: Flows routed in a hurry whose new arrow the index does not hold yet
    #: (the labels placed in a hurry are provisional anyway).
    _arrows_stale: set[str]
    _hurrying: bool = False

    def _route_all(self, journey: Any, hurry: Rect | None, changed_cards: set[str],
                   nodes: Any) -> set[str]:
        """Route every flow and place every label; when hurrying, only the
        flows whose cards' hull is near ``hurry`` (the others go to
        `late_flows`), with their labels placed provisionally."""
        self._detours_reset()
        # Flows a hurried pass put off never saw the cards that changed then:
        # their channels are looked at again.
        put_off = self.late_flows
        self.labels = LabelPlacer(self.s, self.covers_card, self.covers_arrow,
                                  self.covers_title)
        self.late_flows, self.unfinished = set(), set()
        if hurry is None:
            fids = {f.id for f in journey.iter_flows()}
            fids.update(self.routes)
            # Channels whose cards, strips and blockers all stayed put stay.
            self._rechannel = self._detours_touched(list(changed_cards)) | put_off
            try:
                return self._route(journey, fids, None, None)
            finally:
                self._rechannel = None
        pad = self.route_pad
        ax0, ay0 = hurry.x - pad, hurry.y - pad
        ax1, ay1 = hurry.x + hurry.w + pad, hurry.y + hurry.h + pad
        now: set[str] = set()
        ends: set[str] = set()
        spans = self._spans()
        late = self.late_flows
        for flow in journey.iter_flows():
            a, b = spans[flow.source], spans[flow.target]
            if ((a[0] < ax1 or b[0] < ax1) and (ax0 < a[2] or ax0 < b[2])
                    and (a[1] < ay1 or b[1] < ay1) and (ay0 < a[3] or ay0 < b[3])):
                now.add(flow.id)
                ends.add(flow.source)
                ends.add(flow.target)
            else:
                late.add(flow.id)
        now.update(fid for fid in self.routes if fid not in now and fid not in late)
        late_cells = self.late_cells
        stale = [cid for cid in ends if self.where[cid] in late_cells]
        changed_cards.update(self._rebox_cards(stale, nodes, []))
        return self._route(journey, now, [], hurry)

    def _route(self, journey: Any, fids: set[str], moved: list[Rect] | None,
               hurry: Rect | None) -> set[str]:
        """Route these flows again; place the labels (all of them when
        ``moved`` is None; when hurrying, those near ``hurry``); returns the
        ids whose path changed."""
        changed: set[str] = set()
        labelled: dict[str, FlowPath | None] = {}
        has_flow = journey.has_flow
        self._arrows_moved = []
        self._hurrying = hurry is not None
        self._columns_anew()
        if not self._hurrying:
            self._catch_up_arrows()
            if self._unfiled:  # chosen in a hurry: looked at again (`_detours_touched`)
                fids = fids | self._unfiled.keys()
                self._file_detours()
        for fid in fids:
            if has_flow(fid):
                self._route_one(fid, journey.flow(fid), changed, labelled)
            elif fid in self.routes:
                self._forget_flow(fid)
                changed.add(fid)
                labelled[fid] = None
        routes = self.routes
        if moved is None:
            paths = {fid: hit[5] for fid, hit in routes.items() if hit[3]}
            if paths:
                self._index_arrows()
            self.labels.place_all(paths)
            relabel: Iterable[str] = paths
        else:
            if labelled or self.labels.paths:
                self._index_arrows()
            relabel = self.labels.update(labelled, moved, hurry, self._arrows_moved)
            if hurry is None:
                relabel |= self.unfinished
        for fid in relabel:
            if fid in routes and routes[fid][3] and self._finish_label(fid):
                changed.add(fid)
        if hurry is None:
            self.unfinished = set()
            # Freed here rather than by the next (hurried) pass: after a
            # pass that finished a hurried one it holds thousands of paths.
            self._arrows_moved = []
        return changed

    def _route_one(self, fid: str, flow: Any, changed: set[str],
                   labelled: dict[str, FlowPath | None]) -> None:
        """Route one flow if its cards' boxes, kind, label or straightness changed."""
        a, b = self.cards[flow.source], self.cards[flow.target]
        same = a.stage == b.stage
        if self.keeps and self.flow_stage.get(fid) != (a.stage if same else None):
            self._set_flow_stage(fid, a.stage if same else None)
        # The shape: whether a same-column arrow goes straight, or the
        # channel of a flow that skips columns.
        shape: Any = same and self._clear_between(a, b)
        hit = self.routes.get(fid)
        span = 0 if same else self.stage_pos[b.stage] - self.stage_pos[a.stage]
        # Top cards of one lane: a backward arc over them, through the free
        # strip above the row (`app.layout.flows`); other flows that skip
        # columns, either way, run through the gaps between the cards.
        over = a.index == 0 and b.index == 0 and a.lane == b.lane
        if span >= 2 or (span <= -2 and not over):
            again = self._rechannel
            if (again is not None and fid not in again and fid in self.detour_of
                    and hit is not None and hit[0] is a and hit[1] is b):
                shape = hit[4]
            else:
                shape = self._channel(fid, a, b) or False
        elif fid in self.detour_of:  # it skipped columns before
            self._drop_detour(fid)
        label = drawn_text(flow.label, MAX_LINE_CHARS)
        if (hit is not None and hit[0] is a and hit[1] is b and hit[2] == flow.kind
                and hit[3] == label and hit[4] == shape):
            return
        if shape.__class__ is tuple:
            y, x0, x1 = shape
            path = detour_path(fid, flow.kind, label, a.rect, b.rect, y, x0, x1, self.s,
                               flow.source, flow.target)
        else:
            path = flow_path(fid, flow.kind, label, a.rect, b.rect, self.s,
                             source=flow.source, target=flow.target,
                             over=over,
                             direct=shape)
        if self.arrows is not None:
            if self._hurrying:
                self._arrows_stale.add(fid)
            else:
                self._arrows_moved.append((self.arrows.put(fid, path), path))
        if self.keeps:
            self.routes[fid] = (a, b, flow.kind, label, shape, path,
                                self._keep_track(fid, flow, a.rect, b.rect))
        else:
            self.routes[fid] = (a, b, flow.kind, label, shape, path, None)
        if path.label:
            labelled[fid] = path
            self.unfinished.add(fid)
            return
        if hit is not None and hit[3]:  # it had a label
            labelled[fid] = None
            self.finished.pop(fid, None)
            self.unfinished.discard(fid)
        self.flows[fid] = path
        changed.add(fid)

    def _keep_track(self, fid: str, flow: Any, ra: Rect, rb: Rect) -> tuple[Any, ...]:
        """What later (hurried) passes need to know of a routed flow: which
        cards it joins, where they were, and what each card reaches."""
        hull = (flow.source, flow.target, min(ra.x, rb.x), min(ra.y, rb.y),
                max(ra.x + ra.w, rb.x + rb.w), max(ra.y + ra.h, rb.y + rb.h))
        reach = self.reach
        for cid, other in ((flow.source, rb), (flow.target, ra)):
            got = reach.get(cid)
            reach[cid] = (other.y, other.y + other.h) if got is None else (
                min(got[0], other.y), max(got[1], other.y + other.h))
        if self.flow_ends.get(fid) != (flow.source, flow.target):  # new (or a reused id)
            self._set_ends(fid, (flow.source, flow.target))
        return hull

    def _forget_flow(self, fid: str) -> None:
        del self.routes[fid]
        del self.flows[fid]
        self._drop_detour(fid)
        if self.arrows is not None:
            self._arrows_moved.append((self.arrows.drop(fid), None))
        self.finished.pop(fid, None)
        self.unfinished.discard(fid)
        self._set_flow_stage(fid, None)
        for cid in self.flow_ends.pop(fid, ()):
            self.card_flows.get(cid, set()).discard(fid)

    def _set_ends(self, fid: str, ends: tuple[str, str]) -> None:
        for cid in self.flow_ends.get(fid, ()):
            self.card_flows.get(cid, set()).discard(fid)
        self.flow_ends[fid] = ends
        for cid in ends:
            self.card_flows.setdefault(cid, set()).add(fid)

    def _finish_label(self, fid: str) -> bool:
        """Put the placed label on the flow's path; whether the path changed."""
        route = self.routes[fid][5]
        pos = self.labels.pos[fid]
        over = fid in self.labels.over
        before = self.finished.get(fid)
        if before is not None and before[0] is route and before[1] == (pos, over):
            return False
        path = route
        if pos != route.label_pos or over:
            path = replace(route, label_pos=pos, label_rect=label_rect(route.label, pos, self.s),
                           label_over=over)
        self.finished[fid] = (route, (pos, over))
        self.flows[fid] = path
        return True

    def _set_flow_stage(self, fid: str, sid: str | None) -> None:
        before = self.flow_stage.get(fid)
        if before == sid:
            return
        if before is not None:
            self.same_stage[before].discard(fid)
            del self.flow_stage[fid]
        if sid is not None:
            self.flow_stage[fid] = sid
            self.same_stage.setdefault(sid, set()).add(fid)

    def _clear_between(self, a: CardBox, b: CardBox) -> bool:
        """Whether no card lies between two cards of the same column."""
        pos = self.lane_pos
        if pos[a.lane] > pos[b.lane] or (a.lane == b.lane and a.index > b.index):
            a, b = b, a
        if a.lane == b.lane:
            return b.index - a.index == 1
        cells = self.cells
        if a.index != len(cells.get((a.stage, a.lane), ())) - 1 or b.index != 0:
            return False
        lanes = self.lane_order[pos[a.lane] + 1 : pos[b.lane]]
        return not any(cells.get((a.stage, lid)) for lid in lanes)

    def _flows_of(self, card_ids: Iterable[str], strips: bool = True) -> set[str]:
        """Ids of the flows into and out of these cards (as last routed; a flow
        added or removed since was announced), and of the flows whose
        channel they may change (``strips``: and of those whose padding
        strip moved with its lane, which depends on the rows only)."""
        card_flows = self.card_flows
        fids: set[str] = set()
        card_ids = list(card_ids)
        for cid in card_ids:
            got = card_flows.get(cid)
            if got:
                fids.update(got)
        # And the flows whose channel through the columns they skip these
        # cards may open or close.
        fids.update(self._detours_touched(card_ids, strips))
        return fids

    def covers_arrow(self, fid: str, rect: Rect) -> bool:
        """Whether ``rect`` meets the arrow of a flow other than ``fid``."""
        arrows = self.arrows
        return arrows is not None and arrows.covers(rect, fid)

    def _catch_up_arrows(self) -> None:
        """Put the arrows routed in a hurry into the index (their changes
        go to the labels with this pass's own)."""
        stale, self._arrows_stale = self._arrows_stale, set()
        if self.arrows is None:
            return
        for fid in stale:
            hit = self.routes.get(fid)
            if hit is not None:  # a flow forgotten since left the index then
                self._arrows_moved.append((self.arrows.put(fid, hit[5]), hit[5]))

    def _index_arrows(self) -> None:
        """Make the arrow index (of every routed flow), if there is none yet."""
        if self.arrows is None:
            s = self.s
            self.arrows = ArrowIndex(arrow_air(s), s.arrow_length + s.arrow_width)
            for fid, hit in self.routes.items():
                self.arrows.put(fid, hit[5])
