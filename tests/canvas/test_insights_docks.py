"""The Insights and Responsibility docks drive the canvas of their window."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.canvas.undo import push_edit
from app.documents.recent_files import RecentFiles
from app.model.analysis import insights
from app.model.edits import update_card
from app.window.main_window import MainWindow
from tests.model.helpers import small_journey


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    # Closing a modified window asks Save/Discard/Cancel: answer Discard.
    discard = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", discard)
    monkeypatch.setattr(QMessageBox, "question", discard)
    # c2 (Sales) -> c3 (Support) is a hand-off; c4 is an unowned touchpoint.
    journey = small_journey()
    update_card("c2", owner="d1").apply(journey)
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(journey, None, recent)
    qtbot.addWidget(win)
    win.insights.panel.refresh()
    return win


def test_a_finding_selects_its_cards_on_the_canvas(window):
    unowned = insights(window.document.journey)["unowned_touchpoints"]
    assert unowned == ["c4"]
    window.insights.panel.cards_requested.emit(unowned)
    assert window.scene.selected_card_ids() == unowned


def test_a_handoff_finding_selects_its_flows(window):
    window.insights.panel.flows_requested.emit(["f2"])
    assert window.scene.selected_flow_ids() == ["f2"]


def test_highlight_marks_handoffs_and_unowned_touchpoints(window):
    window.insights.panel.highlight_box.setChecked(True)
    cards, flows = window.insights.panel.highlighted_ids()
    assert (cards, flows) == (["c4"], ["f2"])
    assert window.scene._items.highlight == (set(cards), set(flows))
    window.insights.panel.highlight_box.setChecked(False)
    assert window.scene._items.highlight == (set(), set())


def test_highlight_follows_an_edit(window, qtbot):
    window.insights.panel.highlight_box.setChecked(True)
    journey = window.document.journey
    push_edit(window.document.undo_stack, journey, update_card("c4", owner="d2"))
    qtbot.waitUntil(lambda: "c4" not in window.scene._items.highlight[0], timeout=10_000)
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: "c4" in window.scene._items.highlight[0], timeout=10_000)


def test_view_menu_toggles_the_docks(window):
    texts = [a.text() for a in window.menus["view"].actions()]
    assert "Insig&hts" in texts and "Responsi&bility" in texts


def test_disabled_menu_entries_are_greyed(qapp):
    from PySide6.QtGui import QPalette

    from app.window.theme import apply_theme

    apply_theme(qapp)
    palette = qapp.palette()
    role = QPalette.ColorRole.WindowText
    assert palette.color(QPalette.ColorGroup.Disabled, role) != palette.color(
        QPalette.ColorGroup.Active, role
    )


def test_the_responsibility_dock_opens_as_tall_as_its_rows(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.documents.recent_files import RecentFiles
    from app.window.main_window import MainWindow
    from tests.workshop.helpers import SAMPLE

    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(recent=recent)
    qtbot.addWidget(window)
    assert window.files.open_path(str(SAMPLE))
    window.resize(780, 780)  # within the offscreen screen (800x800)
    window.show()
    qtbot.waitExposed(window)
    dock = window.insights.responsibility_dock
    dock.show()
    view = window.insights.responsibility
    table = view.table
    qtbot.waitUntil(lambda: table.isVisible() and table.rowCount() > 0)
    rows = sum(table.rowHeight(i) for i in range(table.rowCount()))
    # every row shows (the dock settles after the window's layout runs)
    qtbot.waitUntil(lambda: table.viewport().height() >= rows)
    assert table.viewport().height() <= rows + 2 * table.rowHeight(0)  # no big empty area
