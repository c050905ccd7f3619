"""Cut, copy, paste, duplicate and delete of the selected cards.

What goes on the clipboard is a small ``.journey`` document (mime type
``application/x-journeymap-cards``): the copied cards, the flows among them,
and the stages, lanes, departments and personas they refer to.  Reading it
back goes through the file format's validation, so a payload from another
process (or another version) can never put a bad value into the model.  The
titles also go on the clipboard as plain text, one per line, and plain text
pasted into a cell becomes one card per line.

Pasting makes fresh ids, so the same cards can be pasted many times, into the
same window, another window of the process, or another process through the
system clipboard.  Cards go into the selected cell, or back into the cells
they came from (matched by id and name, then by name, then by position).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack

from app.canvas.undo import push_edit
from app.model import fileformat
from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddPersona,
    AddStage,
    Compound,
    Edit,
    RemoveFlow,
    remove_cards,
)
from app.model.errors import JourneyError
from app.model.journey import DEFAULT_CARD_KIND, Card, Journey

MIME_CARDS = "application/x-journeymap-cards"
#: Plain text pasted into a cell makes at most this many cards (one per line).
MAX_TEXT_CARDS = 200

Cell = tuple[str, str]


class Selection(Protocol):
    """What the clipboard needs from the canvas (`JourneyScene` provides it)."""

    def selected_card_ids(self) -> list[str]: ...

    def selected_cell(self) -> Cell | None: ...

    def select_cards(self, ids: Iterable[str]) -> None: ...


# ------------------------------------------------------------------- copying
def extract(journey: Journey, card_ids: Iterable[str]) -> Journey:
    """A new journey holding the given cards, the flows among them and what they refer to."""
    wanted = {cid for cid in card_ids if journey.has_card(cid)}
    cards = [c for c in journey.cards if c.id in wanted]  # reading order
    part = Journey(journey.title)
    edits: list[Edit] = []
    edits += [AddStage(s) for s in journey.stages if any(c.stage == s.id for c in cards)]
    edits += [AddLane(lane) for lane in journey.lanes if any(c.lane == lane.id for c in cards)]
    owners = {c.owner for c in cards}
    edits += [AddDepartment(d) for d in journey.departments if d.id in owners]
    used = {p for c in cards for p in c.personas}
    edits += [AddPersona(p) for p in journey.personas if p.id in used]
    edits += [AddCard(c) for c in cards]
    edits += [AddFlow(f) for f in journey.flows if f.source in wanted and f.target in wanted]
    Compound(tuple(edits)).apply(part)  # a scratch document, not the user's map
    return part


def mime_for(journey: Journey, card_ids: Iterable[str]) -> QMimeData:
    """Clipboard contents for the given cards: the cards payload and their titles."""
    part = extract(journey, card_ids)
    mime = QMimeData()
    mime.setData(MIME_CARDS, fileformat.dumps(part).encode("utf-8"))
    mime.setText("\n".join(c.title for c in part.cards))
    return mime


def read_cards(mime: QMimeData | None) -> Journey | None:
    """The cards payload on ``mime``, or None if there is none or it is not valid."""
    if mime is None or not mime.hasFormat(MIME_CARDS):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_CARDS)).decode("utf-8"))
        return fileformat.from_dict(data, "clipboard")
    except (UnicodeDecodeError, ValueError, RecursionError, JourneyError):
        return None


# ------------------------------------------------------------------- pasting
class _Ids:
    """Fresh ids of the form ``prefix<N>``, unique in a journey and among each other."""

    def __init__(self, journey: Journey) -> None:
        self._used = set(journey.graph.nodes) | {f.id for f in journey.flows}
        for items in (journey.stages, journey.lanes, journey.departments, journey.personas):
            self._used.update(item.id for item in items)
        self._next = len(self._used) + 1

    def take(self, prefix: str) -> str:
        while f"{prefix}{self._next}" in self._used:
            self._next += 1
        new = f"{prefix}{self._next}"
        self._used.add(new)
        return new


def _match(targets: Sequence, source, by_index: bool, index: int):
    """The target entity for ``source``: same id and name, else same name, else by position."""
    for target in targets:
        if target.id == source.id and target.name == source.name:
            return target
    folded = source.name.strip().casefold()
    for target in targets:
        if target.name.strip().casefold() == folded:
            return target
    if by_index and targets:
        return targets[min(index, len(targets) - 1)]
    return None


def paste_edit(
    journey: Journey, part: Journey, cell: Cell | None = None, label: str = "Paste"
) -> tuple[Compound, list[str]] | None:
    """One edit that adds the cards of ``part`` to ``journey`` with fresh ids.

    Args:
        journey: the map pasted into.
        part: what `read_cards` or `extract` returned.
        cell: put every card into this cell (appended); None: the cells they
            came from, matched by id and name, then name, then position.
        label: the undo text.

    Returns:
        The edit and the ids of the new cards, or None when there is nowhere
        to put them (the map has no stage or no lane) or nothing to paste.
    """
    if not part.cards or not journey.stages or not journey.lanes:
        return None
    ids = _Ids(journey)
    edits: list[Edit] = []
    owners = _map_entities(journey.departments, part.departments, ids, "d", AddDepartment, edits)
    personas = _map_entities(journey.personas, part.personas, ids, "p", AddPersona, edits)
    cells = _map_cells(journey, part, cell)
    counts: dict[Cell, int] = {}
    new_ids: dict[str, str] = {}
    for card in part.cards:
        target = cells[card.id]
        order = counts.get(target, len(journey.cell_ids(*target)))
        counts[target] = order + 1
        new_ids[card.id] = ids.take("c")
        edits.append(
            AddCard(
                replace(
                    card,
                    id=new_ids[card.id],
                    stage=target[0],
                    lane=target[1],
                    order=order,
                    owner=owners.get(card.owner) if card.owner else None,
                    personas=[personas[p] for p in card.personas],
                )
            )
        )
    for flow in part.flows:
        edits.append(
            AddFlow(
                replace(
                    flow, id=ids.take("f"), source=new_ids[flow.source], target=new_ids[flow.target]
                )
            )
        )
    return Compound(tuple(edits), label), list(new_ids.values())


def _map_entities(targets, sources, ids: _Ids, prefix: str, add, edits: list[Edit]) -> dict:
    """Source id -> target id for departments or personas, adding the missing ones."""
    mapping = {}
    for source in sources:
        found = _match(targets, source, False, 0)
        if found is None:
            found = replace(source, id=ids.take(prefix))
            edits.append(add(found))
        mapping[source.id] = found.id
    return mapping


def _map_cells(journey: Journey, part: Journey, cell: Cell | None) -> dict[str, Cell]:
    if cell is not None:
        return {card.id: cell for card in part.cards}
    stages = {s.id: _match(journey.stages, s, True, i).id for i, s in enumerate(part.stages)}
    lanes = {lane.id: _match(journey.lanes, lane, True, i).id for i, lane in enumerate(part.lanes)}
    return {card.id: (stages[card.stage], lanes[card.lane]) for card in part.cards}


def text_cards_edit(journey: Journey, text: str, cell: Cell) -> tuple[Compound, list[str]] | None:
    """One edit that adds a card per non-empty line of ``text`` to ``cell``."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:MAX_TEXT_CARDS]
    if not lines:
        return None
    ids = _Ids(journey)
    kind = DEFAULT_CARD_KIND[journey.lane(cell[1]).kind]
    start = len(journey.cell_ids(*cell))
    cards = [
        Card(ids.take("c"), cell[0], cell[1], start + i, title=line, kind=kind)
        for i, line in enumerate(lines)
    ]
    return Compound(tuple(AddCard(c) for c in cards), "Paste"), [c.id for c in cards]


# ------------------------------------------------------------------ deleting
def delete_edit(
    journey: Journey, card_ids: Iterable[str], flow_ids: Iterable[str], label: str = "Delete"
) -> Compound | None:
    """One edit that removes the cards (with their flows) and the other given flows."""
    cards = [cid for cid in dict.fromkeys(card_ids) if journey.has_card(cid)]
    gone = set(cards)
    flows = [
        RemoveFlow(fid)
        for fid in dict.fromkeys(flow_ids)
        if journey.has_flow(fid)
        and journey.flow(fid).source not in gone
        and journey.flow(fid).target not in gone
    ]
    if not cards and not flows:
        return None
    return Compound((*flows, *remove_cards(cards).edits), label)


# ---------------------------------------------------------------- controller
class ClipboardController(QObject):
    """The Edit menu's clipboard commands for one window.

    Args:
        document: the window's `Document` (journey and undo stack).
        selection: the canvas selection (the scene), or None while there is none.
        parent: owning QObject.
    """

    #: New cards were made by paste or duplicate (ids); the window selects them.
    cards_created = Signal(list)

    def __init__(self, document, selection: Selection | None = None, parent=None) -> None:
        super().__init__(parent)
        self._document = document
        self.selection = selection

    @property
    def _journey(self) -> Journey:
        return self._document.journey

    @property
    def _stack(self) -> QUndoStack:
        return self._document.undo_stack

    def _selected_cards(self) -> list[str]:
        return list(self.selection.selected_card_ids()) if self.selection else []

    def _target_cell(self) -> Cell | None:
        """The selected cell, else the cell of the first selected card."""
        if self.selection is None:
            return None
        cell = self.selection.selected_cell()
        if cell is None:
            cards = self._selected_cards()
            if cards and self._journey.has_card(cards[0]):
                card = self._journey.card(cards[0])
                cell = (card.stage, card.lane)
        return cell

    def copy(self) -> bool:
        """Put the selected cards on the system clipboard; False if none is selected."""
        cards = self._selected_cards()
        if not cards:
            return False
        QGuiApplication.clipboard().setMimeData(mime_for(self._journey, cards))
        return True

    def cut(self) -> bool:
        """Copy the selected cards, then delete them as one undo step."""
        if not self.copy():
            return False
        return self._push(delete_edit(self._journey, self._selected_cards(), [], "Cut"))

    def can_paste(self) -> bool:
        """Whether the clipboard holds cards, or text and there is a cell to put it in."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        if mime.hasFormat(MIME_CARDS):
            return True
        return mime.hasText() and self._target_cell() is not None

    def paste(self) -> bool:
        """Paste cards (or lines of text) from the clipboard; False if nothing was pasted."""
        mime = QGuiApplication.clipboard().mimeData()
        part = read_cards(mime)
        cell = self._target_cell()
        if part is not None:
            result = paste_edit(self._journey, part, cell)
        elif mime is not None and mime.hasText() and cell is not None:
            result = text_cards_edit(self._journey, mime.text(), cell)
        else:
            result = None
        return self._push_created(result)

    def duplicate(self) -> bool:
        """Copy the selected cards into their own cells, without touching the clipboard."""
        cards = self._selected_cards()
        if not cards:
            return False
        part = extract(self._journey, cards)
        return self._push_created(paste_edit(self._journey, part, None, "Duplicate"))

    def _push(self, edit: Edit | None) -> bool:
        if edit is None:
            return False
        push_edit(self._stack, self._journey, edit)
        return True

    def _push_created(self, result: tuple[Compound, list[str]] | None) -> bool:
        if result is None:
            return False
        edit, new_ids = result
        push_edit(self._stack, self._journey, edit)
        if self.selection is not None:
            self.selection.select_cards(new_ids)
        self.cards_created.emit(new_ids)
        return True
