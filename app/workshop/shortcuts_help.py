"""Help > Keyboard shortcuts: every shortcut of the window, gathered at runtime.

The list is read from the window's QActions when the dialog opens, so it can
never go stale: a new action with a shortcut shows up without anyone editing
this module.  Each row names the menu the command lives in (or the toolbar,
or "Window" for actions that only live on the window, such as the keys of
presentation mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.canvas.keyboard import CANVAS_KEYS


@dataclass(frozen=True)
class ShortcutRow:
    """One command and its keys, as the dialog lists it."""

    keys: str
    command: str
    where: str


def clean_text(text: str) -> str:
    """An action's text without mnemonic ampersands, trailing dots or a tab part."""
    text = text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(".\u2026").strip()


#: Keys from Qt::Key_Back on are media and appliance keys ("Save", "Open")
#: that standard shortcuts carry but no ordinary keyboard has.
_FIRST_MEDIA_KEY = 0x01000061
#: F14 and up: Qt's platform bindings use them as stand-ins (Undo is F14 on
#: some X11 themes, Copy F16...) and no facilitator's keyboard has them.
_FIRST_PLACEHOLDER_F_KEY = Qt.Key.Key_F14.value
_LAST_F_KEY = Qt.Key.Key_F35.value

#: Dynamic property naming where a window-only action is used ("Presentation mode").
GROUP_PROPERTY = "shortcutGroup"


def _keys(action: QAction) -> str:
    shown = []
    for sequence in action.shortcuts():
        keys = [sequence[i].key().value for i in range(sequence.count())]
        if keys and all(_on_a_keyboard(k) for k in keys):
            shown.append(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(shown)


def _on_a_keyboard(key: int) -> bool:
    return key < _FIRST_MEDIA_KEY and not _FIRST_PLACEHOLDER_F_KEY <= key <= _LAST_F_KEY


def _menu_actions(menu: QMenu, path: str, found: dict[int, tuple[QAction, str]]) -> None:
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if sub is not None:
            _menu_actions(sub, f"{path} \u203a {clean_text(action.text())}", found)
        else:
            found.setdefault(id(action), (action, path))


def collect_shortcuts(window: QMainWindow) -> list[ShortcutRow]:
    """Every action of ``window`` that has a shortcut, with where it lives.

    Actions in menus come first, in menu order; then toolbar actions, then
    the window's own actions.  Hidden menu entries are still listed: their
    keys work.
    """
    found: dict[int, tuple[QAction, str]] = {}
    for top in window.menuBar().actions():
        if top.menu() is not None:
            _menu_actions(top.menu(), clean_text(top.text()), found)
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            found.setdefault(id(action), (action, f"{clean_text(bar.windowTitle())} toolbar"))
    for widget in [window, *window.findChildren(QWidget)]:
        # QWidget.actions unbound: a window may shadow the method with an attribute.
        for action in QWidget.actions(widget):
            found.setdefault(id(action), (action, action.property(GROUP_PROPERTY) or "Window"))
    rows = []
    for action, where in found.values():
        keys = _keys(action)
        if keys and not action.isSeparator():
            rows.append(ShortcutRow(keys, clean_text(action.text()), where))
    rows += [ShortcutRow(keys, command, "Canvas") for keys, command in CANVAS_KEYS]
    return rows


def matches(row: ShortcutRow, needle: str) -> bool:
    """Whether a row matches what was typed into the filter.

    A word that names a key ("F2", "Ctrl", "Z") must match a whole key name,
    so that "F2" finds F2 and not F20; any other text matches anywhere in the
    command or the menu.
    """
    needle = needle.casefold().strip()
    if not needle:
        return True
    keys = {part.strip().casefold() for part in re.split(r"[+,\s]+", row.keys) if part}
    words = needle.split()
    if all(word in keys for word in words):
        return True
    text = f"{row.command} {row.where}".casefold()
    return needle in text or needle == row.keys.casefold()


class ShortcutsDialog(QDialog):
    """A searchable table of the window's keyboard shortcuts.

    Args:
        window: the main window whose actions are listed.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = collect_shortcuts(window)
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setPlaceholderText("Type to filter: a command, a menu or a key")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.table = QTableWidget(len(self.rows), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Command", "Menu"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(self.rows):
            for j, text in enumerate((row.keys, row.command, row.where)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._fit_width()
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_width(self) -> None:
        """As wide as the columns need (no cut-off command), within the screen."""
        table = self.table
        want = sum(table.columnWidth(j) for j in range(table.columnCount()))
        want += table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 40
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = screen.width() - 80 if screen else want
        self.resize(max(620, min(want, limit)), 560)

    def visible_commands(self) -> list[str]:
        """The commands the filter currently shows."""
        return [
            self.table.item(i, 1).text()
            for i in range(self.table.rowCount())
            if not self.table.isRowHidden(i)
        ]

    def _apply_filter(self, text: str) -> None:
        for i, row in enumerate(self.rows):
            self.table.setRowHidden(i, not matches(row, text))
