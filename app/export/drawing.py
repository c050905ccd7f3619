"""What an export draws, computed once and shared by every output format.

A `Drawing` is the map's layout (the same `compute_layout` the canvas uses)
with the title block and legend laid out in a band below it.  The PDF and
image writers only turn a `Drawing` into marks on paper or pixels.  No Qt.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields, replace
from typing import Any

from app.export.department import (
    DEPARTMENT_VIEW,
    department_view,
    frame_steps,
    resolve_department,
)
from app.export.titleblock import Block, title_block
from app.layout.clamp import MAX_DRAWN_CHARS, drawn_text
from app.layout.geometry import MapLayout, compute_layout
from app.layout.style import DEFAULT_STYLE, Style
from app.model import edits
from app.model.analysis import resolve_persona
from app.model.journey import Journey

#: Space between the map and the title block.
BLOCK_GAP = 24.0


@dataclass
class Drawing:
    """The map's layout plus its title block, in layout units (1 unit = 1 pt).

    Attributes:
        journey: the map drawn (already narrowed to ``persona``'s cards).
        layout: where every header, card, flow and curve goes.
        block: the title block and legend, below the map.
        style: the theme both were computed with.
        persona: the persona id the map is shown for, or None.
    """

    journey: Journey
    layout: MapLayout
    block: Block
    style: Style
    persona: str | None

    @property
    def width(self) -> float:
        """Width of the whole drawing."""
        return max(self.layout.width, self.block.width)

    @property
    def height(self) -> float:
        """Height of the map, the gap and the title block."""
        return self.layout.height + BLOCK_GAP + self.block.height


def persona_view(journey: Journey, persona_id: str) -> Journey:
    """A copy of ``journey`` holding only the cards ``persona_id`` sees, and
    the flows between them.  Cards with no personas are for everyone."""
    copy = Journey()
    steps = frame_steps(journey)
    kept: set[str] = set()
    for stage in journey.stages:
        for lane in journey.lanes:
            seen = [c for c in journey.cell(stage.id, lane.id)
                    if not c.personas or persona_id in c.personas]
            for index, card in enumerate(seen):
                steps.append(edits.AddCard(replace(card, order=index)))
                kept.add(card.id)
    steps += [edits.AddFlow(f) for f in journey.flows if f.source in kept and f.target in kept]
    edits.Compound(tuple(steps)).apply(copy)
    copy.extra = dict(journey.extra)
    return copy


def _too_long(item: Any, limit: int) -> bool:
    return any(isinstance(v, str) and len(v) > limit
               for v in (getattr(item, f.name) for f in fields(item)))


def _shortened(item: Any, limit: int) -> Any:
    if not _too_long(item, limit):
        return item
    changes = {f.name: drawn_text(v, limit) for f in fields(item)
               if isinstance(v := getattr(item, f.name), str) and len(v) > limit}
    return replace(item, **changes)


def drawn_view(journey: Journey, limit: int = MAX_DRAWN_CHARS) -> Journey:
    """``journey`` with every text longer than ``limit`` shortened (a copy), or
    ``journey`` itself when no text is that long."""
    parts = (journey.stages, journey.lanes, journey.departments, journey.personas,
             journey.cards, journey.flows)
    if (len(journey.title) <= limit and len(journey.description) <= limit
            and not any(_too_long(item, limit) for items in parts for item in items)):
        return journey
    copy = Journey()
    steps: list[edits.Edit] = [
        edits.SetInfo(drawn_text(journey.title, limit), drawn_text(journey.description, limit))]
    steps += [edits.AddStage(_shortened(s, limit)) for s in journey.stages]
    steps += [edits.AddLane(_shortened(x, limit)) for x in journey.lanes]
    steps += [edits.AddDepartment(_shortened(d, limit)) for d in journey.departments]
    steps += [edits.AddPersona(_shortened(p, limit)) for p in journey.personas]
    for stage in journey.stages:
        for lane in journey.lanes:
            steps += [edits.AddCard(_shortened(replace(card, order=i), limit))
                      for i, card in enumerate(journey.cell(stage.id, lane.id))]
    steps += [edits.AddFlow(_shortened(f, limit)) for f in journey.flows]
    edits.Compound(tuple(steps)).apply(copy)
    copy.extra = dict(journey.extra)
    return copy


def build_drawing(
    journey: Journey,
    *,
    persona: str | None = None,
    style: Style = DEFAULT_STYLE,
    today: _dt.date | None = None,
    department: str | None = None,
) -> Drawing:
    """Lay out ``journey`` (as ``persona`` sees it) with its title block.

    Args:
        journey: the map.
        persona: a persona id or name; other personas' cards are left out.
        style: the theme (the canvas's, so that paper matches the screen).
        today: the date printed in the title block (default: today).

    Raises:
        JourneyError: unknown persona.
    """
    persona_id = resolve_persona(journey, persona)
    shown = journey if persona_id is None else persona_view(journey, persona_id)
    laid_out_for, dept_name = persona_id, None
    if department:  # one department's map (app.export.department)
        dept = resolve_department(journey, department)
        shown, laid_out_for, dept_name = department_view(shown, dept.id), DEPARTMENT_VIEW, dept.name
    # Pathological text (a 10 MB label) is drawn shortened; the map keeps it whole.
    shown = drawn_view(shown)
    layout = compute_layout(shown, style, persona=laid_out_for)
    block = title_block(shown, style, max(layout.width, 560.0),
                        (0.0, layout.height + BLOCK_GAP), persona=persona_id, today=today,
                        department=dept_name)
    return Drawing(shown, layout, block, style, persona_id)
