"""The File menu's commands for one window: new, open, import, save, save as.

Each command that would replace the map asks first when it has unsaved
changes (Save / Discard / Cancel).  A file that cannot be read shows its
`JourneyError` message in a dialog and leaves the map as it was; a file that
cannot be written says so and keeps the map modified.  The dialogs are Qt's
static functions (QMessageBox, QFileDialog), which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from app.documents.document import Document
from app.documents.recent_files import RecentFiles
from app.model.csv_source import EncodingError
from app.model.errors import JourneyError
from app.model.journey import Journey
from app.model.templates import DEFAULT_TEMPLATE, load_template
from app.panels.new_map import NewMapDialog

MAP_FILTER = "Journey maps (*.journey)"
OPEN_FILTER = (
    "Journey maps and spreadsheets (*.journey *.csv *.xlsx *.xlsm);;Journey maps (*.journey);;"
    "CSV files (*.csv);;Excel workbooks (*.xlsx *.xlsm)"
)
IMPORT_FILTER = (
    "Spreadsheets (*.csv *.xlsx *.xlsm);;CSV files (*.csv);;Excel workbooks (*.xlsx *.xlsm)"
)
#: What a CSV that is not UTF-8 is most likely (Excel's "CSV" on Windows).
FALLBACK_ENCODING = "cp1252"
SUFFIX = ".journey"


class FileController:
    """File commands for the window ``parent`` editing ``document``.

    Args:
        document: the window's map.
        parent: the window (parent of the dialogs).
        recent: the Open Recent list, updated on every open and save.
    """

    def __init__(self, document: Document, parent: QWidget, recent: RecentFiles) -> None:
        self.document = document
        self.parent = parent
        self.recent = recent

    # ------------------------------------------------------------ asking
    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.warning(
            self.parent,
            "Unsaved changes",
            f"\u201c{self.document.display_name()}\u201d has changes that are not saved.\n"
            "Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent, title, message)

    def _folder(self) -> str:
        if self.document.path:
            return str(Path(self.document.path).parent)
        recent = self.recent.paths()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    # ----------------------------------------------------------- replacing
    def new(self) -> bool:
        """Ask for a template and start a new untitled map from it."""
        if not self.maybe_save():
            return False
        dialog = NewMapDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        journey = dialog.journey()
        if journey is None:
            return False
        self.document.replace(journey, None)
        return True

    def open_dialog(self) -> bool:
        """Ask for a ``.journey`` (or ``.csv``) file and open it."""
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open Map", self._folder(), OPEN_FILTER)
        return bool(path) and self.open_path(path, ask=False)

    def import_dialog(self) -> bool:
        """Ask for a CSV file or a workbook and import it as a new untitled map."""
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(self.parent, "Import", self._folder(), IMPORT_FILTER)
        return bool(path) and self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a ``.journey`` file, or import a ``.csv`` or ``.xlsx`` one.

        A workbook with several sheets and none called Cards asks which sheet
        holds the cards; a CSV that is not UTF-8 offers to read it as
        Windows-1252, which is what Excel writes on Windows.

        Args:
            path: the file.
            ask: ask about unsaved changes first (False when already asked).

        Returns:
            Whether the map was replaced; on a read error a dialog shows the
            message and the current map stays.
        """
        if ask and not self.maybe_save():
            return False
        options = self._import_options(path)
        if options is None:
            return False
        try:
            self.document.open(path, **options)
        except EncodingError as exc:
            if not self._retry_encoding(path, str(exc)):
                return False
        except JourneyError as exc:
            self._error("Cannot open map", str(exc))
            return False
        if Path(path).suffix.lower() == SUFFIX:
            self.recent.add(path)
        return True

    def _import_options(self, path: str) -> dict[str, str] | None:
        """The sheet of a workbook to import (asked when unclear); None: cancelled."""
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            return {}
        from app.model.xlsx_import import sheet_choices

        choices = sheet_choices(path)
        if not choices:
            return {}
        sheet, ok = QInputDialog.getItem(
            self.parent, "Import workbook",
            f"Which sheet of \u201c{Path(path).name}\u201d holds the cards?", choices, 0, False,
        )
        return {"sheet": sheet} if ok else None

    def _retry_encoding(self, path: str, message: str) -> bool:
        """Offer to read a CSV that is not UTF-8 as Windows-1252; whether it was read."""
        answer = QMessageBox.question(
            self.parent, "Not UTF-8 text",
            f"{message}.\n\nRead it as Windows-1252 (Western European), "
            "the encoding Excel uses for CSV on Windows?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.document.open(path, encoding=FALLBACK_ENCODING)
        except JourneyError as exc:
            self._error("Cannot open map", str(exc))
            return False
        return True

    def start_untitled(self, template: str = DEFAULT_TEMPLATE) -> None:
        """Replace the map with an untitled one from ``template`` (no questions)."""
        try:
            journey = load_template(template)
        except JourneyError:
            journey = Journey()
        self.document.replace(journey, None)

    # -------------------------------------------------------------- saving
    def save(self) -> bool:
        """Save to the map's file, or ask for one; False if not saved."""
        if not self.document.path:
            return self.save_as()
        try:
            self.document.save()
        except JourneyError as exc:
            self._error("Cannot save map", str(exc))
            return False
        self.recent.add(self.document.path)
        return True

    def save_as(self) -> bool:
        """Ask for a file name and save there; False if cancelled or not saved."""
        suggested = self.document.path or str(
            Path(self._folder()) / (_file_stem(self.document.journey.title) + SUFFIX)
        )
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save Map As", suggested, MAP_FILTER)
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        try:
            self.document.save_as(path)
        except JourneyError as exc:
            self._error("Cannot save map", str(exc))
            return False
        self.recent.add(path)
        return True


def _file_stem(title: str) -> str:
    """A file name from a map title: ``Buying a bike`` -> ``Buying a bike``, without / : etc."""
    cleaned = "".join(ch for ch in title if ch not in '/\\:*?"<>|').strip()
    return cleaned[:60] or "Untitled"
