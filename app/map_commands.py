"""The Map menu's commands and the palette's click-to-add, acting on the canvas.

New stages and lanes go after the one holding the selection (or at the end)
and open their name for typing in place; a card added from the palette goes
to the end of the selected cell and opens its title.  Each is one edit.
"""

from __future__ import annotations

from app.canvas.commands import push_edit
from app.canvas.context_menu import add_card_at, insert_lane, insert_stage
from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from app.canvas.scene import JourneyScene
from app.model.edits import RemoveLane, RemoveStage


def current_cell(scene: JourneyScene) -> tuple[str, str] | None:
    """The selected cell, else the cell of the first selected card."""
    return scene.selected_cell() or scene.cell_of_selection()


def add_stage(scene: JourneyScene) -> str:
    """Insert a stage after the selected one (or last) and start naming it; returns its id."""
    journey = scene.journey
    cell = current_cell(scene)
    return insert_stage(scene, journey.stage_index(cell[0]) + 1 if cell else len(journey.stages))


def add_lane(scene: JourneyScene, kind: str = "touchpoints") -> str:
    """Insert a lane below the selected one (or last) and start naming it; returns its id."""
    journey = scene.journey
    cell = current_cell(scene)
    index = journey.lane_index(cell[1]) + 1 if cell else len(journey.lanes)
    return insert_lane(scene, index, kind)


def remove_stage(scene: JourneyScene) -> bool:
    """Remove the selected cell's stage with its cards (one undoable step)."""
    cell = current_cell(scene)
    if cell is None:
        return False
    push_edit(scene.undo_stack, scene.journey, RemoveStage(cell[0]))
    return True


def remove_lane(scene: JourneyScene) -> bool:
    """Remove the selected cell's lane with its cards (one undoable step)."""
    cell = current_cell(scene)
    if cell is None:
        return False
    push_edit(scene.undo_stack, scene.journey, RemoveLane(cell[1]))
    return True


def add_card(scene: JourneyScene, kind: str) -> str | None:
    """Add a card of ``kind`` at the end of the selected cell and edit its title.

    Returns:
        The new card's id, or None when no cell is selected.
    """
    cell = current_cell(scene)
    return None if cell is None else add_card_at(scene, cell, kind)


def palette_clicked(scene: JourneyScene, mime_type: str, payload: str) -> bool:
    """Do what a click on a palette tile asks; False when it needs a selected cell."""
    if mime_type == MIME_CARD_KIND:
        return add_card(scene, payload) is not None
    if mime_type == MIME_NEW_STAGE:
        add_stage(scene)
        return True
    if mime_type == MIME_NEW_LANE:
        add_lane(scene, payload or "touchpoints")
        return True
    return False
