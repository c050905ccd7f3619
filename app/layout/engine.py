"""The layout engine: computes a `MapLayout` and keeps it up to date, edit
after edit, by recomputing only what an edit can have changed.

One `Engine` lives in each `app.layout.geometry.LayoutCache`.  A pass is
either *full* (every cell, card, flow and label; the first layout, a new
style, persona or document, or a change of stages, lanes or departments) or
*incremental*, driven by the journey's announcements since the last pass:

* the cells of the cards added, removed, moved or changed are re-stacked;
  if that changes the height of a row, every row below moves down or up
  and the cards in them are placed again (a fast loop: their text is
  measured already);
* a card whose signature (position, text, looks, cell, index) is unchanged
  keeps its `CardBox` object;
* only the flows of cards whose box changed, the flows that changed, and
  the same-column flows of columns whose cells changed size (their
  "straight arrow" test depends on it) are routed again;
* labels are re-placed by `app.layout.labels.LabelPlacer`, which knows
  which labels the moved cards and labels can affect.

Both passes run the same code on their part of the map, in the same
arithmetic, so an incremental result equals a full one exactly (a property
test checks it after random edits).

An incremental pass may be asked to hurry for an area (what the views
show): then the unlabelled flows whose old and new courses both keep away
from it, and the labels away from it, are left as they were and listed as
*pending*; the next pass that does not hurry (``changes=[]`` will do)
finishes them, and only then is the layout exact again.  Every pass also records which boxes
changed, so the canvas updates those items without comparing whole layouts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.layout.blueprint import line_boxes
from app.layout.boxes import CardBox, EmotionCurve, FlowPath, Rect
from app.layout.boxing import Boxing
from app.layout.cards import CardSignature, Measured
from app.layout.columns import Columns
from app.layout.emotion import band_height, emotion_curve
from app.layout.headers import (
    corner,
    lane_text_height,
    stage_headers,
    wrap_stage_names,
)
from app.layout.hurry import Hurry
from app.layout.labels import LabelPlacer
from app.layout.maplayout import LayoutDiff, MapLayout
from app.layout.marks import department_codes
from app.layout.routing import Routing
from app.layout.stacking import Resized, Stacking
from app.layout.style import Style
from app.layout.text import TextMetrics
from app.layout.versions import Shared
from app.model.changes import CARD_CHANGES, FLOW_CHANGES, INCREMENTAL_LAYOUT, ChangeKind
from app.model.waits import stage_totals

Key = tuple[str, str]


class Engine(Stacking, Boxing, Routing, Hurry, Columns):
    """Lays out one journey in one style, and keeps the result up to date.

    Args:
        style: sizes, fonts and colours.
        tm: text metrics.
        keeps: whether the engine will update its layout later (it then keeps
            track of which flows join which cards, for incremental and
            hurried passes); a one-shot layout (an export) does without.
    """

    def __init__(self, style: Style, tm: TextMetrics, keeps: bool = True) -> None:
        Columns.__init__(self)
        self.s, self.tm, self.keeps = style, tm, keeps
        self.text: dict[tuple[str, str, bool], Measured] = {}
        self.layout: MapLayout | None = None
        self.rows: dict[str, tuple[float, float]] = {}
        self.diff: LayoutDiff | None = None
        self.base: MapLayout | None = None  # the layout `diff` starts from
        self._graveyard: list[MapLayout] = []
        self._journey: Any = None
        self._persona: str | None = None
        self._structure: tuple[Any, ...] | None = None
        # Per non-empty cell: card ids, measured text, offsets of the cards
        # below the lane's content top, stack height, (emotion sum, count).
        self.cells: dict[Key, list[str]] = {}
        self.meas: dict[Key, list[Measured]] = {}
        self.offs: dict[Key, list[float]] = {}
        self.stack: dict[Key, float] = {}
        self.emo: dict[Key, tuple[int, int]] = {}
        self.where: dict[str, Key] = {}
        self.slot: dict[str, int] = {}  # index of each card in its cell
        self.late_cells: set[Key] = set()  # cells whose cards a hurried pass left unplaced
        # Cards left unplaced although they move -> (left, top, right, bottom) now.
        self.late_moved: dict[str, tuple[float, float, float, float]] = {}
        self.late_shift = 0.0  # how far any of them moved, at most
        # Runs of cards left unplaced although they move: (cell, first, end).
        self.late_runs: list[tuple[Key, int, int]] = []
        # Of the cells re-stacked by a pass: those measured anew, and per cell
        # whose cards only moved, its stack before and the runs that stayed.
        self.rewritten: set[Key] = set()
        self.kept: dict[Key, tuple[Any, ...]] = {}
        self.old_tops: dict[str, float] = {}
        # Card id -> (top, bottom) of the cards its flows connect it to, as
        # they were when each flow was routed (only ever widens).
        self.reach: dict[str, tuple[float, float]] = {}
        self.card_flows: dict[str, set[str]] = {}  # card id -> ids of its flows
        self.flow_ends: dict[str, tuple[str, str]] = {}
        self.sigs: dict[str, CardSignature] = {}
        self.cards: dict[str, CardBox] = {}
        # fid -> (source box, target box, kind, label, direct, routed path,
        #         (source id, target id, and the hull of the two boxes))
        self.routes: dict[str, tuple[Any, ...]] = {}
        self.flows: dict[str, FlowPath] = {}
        self.finished: dict[str, tuple[FlowPath, Any]] = {}  # labelled: (route, (spot, over))
        self.late_flows: set[str] = set()  # unlabelled flows a hurried pass left as they were
        self.unfinished: set[str] = set()  # labelled flows routed anew, label not yet put on
        self._arrows_stale: set[str] = set()  # routed in a hurry, not yet in the arrow index
        self.flow_stage: dict[str, str] = {}  # same-column flows -> their column
        self.same_stage: dict[str, set[str]] = {}
        self.labels = LabelPlacer(style, self.covers_card, covers_title=self.covers_title)
        # The card and flow dicts the newest layout shares (`app.layout.versions`).
        self.shared_cards, self.shared_flows = Shared(), Shared()

    # ------------------------------------------------------------- passes
    def run(self, journey: Any, persona: str | None, changes: Iterable[Any] | None,
            hurry: Rect | None = None) -> MapLayout:
        """Lay out ``journey`` (incrementally when ``changes`` lists every
        announcement since the last run on the same journey and persona;
        ``hurry``: leave what is away from this area pending)."""
        structure = _structure(journey)
        if not self.keeps:
            hurry = None  # nothing would ever finish what a hurried pass leaves
        if changes is not None:
            changes = list(changes)
        incremental = (
            changes is not None
            and self.keeps
            and self.layout is not None
            and journey is self._journey
            and persona == self._persona
            and structure == self._structure
            and all(c.kind in INCREMENTAL_LAYOUT for c in changes)
        )
        old = self.layout
        if hurry is not None and self.base is not None:
            # Freeing the boxes a layout replaced costs milliseconds after a
            # big shift: a hurried pass leaves that to the pass that finishes.
            self._graveyard.append(self.base)
        self.base = old
        self._journey, self._persona, self._structure = journey, persona, structure
        if incremental:
            assert changes is not None
            layout = self._incremental(journey, changes, hurry)
        else:
            layout = self._full(journey, hurry)
        self.diff = _diff_flags(old, layout, self.diff) if old is not None else None
        self.layout = layout
        if hurry is None:
            self._graveyard.clear()
        return layout

    def _full(self, journey: Any, hurry: Rect | None = None) -> MapLayout:
        # Only the very first layout may hurry (a document being opened):
        # later full passes reuse boxes and are quick enough whole.
        if self.layout is not None:
            hurry = None
        s, tm = self.s, self.tm
        self.stages = [st.id for st in journey.stages]
        self.lanes = list(journey.lanes)
        self.lane_order = [lane.id for lane in self.lanes]
        self.lane_pos = {lid: i for i, lid in enumerate(self.lane_order)}
        self.col_w = s.card_width + 2 * s.cell_pad_x
        self.band_h = band_height(s)
        self.route_pad = 2 * s.flow_reach + 2 * s.cell_pad_x + s.cell_pad_top + s.arrow_length
        # Owner -> (stripe colour, short code): the card's box shows both.
        codes = department_codes(journey.departments)
        self.colors = {d.id: (d.color, codes[d.id]) for d in journey.departments}
        self.lane_floor = {lane.id: lane_text_height(lane.name, s, tm) for lane in self.lanes}
        wrapped, self.header_h = wrap_stage_names(journey.stages, s, tm, self.col_w)
        self.wrapped_stages = wrapped
        self.stage_waits = stage_totals(journey.cards)
        self.stage_boxes = stage_headers(wrapped, s, tm, self.col_w, self.header_h,
                                         self.stage_waits)
        self.columns = {
            sid: (s.lane_header_width + i * self.col_w, self.col_w)
            for i, sid in enumerate(self.stages)
        }
        self.col_starts = [x for x, _ in self.columns.values()]
        self.width = s.lane_header_width + self.col_w * len(self.stages)
        self.corner = corner(journey.title, s, tm, self.header_h)
        for store in (self.cells, self.meas, self.offs, self.stack, self.emo, self.where,
                      self.slot, self.late_cells):
            store.clear()
        # (`reach` stays: routes reused as they are keep their ends in it.)
        self.late_moved, self.late_shift = {}, 0.0
        nodes = _node_attrs(journey)
        self._columns_changed(None)
        for sid in self.stages:
            for lid in self.lane_order:
                ids = journey.cell_ids(sid, lid)
                if ids:
                    self._restack((sid, lid), ids, nodes)
        self.lane_stack = {lid: self._lane_stack(lid) for lid in self.lane_order}
        self._set_rows(force=True)
        changed_cards, moved = self._rebox(list(self.cells), nodes, hurry, box_new=hurry is None)
        gone = [cid for cid in self.cards if cid not in self.where]
        for cid in gone:
            self._drop_card(cid, moved)
        changed_cards.update(gone)
        changed_flows = self._route_all(journey, hurry, changed_cards, nodes)
        self.curves = self._curves()
        return self._layout(changed_cards, changed_flows, full=True)

    @property
    def pending(self) -> bool:
        """Whether a hurried pass left flows or labels to finish."""
        return bool(self.late_cells or self.late_flows or self.labels.pending
                    or self.labels.arrows_later or self._arrows_stale
                    or self.unfinished or getattr(self, "_unfiled", None))

    def _incremental(self, journey: Any, changes: list[Any], hurry: Rect | None) -> MapLayout:
        card_ids: set[str] = set()
        content_ids: set[str] = set()  # cards that may look different (or came, or went)
        flow_ids: set[str] = set()
        cells: dict[Key, None] = {}  # cells a move touched, as announced
        for change in changes:
            kind = change.kind
            if kind is ChangeKind.CARDS_MOVED and change.cells:
                # The cells, not the hundreds of cards in them, are what counts.
                cells.update(dict.fromkeys(change.cells))
            elif kind in CARD_CHANGES:
                card_ids.update(change.ids)
                if kind is not ChangeKind.CARDS_MOVED:
                    content_ids.update(change.ids)
            elif kind in FLOW_CHANGES:
                flow_ids.update(change.ids)
            elif kind is ChangeKind.JOURNEY_CHANGED:
                self.corner = corner(journey.title, self.s, self.tm, self.header_h)
        nodes = _node_attrs(journey)
        touched, resized, shifted = self._restack_touched(journey, card_ids, content_ids,
                                                          cells, nodes)
        self._columns_changed(key[0] for key in touched)
        cells = dict(touched)
        if shifted:
            cells.update((key, None) for key in self.cells if key[1] in shifted)
        # Whatever earlier hurried passes left is looked at again (it may be
        # in sight now); a hurried pass leaves it late if it still is not.
        was_late, self.late_cells = self.late_cells, set()
        cells.update(dict.fromkeys(was_late))
        keys = [key for key in cells if key in self.cells]
        # Cells whose cards only moved, all boxed exactly before: a hurried
        # pass finds their cards in sight by bisection.
        windowed = {key for key in keys if key not in was_late and key not in self.rewritten}
        changed_cards, moved = self._rebox(keys, nodes, hurry, windowed=windowed)
        for cid in card_ids:
            if cid not in nodes and cid in self.cards:
                self._drop_card(cid, moved)
                changed_cards.add(cid)
        fids = self._flows_to_route(journey, flow_ids, resized, changed_cards, moved, nodes,
                                    hurry)
        changed_flows = self._route(journey, fids, moved, hurry)
        if touched or shifted:
            curves = self._curves()
            if curves != self.curves:
                self.curves = curves
        self._restate_waits(journey, content_ids, nodes, bool(cells or card_ids))
        return self._layout(changed_cards, changed_flows)

    def _restate_waits(self, journey: Any, content_ids: set[str], nodes: Any,
                       moved: bool) -> None:
        """The stage headers anew when a stage's total wait changed (a map
        without waits never sums them)."""
        fresh = any(cid in nodes and nodes[cid]["card"].wait is not None for cid in content_ids)
        if not moved or not (self.stage_waits or fresh):
            return
        waits = stage_totals(journey.cards)
        if waits != self.stage_waits:
            self.stage_waits = waits
            self.stage_boxes = stage_headers(self.wrapped_stages, self.s, self.tm, self.col_w,
                                             self.header_h, waits)

    def _flows_to_route(self, journey: Any, flow_ids: set[str], resized: Resized,
                        changed_cards: set[str], moved: list[Rect], nodes: Any,
                        hurry: Rect | None) -> set[str]:
        """The flows a pass must route again (when hurrying: of those, the ones
        that cannot wait; the others go to `late_flows`)."""
        fids = set(flow_ids)
        for key, lasts in resized.items():
            # An arrow within a column goes straight from the last card of a
            # cell to the first of a cell below when no card is between: a
            # cell's size matters to the flows of its last card, before and
            # after; its emptiness to every such arrow of its column.
            if None in lasts:
                fids.update(self.same_stage.get(key[0], ()))
            else:
                fids.update(self._flows_of(lasts))
        carried, self.late_flows = self.late_flows, set()
        fids.update(carried)
        fids.update(self._flows_of(changed_cards))
        # Flows of cards left late may still cross the area in sight.
        late_moved, self.late_moved = self.late_moved, {}
        shift, self.late_shift = self.late_shift, 0.0
        if hurry is None:
            fids.update(self._flows_of(late_moved))
            return fids
        late_moved.update(self._runs_near(hurry, shift))
        far = self._far_flows(late_moved, hurry, shift)
        fids.update(self._flows_of(cid for cid in late_moved if cid not in far))
        self.late_flows.update(self._flows_of(far))
        fids = self._put_off(journey, fids, flow_ids, hurry, changed_cards, moved, nodes,
                             late_moved, carried)
        self.late_flows -= fids
        return fids

    # ------------------------------------------------------------- curves
    def _curves(self) -> list[EmotionCurve]:
        s, emo = self.s, self.emo
        samples = []
        for sid in self.stages:
            total = count = 0
            for lid in self.lane_order:
                got = emo.get((sid, lid))
                if got is not None:
                    total += got[0]
                    count += got[1]
            if count:
                samples.append((sid, self.columns[sid][0] + self.col_w / 2, total / count))
        x0 = s.lane_header_width
        return [
            emotion_curve(lane.id, Rect(x0, self.rows[lane.id][0], self.col_w * len(self.stages),
                                        self.band_h), samples, s)
            for lane in self.lanes
            if lane.kind == "emotion"
        ]

    # ------------------------------------------------------------- result
    def _layout(self, changed_cards: set[str], changed_flows: set[str],
                full: bool = False) -> MapLayout:
        s = self.s
        self.diff = LayoutDiff(cards=changed_cards, flows=changed_flows, headers_changed=False,
                               size_changed=False)
        prev = self.layout
        if (full or prev is None or prev.cards is not self.shared_cards.live
                or prev.flows is not self.shared_flows.live):
            cards = self.shared_cards.reset(self.cards)
            flows = self.shared_flows.reset(self.flows)
        else:
            # The diff names every box that changed: the layout before gets
            # a view of the shared dicts as they were, and they are updated.
            for shared, mine, changed, name in (
                    (self.shared_cards, self.cards, changed_cards, "cards"),
                    (self.shared_flows, self.flows, changed_flows, "flows")):
                before = shared.advance(mine, changed)
                if before is not None:
                    setattr(prev, name, before)
            cards, flows = self.shared_cards.live, self.shared_flows.live
        return MapLayout(
            width=self.width,
            height=self.height,
            header_height=self.header_h,
            lane_header_width=s.lane_header_width,
            stage_headers=self.stage_boxes,
            lane_headers=self.lane_boxes,
            columns=self.columns,
            rows=self.rows,
            cells=self.cell_rects,
            cards=cards,
            flows=flows,
            curves=self.curves,
            cell_cards=dict(self.cells),
            content_tops=self.tops,
            corner=self.corner,
            card_width=s.card_width,
            card_gap=s.card_gap,
            marker_thickness=s.marker_thickness,
            blueprint_lines=line_boxes(self.lanes, self.rows, self.width, s, self.tm),
        )


def _node_attrs(journey: Any) -> Any:
    """Card id -> node attributes (``["card"]`` is the card)."""
    # networkx keeps them in a plain dict (``Graph._node``): reading it
    # directly spares a Python-level view call per card.
    return getattr(journey.graph, "_node", None) or journey.graph.nodes


def _structure(journey: Any) -> tuple[Any, ...]:
    """What a full pass depends on beyond cards and flows: stages, lanes, departments."""
    return (
        tuple((st.id, st.name) for st in journey.stages),
        tuple((lane.id, lane.name, lane.kind) for lane in journey.lanes),
        tuple((d.id, d.color) for d in journey.departments),
        tuple((p.id, p.name) for p in journey.personas),
    )


def _diff_flags(old: MapLayout, new: MapLayout, diff: LayoutDiff | None) -> LayoutDiff:
    """The pass's changed ids with the header, size, grid and curve flags filled in."""
    assert diff is not None
    return LayoutDiff(
        cards=diff.cards,
        flows=diff.flows,
        headers_changed=(
            old.stage_headers is not new.stage_headers and old.stage_headers != new.stage_headers
            or old.lane_headers is not new.lane_headers and old.lane_headers != new.lane_headers
            or old.corner != new.corner
        ),
        size_changed=(old.width, old.height) != (new.width, new.height),
        grid_changed=old.columns != new.columns or old.rows != new.rows,
        curves_changed=old.curves is not new.curves and old.curves != new.curves,
    )

