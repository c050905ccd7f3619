"""File > Export… opens the Export dialog on the window's map."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.documents.recent_files import RecentFiles
from app.panels.export_dialog import ExportDialog
from app.window.export_menu import suggested_export_path
from app.window.main_window import MainWindow
from tests.model.helpers import small_journey


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    discard = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", discard)
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(small_journey(), str(tmp_path / "trip.journey"), recent)
    qtbot.addWidget(win)
    return win


def test_export_sits_after_import_in_the_file_menu(window):
    texts = [a.text() for a in window.menus["file"].actions()]
    assert texts.index("&Export\u2026") == texts.index("&Import\u2026") + 1


def test_export_action_opens_a_dialog_on_this_map(window, qtbot, tmp_path):
    window.export_action.trigger()
    dialogs = window.findChildren(ExportDialog)
    assert len(dialogs) == 1
    assert dialogs[0].journey is window.document.journey
    assert dialogs[0].path() == str(tmp_path / "trip.pdf")
    dialogs[0].close()


def test_an_untitled_map_is_offered_under_its_title(qtbot, tmp_path):
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(small_journey(), None, recent)
    qtbot.addWidget(win)
    assert suggested_export_path(win).endswith("Test map.pdf")
