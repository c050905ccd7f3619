"""The map's structural operations on the canvas: add a card to a cell, insert,
add and remove stages and lanes, and the palette's click-to-add.

The Map menu, the context menu and the palette all call these.

New stages and lanes go after the one holding the selection (or at the end)
and open their name for typing in place; a card added from the palette goes
to the end of the selected cell and opens its title.  Each is one edit.
"""

from __future__ import annotations

from app.canvas.drop import NEW_CARD_TITLES
from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from app.canvas.scene import JourneyScene
from app.canvas.undo import push_edit
from app.model.edits import AddCard, AddLane, AddStage, RemoveLane, RemoveStage
from app.model.journey import CARD_KINDS, LANE_KINDS, Card, Lane, Stage

Cell = tuple[str, str]


def add_card_at(scene: JourneyScene, cell: Cell, kind: str) -> str | None:
    """Add a card of ``kind`` at the end of ``cell``, select it and open its title."""
    journey = scene.journey
    if kind not in CARD_KINDS or cell not in scene.layout.cells:
        return None
    order = len(journey.cell_ids(*cell))
    card = Card(journey.new_id("c"), cell[0], cell[1], order, NEW_CARD_TITLES[kind], kind)
    push_edit(scene.undo_stack, journey, AddCard(card, "Add card"))
    scene.select_cards([card.id])
    scene.start_editing_title(card.id)
    return card.id


def insert_stage(scene: JourneyScene, index: int) -> str:
    """Insert a stage as column ``index`` and open its name for typing; returns its id."""
    journey = scene.journey
    stage = Stage(journey.new_id("s"), "New stage")
    push_edit(scene.undo_stack, journey, AddStage(stage, index))
    scene.rename_header("stage", stage.id)
    return stage.id


def insert_lane(scene: JourneyScene, index: int, kind: str = "touchpoints") -> str:
    """Insert a lane as row ``index`` and open its name for typing; returns its id."""
    journey = scene.journey
    lane = Lane(journey.new_id("l"), "New lane", kind if kind in LANE_KINDS else "touchpoints")
    push_edit(scene.undo_stack, journey, AddLane(lane, index))
    scene.rename_header("lane", lane.id)
    return lane.id

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
