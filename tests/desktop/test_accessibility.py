"""Readable by everyone: every field, list, dock and dialog has an accessible name,
and every command is reachable from the keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from app.canvas.undo import push_edit
from app.documents.recent_files import RecentFiles
from app.model.edits import update_card
from app.model.fileformat import load
from app.panels.export_dialog import ExportDialog
from app.panels.palette import PaletteDock
from app.window.about import AboutDialog
from app.window.main_window import MainWindow
from tests.desktop.test_xdg import SAMPLE

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton,
          QAbstractItemView)


@pytest.fixture
def window(qtbot, tmp_path):
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(load(SAMPLE), str(SAMPLE), recent=recent)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """The focusable inputs under ``root`` that a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if (isinstance(widget, INPUTS) and widget.isVisibleTo(root)
                and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not isinstance(widget.parent(), QAbstractSpinBox)  # its line edit
                and not _name(widget)):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_inspector_fields_are_named_for_every_selection(window, qtbot):
    journey = window.document.journey
    scene = window.scene
    for select in (
        lambda: scene.select_cards([journey.cards[0].id]),
        lambda: scene.select_cards([c.id for c in journey.cards[:3]]),
        lambda: scene.select_flows([journey.flows[0].id]),
        lambda: scene.select_cell((journey.stages[0].id, journey.lanes[0].id)),
        lambda: scene.clearSelection(),
    ):
        select()
        qtbot.wait(1)
        assert unnamed(window) == []


def test_docks_and_palette_tiles_are_named(window):
    docks = window.findChildren(QDockWidget)
    assert len(docks) >= 3
    assert all(_name(dock) == dock.windowTitle() != "" for dock in docks)
    palette = window.findChild(PaletteDock).palette_widget
    tiles = [w for w in palette.findChildren(QWidget) if hasattr(w, "mime_type")]
    assert tiles and all(_name(tile) for tile in tiles)


def test_dialogs_are_named(window, qtbot):
    window.show_departments()
    window.show_personas()
    dialogs = list(window._dialogs.values())
    dialogs.append(AboutDialog(window))
    dialogs.append(ExportDialog(window.document.journey, "map.pdf", window))
    dialogs.append(window.workshop.show_shortcuts())
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() and _name(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.close()


# ------------------------------------------------------------------ keyboard
def _walk(menu: QMenu, qtbot, reached: set[QAction]) -> None:
    """Press Down through ``menu`` until the highlight comes round; enter each submenu."""
    seen: list[QAction] = []
    for _ in range(4 * len(menu.actions()) + 4):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        action = menu.activeAction()
        if action is None or (seen and action is seen[0]):
            break
        seen.append(action)
        reached.add(action)
        sub = action.menu()
        if sub is not None and action.isEnabled():
            qtbot.keyClick(menu, Qt.Key.Key_Right)
            qtbot.waitUntil(lambda s=sub: s.isVisible(), timeout=2000)
            _walk(sub, qtbot, reached)
            qtbot.keyClick(sub, Qt.Key.Key_Left)
            qtbot.waitUntil(lambda s=sub: not s.isVisible(), timeout=2000)


def _commands(menu: QMenu) -> set[QAction]:
    found = set()
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or not action.isEnabled():
            continue
        found.add(action)
        if action.menu() is not None:
            found |= _commands(action.menu())
    return found


def _select_cell(window: MainWindow) -> None:
    # A selected cell enables the commands that need one (remove stage or lane...).
    journey = window.document.journey
    window.scene.select_cell((journey.stages[0].id, journey.lanes[0].id))


def _edit_then_select_card(window: MainWindow) -> None:
    # An edit to undo and a selected card enable Undo, Cut, Copy, Duplicate, Delete.
    card = window.document.journey.cards[0]
    push_edit(window.document.undo_stack, window.document.journey,
              update_card(card.id, title="Renamed"))
    window.scene.select_cards([card.id])


@pytest.mark.parametrize("prepare", (_select_cell, _edit_then_select_card))
def test_every_menu_command_is_reachable_by_keyboard(window, qtbot, prepare):
    prepare(window)
    reached: set[QAction] = set()
    titles = [a for a in window.menuBar().actions() if a.menu() is not None]
    mnemonics = [a.text()[a.text().index("&") + 1].lower() for a in titles]
    assert len(set(mnemonics)) == len(titles), [a.text() for a in titles]
    for title, key in zip(titles, mnemonics, strict=True):
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key(ord(key.upper())), Qt.KeyboardModifier.AltModifier)
        menu = title.menu()
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        assert QApplication.activePopupWidget() is menu
        _walk(menu, qtbot, reached)
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda m=menu: not m.isVisible(), timeout=2000)
        commands = _commands(menu)
        assert len(commands) >= 2
        missing = {a.text() for a in commands - reached}
        assert not missing, f"{title.text()}: not reached by keyboard: {sorted(missing)}"
    assert window.commands.undo in reached or prepare is _select_cell
    window.document.undo_stack.setClean()  # closing the window must not ask to save


def test_every_toolbar_command_is_in_a_menu_or_has_a_key(window):
    in_menus: set[QAction] = set()
    for title in window.menuBar().actions():
        if title.menu() is not None:
            in_menus |= _commands(title.menu())
    for action in window.toolbar.actions():
        if action.isSeparator():
            continue
        assert action in in_menus or action.shortcuts(), action.text()
    # The persona switcher's combo box is also View > Show Persona.
    assert window.workshop.personas.menu.menuAction() in in_menus
