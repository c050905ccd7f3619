"""One department's map (contract: export option ``--department NAME``).

`department_view` keeps the cards the department owns and, faded, the cards
at the other end of their flows, with those flows; the layout fades cards by
persona, so the copy marks the cards it keeps whole as for everyone and the
far ends as another persona's, and is laid out for `DEPARTMENT_VIEW`.

Plain Python; never imports Qt.
"""

from __future__ import annotations

from dataclasses import replace

from app.model import edits
from app.model.errors import JourneyError
from app.model.journey import Department, Journey, Persona

#: The persona a department's view is laid out for (no real persona has this id).
DEPARTMENT_VIEW = "\x00department"
_FAR_END = "\x00elsewhere"


def resolve_department(journey: Journey, name: str) -> Department:
    """The department with id ``name``, else the one so named (case folded).

    Raises:
        JourneyError: none has that id or name (the message lists the names).
    """
    for dept in journey.departments:
        if dept.id == name:
            return dept
    for dept in journey.departments:
        if dept.name.casefold() == name.casefold():
            return dept
    known = ", ".join(f'"{d.name}"' for d in journey.departments) or "none"
    raise JourneyError(f'no department named "{name}"; the departments are: {known}')


def frame_steps(journey: Journey) -> list[edits.Edit]:
    """The edits that copy a map's title, stages, lanes, departments and personas
    (a view of the map then adds the cards and flows it shows)."""
    steps: list[edits.Edit] = [edits.SetInfo(journey.title, journey.description)]
    steps += [edits.AddStage(s) for s in journey.stages]
    steps += [edits.AddLane(lane) for lane in journey.lanes]
    steps += [edits.AddDepartment(d) for d in journey.departments]
    steps += [edits.AddPersona(p) for p in journey.personas]
    return steps


def department_view(journey: Journey, department_id: str) -> Journey:
    """A copy of ``journey`` with the department's cards, the far ends of their
    flows (to be drawn faded) and those flows; lay it out for `DEPARTMENT_VIEW`."""
    owned = {c.id for c in journey.cards if c.owner == department_id}
    flows = [f for f in journey.flows if f.source in owned or f.target in owned]
    far = {end for f in flows for end in (f.source, f.target)} - owned
    copy = Journey()
    steps = frame_steps(journey)
    # The far ends are "another persona's" (the layout fades those); never drawn by name.
    steps.append(edits.AddPersona(Persona(_FAR_END, "")))
    for stage in journey.stages:
        for lane in journey.lanes:
            kept = [c for c in journey.cell(stage.id, lane.id) if c.id in owned or c.id in far]
            for index, card in enumerate(kept):
                scope = [] if card.id in owned else [_FAR_END]
                steps.append(edits.AddCard(replace(card, order=index, personas=scope)))
    steps += [edits.AddFlow(f) for f in flows]
    edits.Compound(tuple(steps)).apply(copy)
    copy.extra = dict(journey.extra)
    return copy
