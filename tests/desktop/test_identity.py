"""The application's identity: icon on every window and dialog, --version, About."""

from __future__ import annotations

import networkx
import pytest
import reportlab
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

from app.cli import main
from app.desktop.icons import SOURCES, application_icon, apply_identity, render
from app.desktop.identity import APP_ID, ICON_SIZES, version
from app.documents.recent_files import RecentFiles
from app.documents.resources import resource_path
from app.window.about import AboutDialog
from app.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(recent=recent)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def identity(qapp):
    before = qapp.windowIcon()
    apply_identity(qapp)
    yield qapp
    qapp.setWindowIcon(before)


@pytest.mark.parametrize("stem", SOURCES)
@pytest.mark.parametrize("size", (16, 48, 256))
def test_committed_pngs_are_renderings_of_their_svg(qapp, stem, size):
    committed = QImage(str(resource_path(f"icons/{stem}-{size}.png")))
    fresh = render(resource_path(f"icons/{stem}.svg"), size)
    assert committed.size() == fresh.size()
    assert committed.convertToFormat(fresh.format()) == fresh, (
        "run: QT_QPA_PLATFORM=offscreen python -m app.desktop.icons"
    )


def test_icon_has_every_desktop_size_and_is_not_blank(qapp):
    icon = application_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    image = icon.pixmap(48, 48).toImage()
    # Opaque in the middle (the rounded square), transparent in the corner.
    assert image.pixelColor(24, 24).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0


def test_every_window_and_dialog_carries_the_icon(identity, window, qtbot):
    assert QGuiApplication.desktopFileName() == APP_ID
    expected = application_icon().pixmap(32, 32).toImage()
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    window.show_departments()
    for widget in (window, dialog, window._dialogs["departments"]):
        assert widget.windowIcon().pixmap(32, 32).toImage() == expected, widget


def test_version_option_prints_the_installed_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"journeymap {version()}"


def test_help_about_lists_version_libraries_and_font_licence(window, qtbot):
    help_menu = window.menus["help"]
    (action,) = [a for a in help_menu.actions() if a.text() == "&About Journeymap"]
    action.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    assert f"Journeymap {version()}" in dialog.heading.text()
    table: QTableWidget = dialog.table
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    from PySide6 import __version__ as pyside

    assert rows["networkx"] == (networkx.__version__, "BSD-3-Clause")
    assert rows["reportlab"][0] == reportlab.Version
    assert (rows.get("PySide6-Essentials") or rows["PySide6"])[0] == pyside
    assert rows["DejaVu Sans"][1].startswith("Bitstream Vera")
    assert "Copyright (c) 2003 by Bitstream, Inc." in dialog.font_licence.toPlainText()
    dialog.close()


def test_about_copy_gives_plain_text_for_bug_reports(window, qtbot):
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    (copy,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "&Copy"]
    QApplication.clipboard().clear()
    copy.click()
    text = QApplication.clipboard().text()
    assert text.startswith(f"Journeymap {version()}\n")
    assert f"networkx {networkx.__version__} (BSD-3-Clause)" in text
    assert "DejaVu Sans (Bitstream Vera" in text
