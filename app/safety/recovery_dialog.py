"""The dialog at startup that offers the unsaved maps of a session that died.

Each map is listed with what would come back: its title, when it was last
written, how many cards it holds and the file it belongs to (or "untitled").
The user ticks the ones concerned and chooses Recover, Discard or Later (ask
again at the next start).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.safety.recovery_store import RecoveryEntry


class Choice(Enum):
    """What the user decided for the ticked maps."""

    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"


class RecoveryDialog(QDialog):
    """Lists recoverable maps; `choice` and `chosen` tell the result.

    Args:
        entries: the orphaned sessions, oldest first.
        parent: the window the dialog belongs to.
    """

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved maps")
        self.entries = list(entries)
        self.choice = Choice.LATER
        self.chosen: list[RecoveryEntry] = []
        count = len(self.entries)
        intro = QLabel(
            f"Journeymap stopped before {'this map was' if count == 1 else 'these maps were'} "
            "saved. Recover the changes, or discard them for good.",
            self,
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Unsaved maps")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Map", "Last change", "Cards", "File"])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for entry in self.entries:
            item = QTreeWidgetItem(
                [entry.title or "(no title)", entry.describe_time(), str(entry.cards),
                 entry.original or "untitled (never saved)"]
            )
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(3, entry.original or "")
            self.tree.addTopLevelItem(item)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))
        buttons = QDialogButtonBox(self)
        self.recover_button = buttons.addButton("&Recover", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton(
            "&Discard", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.later_button = buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(lambda: self._finish(Choice.RECOVER))
        self.discard_button.clicked.connect(self._confirm_discard)
        self.later_button.clicked.connect(lambda: self._finish(Choice.LATER))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(760, 320)

    def ticked(self) -> list[RecoveryEntry]:
        """The entries whose box is ticked."""
        return [
            entry
            for i, entry in enumerate(self.entries)
            if self.tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked
        ]

    def set_ticked(self, entries: list[RecoveryEntry]) -> None:
        """Tick exactly ``entries`` (for keyboard-free use and tests)."""
        for i, entry in enumerate(self.entries):
            state = Qt.CheckState.Checked if entry in entries else Qt.CheckState.Unchecked
            self.tree.topLevelItem(i).setCheckState(0, state)

    def _confirm_discard(self) -> None:
        n = len(self.ticked())
        if not n:
            return
        answer = QMessageBox.question(
            self,
            "Discard unsaved changes",
            f"Discard the unsaved changes of {n} map{'s' if n > 1 else ''} for good?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._finish(Choice.DISCARD)

    def _finish(self, choice: Choice) -> None:
        self.choice = choice
        self.chosen = [] if choice is Choice.LATER else self.ticked()
        if choice is Choice.LATER:
            self.reject()
        else:
            self.accept()

