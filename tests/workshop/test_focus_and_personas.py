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


def _press(win, qtbot, key, mods=None):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    if not win.isVisible():
        win.resize(760, 560)  # fits the offscreen screen (800x800)
        win.show()
        qtbot.waitExposed(win)
        # Shortcuts reach only the active window, which offscreen Qt makes
        # active a moment after showing it.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    QTest.keyClick(win.view, key, mods or Qt.KeyboardModifier.NoModifier)


def test_f6_checks_the_menu_entry_shows_how_to_leave_and_escape_leaves(window, qtbot):
    from PySide6.QtCore import Qt

    cell = _first_cell(window)
    window.scene.select_cell(cell)
    _press(window, qtbot, Qt.Key.Key_F6)
    focus = window.workshop.focus
    assert focus.on and focus.stage_action.isChecked()
    view_menu = next(a.menu() for a in window.menuBar().actions() if "View" in a.text())
    assert focus.stage_action in view_menu.actions()
    assert focus.hint is not None and focus.hint.isVisible()
    assert "Esc" in focus.hint.text() and window.document.journey.stage(cell[0]).name in (
        focus.hint.text()
    )
    _press(window, qtbot, Qt.Key.Key_Escape)
    assert not focus.on and not focus.stage_action.isChecked()
    assert not focus.hint.isVisible()
    assert not _dimmed(window, *_first_cell(window, stage=0))


def test_escape_in_presentation_leaves_presentation_before_focus(window, qtbot):
    from PySide6.QtCore import Qt

    window.scene.select_cell(_first_cell(window))
    _press(window, qtbot, Qt.Key.Key_F6)
    _press(window, qtbot, Qt.Key.Key_F5)
    presentation, focus = window.workshop.presentation, window.workshop.focus
    assert presentation.active and focus.on
    _press(window, qtbot, Qt.Key.Key_Escape)
    assert not presentation.active and focus.on
    _press(window, qtbot, Qt.Key.Key_Escape)
    assert not focus.on


def test_the_insights_dock_follows_the_toolbar_persona(window):
    journey = window.document.journey
    persona = journey.personas[0]
    switcher = window.workshop.personas
    switcher.combo.setCurrentIndex(switcher.combo.findData(persona.id))
    switcher.combo.activated.emit(switcher.combo.currentIndex())
    panel = window.insights.panel
    assert panel.persona() == persona.id
    assert persona.name in panel.persona_label.text()
    assert window.insights.responsibility.persona == persona.id
    switcher.select(None)
    assert panel.persona() is None
