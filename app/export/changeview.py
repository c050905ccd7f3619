"""The map a change map draws: NEW plus ghosts of what OLD had and NEW lost.

`ghost_journey(diff)` copies NEW and puts back, faded later, every removed
card in its old cell (at its old place in the cell, as far as the cell has
room), every removed stage and lane next to the neighbour it had in OLD, and
every removed flow between the cards (or ghosts) at its ends.  Ghost ids are
``GHOST`` + the OLD id.  One layout of this map (`app.layout`) then places
NEW's cards and the ghosts alike, for the PDF, the images and the editor.
No Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.model import edits
from app.model.diff import MapDiff
from app.model.journey import Card, Flow, Journey, Lane, Stage

#: Prefix of the ids of ghosts (removed cards, flows, stages, lanes).
GHOST = "removed:"


def ghost_id(old_id: str) -> str:
    """The id of the ghost of an OLD entity."""
    return GHOST + old_id


def is_ghost(entity_id: str) -> bool:
    """Whether an id in a ghost journey belongs to a ghost."""
    return entity_id.startswith(GHOST)


def ghost_journey(diff: MapDiff) -> Journey:
    """NEW with the ghosts of everything removed (see the module docstring)."""
    old, new = diff.old, diff.new
    shown = Journey(new.title, new.description)
    shown.extra, shown.based_on = dict(new.extra), new.based_on
    steps: list[edits.Edit] = [edits.AddPersona(p) for p in new.personas]
    steps += [edits.AddDepartment(d) for d in new.departments]
    edits.Compound(tuple(steps)).apply(shown)
    stage_ids = _ordered_with_ghosts(old.stages, new.stages, diff.stages.pairs)
    lane_ids = _ordered_with_ghosts(old.lanes, new.lanes, diff.lanes.pairs)
    steps = [edits.AddStage(_entity(old, new, sid, Stage), i) for i, sid in enumerate(stage_ids)]
    steps += [edits.AddLane(_entity(old, new, lid, Lane), i) for i, lid in enumerate(lane_ids)]
    steps += [edits.AddCard(replace(card)) for card in new.cards]
    edits.Compound(tuple(steps)).apply(shown)
    _add_ghost_cards(diff, shown)
    _add_flows(diff, shown)
    return shown


def _ordered_with_ghosts(old: list[Any], new: list[Any], pairs: dict[str, str]) -> list[str]:
    """NEW's ids in order, each removed OLD entity's ghost after its OLD neighbour."""
    result = [item.id for item in new]
    for k, item in enumerate(old):
        if item.id in pairs:
            continue
        before = next((pairs.get(p.id, ghost_id(p.id)) for p in reversed(old[:k])
                       if pairs.get(p.id, ghost_id(p.id)) in result), None)
        result.insert(0 if before is None else result.index(before) + 1, ghost_id(item.id))
    return result


def _entity(old: Journey, new: Journey, entity_id: str, kind: type) -> Any:
    find = "stage" if kind is Stage else "lane"
    if is_ghost(entity_id):
        found = getattr(old, find)(entity_id[len(GHOST):])
        return replace(found, id=entity_id, extra={})
    return replace(getattr(new, find)(entity_id))


def _placed(diff: MapDiff, pairs: dict[str, str], old_id: str) -> str:
    return pairs.get(old_id, ghost_id(old_id))


def _add_ghost_cards(diff: MapDiff, shown: Journey) -> None:
    old = diff.old
    departments = {d.id for d in shown.departments}
    steps = []
    for card_id in sorted(diff.removed_cards, key=lambda c: old.card(c).order):
        card = old.card(card_id)
        owner = card.owner if card.owner in departments else None
        ghost = Card(ghost_id(card.id), _placed(diff, diff.stages.pairs, card.stage),
                     _placed(diff, diff.lanes.pairs, card.lane), card.order, card.title,
                     card.kind, card.notes, card.channel, owner, card.emotion, card.evidence)
        steps.append(edits.AddCard(ghost))
    edits.Compound(tuple(steps)).apply(shown)


def _add_flows(diff: MapDiff, shown: Journey) -> None:
    steps: list[edits.Edit] = [edits.AddFlow(replace(f)) for f in diff.new.flows]
    for flow_id in diff.removed_flows:
        flow = diff.old.flow(flow_id)
        source = _placed(diff, diff.card_pairs, flow.source)
        target = _placed(diff, diff.card_pairs, flow.target)
        steps.append(edits.AddFlow(Flow(ghost_id(flow_id), source, target, flow.kind,
                                        flow.label)))
    edits.Compound(tuple(steps)).apply(shown)
