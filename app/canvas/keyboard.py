"""Keyboard capture on the canvas: build a map without the mouse.

With a cell selected, typing starts a new card there (Enter adds it), the
arrow keys move to the neighbouring cell, Tab and Shift+Tab to the next and
previous cell.  Delete removes the selected cards and flows; Enter or F2
edits the selected card's title, and typing with one card selected replaces
its title; Escape clears the selection.

`CANVAS_KEYS` describes these keys for Help > Keyboard Shortcuts, so the
list there is the one kept beside the code that handles them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from app.canvas.inplace_edits import is_typing_key

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene

#: (keys, what they do) for the shortcuts dialog, in the order a user learns them.
CANVAS_KEYS: tuple[tuple[str, str], ...] = (
    ("Type", "Start a new card in the selected cell (or retitle the selected card)"),
    ("Enter", "Add the typed card; edit the selected card's title"),
    ("F2", "Edit the selected card's title or flow's label"),
    ("Shift+Enter", "New line while typing a card"),
    ("Tab", "Add the typed card and move to the next cell"),
    ("Shift+Tab", "Move to the previous cell"),
    ("Left, Right, Up, Down", "Move the cell selection"),
    ("Delete", "Delete the selected cards and flows"),
    ("Escape", "Cancel typing; clear the selection"),
    # Handled by app.workshop.voting while Voting Mode (F7) is on.
    ("+", "Voting Mode: add a dot to each selected pain point and opportunity"),
    ("-", "Voting Mode: take a dot off each selected pain point and opportunity"),
)

_STEPS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def handle_key(scene: JourneyScene, event: QKeyEvent) -> bool:
    """Act on a key pressed while no editor is open; True if it was used."""
    key, mods = event.key(), event.modifiers()
    if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        return scene.delete_selection()
    if key in _STEPS and not mods & Qt.KeyboardModifier.ControlModifier:
        return _arrow(scene, *_STEPS[key])
    shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
        return scene.step_cell(-1)
    if key == Qt.Key.Key_Tab:
        return scene.step_cell(1)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
        return _enter(scene)
    if key == Qt.Key.Key_Escape:
        scene.clearSelection()
        scene.select_cell(None)
        return True
    if not is_typing_key(event.text(), mods):
        return False
    cell = scene.selected_cell()
    if cell is not None:
        scene.start_new_card(cell[0], cell[1], event.text())
        return True
    return _type_over_card(scene, event.text())


def _type_over_card(scene: JourneyScene, text: str) -> bool:
    cards = scene.selected_card_ids()
    if len(cards) == 1:
        scene.start_editing_title(cards[0], text)
        return True
    if cards:
        scene.status_message.emit(
            f"{len(cards)} cards are selected: select one card to type its title, "
            "or a cell to type a new card."
        )
        return True
    return False


def _arrow(scene: JourneyScene, dx: int, dy: int) -> bool:
    cell = scene.selected_cell() or scene.cell_of_selection()
    journey = scene.journey
    if cell is None:
        if not journey.stages or not journey.lanes:
            return False
        scene.select_cell((journey.stages[0].id, journey.lanes[0].id))
        return True
    stages = [s.id for s in journey.stages]
    lanes = [lane.id for lane in journey.lanes]
    si = max(0, min(len(stages) - 1, stages.index(cell[0]) + dx))
    li = max(0, min(len(lanes) - 1, lanes.index(cell[1]) + dy))
    scene.select_cell((stages[si], lanes[li]))
    return True


def _enter(scene: JourneyScene) -> bool:
    cards = scene.selected_card_ids()
    if len(cards) == 1:
        scene.start_editing_title(cards[0])
        return True
    cell = scene.selected_cell()
    if cell is not None:
        scene.start_new_card(cell[0], cell[1], "")
        return True
    flows = scene.selected_flow_ids()
    if len(flows) == 1:
        scene.start_editing_flow_label(flows[0])
        return True
    return False
