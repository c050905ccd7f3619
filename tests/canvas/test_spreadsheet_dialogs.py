"""File > Import… and File > Export… with workbooks and CSVs as spreadsheets write them."""

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.documents.recent_files import RecentFiles
from app.export.xlsx_export import export_xlsx
from app.model.fileformat import dumps, load
from app.model.xlsx_import import import_xlsx
from app.panels.export_dialog import ExportDialog
from app.window.main_window import MainWindow
from tests.model.helpers import small_journey

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


@pytest.fixture
def asked(monkeypatch):
    """Replaces the blocking dialogs; records what was asked and answers as told."""
    record = {"critical": [], "question": [], "answer": QMessageBox.StandardButton.Yes,
              "open": "", "sheet": None, "sheets_offered": []}

    def critical(parent, title, text, *args):
        record["critical"].append(text)
        return QMessageBox.StandardButton.Ok

    def question(parent, title, text, *args):
        record["question"].append(text)
        return record["answer"]

    def get_item(parent, title, label, items, *args):
        record["sheets_offered"].append(list(items))
        return (record["sheet"] or "", record["sheet"] is not None)

    discard = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", discard)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (record["open"], "")))
    return record


@pytest.fixture
def window(qtbot, tmp_path, asked):
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(small_journey(), str(tmp_path / "trip.journey"), recent)
    qtbot.addWidget(win)
    return win


def import_through_menu(window, asked, path: Path) -> None:
    asked["open"] = str(path)
    window.commands.import_csv.trigger()


def test_import_a_workbook_from_the_file_menu(window, asked, tmp_path):
    export_xlsx(load(SAMPLE), tmp_path / "sample.xlsx")
    import_through_menu(window, asked, tmp_path / "sample.xlsx")
    assert asked["critical"] == []
    # The very same map, as an untitled, unsaved one (saving asks where).
    assert dumps(window.document.journey) == SAMPLE.read_text(encoding="utf-8")
    assert window.document.path is None and window.document.is_modified()


def test_a_workbook_without_a_cards_sheet_asks_which_sheet(window, asked, tmp_path):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["stage", "lane", "title"])
    book.active.append(["A", "L", "Note"])
    book.create_sheet("Research").append(["Stage", "Lane", "Title"])
    book["Research"].append(["A", "L", "Finding"])
    book.create_sheet("Stages").append(["name"])
    book.save(tmp_path / "w.xlsx")
    before = window.document.journey
    import_through_menu(window, asked, tmp_path / "w.xlsx")  # cancelled
    assert window.document.journey is before
    asked["sheet"] = "Research"
    import_through_menu(window, asked, tmp_path / "w.xlsx")
    assert asked["sheets_offered"] == [["Notes", "Research"]] * 2
    assert [c.title for c in window.document.journey.cards] == ["Finding"]


def test_a_bad_workbook_shows_the_error_and_keeps_the_map(window, asked, tmp_path):
    book = Workbook()
    book.active.title = "Cards"
    book.active.append(["stage", "lane", "title"])
    book.active.append(["A", "L", "=1+1"])
    book.save(tmp_path / "w.xlsx")
    before = window.document.journey
    import_through_menu(window, asked, tmp_path / "w.xlsx")
    assert window.document.journey is before
    assert asked["critical"] == [
        f'{tmp_path / "w.xlsx"}: sheet "Cards", row 2, column "title" (C2): the formula "=1+1" '
        "has no saved value (it was never calculated); open the file in a spreadsheet program "
        "and save it again"
    ]


def test_a_windows_csv_is_read_as_windows_1252_when_the_user_agrees(window, asked, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("Stage;Lane;Title\nKöln;Kunde;Bestellt Café\n".encode("cp1252"))
    asked["answer"] = QMessageBox.StandardButton.No
    before = window.document.journey
    import_through_menu(window, asked, path)
    assert window.document.journey is before
    assert asked["question"] == [
        f"{path}: line 2: not UTF-8 text (byte 0xf6); save the file as UTF-8.\n\n"
        "Read it as Windows-1252 (Western European), the encoding Excel uses for CSV on Windows?"
    ]
    asked["answer"] = QMessageBox.StandardButton.Yes
    import_through_menu(window, asked, path)
    journey = window.document.journey
    assert [s.name for s in journey.stages] == ["Köln"]
    assert [c.title for c in journey.cards] == ["Bestellt Café"]
    assert asked["critical"] == []


def test_export_a_workbook_through_the_export_dialog(window, qtbot, monkeypatch, tmp_path):
    window.document.replace(load(SAMPLE), None)
    window.export_action.trigger()
    dialog = window.findChildren(ExportDialog)[0]
    target = tmp_path / "chosen.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog._browse()
    assert dialog.format_combo.currentText() == "XLSX"
    for widget in (dialog.paper_combo, dialog.poster_check, dialog.dpi_spin):
        assert not widget.isEnabled() and "workbook" in widget.toolTip()
    assert "44 cards on the Cards sheet and 23 flows" in dialog.summary_label.text()
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=20000)
    assert "Wrote" in dialog.status_label.text()
    assert dumps(import_xlsx(target)) == SAMPLE.read_text(encoding="utf-8")
    dialog.close()


def test_a_workbook_dropped_on_the_window_is_imported(window, tmp_path):
    export_xlsx(load(SAMPLE), tmp_path / "dropped.xlsx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped.xlsx"))])
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert dumps(window.document.journey) == SAMPLE.read_text(encoding="utf-8")
    assert window.document.path is None
