"""Focus mode dims all but a stage or lane; the persona switcher shows one persona's view."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from app.canvas.undo import push_edit
from app.model.edits import AddPersona, RemovePersona, update_card
from app.model.journey import Persona
from app.workshop.personas import ALL_PERSONAS


def _first_cell(win, stage=1, lane=0):
    journey = win.document.journey
    return journey.stages[stage].id, journey.lanes[lane].id


def _dimmed(win, stage_id, lane_id):
    """Whether the middle of a cell is under the focus veil."""
    veil = win.scene.focus_veil
    rect = win.scene.layout.cells[(stage_id, lane_id)]
    return veil.isVisible() and veil.shape().contains(QPointF(rect.x + rect.w / 2, rect.y + 5))


def test_focus_on_stage_leaves_only_that_column_bright(window):
    cell = _first_cell(window)
    window.scene.select_cell(cell)
    window.workshop.focus.stage_action.trigger()

    lanes = window.document.journey.lanes
    assert not any(_dimmed(window, cell[0], lane.id) for lane in lanes)
    assert _dimmed(window, window.document.journey.stages[0].id, cell[1])


def test_focus_on_lane_leaves_only_that_row_bright(window):
    cell = _first_cell(window, lane=2)
    window.scene.select_cell(cell)
    window.workshop.focus.lane_action.trigger()

    stages = window.document.journey.stages
    assert not any(_dimmed(window, stage.id, cell[1]) for stage in stages)
    assert _dimmed(window, cell[0], window.document.journey.lanes[0].id)


def test_focus_follows_the_selection(window):
    window.scene.select_cell(_first_cell(window, stage=0))
    window.workshop.focus.stage_action.trigger()
    window.scene.select_cell(_first_cell(window, stage=2))
    assert window.workshop.focus.focused == _first_cell(window, stage=2)[0]


def test_focus_without_a_selection_says_what_to_do(window):
    window.scene.select_cell(None)
    window.workshop.focus.stage_action.trigger()
    assert not window.workshop.focus.on
    assert "Select a cell" in window.statusBar().currentMessage()


def test_focus_off_brightens_everything(window):
    window.scene.select_cell(_first_cell(window))
    window.workshop.focus.stage_action.trigger()
    window.workshop.focus.stage_action.trigger()
    assert not window.scene.focus_veil.isVisible()


def test_switcher_lists_all_personas_then_each(window):
    combo = window.workshop.personas.combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == [ALL_PERSONAS] + [p.name for p in window.document.journey.personas]


def test_choosing_a_persona_fades_cards_scoped_to_others(window):
    journey = window.document.journey
    persona = journey.personas[0]
    other = next(c for c in journey.cards if c.personas and persona.id not in c.personas)
    own = next(c for c in journey.cards if persona.id in c.personas)
    combo = window.workshop.personas.combo
    combo.setCurrentIndex(1)
    combo.activated.emit(1)

    assert window.scene.persona == persona.id
    assert window.scene.layout.cards[other.id].faded
    assert not window.scene.layout.cards[own.id].faded


def test_persona_menu_and_combo_agree(window):
    actions = window.workshop.personas.group.actions()
    actions[2].trigger()
    assert window.workshop.personas.combo.currentIndex() == 2
    assert window.scene.persona == window.document.journey.personas[1].id


def test_new_persona_appears_in_the_switcher(window):
    stack, journey = window.document.undo_stack, window.document.journey
    push_edit(stack, journey, AddPersona(Persona("p-new", "Night owl")))
    combo = window.workshop.personas.combo
    assert combo.itemText(combo.count() - 1) == "Night owl"


def test_removing_the_shown_persona_goes_back_to_all(window):
    journey = window.document.journey
    persona = journey.personas[-1]
    window.workshop.personas.select(persona.id)
    push_edit(window.document.undo_stack, journey, RemovePersona(persona.id))
    assert window.workshop.personas.current is None
    assert window.scene.persona is None


def test_persona_choice_survives_an_edit(window):
    journey = window.document.journey
    window.workshop.personas.select(journey.personas[0].id)
    push_edit(window.document.undo_stack, journey, update_card(journey.cards[0].id, title="x"))
    assert window.scene.persona == journey.personas[0].id


def test_opening_another_map_shows_all_personas(window, tmp_path):
    window.workshop.personas.select(window.document.journey.personas[0].id)
    window.files.start_untitled()
    assert window.workshop.personas.current is None
    assert window.workshop.personas.combo.count() == 1 + len(window.document.journey.personas)
