"""The window chrome follows the system's light or dark scheme while the map keeps
its print colours; everything is crisp at 200 % (QT_SCALE_FACTOR=2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QPalette

from app.documents.recent_files import RecentFiles
from app.model.fileformat import load
from app.panels.icons import glyph_icon
from app.window import theme
from app.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


@pytest.fixture
def restore_look(qapp):
    """Put the application's palette and stylesheet back after the test."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def window(qtbot, tmp_path):
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(load(SAMPLE), str(SAMPLE), recent=recent)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _window_colour(qapp) -> QColor:
    return qapp.palette().color(QPalette.ColorRole.Window)


def _map_pixel(win: MainWindow) -> QColor:
    """A pixel of the map's background (inside the map, between the cards)."""
    win.view.centerOn(0, 0)
    image = win.view.viewport().grab().toImage()
    top_left = win.view.mapFromScene(2, 2)
    return image.pixelColor(top_left.x() + 1, top_left.y() + 1)


def test_dark_scheme_darkens_the_chrome_not_the_map(restore_look, window, qtbot):
    theme.apply_theme(restore_look, Qt.ColorScheme.Light)
    qtbot.wait(10)
    light_map = _map_pixel(window)
    assert _window_colour(restore_look).lightness() > 200
    theme.apply_theme(restore_look, Qt.ColorScheme.Dark)
    qtbot.wait(10)
    assert _window_colour(restore_look).lightness() < 60
    assert restore_look.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    assert _map_pixel(window) == light_map  # the map keeps its print colours
    # The toolbar's glyphs are drawn in the chrome's ink: light on dark.
    image = glyph_icon("save").pixmap(QSize(24, 24)).toImage()
    inks = [image.pixelColor(x, y) for x in range(24) for y in range(24)
            if image.pixelColor(x, y).alpha() == 255]
    assert inks and min(c.lightness() for c in inks) > 180


def test_chrome_follows_a_scheme_change_while_running(restore_look, monkeypatch, qtbot):
    monkeypatch.setenv(theme.SCHEME_ENV, "light")
    theme.apply_theme(restore_look)
    assert restore_look.property("journeymapScheme") == "light"
    monkeypatch.setenv(theme.SCHEME_ENV, "dark")
    # What Qt emits when the desktop switches to dark.
    restore_look.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert restore_look.property("journeymapScheme") == "dark"
    assert _window_colour(restore_look).name() == theme.DARK.window.lower()


def test_an_unknown_scheme_is_light_and_the_override_wins(qapp, monkeypatch):
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    assert theme.chrome_for(Qt.ColorScheme.Unknown) is theme.LIGHT
    monkeypatch.setenv(theme.SCHEME_ENV, "Dark")
    assert theme.current_scheme(qapp) == Qt.ColorScheme.Dark


SHOT = """
import json, sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSize
app = QApplication([])
from app.window.theme import apply_theme
from app.window.main_window import MainWindow
from app.model.fileformat import load
apply_theme(app)
w = MainWindow(load(sys.argv[1]), sys.argv[1])
w.resize(1000, 700)
w.show()
for _ in range(5):
    app.processEvents()
shot = w.grab()
shot.save(sys.argv[2])
button = w.toolbar.widgetForAction(w.commands.add_stage)
origin = button.mapTo(w, button.rect().topLeft())
icon = w.commands.save.icon().pixmap(QSize(22, 22), w.devicePixelRatio())
print(json.dumps({"ratio": w.devicePixelRatio(), "size": [shot.width(), shot.height()],
                  "button": [origin.x(), origin.y(), button.width(), button.height()],
                  "icon": [icon.width(), icon.height()]}))
"""


def _shoot(tmp_path: Path, factor: int) -> tuple[dict, Image.Image]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYMAP_COLOR_SCHEME"}
    env.update(QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=str(factor), JOURNEYMAP_TEST="1",
               HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    out = tmp_path / f"shot{factor}.png"
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(SHOT), str(SAMPLE), str(out)],
                            env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), Image.open(out).convert("L")


def _sharpness(image: Image.Image) -> float:
    """Detail finer than two device pixels: what a round trip through half the
    resolution loses.  An image drawn at half size and blown up has little."""
    half = image.resize((image.width // 2, image.height // 2), Image.Resampling.BOX)
    back = half.resize(image.size, Image.Resampling.BILINEAR)
    return ImageStat.Stat(ImageChops.difference(image, back)).mean[0]


@pytest.mark.slow
def test_crisp_at_200_percent(tmp_path):
    one, shot1 = _shoot(tmp_path, 1)
    two, shot2 = _shoot(tmp_path, 2)
    assert two["ratio"] == 2.0
    assert two["size"] == [2 * one["size"][0], 2 * one["size"][1]] == [2000, 1400]
    assert two["icon"] == [44, 44]  # the glyph drawn at 44 px, not a 22 px one blown up
    # The toolbar button with the Add Stage glyph and words, at 200 %, against
    # the 100 % shot blown up to the same size: drawn anew, its edges are sharper.
    x, y, w, h = two["button"]
    crisp = shot2.crop((2 * x, 2 * y, 2 * (x + w), 2 * (y + h)))
    x, y, w, h = one["button"]
    blown_up = shot1.crop((x, y, x + w, y + h)).resize(crisp.size, Image.Resampling.BILINEAR)
    print("sharpness at 200 %:", _sharpness(crisp), "blown up from 100 %:", _sharpness(blown_up))
    assert _sharpness(crisp) > 1.5 * _sharpness(blown_up)
