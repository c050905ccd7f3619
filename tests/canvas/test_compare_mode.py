"""New Future State, Compare With / with Base, the overlay and the Changes dock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.documents.recent_files import RecentFiles
from app.export.changemap import ADDED, CHANGED, REMOVED
from app.export.titleblock import Box
from app.model import edits, fileformat
from app.window.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Ok))
    path = tmp_path / "today.journey"
    shutil.copy(SAMPLE, path)
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(recent=recent)
    qtbot.addWidget(win)
    assert win.files.open_path(str(path))
    return win


def _future(window, tmp_path, monkeypatch):
    target = tmp_path / "tomorrow.journey"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), MAP_FILTER)))
    window.compare.actions["future"].trigger()
    return target


MAP_FILTER = "Journey maps (*.journey)"


def test_new_future_state_saves_a_copy_with_based_on_and_opens_it(window, tmp_path,
                                                                   monkeypatch):
    base_ids = [c.id for c in window.document.journey.cards]
    target = _future(window, tmp_path, monkeypatch)
    assert window.document.path == str(target)
    journey = window.document.journey
    assert [c.id for c in journey.cards] == base_ids
    assert journey.based_on["file"] == "today.journey"
    assert "future state of" in window.windowTitle()
    assert "Future state of" in window.inspector.map_form.summary.text()
    assert window.compare.actions["base"].isEnabled()


def _marks(window, color):
    return [p for p in window.compare.overlay.primitives
            if isinstance(p, Box) and (p.border == color or p.fill == color)]


def test_compare_with_base_marks_edits_and_follows_them(window, tmp_path, monkeypatch, qtbot):
    _future(window, tmp_path, monkeypatch)
    journey = window.document.journey
    first, second = journey.cards[0].id, journey.cards[1].id
    window.compare.actions["base"].trigger()
    assert window.compare.active and not window.compare.dock.isHidden()
    assert window.compare.panel.group_counts() == {}
    from app.canvas.undo import EditCommand

    stack = window.document.undo_stack
    stack.push(EditCommand(journey, edits.update_card(first, title="Asks an app")))
    stack.push(EditCommand(journey, edits.remove_cards([second])))
    # No call here: the canvas lays the map out again, then compare mode follows.
    qtbot.waitUntil(lambda: "Removed cards" in window.compare.panel.group_counts(),
                    timeout=3000)
    counts = window.compare.panel.group_counts()
    assert counts["Changed cards"] == 1 and counts["Removed cards"] == 1
    assert len(_marks(window, CHANGED)) == 1 and len(_marks(window, REMOVED)) >= 1
    assert "title" in window.scene.card_tooltip_extra(first)
    stack.undo()
    stack.undo()
    qtbot.waitUntil(lambda: window.compare.panel.group_counts() == {}, timeout=3000)
    assert _marks(window, ADDED) == []


def test_leaving_compare_mode_restores_the_normal_view(window, tmp_path):
    other = tmp_path / "other.journey"
    journey = fileformat.load(SAMPLE)
    edits.remove_cards([journey.cards[0].id]).apply(journey)
    fileformat.save(journey, other)
    assert window.compare.compare_with(str(other))
    assert window.compare.overlay.scene() is window.scene
    assert window.compare.panel.group_counts() == {"Added cards": 1}
    window.compare.panel.leave.click()
    assert not window.compare.active
    assert window.compare.overlay.scene() is None
    assert window.scene.card_tooltip_extra is None
    assert window.compare.dock.isHidden()


def test_compare_with_base_says_when_the_base_changed(window, tmp_path, monkeypatch):
    _future(window, tmp_path, monkeypatch)
    base = fileformat.load(tmp_path / "today.journey")
    base.title = "Changed meanwhile"
    fileformat.save(base, tmp_path / "today.journey")
    assert window.compare.compare_with_base()
    assert window.compare.panel.notice.text() == (
        "The base map changed since this map was derived from it.")


def test_a_click_in_the_changes_dock_selects_and_scrolls(window, tmp_path, qtbot):
    other = tmp_path / "other.journey"
    journey = fileformat.load(SAMPLE)
    added = journey.cards[-1].id
    edits.remove_cards([added]).apply(journey)
    fileformat.save(journey, other)
    window.show()
    qtbot.waitExposed(window)
    window.compare.compare_with(str(other))
    tree = window.compare.panel.tree
    group = tree.topLevelItem(0)
    row = group.child(0)
    tree.scrollToItem(row)
    rect = tree.visualItemRect(row)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_card_ids() == [added]


# ----------------------------------------------------------- merge conflicts
def _merged_with_conflict(tmp_path):
    from app.model.merge import merge_maps

    base, ours, theirs = (fileformat.load(SAMPLE) for _ in range(3))
    card = base.cards[0].id
    edits.update_card(card, title="Ours").apply(ours)
    edits.update_card(card, title="Theirs").apply(theirs)
    path = tmp_path / "merged.journey"
    fileformat.save(merge_maps(base, ours, theirs).journey, path)
    return path, card


def test_conflicts_are_marked_shown_and_resolved(window, tmp_path):
    from app.canvas.tooltips import card_tooltip
    from app.window.conflicts import CONFLICT_COLOR

    path, card = _merged_with_conflict(tmp_path)
    assert window.files.open_path(str(path), ask=False)
    marks = window.conflicts.overlay
    assert marks.scene() is window.scene
    assert any(isinstance(p, Box) and p.border == CONFLICT_COLOR for p in marks.primitives)
    assert "Merge conflict" in card_tooltip(window.document.journey, card)
    assert "unresolved merge conflicts" in window.statusBar().currentMessage()
    window.scene.clearSelection()
    window.conflicts.show_action.trigger()
    assert window.scene.selected_card_ids() == [card]
    window.conflicts.resolve_action.trigger()
    window.conflicts.refresh()
    assert "conflict" not in window.document.journey.card(card).extra
    assert marks.scene() is None
    window.document.undo_stack.undo()
    window.conflicts.refresh()
    assert "conflict" in window.document.journey.card(card).extra
    assert marks.scene() is window.scene


def test_a_restored_window_state_does_not_show_an_empty_changes_dock(window, qtbot, tmp_path):
    other = tmp_path / "other.journey"
    fileformat.save(fileformat.load(SAMPLE), other)
    window.compare.compare_with(str(other))
    state = window.saveState(1)  # closed while comparing
    later = MainWindow(recent=window.recent)
    qtbot.addWidget(later)
    later.restoreState(state, 1)  # what open_window does right after building it
    assert not later.compare.dock.isHidden()
    qtbot.waitUntil(later.compare.dock.isHidden, timeout=2000)
