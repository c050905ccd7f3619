"""Write a journey as a CSV with the import's columns (DESIGN.md, "CSV import").

Export then import gives the same map: stages, lanes and their kinds, cards
with their ids, kinds, channels, owners, emotions, evidence and notes, and the
flows between them.  What the CSV contract has no column for is not carried:
stage descriptions, department colours, personas and metrics, flow kinds and
labels, and stages or lanes that hold no card.

Rows come in reading order, except that a card may be held back a little so
that stages *and* lanes first appear in their map order (the import orders
them by first appearance).  The file starts with a UTF-8 byte order mark, so
that spreadsheet programs read names such as Łódź correctly; the import
accepts it.  Plain Python; never imports Qt.
"""

from __future__ import annotations

import csv
import io
import os

from app.model.csv_import import COLUMNS
from app.model.errors import JourneyError
from app.model.fileformat import atomic_write
from app.model.journey import Card, Journey

#: Written for a card without a title, since the import requires one.
UNTITLED = "(untitled)"


def export_csv(
    journey: Journey, path: str | os.PathLike[str], persona: str | None = None
) -> None:
    """Write ``journey`` to ``path`` as CSV, atomically.

    Args:
        journey: the map.
        path: the CSV file to write (replaced if it exists).
        persona: a persona id: only the cards that persona sees (cards scoped
            to it or to nobody) and the flows between them.

    Raises:
        JourneyError: a card id cannot be written, or the file cannot be.
    """
    text = to_csv(journey, persona, os.fspath(path))
    atomic_write(path, ("\ufeff" + text).encode("utf-8"))


def to_csv(journey: Journey, persona: str | None = None, source: str = "CSV") -> str:
    """The CSV text (without byte order mark) that `export_csv` writes."""
    cards = [c for c in journey.cards if persona is None or not c.personas or persona in c.personas]
    shown = {c.id for c in cards}
    for card in cards:
        if ";" in card.id or card.id != card.id.strip():
            raise JourneyError(
                f'{source}: card id "{card.id}" cannot be written to CSV: '
                'ids there cannot contain ";" or start or end with a space'
            )
    targets: dict[str, list[str]] = {}
    for flow in journey.flows:
        if flow.source in shown and flow.target in shown:
            targets.setdefault(flow.source, []).append(flow.target)
    departments = {d.id: d.name for d in journey.departments}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for card in _row_order(journey, cards):
        lane = journey.lane(card.lane)
        writer.writerow([
            card.id,
            journey.stage(card.stage).name,
            lane.name,
            lane.kind,
            card.title.strip() or UNTITLED,
            card.kind,
            card.channel,
            departments.get(card.owner, ""),
            "" if card.emotion is None else str(card.emotion),
            card.evidence or "",
            card.notes,
            ";".join(targets.get(card.id, ())),
        ])
    return buffer.getvalue()


def _row_order(journey: Journey, cards: list[Card]) -> list[Card]:
    """Cards in reading order, holding back any whose lane would otherwise
    appear before an earlier lane; cells always stay together.

    Both orders can be kept only if the first stage has a card in the first
    lane (the first row introduces one of each).  When they cannot, stages win
    (they are the journey's sequence) and the lanes stay as close as possible.
    """
    stage_pos = {s.id: i for i, s in enumerate(journey.stages)}
    lane_pos = {x.id: i for i, x in enumerate(journey.lanes)}
    # Only stages and lanes that hold a card can appear in the CSV.
    next_stage = _Sequence(sorted({stage_pos[c.stage] for c in cards}))
    next_lane = _Sequence(sorted({lane_pos[c.lane] for c in cards}))
    pending = [(stage_pos[c.stage], lane_pos[c.lane], c) for c in cards]
    result: list[Card] = []
    while pending:
        held = []
        for stage, lane, card in pending:
            if next_stage.allows(stage) and next_lane.allows(lane):
                next_stage.see(stage)
                next_lane.see(lane)
                result.append(card)
            else:
                held.append((stage, lane, card))
        if len(held) == len(pending):
            # Stuck: let the earliest held cell in, breaking the lane order.
            stage, lane, _ = held[0]
            next_stage.see(stage)
            next_lane.see(lane)
        pending = held
    return result


class _Sequence:
    """Positions that must first appear in ascending order."""

    def __init__(self, positions: list[int]) -> None:
        self.missing = positions  # ascending; the first is the one expected next
        self.seen: set[int] = set()

    def allows(self, position: int) -> bool:
        return position in self.seen or position == self.missing[0]

    def see(self, position: int) -> None:
        if position not in self.seen:
            self.seen.add(position)
            self.missing.remove(position)
