"""Where stages, lanes, cards and flows go: computed once from the model and
the bundled font's metrics, drawn by both the canvas (Qt) and the PDF
exporter (reportlab).  No Qt here.

The map is a grid: a header row of stages on top, a header column of lanes on
the left.  All columns are as wide as a card plus padding (stage names and
card titles wrap, so no column ever needs more); cards stack top to
bottom in their cell and never overlap; a cell grows to hold its cards and
its whole row grows with it.  An ``emotion`` lane reserves a band above its
cards for the emotion curve.

`compute_layout` is the entry point; pass a `LayoutCache` to make recomputes
after an edit cheap (unchanged cards and flows keep their box objects).
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from app.layout.boxes import CardBox, EmotionCurve, FlowPath, HeaderBox, Point, Rect, bezier_point
from app.layout.emotion import band_height, emotion_curve
from app.layout.flows import flow_path, label_rect
from app.layout.headers import (
    corner,
    lane_headers,
    lane_text_height,
    stage_headers,
    wrap_stage_names,
)
from app.layout.maplayout import LayoutDiff, MapLayout, diff_layouts
from app.layout.style import (
    DEFAULT_STYLE,
    Style,
    card_border,
    card_colors,
    emotion_color,
)
from app.layout.text import TextMetrics, metrics

__all__ = [
    "CardBox",
    "EmotionCurve",
    "FlowPath",
    "HeaderBox",
    "LayoutCache",
    "LayoutDiff",
    "MapLayout",
    "Point",
    "Rect",
    "bezier_point",
    "compute_layout",
    "diff_layouts",
    "flow_path",
    "label_order",
]


@dataclass(frozen=True, slots=True)
class _Measured:
    """A card's text laid out relative to its top-left corner."""

    lines: tuple[str, ...]
    height: float
    baselines: tuple[float, ...]
    meta: str
    meta_baseline: float | None


class LayoutCache:
    """Remembers measured card text and the boxes of the last layout.

    Text is keyed by (title, channel, has emotion mark) under one style (a
    different style empties the cache); boxes are reused whenever a card's
    or flow's inputs are unchanged, so recomputing a large map after moving
    one card costs a few milliseconds and `diff_layouts` can compare by
    identity.
    """

    def __init__(self) -> None:
        self.style: Style | None = None
        self.text: dict[tuple[str, str, bool], _Measured] = {}
        self.cards: dict[str, tuple[tuple[Any, ...], CardBox]] = {}
        self.flows: dict[str, tuple[Any, ...]] = {}

    def use(self, style: Style) -> None:
        """Start a layout in ``style``; forget everything if the style changed."""
        if self.style is not style and self.style != style:
            self.text.clear()
            self.cards.clear()
            self.flows.clear()
        self.style = style

    def measure(self, title: str, channel: str, mark: bool, tm: TextMetrics) -> _Measured:
        """The wrapped title and meta line of a card (cached)."""
        key = (title, channel, mark)
        got = self.text.get(key)
        if got is None:
            assert self.style is not None
            got = self.text[key] = _measure(title, channel, mark, self.style, tm)
        return got


def _measure(title: str, channel: str, mark: bool, s: Style, tm: TextMetrics) -> _Measured:
    width = s.card_width - s.stripe_width - 2 * s.card_pad_x
    if mark:
        width -= s.emotion_mark_size + 4
    lines = tuple(tm.wrap(title, width, s.card_title_size, max_lines=s.card_title_max_lines))
    lh = tm.line_height(s.card_title_size)
    asc, desc = tm.ascent(s.card_title_size), tm.descent(s.card_title_size)
    baselines = tuple(s.card_pad_top + asc + i * lh for i in range(len(lines)))
    height = s.card_pad_top + asc + desc + (len(lines) - 1) * lh + s.card_pad_bottom
    meta, meta_baseline = "", None
    if channel:
        meta_w = s.card_width - s.stripe_width - 2 * s.card_pad_x
        meta = tm.wrap(channel, meta_w, s.card_meta_size, max_lines=1)[0]
        m_desc = tm.descent(s.card_meta_size)
        height += s.card_meta_gap + tm.ascent(s.card_meta_size) + m_desc
    height = max(height, s.card_min_height)
    if channel:
        meta_baseline = height - s.card_pad_bottom - tm.descent(s.card_meta_size)
    return _Measured(lines, height, baselines, meta, meta_baseline)


def compute_layout(
    journey: Any,
    style: Style = DEFAULT_STYLE,
    *,
    persona: str | None = None,
    cache: LayoutCache | None = None,
) -> MapLayout:
    """Lay out a whole map.

    Args:
        journey: the `app.model.journey.Journey` to lay out (read only).
        style: sizes, fonts and colours.
        persona: a persona id (or name): cards scoped to other personas come
            out ``faded`` and the emotion curve uses only this persona's cards.
        cache: keep one per view and pass it on every recompute.
    """
    tm = metrics()
    cache = cache if cache is not None else LayoutCache()
    cache.use(style)
    persona_id = _resolve_persona(journey, persona)
    build = _Builder(journey, style, tm, cache, persona_id)
    # A layout allocates tens of thousands of small objects and frees most of
    # them at once; none form cycles.  Pausing the cyclic collector meanwhile
    # spares a full collection of the whole document (tens of ms on a
    # 5,000-card map) in the middle of an interactive recompute.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return build.run()
    finally:
        if was_enabled:
            gc.enable()


def label_order(journey: Any) -> list[str]:
    """Ids of the labelled flows in the order their labels are placed: a label
    keeps off the cards and off the labels placed before it."""
    flow_of = journey.flow
    return [fid for _, _, fid in journey.graph.edges(keys=True) if flow_of(fid).label]


def _resolve_persona(journey: Any, persona: str | None) -> str | None:
    if persona is None:
        return None
    for p in journey.personas:
        if p.id == persona:
            return p.id
    for p in journey.personas:
        if p.name == persona:
            return p.id
    return persona


class _Builder:
    """One run of `compute_layout` (split into steps to keep each one short)."""

    def __init__(self, journey: Any, style: Style, tm: TextMetrics, cache: LayoutCache,
                 persona: str | None) -> None:
        self.j, self.s, self.tm, self.cache, self.persona = journey, style, tm, cache, persona
        self.stages = [st.id for st in journey.stages]
        self.lanes = list(journey.lanes)
        self.col_w = style.card_width + 2 * style.cell_pad_x
        self.band_h = band_height(style)
        self.dept_colors = {d.id: d.color for d in journey.departments}
        self.lane_order = [lane.id for lane in self.lanes]
        self.lane_pos = {lid: i for i, lid in enumerate(self.lane_order)}
        self.cell_sizes: dict[tuple[str, str], int] = {}

    def run(self) -> MapLayout:
        s = self.s
        cells = {
            (sid, lane.id): self.j.cell_ids(sid, lane.id)
            for sid in self.stages
            for lane in self.lanes
        }
        measured = self._measure_cells(cells)
        self.cell_sizes = {key: len(ids) for key, ids in cells.items() if ids}
        wrapped, header_h = wrap_stage_names(self.j.stages, s, self.tm, self.col_w)
        columns = {
            sid: (s.lane_header_width + i * self.col_w, self.col_w)
            for i, sid in enumerate(self.stages)
        }
        rows, tops = self._rows(measured, header_h)
        width = s.lane_header_width + self.col_w * len(self.stages)
        cell_rects = {
            (sid, lid): Rect(columns[sid][0], y, self.col_w, h)
            for lid, (y, h) in rows.items()
            for sid in self.stages
        }
        self.cells, self.columns, self.rows = cells, columns, rows
        cards = self._cards(measured, columns, tops)
        height = header_h + sum(h for _, h in rows.values())
        return MapLayout(
            width=width,
            height=height,
            header_height=header_h,
            lane_header_width=s.lane_header_width,
            stage_headers=stage_headers(wrapped, s, self.tm, self.col_w, header_h),
            lane_headers=lane_headers(self.lanes, rows, s, self.tm),
            columns=columns,
            rows=rows,
            cells=cell_rects,
            cards=cards,
            flows=self._flows(cards),
            curves=self._curves(columns, rows),
            cell_cards={k: v for k, v in cells.items() if v},
            content_tops=tops,
            corner=corner(self.j.title, s, self.tm, header_h),
            card_width=s.card_width,
            card_gap=s.card_gap,
            marker_thickness=s.marker_thickness,
        )

    # ---------------------------------------------------------------- cards
    def _measure_cells(self, cells: dict) -> dict[tuple[str, str], tuple[list, list]]:
        """Each non-empty cell's cards and their measured text, top to bottom."""
        # One pass over the graph's nodes: much cheaper than journey.card() per id.
        nodes = {cid: data["card"] for cid, data in self.j.graph.nodes(data=True)}
        text, measure, tm = self.cache.text, self.cache.measure, self.tm
        out = {}
        for key, ids in cells.items():
            if not ids:
                continue
            # Two parallel lists rather than a pair per card: a recompute
            # allocates little, so it rarely wakes the cyclic GC.
            cards = [nodes[cid] for cid in ids]
            ms = []
            for card in cards:
                mark = card.emotion is not None
                m = text.get((card.title, card.channel, mark))
                if m is None:
                    m = measure(card.title, card.channel, mark, tm)
                ms.append(m)
            out[key] = (cards, ms)
        return out

    def _rows(self, measured: dict, header_h: float) -> tuple[dict, dict]:
        s, gap = self.s, self.s.card_gap
        stacks: dict[str, float] = {}
        for (_, lid), (_, ms) in measured.items():
            stack = sum(m.height for m in ms) + gap * (len(ms) - 1)
            stacks[lid] = max(stacks.get(lid, 0.0), stack)
        rows: dict[str, tuple[float, float]] = {}
        tops: dict[str, float] = {}
        y = header_h
        for lane in self.lanes:
            band = self.band_h if lane.kind == "emotion" else 0.0
            # An emotion lane's band already gives the row height; its cards
            # only need a strip below it (still a drop target when empty).
            floor = s.cell_pad_top + s.cell_pad_bottom if band else s.min_row_height
            need = max(floor, s.cell_pad_top + stacks.get(lane.id, 0.0) + s.cell_pad_bottom)
            need = max(need, lane_text_height(lane.name, s, self.tm) - band)
            tops[lane.id] = y + band + s.cell_pad_top
            rows[lane.id] = (y, band + need)
            y += band + need
        return rows, tops

    def _cards(self, measured: dict, columns: dict, tops: dict) -> dict[str, CardBox]:
        s, gap, cached = self.s, self.s.card_gap, self.cache.cards
        persona, colors = self.persona, self.dept_colors
        out: dict[str, CardBox] = {}
        samples: dict[str, list[int]] = {}
        for (sid, lid), (cards, ms) in measured.items():
            x = columns[sid][0] + s.cell_pad_x
            y = tops[lid]
            for index, card in enumerate(cards):
                m = ms[index]
                # Cards with no personas are for everyone.
                faded = persona is not None and bool(card.personas) and persona not in card.personas
                emotion = card.emotion
                if emotion is not None and not faded:
                    samples.setdefault(sid, []).append(emotion)
                sig = (x, y, m, card.kind, colors.get(card.owner), emotion, card.evidence, faded,
                       sid, lid, index)
                hit = cached.get(card.id)
                if hit is not None and hit[0] == sig:
                    box = hit[1]
                else:
                    box = self._card_box(card, m, sig)
                    cached[card.id] = (sig, box)
                out[card.id] = box
                y += m.height + gap
        _prune(cached, out)
        self.samples = samples
        return out

    def _card_box(self, card: Any, m: _Measured, sig: tuple[Any, ...]) -> CardBox:
        s = self.s
        x, y, _, kind, stripe_color, emotion, evidence, faded, sid, lid, index = sig
        rect = Rect(x, y, s.card_width, m.height)
        fill, border = card_colors(s, card)
        border_width, dashed = card_border(s, evidence)
        stripe = Rect(x, y, s.stripe_width, m.height) if stripe_color else None
        mark = None
        if emotion is not None:
            size = s.emotion_mark_size
            mark = Rect(x + s.card_width - s.card_pad_x * 0.6 - size, y + s.card_pad_top * 0.6,
                        size, size)
        return CardBox(
            id=card.id, rect=rect, title_lines=m.lines, title_size=s.card_title_size,
            title_baselines=tuple(y + b for b in m.baselines),
            text_x=x + s.stripe_width + s.card_pad_x, meta=m.meta,
            meta_baseline=None if m.meta_baseline is None else y + m.meta_baseline,
            meta_size=s.card_meta_size, stripe=stripe, stripe_color=stripe_color,
            fill=fill, border=border, border_dashed=dashed, border_width=border_width,
            emotion=emotion, emotion_mark=mark,
            emotion_color=None if emotion is None else emotion_color(s, emotion),
            evidence=evidence, kind=kind, faded=faded, stage=sid, lane=lid, index=index,
        )

    # ---------------------------------------------------------------- flows
    def _flows(self, cards: dict[str, CardBox]) -> dict[str, FlowPath]:
        s, cached, flow_of = self.s, self.cache.flows, self.j.flow
        out: dict[str, FlowPath] = {}
        # Placed labels by 256-unit bucket: a label is checked against its
        # neighbours only, not against every label placed before it.
        self.labels: dict[tuple[int, int], list[Rect]] = {}
        self.col_starts = [x for x, _ in self.columns.values()]
        for src, dst, fid in self.j.graph.edges(keys=True):
            flow = flow_of(fid)
            a, b = cards[src], cards[dst]
            # A straight arrow depends on the column's other cards, so it is
            # part of the check; everything else comes with the two boxes,
            # which are reused (so compared by identity) while a card stays put.
            direct = a.stage == b.stage and self._clear_between(a, b)
            hit = cached.get(fid)
            if (hit is None or hit[0] is not a or hit[1] is not b or hit[2] != flow.kind
                    or hit[3] != flow.label or hit[4] != direct):
                path = flow_path(fid, flow.kind, flow.label, a.rect, b.rect, s,
                                 source=src, target=dst, over=a.index == 0 and b.index == 0,
                                 direct=direct)
                hit = cached[fid] = (a, b, flow.kind, flow.label, direct, path)
            path = hit[5]
            if flow.label:
                path = self._place_label(fid, hit, cards)
            out[fid] = path
        _prune(cached, out)
        return out

    def _place_label(self, fid: str, hit: tuple[Any, ...], cards: dict[str, CardBox]) -> FlowPath:
        """Slide a label along its curve, from the midpoint outwards, off the cards
        and off the labels placed before it."""
        # Checked on every run, not only when the flow moved: other cards may
        # have moved under the label.  Only labelled flows pay for it.
        path: FlowPath = hit[5]
        for t in _LABEL_SPOTS:
            pos = path.point_at(t)
            rect = label_rect(path.label, pos, self.s)
            if rect is not None and not self._covers_card(rect, cards) and not self._covers_label(
                rect
            ):
                break
        else:
            pos = path.point_at(0.5)
        if pos != path.label_pos:
            path = replace(path, label_pos=pos, label_rect=label_rect(path.label, pos, self.s))
            self.cache.flows[fid] = (*hit[:5], path)
        if path.label_rect is not None:
            r = path.label_rect
            for key in _buckets(r):
                self.labels.setdefault(key, []).append(r)
        return path

    def _covers_label(self, rect: Rect) -> bool:
        """Whether ``rect`` overlaps a label placed before (looked up by bucket)."""
        labels = self.labels
        for key in _buckets(rect):
            for other in labels.get(key, ()):
                if rect.intersects(other):
                    return True
        return False

    def _covers_card(self, rect: Rect, cards: dict[str, CardBox]) -> bool:
        starts = self.col_starts
        first = max(bisect_right(starts, rect.x) - 1, 0)
        last = bisect_right(starts, rect.right)
        top, bottom = rect.y, rect.y + rect.h
        for sid in self.stages[first:last]:
            for lid, (y, h) in self.rows.items():
                if y > bottom or y + h < top:
                    continue
                ids = self.cells.get((sid, lid), ())
                # A cell's cards are stacked top to bottom: skip those above
                # the rectangle by bisection, stop at the first one below it.
                lo, hi = 0, len(ids)
                while lo < hi:
                    mid = (lo + hi) // 2
                    r = cards[ids[mid]].rect
                    if r.y + r.h < top:
                        lo = mid + 1
                    else:
                        hi = mid
                for i in range(lo, len(ids)):
                    r = cards[ids[i]].rect
                    if r.y > bottom:
                        break
                    if r.intersects(rect):
                        return True
        return False

    def _clear_between(self, a: CardBox, b: CardBox) -> bool:
        """Whether no card lies between two cards of the same column."""
        if a.stage != b.stage:
            return False
        if self.lane_pos[a.lane] > self.lane_pos[b.lane] or (
            a.lane == b.lane and a.index > b.index
        ):
            a, b = b, a
        if a.lane == b.lane:
            return b.index - a.index == 1
        count = self.cell_sizes.get
        if a.index != count((a.stage, a.lane), 0) - 1 or b.index != 0:
            return False
        lanes = self.lane_order[self.lane_pos[a.lane] + 1 : self.lane_pos[b.lane]]
        return not any(count((a.stage, lid), 0) for lid in lanes)

    # -------------------------------------------------------------- emotion
    def _curves(self, columns: dict, rows: dict) -> list[EmotionCurve]:
        s = self.s
        curves = []
        samples = [
            (sid, columns[sid][0] + self.col_w / 2, sum(vals) / len(vals))
            for sid in self.stages
            if (vals := self.samples.get(sid))
        ]
        x0 = s.lane_header_width
        for lane in self.lanes:
            if lane.kind != "emotion":
                continue
            band = Rect(x0, rows[lane.id][0], self.col_w * len(self.stages), self.band_h)
            curves.append(emotion_curve(lane.id, band, samples, s))
        return curves


#: Where along a curve a label may sit, best first (the midpoint).
_LABEL_SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)


def _buckets(r: Rect) -> list[tuple[int, int]]:
    """The 256-unit buckets a rectangle touches."""
    x0, x1 = int(r.x // _BUCKET), int((r.x + r.w) // _BUCKET)
    y0, y1 = int(r.y // _BUCKET), int((r.y + r.h) // _BUCKET)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


_BUCKET = 256.0


def _prune(cached: dict, current: dict) -> None:
    """Drop cache entries of cards or flows that no longer exist."""
    # Every current key is cached, so equal sizes mean equal key sets.
    if len(cached) != len(current):
        for key in [k for k in cached if k not in current]:
            del cached[key]
