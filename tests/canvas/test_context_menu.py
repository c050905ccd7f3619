"""Right-click menus on the canvas: each entry changes the model through the
undo stack (asserted, undone, asserted back), and right-clicking selects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox

from app.canvas.context_menu import mnemonic
from app.documents.recent_files import RecentFiles
from app.model.edits import AddPersona, History
from app.model.journey import Persona
from app.window.main_window import MainWindow
from app.window.menus import LEGEND_KEY
from tests.canvas.canvas_helpers import card_center, workshop_journey

RIGHT = Qt.MouseButton.RightButton


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    # Closing a changed map asks; the test's window just goes.
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    journey = workshop_journey()
    History(journey).do(AddPersona(Persona("p1", "Student")))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(journey, recent=RecentFiles(settings))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def asked(window):
    """Records confirmation questions; answers with ``asked.answer``."""

    class Asked(list):
        answer = True

    record = Asked()

    def confirm(title, text):
        record.append(text)
        return record.answer

    window.view.context_menu_provider.confirm = confirm
    return record


def menu_at(window, x: float, y: float) -> QMenu:
    view = window.view
    menu = view.build_context_menu(view.mapFromScene(QPointF(x, y)))
    assert menu is not None
    return menu


def card_menu(window, card_id: str) -> QMenu:
    r = window.scene.layout.cards[card_id].rect
    return menu_at(window, r.x + r.w * 0.4, r.cy)


def flow_menu(window, flow_id: str) -> QMenu:
    fp = window.scene.layout.flows[flow_id]
    # The middle of the cubic curve.
    points = zip(fp.p0, fp.c1, fp.c2, fp.p3, strict=True)
    x, y = ((a + 3 * b + 3 * c + d) / 8 for a, b, c, d in points)
    return menu_at(window, x, y)


def header_menu(window, axis: str, header_id: str) -> QMenu:
    layout = window.scene.layout
    headers = layout.stage_headers if axis == "stage" else layout.lane_headers
    r = next(h.rect for h in headers if h.id == header_id)
    return menu_at(window, r.x + r.w / 2, r.y + 12)


def cell_menu(window, stage_id: str, lane_id: str) -> QMenu:
    r = window.scene.layout.cells[(stage_id, lane_id)]
    return menu_at(window, r.x + r.w / 2, r.y + r.h - 6)


def entry(menu: QMenu, *path: str):
    """The action at ``path`` (texts without access keys)."""
    for i, name in enumerate(path):
        found = [a for a in menu.actions() if a.text().replace("&", "") == name]
        assert found, f"{name!r} not in {[a.text() for a in menu.actions()]}"
        if i < len(path) - 1:
            menu = found[0].menu()
        else:
            return found[0]


def texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def undo(window) -> None:
    window.document.undo_stack.undo()


# ------------------------------------------------------------------ cards
def test_right_click_on_an_unselected_card_selects_it(window):
    window.scene.select_cards(["c1"])
    card_menu(window, "c3")
    assert window.scene.selected_card_ids() == ["c3"]


def test_right_press_on_a_selected_card_keeps_the_selection(window):
    window.scene.select_cards(["c1", "c2"])
    QTest.mousePress(window.view.viewport(), RIGHT, Qt.KeyboardModifier.NoModifier,
                     card_center(window.view, "c2"))
    card_menu(window, "c2")
    assert window.scene.selected_card_ids() == ["c1", "c2"]


def test_card_menu_reuses_the_windows_edit_actions(window):
    menu = card_menu(window, "c1")
    a = window.commands
    for action in (a.cut, a.copy, a.paste, a.duplicate, a.delete):
        assert action in menu.actions()
    assert entry(menu, "Edit Title").shortcut().toString() == "F2"


def test_delete_from_the_menu_and_undo(window):
    entry(card_menu(window, "c6"), "Delete").trigger()
    assert not window.document.journey.has_card("c6")
    undo(window)
    assert window.document.journey.card("c6").title == "Parcel is late"


def test_edit_title_opens_the_editor_on_the_card(window):
    entry(card_menu(window, "c2"), "Edit Title").trigger()
    editor = window.scene.editing.editor
    assert editor is not None and editor.text() == "Visits the website"


def test_kind_shows_the_current_one_and_changes_all_selected_cards(window):
    window.scene.select_cards(["c1", "c2"])
    menu = card_menu(window, "c1")
    assert entry(menu, "Kind", "Touchpoint").isChecked()
    entry(menu, "Kind", "Pain point").trigger()
    journey = window.document.journey
    assert [journey.card(c).kind for c in ("c1", "c2")] == ["pain", "pain"]
    undo(window)  # one step for both cards
    assert [journey.card(c).kind for c in ("c1", "c2")] == ["touchpoint", "touchpoint"]


def test_owner_menu_lists_departments_and_no_owner(window):
    menu = card_menu(window, "c1")
    assert texts(entry(menu, "Owner").menu()) == ["Sales", "Support", "No owner"]
    assert entry(menu, "Owner", "Sales").isChecked()
    entry(menu, "Owner", "No owner").trigger()
    assert window.document.journey.card("c1").owner is None
    undo(window)
    assert window.document.journey.card("c1").owner == "d1"


@pytest.mark.parametrize(("submenu", "choice", "attr", "value", "before"), [
    ("Emotion", "Very negative", "emotion", -2, 2),
    ("Evidence", "Anecdote", "evidence", "anecdote", None),
])
def test_emotion_and_evidence(window, submenu, choice, attr, value, before):
    entry(card_menu(window, "c4"), submenu, choice).trigger()
    assert getattr(window.document.journey.card("c4"), attr) == value
    undo(window)
    assert getattr(window.document.journey.card("c4"), attr) == before


def test_personas_toggle(window):
    menu = card_menu(window, "c1")
    student = entry(menu, "Personas", "Student")
    assert student.isCheckable() and not student.isChecked()
    student.trigger()
    assert window.document.journey.card("c1").personas == ["p1"]
    undo(window)
    assert window.document.journey.card("c1").personas == []


# ------------------------------------------------------------------ flows
def test_flow_kind_change_and_undo(window):
    menu = flow_menu(window, "f1")
    assert window.scene.selected_flow_ids() == ["f1"]
    assert texts(entry(menu, "Kind").menu()) == ["Normal", "Alternative path", "Failure"]
    entry(menu, "Kind", "Failure").trigger()
    assert window.document.journey.flow("f1").kind == "failure"
    undo(window)
    assert window.document.journey.flow("f1").kind == "normal"


def test_reverse_direction_is_one_undo_step(window):
    stack = window.document.undo_stack
    before = stack.count()
    entry(flow_menu(window, "f2"), "Reverse Direction").trigger()
    flow = window.document.journey.flow("f2")
    assert (flow.source, flow.target, flow.kind, flow.label) == ("c6", "c3", "failure", "late")
    assert stack.count() == before + 1
    undo(window)
    flow = window.document.journey.flow("f2")
    assert (flow.source, flow.target) == ("c3", "c6")


def test_edit_label_opens_the_flow_label_editor(window):
    entry(flow_menu(window, "f2"), "Edit Label").trigger()
    assert window.scene.editing.editor.text() == "late"


def test_delete_a_flow_from_its_menu(window):
    entry(flow_menu(window, "f1"), "Delete").trigger()
    assert not window.document.journey.has_flow("f1")
    undo(window)
    assert window.document.journey.has_flow("f1")


# ------------------------------------------------------------------ cells
def test_new_card_here_adds_a_card_of_that_kind_in_the_cell(window):
    journey = window.document.journey
    entry(cell_menu(window, "s3", "l1"), "New Card Here", "Opportunity").trigger()
    (card,) = journey.cell("s3", "l1")
    assert card.kind == "opportunity"
    assert window.scene.editing.editor is not None  # its title is open for typing
    window.scene.editing.cancel()
    undo(window)
    assert journey.cell("s3", "l1") == []


def test_paste_here_pastes_into_that_cell(window):
    window.scene.select_cards(["c6"])
    window.commands.copy.trigger()
    entry(cell_menu(window, "s1", "l3"), "Paste Here").trigger()
    (card,) = window.document.journey.cell("s1", "l3")
    assert card.title == "Parcel is late"
    undo(window)
    assert window.document.journey.cell("s1", "l3") == []


def test_paste_here_is_disabled_with_an_empty_clipboard(window):
    QGuiApplication.clipboard().clear()
    assert not entry(cell_menu(window, "s1", "l3"), "Paste Here").isEnabled()


# ---------------------------------------------------------------- headers
def stage_ids(window) -> list[str]:
    return [s.id for s in window.document.journey.stages]


def lane_ids(window) -> list[str]:
    return [lane.id for lane in window.document.journey.lanes]


def test_insert_stage_before_and_after(window):
    entry(header_menu(window, "stage", "s2"), "Insert Stage Before").trigger()
    window.scene.editing.cancel()
    assert stage_ids(window)[0] == "s1" and stage_ids(window)[2] == "s2"
    undo(window)
    entry(header_menu(window, "stage", "s2"), "Insert Stage After").trigger()
    window.scene.editing.cancel()
    assert stage_ids(window)[:2] == ["s1", "s2"] and stage_ids(window)[3] == "s3"
    undo(window)
    assert stage_ids(window) == ["s1", "s2", "s3"]


def test_move_stage_left_and_edges_disabled(window):
    menu = header_menu(window, "stage", "s1")
    assert not entry(menu, "Move Left").isEnabled() and entry(menu, "Move Right").isEnabled()
    entry(header_menu(window, "stage", "s2"), "Move Left").trigger()
    assert stage_ids(window) == ["s2", "s1", "s3"]
    undo(window)
    assert stage_ids(window) == ["s1", "s2", "s3"]


def test_rename_stage_opens_the_name_editor(window):
    entry(header_menu(window, "stage", "s2"), "Rename Stage").trigger()
    assert window.scene.editing.editor.text() == "Buy"


def test_remove_stage_with_cards_asks_with_the_count(window, asked):
    asked.answer = False
    entry(header_menu(window, "stage", "s1"), "Remove Stage").trigger()
    assert asked == ["Remove the stage \u201cDiscover\u201d and its 2 cards?"]
    assert stage_ids(window) == ["s1", "s2", "s3"]
    asked.answer = True
    entry(header_menu(window, "stage", "s1"), "Remove Stage").trigger()
    assert stage_ids(window) == ["s2", "s3"]
    undo(window)
    assert stage_ids(window) == ["s1", "s2", "s3"]
    assert len(window.document.journey.cards_in_stage("s1")) == 2


def test_remove_an_empty_lane_does_not_ask(window, asked):
    entry(header_menu(window, "lane", "l3"), "Insert Lane Below").trigger()
    window.scene.editing.cancel()
    new = lane_ids(window)[3]
    entry(header_menu(window, "lane", new), "Remove Lane").trigger()
    assert asked == [] and lane_ids(window) == ["l1", "l2", "l3"]


def test_lane_kind_and_move_down(window):
    menu = header_menu(window, "lane", "l1")
    assert entry(menu, "Lane Kind", "Touchpoints").isChecked()
    entry(menu, "Lane Kind", "Backstage").trigger()
    assert window.document.journey.lane("l1").kind == "backstage"
    undo(window)
    entry(header_menu(window, "lane", "l1"), "Move Down").trigger()
    assert lane_ids(window) == ["l2", "l1", "l3"]
    undo(window)
    assert window.document.journey.lane("l1").kind == "touchpoints"
    assert lane_ids(window) == ["l1", "l2", "l3"]


# ------------------------------------------------------------ access keys
def menus_of(menu: QMenu):
    yield menu
    for action in menu.actions():
        if action.menu() is not None:
            yield from menus_of(action.menu())


@pytest.mark.parametrize("which", ["card", "flow", "cell", "stage", "lane"])
def test_every_context_menu_has_unique_access_keys(window, which):
    menu = {
        "card": lambda: card_menu(window, "c1"),
        "flow": lambda: flow_menu(window, "f1"),
        "cell": lambda: cell_menu(window, "s3", "l1"),
        "stage": lambda: header_menu(window, "stage", "s2"),
        "lane": lambda: header_menu(window, "lane", "l2"),
    }[which]()
    for sub in menus_of(menu):
        keys = [mnemonic(a.text()) for a in sub.actions() if not a.isSeparator()]
        assert None not in keys, [a.text() for a in sub.actions()]
        assert len(keys) == len(set(keys)), [a.text() for a in sub.actions()]


def test_outside_the_map_there_is_no_menu(window):
    layout = window.scene.layout
    view = window.view
    assert view.build_context_menu(view.mapFromScene(QPointF(layout.width + 60, 10))) is None


# ------------------------------------------------------- the window's menus
def test_menu_bar_access_keys_are_unique_in_each_menu(window):
    for bar_action in window.menuBar().actions():
        for sub in menus_of(bar_action.menu()):
            keys = [k for a in sub.actions() if (k := mnemonic(a.text()))]
            assert len(keys) == len(set(keys)), [a.text() for a in sub.actions()]


@pytest.fixture
def legend_setting():
    """Puts the remembered legend setting back as it was."""
    settings = QSettings()
    before = settings.value(LEGEND_KEY)
    yield
    if before is None:
        settings.remove(LEGEND_KEY)
    else:
        settings.setValue(LEGEND_KEY, before)


def test_show_legend_toggles_the_legend_and_is_remembered(window, qtbot, legend_setting):
    action = window.commands.show_legend
    assert action in window.menus["view"].actions()
    action.setChecked(True)
    action.trigger()
    assert not window.legend_bar.isVisibleTo(window)
    other = MainWindow(workshop_journey(), recent=window.recent)
    qtbot.addWidget(other)
    assert not other.legend_bar.isVisibleTo(other) and not other.commands.show_legend.isChecked()
    action.trigger()
    assert window.legend_bar.isVisibleTo(window)
