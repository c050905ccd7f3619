"""Help > Keyboard shortcuts lists what the window's actions really are."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.workshop.shortcuts_help import ShortcutsDialog, clean_text, collect_shortcuts


def _window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("&File")
    save = file_menu.addAction("&Save")
    save.setShortcut(QKeySequence("Ctrl+S"))
    recent = file_menu.addMenu("Open &Recent")
    recent.addAction("No shortcut here")
    export = recent.addAction("Export &PDF\u2026")
    export.setShortcut(QKeySequence("Ctrl+E"))
    toolbar = window.addToolBar("Canvas")
    zoom = toolbar.addAction("Zoom to fit")
    zoom.setShortcut(QKeySequence("Ctrl+0"))
    hidden = QAction("Next stage", window)
    hidden.setShortcut(QKeySequence("Right"))
    window.addAction(hidden)
    return window


def test_every_action_with_a_shortcut_is_listed_with_its_place(qtbot):
    rows = {(r.command, r.where) for r in collect_shortcuts(_window(qtbot)) if r.where != "Canvas"}
    assert rows == {
        ("Save", "File"),
        ("Export PDF", "File \u203a Open Recent"),
        ("Zoom to fit", "Canvas toolbar"),
        ("Next stage", "Window"),
    }


def test_a_shortcut_added_later_shows_up(qtbot):
    window = _window(qtbot)
    window.menuBar().addMenu("&Edit").addAction("Undo").setShortcut(QKeySequence("Ctrl+Z"))
    assert "Undo" in [r.command for r in collect_shortcuts(window)]


def test_filter_narrows_the_list(qtbot):
    window = _window(qtbot)
    dialog = ShortcutsDialog(window)
    qtbot.keyClicks(dialog.filter, "zoom")
    assert dialog.visible_commands() == ["Zoom to fit"]


def test_mnemonics_and_ellipses_are_not_shown():
    assert clean_text("Save &As\u2026") == "Save As"
    assert clean_text("Rock && Roll") == "Rock & Roll"


def test_the_canvas_keys_are_listed_too(qtbot):
    rows = [r for r in collect_shortcuts(_window(qtbot)) if r.where == "Canvas"]
    keys = {r.keys for r in rows}
    assert {"Type", "Enter", "Tab", "F2", "Delete", "Escape"} <= keys
    assert any("Left" in k for k in keys)


def test_the_voting_keys_are_listed_in_the_dialog(qtbot):
    window = _window(qtbot)
    dialog = ShortcutsDialog(window)
    rows = {r.keys: r.command for r in dialog.rows if r.where == "Canvas"}
    assert "add a dot" in rows["+"] and "take a dot off" in rows["-"]
    qtbot.keyClicks(dialog.filter, "+")
    assert dialog.visible_commands() == [rows["+"]]


def test_placeholder_function_keys_are_hidden(qtbot):
    window = _window(qtbot)
    undo = window.menuBar().addMenu("&Edit").addAction("Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence("F14")])
    row = next(r for r in collect_shortcuts(window) if r.command == "Undo")
    assert row.keys == "Ctrl+Z"


def test_a_key_name_matches_whole_keys_only(qtbot):
    window = _window(qtbot)
    edit = window.menuBar().addMenu("&Edit")
    edit.addAction("Rename").setShortcut(QKeySequence("F2"))
    edit.addAction("Twenty").setShortcut(QKeySequence("F20"))
    dialog = ShortcutsDialog(window)
    qtbot.keyClicks(dialog.filter, "F2")
    shown = dialog.visible_commands()
    assert "Rename" in shown and "Twenty" not in shown
    assert any("title" in c for c in shown)  # the canvas's F2 row


def test_the_dialog_is_wide_enough_for_every_command(qtbot):
    window = _window(qtbot)
    dialog = ShortcutsDialog(window)
    table = dialog.table
    needed = sum(table.columnWidth(j) for j in range(table.columnCount()))
    screen = dialog.screen().availableGeometry().width()
    # As wide as the columns need, unless the screen is narrower (then capped).
    assert dialog.width() >= min(needed, screen - 80)
    assert dialog.width() <= max(620, screen)
