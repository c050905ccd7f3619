"""``journeymap diff --text``: one readable line per change of a `MapDiff`.

For people and for git's external diff.  The lines come in the order of the
JSON object (stages, lanes, cards, flows, then departments, personas and
the map's own fields), followed by the insight counts and stage emotion means
that differ::

    stage renamed: "Buy" -> "Purchase"
    card added: c12 "Track parcel" (Deliver / Touchpoints)
    card moved: c4 "Pays": Buy / Actions -> Pay / Actions
    card changed: c5 "Checkout": emotion: -1 -> 1
    flow changed: c3 -> c4: kind: "normal" -> "failure"
    insight dead_ends: 2 -> 0

Plain Python; no Qt.
"""

from __future__ import annotations

import json
from typing import Any

from app.model.diff import INSIGHT_KEYS, ListChanges, MapDiff
from app.model.journey import Journey

_LISTS = (("stage", "stages"), ("lane", "lanes"))
_MORE_LISTS = (("department", "departments"), ("persona", "personas"))


def value_text(value: Any) -> str:
    """A field value as JSON (strings quoted, null for None), on one line."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff_lines(diff: MapDiff) -> list[str]:
    """Every change of ``diff`` as one line each (empty when the maps are the same)."""
    lines: list[str] = []
    for what, plural in _LISTS:
        lines += _list_lines(what, plural, getattr(diff, plural))
    lines += _card_lines(diff)
    lines += _flow_lines(diff)
    for what, plural in _MORE_LISTS:
        lines += _list_lines(what, plural, getattr(diff, plural))
    for name, (old, new) in sorted(diff.map_fields.items()):
        lines.append(f"map {name}: {value_text(old)} -> {value_text(new)}")
    if lines:  # derived figures say nothing of their own when nothing changed
        lines += _derived_lines(diff)
    return lines


def _list_lines(what: str, plural: str, changes: ListChanges) -> list[str]:
    lines = [f"{what} added: {value_text(name)}" for name in sorted(changes.added)]
    lines += [f"{what} removed: {value_text(name)}" for name in sorted(changes.removed)]
    lines += [f"{what} renamed: {value_text(a)} -> {value_text(b)}"
              for a, b in sorted(changes.renamed)]
    if changes.reordered:
        lines.append(f"{plural} reordered")
    for entry in sorted(changes.changed, key=lambda c: c["name"]):
        for name, (old, new) in sorted(entry["fields"].items()):
            lines.append(f"{what} changed: {value_text(entry['name'])}: {name}: "
                         f"{value_text(old)} -> {value_text(new)}")
    return lines


def _card(journey: Journey, card_id: str) -> str:
    return f"{card_id} {value_text(journey.card(card_id).title)}"


def _where(cell: tuple[str, str]) -> str:
    return f"{cell[0]} / {cell[1]}"


def _card_lines(diff: MapDiff) -> list[str]:
    new, old = diff.new, diff.old
    lines = []
    for card_id in sorted(diff.added_cards):
        card = new.card(card_id)
        cell = (new.stage(card.stage).name, new.lane(card.lane).name)
        lines.append(f"card added: {_card(new, card_id)} ({_where(cell)})")
    for card_id in sorted(diff.removed_cards):
        lines.append(f"card removed: {_card(old, card_id)} ({_where(diff.old_cell(card_id))})")
    for card_id in sorted(diff.moved):
        before, after = diff.moved[card_id]
        if before == after:
            lines.append(f"card reordered: {_card(new, card_id)} ({_where(after)})")
        else:
            lines.append(f"card moved: {_card(new, card_id)}: "
                         f"{_where(before)} -> {_where(after)}")
    for card_id in sorted(diff.changed):
        for name, (a, b) in sorted(diff.changed[card_id].items()):
            lines.append(f"card changed: {_card(new, card_id)}: {name}: "
                         f"{value_text(a)} -> {value_text(b)}")
    return lines


def _flow_lines(diff: MapDiff) -> list[str]:
    new, old = diff.new, diff.old

    def ends(journey: Journey, flow_id: str) -> tuple[str, str]:
        flow = journey.flow(flow_id)
        return (flow.source, flow.target)

    lines = [f"flow added: {a} -> {b} ({new.flow(fid).kind})"
             for (a, b), fid in sorted((ends(new, f), f) for f in diff.added_flows)]
    lines += [f"flow removed: {a} -> {b} ({old.flow(fid).kind})"
              for (a, b), fid in sorted((ends(old, f), f) for f in diff.removed_flows)]
    for (a, b), fid in sorted((ends(new, f), f) for f in diff.changed_flows):
        for name, (x, y) in sorted(diff.changed_flows[fid].items()):
            lines.append(f"flow changed: {a} -> {b}: {name}: {value_text(x)} -> {value_text(y)}")
    return lines


def _derived_lines(diff: MapDiff) -> list[str]:
    lines = []
    for key in INSIGHT_KEYS:
        if key in diff.insights and diff.insights[key][0] != diff.insights[key][1]:
            a, b = diff.insights[key]
            lines.append(f"insight {key}: {a} -> {b}")
    for stage, (a, b) in diff.emotion.items():
        if a != b:
            lines.append(f"emotion {value_text(stage)}: {value_text(a)} -> {value_text(b)}")
    return lines
