"""The map on a projector: the legend never covers it, and a map fitted to
the window still reads (semantic zoom)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF, QSettings
from PySide6.QtGui import QColor, QImage, QPainter

from app.canvas.legible_titles import LEGIBLE_PX
from app.canvas.painting import card_title_at
from app.documents.recent_files import RecentFiles
from app.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
MAPS = [ROOT / "resources" / "sample.journey", *sorted((ROOT / "resources/templates").glob("*"))]
SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture
def open_map(qtbot, tmp_path):
    def make(source: Path, size: tuple[int, int]) -> MainWindow:
        path = tmp_path / source.name
        shutil.copy(source, path)
        recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(recent=recent)
        qtbot.addWidget(window)
        assert window.files.open_path(str(path))
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _global(widget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.stem)
def test_the_legend_never_covers_the_map(open_map, qtbot, source, size):
    window = open_map(source, size)
    legend, viewport = window.legend_bar, window.view.viewport()
    for zoom in (1.0, None):  # 100 % and fitted
        if zoom is None:
            window.view.zoom_to_fit()
        else:
            window.view.set_zoom(zoom)
        qtbot.wait(10)
        if window.document.journey.departments:
            assert legend.isVisible() and legend.height() > 0
            assert [e.name for e in legend.entries] == [
                d.name for d in window.document.journey.departments
            ]
        assert not _global(legend).intersects(_global(viewport))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.stem)
def test_every_title_is_legible_when_the_map_is_fitted(open_map, source, size):
    window = open_map(source, size)
    window.canvas_only.set_on(False)
    window.view.zoom_to_fit()
    zoom = window.view.zoom
    for box in window.scene.layout.cards.values():
        shown = card_title_at(box, zoom)
        if shown is None:  # drawn as laid out: big enough
            assert box.title_size * zoom >= LEGIBLE_PX
        else:
            assert shown.size * zoom >= LEGIBLE_PX - 0.01
            assert shown.lines and len(shown.lines[0].rstrip("\u2026")) >= 3, box.id


def test_a_fitted_card_shows_dark_title_pixels(open_map):
    window = open_map(MAPS[0], (1280, 720))
    window.view.zoom_to_fit()
    zoom = window.view.zoom
    assert zoom < 0.6  # a projector fit: the laid-out titles would be too small
    scene = window.scene
    for box in list(scene.layout.cards.values())[:12]:
        r = box.rect
        image = QImage(round(r.w * zoom), round(r.h * zoom), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(image.rect()), QRectF(r.x, r.y, r.w, r.h))
        painter.end()
        dark = sum(
            1
            for y in range(image.height())
            for x in range(image.width())
            if QColor(image.pixel(x, y)).lightness() < 90
        )
        assert dark >= 20, box.id  # letters, not just a border
