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
after an edit cheap (unchanged cards and flows keep their box objects), and
the journey's announcements since the last call (``changes``) to make them
incremental: only the touched cells, the rows below a row whose height
changed, and the flows and labels those can affect are computed again
(`app.layout.engine`).  The result always equals a full computation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.layout.boxes import (
    CardBox,
    EmotionCurve,
    FlowPath,
    HeaderBox,
    Point,
    Rect,
    bezier_point,
)
from app.layout.engine import Engine
from app.layout.flows import flow_path
from app.layout.maplayout import LayoutDiff, MapLayout, diff_layouts
from app.layout.style import DEFAULT_STYLE, Style
from app.layout.text import metrics
from app.model.gcpause import paused_gc

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


class LayoutCache:
    """What one view keeps from layout to layout: measured card text and the
    layout engine, which remembers the last layout and updates it.

    A different style empties the cache.  After each `compute_layout`,
    `diff` tells what changed since the previous layout computed with this
    cache (None after the first).
    """

    def __init__(self, keeps: bool = True) -> None:
        self.style: Style | None = None
        self.engine: Engine | None = None
        self._keeps = keeps

    def use(self, style: Style) -> Engine:
        """The engine for ``style``; a new one (and empty caches) if the style changed."""
        if self.engine is None or (self.style is not style and self.style != style):
            self.engine = Engine(style, metrics(), keeps=self._keeps)
        self.style = style
        return self.engine

    @property
    def diff(self) -> LayoutDiff | None:
        """What the last `compute_layout` changed: the ids of the cards and
        flows whose boxes are new objects (or gone), and header, size, grid
        and curve flags.  None after the first layout or a style change."""
        return None if self.engine is None else self.engine.diff

    @property
    def pending(self) -> bool:
        """Whether the last layout was hurried and left flows or labels to finish."""
        return self.engine is not None and self.engine.pending

    def diff_from(self, old: MapLayout | None) -> LayoutDiff | None:
        """`diff` if the last layout was computed from ``old``, else None."""
        engine = self.engine
        if engine is None or old is None or engine.base is not old:
            return None
        return engine.diff

    @property
    def layout(self) -> MapLayout | None:
        """The last layout computed with this cache."""
        return None if self.engine is None else self.engine.layout


def compute_layout(
    journey: Any,
    style: Style = DEFAULT_STYLE,
    *,
    persona: str | None = None,
    cache: LayoutCache | None = None,
    changes: Iterable[Any] | None = None,
    hurry: Rect | None = None,
) -> MapLayout:
    """Lay out a whole map.

    Args:
        journey: the `app.model.journey.Journey` to lay out (read only).
        style: sizes, fonts and colours.
        persona: a persona id (or name): cards scoped to other personas come
            out ``faded`` and the emotion curve uses only this persona's cards.
        cache: keep one per view and pass it on every recompute.
        changes: every `app.model.journey.Change` the journey announced since
            the last call with this cache; the recompute is then incremental.
            None (the default) recomputes everything (reusing unchanged boxes).
        hurry: the area in sight (for the first layout of a cache, or with
            ``changes``): cards, flows and labels away from it may be left as
            they were, or out for now (`LayoutCache.pending` says so); the next
            call without ``hurry`` (``changes=[]`` when nothing else changed)
            finishes them.  Never for an export.
    """
    # Without a cache the layout is computed once (an export): the engine
    # keeps no track of flows for later passes.
    cache = cache if cache is not None else LayoutCache(keeps=False)
    engine = cache.use(style)
    persona_id = _resolve_persona(journey, persona)
    # A layout allocates tens of thousands of small objects and frees most of
    # them at once; none form cycles.  Pausing the cyclic collector meanwhile
    # spares a full collection of the whole document (tens of ms on a
    # 5,000-card map) in the middle of an interactive recompute.
    with paused_gc():
        return engine.run(journey, persona_id, changes, hurry)


def label_order(journey: Any) -> list[str]:
    """Ids of the labelled flows in the order their labels are placed: a label
    keeps off the cards and off the labels placed before it."""
    return sorted(f.id for f in journey.iter_flows() if f.label)


def _resolve_persona(journey: Any, persona: str | None) -> str | None:
    if persona is None:
        return None
    found = journey.persona_named(persona)
    return persona if found is None else found.id
