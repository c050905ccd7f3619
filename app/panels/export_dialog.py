"""The Export dialog: choose format, paper and poster options, see the sheets, export.

It offers every format the command line writes (the registry of
`app.export.formats`: PDF, PNG, SVG, CSV, XLSX...).  The
preview shows the very `PagePlan` the exporter will print (pages, poster
sheets and their count) before anything is written; options that do not
apply to the chosen format are disabled, with a tooltip that says why.  The export itself runs
on a worker thread, on a snapshot of the map taken when Export is pressed, so
the editor stays usable and later edits cannot tear the file; a progress bar
follows it and Cancel stops it (no partial file is left either way).

Open it non-modally so that the editor stays usable::

    dialog = ExportDialog(journey, suggested_path, parent=main_window)
    dialog.show()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.export.drawing import Drawing, build_drawing
from app.export.exporter import ExportOptions, check_options, export_map, page_plan
from app.export.formats import ExportFormat, export_formats
from app.export.image import render_thumbnail
from app.export.paper import PAPER_NAMES
from app.model.errors import JourneyError
from app.model.fileformat import from_dict, to_dict
from app.model.journey import Change, Journey
from app.panels.export_preview import ExportPreview, describe_plan

FIT = "Fit to the map"
ERROR_STYLE = "color: #C0392B;"


class ExportCancelledError(Exception):
    """Raised from the progress callback to stop an export the user cancelled."""


class ExportThread(QThread):
    """Runs one export off the GUI thread and reports back with signals.

    It works on a snapshot (`app.model.fileformat.to_dict` of the map), never
    on the live journey the editor keeps changing.

    The signals are emitted from the worker thread and delivered queued to
    the dialog; `finished` (QThread's) follows the outcome.
    """

    progressed = Signal(float)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, snapshot: dict[str, Any], path: str, options: ExportOptions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshot, self.path, self.options = snapshot, path, options
        self.cancelled = False

    def run(self) -> None:
        """Export; emits `succeeded` with the path, or `failed` with a message."""
        try:
            journey = from_dict(self.snapshot)
            export_map(journey, self.path, self.options, progress=self._progress)
        except ExportCancelledError:
            self.failed.emit("Export cancelled; nothing was written.")
        except JourneyError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must report every failure
            self.failed.emit(f"{self.path}: export failed: {exc}")
        else:
            self.succeeded.emit(self.path)

    def _progress(self, fraction: float) -> None:
        if self.cancelled:
            raise ExportCancelledError
        self.progressed.emit(fraction)


class ExportDialog(QDialog):
    """Export the map as PDF (page, paper or poster), PNG, SVG, CSV or XLSX.

    Args:
        journey: the map to export (a snapshot is taken when Export is pressed).
        suggested_path: the file name offered first; its suffix picks the format.
        parent: the main window.
    """

    #: A file was written (its path).
    exported = Signal(str)

    def __init__(self, journey: Journey, suggested_path: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export map")
        # Opened non-modally for each export; it frees itself (and its preview) on close.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.journey = journey
        self._drawings: dict[str | None, tuple[Drawing, object]] = {}
        self._thread: ExportThread | None = None
        self._build(suggested_path)
        self._refresh()
        # The dialog is not modal: follow edits made meanwhile (debounced).
        self._stale = QTimer(self, singleShot=True, interval=300)
        self._stale.timeout.connect(self._map_changed)
        journey.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        self._stale.start()

    def _map_changed(self) -> None:
        self._drawings.clear()
        self._refresh()

    # ----------------------------------------------------------------- build
    def _build(self, suggested_path: str) -> None:
        self.path_edit = QLineEdit(suggested_path)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.format_combo = _combo([fmt.name for fmt in export_formats()])
        self.paper_combo = _combo([FIT, *PAPER_NAMES])
        self.orientation_combo = _combo(["Automatic", "Portrait", "Landscape"])
        self.poster_check = QCheckBox("Tile the map at full size over sheets (wall poster)")
        self.overlap_spin = QDoubleSpinBox(suffix=" mm", minimum=0.0, maximum=100.0, value=10.0)
        self.marks_check = QCheckBox("Cut marks and glue lines", checked=True)
        self.dpi_spin = QSpinBox(suffix=" dpi", minimum=10, maximum=1200, value=150)
        self.persona_combo = QComboBox()
        self.persona_combo.addItem("All personas", None)
        for persona in self.journey.personas:
            self.persona_combo.addItem(persona.name, persona.id)
        self.insights_check = QCheckBox("Add an Insights page")
        form = QFormLayout()
        form.addRow("File:", path_row)
        for label, widget in (("Format:", self.format_combo), ("Paper:", self.paper_combo),
                              ("Orientation:", self.orientation_combo),
                              ("", self.poster_check), ("Glue overlap:", self.overlap_spin),
                              ("", self.marks_check), ("Resolution:", self.dpi_spin),
                              ("Persona:", self.persona_combo), ("", self.insights_check)):
            form.addRow(label, widget)
        self.preview = ExportPreview()
        self.summary_label = QLabel(wordWrap=True)
        self.progress_bar = QProgressBar(minimum=0, maximum=100, visible=False)
        self.status_label = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        body = QHBoxLayout()
        body.addLayout(form)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        for widget in (self.summary_label, self.progress_bar, self.status_label, self.buttons):
            layout.addWidget(widget)
        self._sync_format_from_path()
        self.path_edit.textChanged.connect(self._path_changed)
        self.format_combo.currentTextChanged.connect(self._format_changed)
        for signal in (self.paper_combo.currentIndexChanged,
                       self.orientation_combo.currentIndexChanged,
                       self.poster_check.toggled, self.overlap_spin.valueChanged,
                       self.marks_check.toggled, self.dpi_spin.valueChanged,
                       self.persona_combo.currentIndexChanged, self.insights_check.toggled):
            signal.connect(self._refresh)

    # --------------------------------------------------------------- options
    def path(self) -> str:
        """The output file, with the format's suffix."""
        return self.path_edit.text().strip()

    def suffix(self) -> str:
        """The chosen format's suffix (``.pdf``, ``.png``, ``.svg``, ``.csv``...)."""
        return self.export_format().suffix

    def export_format(self) -> ExportFormat:
        """The chosen format."""
        return export_formats()[self.format_combo.currentIndex()]

    def options(self) -> ExportOptions:
        """The export options the controls describe."""
        fmt = self.export_format()
        paper = self.paper_combo.currentText()
        orientation = self.orientation_combo.currentIndex()
        return ExportOptions(
            page=None if paper == FIT else paper,
            landscape=(None, False, True)[orientation],
            poster=fmt.poster and self.poster_check.isChecked(),
            overlap_mm=self.overlap_spin.value(),
            marks=self.marks_check.isChecked(),
            dpi=self.dpi_spin.value(),
            persona=self.persona_combo.currentData(),
            insights=fmt.insights and self.insights_check.isChecked(),
        )

    def _drawing(self, persona: str | None) -> Drawing:
        """The laid-out map for a persona, with its thumbnail (cached)."""
        if persona not in self._drawings:
            drawing = build_drawing(self.journey, persona=persona)
            self._drawings[persona] = (drawing, render_thumbnail(drawing))
        drawing, thumb = self._drawings[persona]
        self.preview.set_thumbnail(thumb, drawing.width, drawing.height)
        return drawing

    # ------------------------------------------------------------ reactions
    def _browse(self) -> None:
        filters = ";;".join(f"{fmt.name} (*{fmt.suffix})" for fmt in export_formats())
        path, _ = QFileDialog.getSaveFileName(self, "Export map", self.path(), filters)
        if path:
            self.path_edit.setText(path)

    def _path_changed(self) -> None:
        self._sync_format_from_path()
        self._refresh()

    def _sync_format_from_path(self) -> None:
        suffix = Path(self.path()).suffix.lower()
        for fmt in export_formats():
            name = fmt.name
            if fmt.suffix == suffix and self.format_combo.currentText() != name:
                self.format_combo.blockSignals(True)
                self.format_combo.setCurrentText(name)
                self.format_combo.blockSignals(False)

    def _format_changed(self) -> None:
        path = self.path()
        if path:
            self.path_edit.blockSignals(True)
            self.path_edit.setText(str(Path(path).with_suffix(self.suffix())))
            self.path_edit.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        """Enable what applies to the format, then re-plan and redraw the preview."""
        for widget, why in self._inapplicable().items():
            widget.setEnabled(why is None)
            widget.setToolTip(why or "")
        suffix = self.suffix()
        options = self.options()
        path = self.path() or "export" + suffix
        try:
            check_options(path, options)
            drawing = self._drawing(options.persona)
            drawn = self.export_format().drawn
            plan = page_plan(path, drawing, options, suffix) if drawn else None
        except JourneyError as exc:
            self.preview.set_plan(None)
            self._show_summary(str(exc), error=True)
            return
        fmt = self.export_format()
        if plan is None:
            shown = drawing.journey
            preview, summary = fmt.table_texts
            self.preview.set_plan(None, preview)
            self._show_summary(summary.format(cards=len(shown.cards), flows=len(shown.flows)))
            return
        self.preview.set_plan(plan)
        paper = options.page or ("A4" if plan.grid is not None else None)
        self._show_summary(describe_plan(plan, paper, options.dpi if fmt.pixels else None))

    def _inapplicable(self) -> dict[QWidget, str | None]:
        """Each format-dependent control, with why it does not apply (None: it does)."""
        fmt = self.export_format()
        kind = fmt.noun
        poster = fmt.poster and self.poster_check.isChecked()
        no_page = None if fmt.drawn else f"{_capital(kind)} is a table of cards: it has no page."
        if no_page is None and not poster and self.paper_combo.currentText() == FIT:
            turn = "The page is sized to the map; choose a paper to choose its orientation."
        else:
            turn = no_page
        posters = f"Posters are {_names('poster')} only; this exports {kind}."
        glue = None if poster else (
            "Only poster sheets are glued and trimmed: tick the poster option." if fmt.poster
            else posters)
        return {
            self.paper_combo: no_page,
            self.orientation_combo: turn,
            self.poster_check: None if fmt.poster else posters,
            self.overlap_spin: glue,
            self.marks_check: glue,
            self.dpi_spin: None if fmt.pixels else (
                f"The resolution is for {_names('pixels')} images; {kind} " +
                ("is drawn in vectors at any size." if fmt.drawn else "has no pixels.")),
            self.insights_check: None if fmt.insights else (
                f"The Insights page is added to {_names('insights')}s only; "
                f"this exports {kind}."),
        }

    def _show_summary(self, text: str, error: bool = False) -> None:
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(ERROR_STYLE if error else "")
        self.export_button.setEnabled(not error and not self.running())

    # ---------------------------------------------------------------- export
    def running(self) -> bool:
        """Whether an export is under way."""
        return self._thread is not None

    def start_export(self) -> None:
        """Export on a worker thread; the dialog shows progress and the outcome."""
        if self.running():
            return
        # A plain copy of the map (~50 ms for 5,000 cards), rebuilt on the worker:
        # edits made while the export runs cannot tear it.
        snapshot = to_dict(self.journey)
        self._thread = ExportThread(snapshot, self.path(), self.options(), self)
        self._thread.progressed.connect(self._progressed)
        self._thread.succeeded.connect(self._succeeded)
        self._thread.failed.connect(self._failed)
        self._thread.finished.connect(self._thread_done)
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        self._show_status("Exporting…")
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self._thread.start()

    def cancel_export(self) -> None:
        """Ask the running export to stop at its next step (the GUI never waits)."""
        if self._thread is not None:
            self._thread.cancelled = True
            self._show_status("Cancelling…")

    def _progressed(self, fraction: float) -> None:
        self.progress_bar.setValue(round(fraction * 100))

    def _succeeded(self, path: str) -> None:
        self._show_status(f"Wrote {path} ({_human_size(os.path.getsize(path))}).")
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self._show_status(message, error=True)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")

    def _thread_done(self) -> None:
        self._thread.deleteLater()
        self._thread = None
        self.progress_bar.setVisible(False)
        self.close_button.setText("Close")
        self._refresh()

    def reject(self) -> None:
        """Close; during an export, Cancel stops the export instead."""
        if self.running():
            self.cancel_export()
            return
        self.journey.unsubscribe(self._on_change)
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        # A running thread must not be destroyed with the dialog: stop it and wait
        # (at most one PNG band or the rest of a PDF) when the window goes away.
        if self.running():
            self.cancel_export()
            self._thread.wait()
        self.journey.unsubscribe(self._on_change)
        super().closeEvent(event)


def _names(feature: str) -> str:
    """The names of the formats with ``feature`` ("PDF", "PNG"...), for a sentence."""
    return " and ".join(fmt.name for fmt in export_formats() if getattr(fmt, feature))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _combo(items: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItems(items)
    return combo


def _human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
