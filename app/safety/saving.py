"""Safe save for one window: a backup beside the file, and a question before
overwriting a file that someone else changed.

`SafeSaver.write` is installed as the document's file writer.  It remembers
the stamp of the file as the editor last read or wrote it; when the file on
disk no longer matches, the user chooses: overwrite it, save the map under
another name, or cancel (the map stays unsaved and says why).
"""

from __future__ import annotations

import os
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.model.errors import JourneyError
from app.model.journey import Journey
from app.safety.safe_save import FileChangedOnDiskError, FileStamp, save_with_backup, stamp

if TYPE_CHECKING:
    from app.window.main_window import MainWindow


class Conflict(Enum):
    """The user's answer when the file changed on disk."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def ask_conflict(window: MainWindow, path: str) -> Conflict:
    """Ask what to do about a file changed on disk since it was opened."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setText(
        f"\u201c{os.path.basename(path)}\u201d was changed on disk since you opened or "
        "saved it (by another window, another program or a synced folder)."
    )
    box.setInformativeText(
        "Overwrite it with this map, or save this map under another name and keep "
        "the other version? A copy of the file on disk is kept as a .bak file either way."
    )
    overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save &As\u2026", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return Conflict.OVERWRITE
    if clicked is save_as:
        return Conflict.SAVE_AS
    return Conflict.CANCEL


class SafeSaver:
    """The file writer of one window's document.

    Args:
        window: the main window (its ``document`` and ``files``).
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.known_path: str | None = None
        self.known: FileStamp | None = None
        document = window.document
        document.journey_replaced.connect(lambda _journey: self.remember_file())
        self.remember_file()

    def remember_file(self, known: FileStamp | None = None) -> None:
        """Take the stamp of the document's file as it is now (just opened).

        Args:
            known: use this stamp instead (a recovered map keeps the stamp
                its crashed session had, so changes made since are noticed).
        """
        path = self._window.document.path
        self.known_path = path
        try:
            self.known = known or (stamp(path) if path else None)
        except JourneyError:
            self.known = None

    def stamp_for(self, path: str | None) -> FileStamp | None:
        """The remembered stamp of ``path`` (None for a file not read or written here)."""
        return self.known if path is not None and path == self.known_path else None

    def write(self, journey: Journey, path: str) -> None:
        """Write the map to ``path`` with a backup; ask if the file changed on disk.

        Raises:
            JourneyError: the map could not be written, or the user chose
                not to overwrite the changed file.
        """
        # A different path comes from Save As, whose file dialog already
        # asked about replacing an existing file.
        same = path == self.known_path
        try:
            new = save_with_backup(journey, path, self.stamp_for(path), check=same)
        except FileChangedOnDiskError:
            choice = ask_conflict(self._window, path)
            if choice is Conflict.OVERWRITE:
                new = save_with_backup(journey, path, None, check=False)
            elif choice is Conflict.SAVE_AS and self._window.files.save_as():
                return  # saved under the new name by that nested Save As
            else:
                raise JourneyError(
                    f"{path}: not saved: the file was changed on disk and you kept that "
                    "version; use Save As to keep both"
                ) from None
        self.known_path, self.known = path, new
