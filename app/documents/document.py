"""The open map of one editor window: its journey, its file and its undo history.

A `Document` owns the `Journey` being edited, the path it was read from (None
for an untitled map), and the QUndoStack every edit goes through.  Whether the
map has unsaved changes is the stack's clean state, so undoing back to the
saved state makes the map unmodified again.  Opening or creating a map
replaces the journey and clears the history; the window and its panels follow
through `journey_replaced`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.model import fileformat
from app.model.atomic import remove_stale_temporaries
from app.model.journey import Journey
from app.safety.safe_save import backup_path

APP_NAME = "Journeymap"
UNTITLED = "Untitled"


#: Files that are imported (a new untitled map) rather than opened.
IMPORTED_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def read_map(path: str, encoding: str | None = None, sheet: str | None = None) -> Journey:
    """Read a ``.journey`` file, or import a ``.csv`` or ``.xlsx`` file, by the path's suffix.

    Args:
        path: the file.
        encoding: a CSV's encoding (None: UTF-8, or as its byte order mark says).
        sheet: a workbook's sheet with the cards (None: the import's choice).

    Raises:
        JourneyError: the file cannot be read or is not a valid map, CSV or
            workbook (`app.model.csv_source.EncodingError` for a CSV's bytes).
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        from app.model.csv_import import import_csv

        return import_csv(path, encoding)
    if suffix in IMPORTED_SUFFIXES:
        from app.model.xlsx_import import import_xlsx

        return import_xlsx(path, sheet)
    journey = fileformat.load(path)
    # Saves killed half-way leave hidden temporary files; the map is fine, so tidy up.
    remove_stale_temporaries(path)
    remove_stale_temporaries(backup_path(path))
    return journey


class Document(QObject):
    """One map being edited.

    Args:
        journey: the map; a new empty one when None.
        path: the ``.journey`` file it belongs to, or None when untitled.
        parent: the owning QObject (the window).
    """

    #: The journey was replaced by another one (open, new, import).
    journey_replaced = Signal(object)
    #: The modified state flipped.
    modified_changed = Signal(bool)
    #: The file name changed (save as, open): the window title must follow.
    path_changed = Signal(object)

    def __init__(
        self, journey: Journey | None = None, path: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._journey = journey if journey is not None else Journey()
        self._path = path
        # An imported CSV has content that no .journey file holds yet: it counts
        # as unsaved even though the undo stack is clean.
        self._unsaved = False
        self._was_modified = False
        #: Writes the map to a file; replaceable (a writer that keeps backups,
        #: or asks before overwriting a file changed on disk).  It raises
        #: `JourneyError` when the map was not written.
        self.write_file: Callable[[Journey, str], None] = fileformat.save
        self.undo_stack.cleanChanged.connect(self._sync_modified)

    # ------------------------------------------------------------------ state
    @property
    def journey(self) -> Journey:
        """The map being edited (replaced as a whole by open and new)."""
        return self._journey

    @property
    def path(self) -> str | None:
        """The file the map is saved to, or None for an untitled map."""
        return self._path

    def is_modified(self) -> bool:
        """Whether the map has changes that are not in its file."""
        return self._unsaved or not self.undo_stack.isClean()

    def display_name(self) -> str:
        """The file's name, or "Untitled"."""
        return Path(self._path).name if self._path else UNTITLED

    def window_title(self) -> str:
        """Title for the window, with Qt's ``[*]`` placeholder for the modified marker."""
        based_on = self.journey.based_on
        if based_on:  # a future state says what it is the future of
            return (f"{self.display_name()}[*] (future state of \u201c{based_on['title']}\u201d)"
                    f" \u2014 {APP_NAME}")
        return f"{self.display_name()}[*] \u2014 {APP_NAME}"

    # ------------------------------------------------------------- replacing
    def replace(self, journey: Journey, path: str | None, unsaved: bool = False) -> None:
        """Edit ``journey`` from now on, forgetting the history of the previous map.

        Args:
            journey: the new map.
            path: its file, or None when untitled.
            unsaved: whether it holds content not saved anywhere (an import).
        """
        # The commands on the stack refer to the old journey: drop them first.
        self._unsaved = unsaved
        self.undo_stack.clear()
        self._journey = journey
        self._set_path(path)
        self.journey_replaced.emit(journey)
        self._sync_modified()

    def open(self, path: str, encoding: str | None = None, sheet: str | None = None) -> None:
        """Replace the map with the file at ``path`` (``.journey``, or a table imported).

        An imported CSV or workbook becomes an untitled, unsaved map, so that
        saving asks where to write the ``.journey`` file rather than
        overwriting the table.  ``encoding`` and ``sheet`` are `read_map`'s.

        Raises:
            JourneyError: the file could not be read; the document is unchanged.
        """
        journey = read_map(path, encoding, sheet)
        if Path(path).suffix.lower() in IMPORTED_SUFFIXES:
            self.replace(journey, None, unsaved=True)
        else:
            self.replace(journey, str(Path(path).resolve()))

    # ----------------------------------------------------------------- saving
    def save(self) -> None:
        """Write the map to its file.

        Raises:
            ValueError: the map is untitled (use `save_as`).
            JourneyError: the file could not be written; nothing changed on disk.
        """
        if not self._path:
            raise ValueError("an untitled map needs save_as")
        self._write(self._path)

    def save_as(self, path: str) -> None:
        """Write the map to ``path`` and make that its file from now on.

        Raises:
            JourneyError: the file could not be written; the document keeps its old path.
        """
        resolved = str(Path(path).resolve())
        self._write(resolved)
        self._set_path(resolved)

    def _write(self, path: str) -> None:
        self.write_file(self._journey, path)
        self._unsaved = False
        self.undo_stack.setClean()
        self._sync_modified()

    # ---------------------------------------------------------------- helpers
    def _set_path(self, path: str | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)

    def _sync_modified(self, *_: object) -> None:
        # Called by cleanChanged and after every replace or save: announce only flips.
        modified = self.is_modified()
        if modified != self._was_modified:
            self._was_modified = modified
            self.modified_changed.emit(modified)
