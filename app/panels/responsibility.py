"""Who owns what: departments against stages, the number of cards each owns.

Each number is one click from its cards (`cards_requested`); the table can be
copied (tab-separated, for pasting into a spreadsheet) or saved as CSV.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis import responsibility_cards
from app.model.errors import JourneyError
from app.model.fileformat import atomic_write
from app.model.journey import Change, Journey
from app.panels.insights import REFRESH_DELAY_MS, JourneyLink

_ZERO = QBrush(QColor("#A0A8B4"))


class ResponsibilityView(QWidget):
    """A table of departments x stages with the number of cards owned in each.

    Signals:
        cards_requested(list[str]): select these cards (a number was clicked).
    """

    cards_requested = Signal(list)

    def __init__(self, journey: Journey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._link = JourneyLink(self._changed)
        self._persona: str | None = None
        self._stale = False
        self._rows: list[list[str]] = []
        self._cards: list[list[list[str]]] = []  # [row][column] -> card ids
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self.destroyed.connect(self._link.detach)
        self.set_journey(journey)

    def _build(self) -> None:
        self.table = QTableWidget(self)
        self.table.setAccessibleName("Cards owned per department and stage")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.cellClicked.connect(self._cell_clicked)
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.setToolTip("Copy the table, tab-separated, for a spreadsheet")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.save_button = QPushButton("Save as CSV\u2026", self)
        self.save_button.clicked.connect(self._save_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Cards each department owns, per stage", self), 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def fitting_height(self) -> int:
        """The height that shows the buttons, the header and every row (no
        scroll bar, no empty space below the last department)."""
        table = self.table
        rows = sum(table.rowHeight(i) for i in range(table.rowCount()))
        header = table.horizontalHeader().height() if table.horizontalHeader().isVisible() else 0
        scroll = table.horizontalScrollBar()
        bar = scroll.sizeHint().height() if scroll.maximum() > 0 else 0
        margins = self.layout().contentsMargins()
        top = self.copy_button.sizeHint().height() + self.layout().spacing()
        return rows + header + bar + 2 * table.frameWidth() + top + margins.top() + margins.bottom()

    # ---------------------------------------------------------------- public
    @property
    def journey(self) -> Journey | None:
        """The map shown."""
        return self._link.journey

    def set_journey(self, journey: Journey) -> None:
        """Show another map (for everyone: the persona filter is reset)."""
        self._link.attach(journey)
        self._persona = None
        # Hidden (as when a map opens), it counts when first shown or read.
        if self.isVisible():
            self.refresh()
        else:
            self._timer.stop()
            self._stale = True

    @property
    def persona(self) -> str | None:
        """The persona whose cards are counted (None: everyone)."""
        return self._persona

    def set_persona(self, persona_id: str | None) -> None:
        """Count only the cards one persona sees (None: everyone)."""
        self._persona = persona_id
        self.refresh()

    def rows(self) -> list[list[str]]:
        """The table as text: a header row, then one row per department.

        The header is ``Department``, the stage names, ``Total``; a department
        row its name, its card counts per stage and their sum.
        """
        self._catch_up()
        return [list(row) for row in self._rows]

    def csv_text(self) -> str:
        """The table as CSV (comma-separated, ``\\n`` line ends, no BOM)."""
        self._catch_up()
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(self._rows)
        return buffer.getvalue()

    def save_csv(self, path: str | os.PathLike[str]) -> None:
        """Write the table as UTF-8 CSV with a BOM (as the map's CSV export), atomically.

        Raises:
            JourneyError: the file cannot be written.
        """
        atomic_write(path, ("\ufeff" + self.csv_text()).encode("utf-8"))

    def copy_to_clipboard(self) -> None:
        """Put the table on the clipboard, tab-separated (pastes as cells)."""
        self._catch_up()
        lines = ["\t".join(_one_line(cell) for cell in row) for row in self._rows]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def refresh(self) -> None:
        """Recount now and show the table."""
        self._timer.stop()
        self._stale = False
        journey = self._link.journey
        if journey is None:
            return
        if self._persona is not None and not any(p.id == self._persona for p in journey.personas):
            self._persona = None  # the persona was removed
        table = responsibility_cards(journey, self._persona)
        stages = list(dict.fromkeys(s.name for s in journey.stages))
        self._rows = [["Department", *stages, "Total"]]
        self._cards = []
        for department, row in table.items():
            ids = [row[stage] for stage in stages]
            everything = [cid for cell in ids for cid in cell]
            self._cards.append([*ids, everything])
            self._rows.append([department, *(str(len(cell)) for cell in self._cards[-1])])
        self._show(journey)

    # -------------------------------------------------------------- private
    def _catch_up(self) -> None:
        if self._stale:
            self.refresh()

    def _changed(self, change: Change) -> None:
        # Hidden, it recounts only when shown again (see InsightsPanel).
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show(self, journey: Journey) -> None:
        header, *rows = self._rows
        colours = {}
        for department in journey.departments:
            colours.setdefault(department.name, department.color)
        most = max((len(c) for row in self._cards for c in row[:-1]), default=0) or 1
        table = self.table
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(header) - 1)
        table.setHorizontalHeaderLabels(header[1:])
        table.setVerticalHeaderLabels([row[0] for row in rows])
        for r, row in enumerate(rows):
            for c, text in enumerate(row[1:]):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                count = len(self._cards[r][c])
                if not count:
                    item.setForeground(_ZERO)
                elif c < len(header) - 2:
                    # A light wash of the department's colour, deeper for more cards.
                    tint = QColor(colours.get(row[0], "#808080"))
                    tint.setAlphaF(0.15 + 0.45 * count / most)
                    item.setBackground(QBrush(tint))
                if count:
                    item.setToolTip(f"{count} card{'s' if count > 1 else ''}: click to select")
                table.setItem(r, c, item)
        table.setCurrentCell(-1, -1)
        table.resizeColumnsToContents()

    def _cell_clicked(self, row: int, column: int) -> None:
        ids = self._cards[row][column]
        if ids:
            self.cards_requested.emit(list(ids))

    def _save_dialog(self) -> None:
        journey = self._link.journey
        name = f"{(journey.title if journey else '') or 'map'} responsibility.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save responsibility table", name, "CSV files (*.csv)"
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".csv"
        try:
            self.save_csv(path)
        except JourneyError as error:
            QMessageBox.warning(self, "Save as CSV", str(error))


def _one_line(text: str) -> str:
    # A tab or line break inside a name would split the pasted cells.
    return " ".join(text.split())
