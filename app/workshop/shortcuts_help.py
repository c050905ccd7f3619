"""Help > Keyboard shortcuts: every shortcut of the window, gathered at runtime.

The list is read from the window's QActions when the dialog opens, so it can
never go stale: a new action with a shortcut shows up without anyone editing
this module.  Each row names the menu the command lives in (or the toolbar,
or "Window" for actions that only live on the window, such as the keys of
presentation mode).
"""

from __future__ import annotations

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

#: Dynamic property naming where a window-only action is used ("Presentation mode").
GROUP_PROPERTY = "shortcutGroup"


def _keys(action: QAction) -> str:
    shown = []
    for sequence in action.shortcuts():
        keys = [sequence[i].key().value for i in range(sequence.count())]
        if keys and all(k < _FIRST_MEDIA_KEY for k in keys):
            shown.append(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(shown)


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
    return rows


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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def visible_commands(self) -> list[str]:
        """The commands the filter currently shows."""
        return [
            self.table.item(i, 1).text()
            for i in range(self.table.rowCount())
            if not self.table.isRowHidden(i)
        ]

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i, row in enumerate(self.rows):
            hay = f"{row.keys} {row.command} {row.where}".casefold()
            self.table.setRowHidden(i, bool(needle) and needle not in hay)
