"""The application icon for Qt, and the PNG sizes rendered from the SVG sources.

`application_icon` gives every window and dialog the same icon (the
application sets it once, before the first window).  The PNGs in
``resources/icons`` are generated from the two SVG files by
``python -m app.desktop.icons`` and committed, so that a desktop without an
SVG icon loader, and the standalone build, still have them; a test checks that
they match their source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.desktop.identity import APP_ID, ICON_SIZES, MIME_ICON
from app.documents.resources import resource_path

#: The SVG sources, by the stem their PNGs are named after.
SOURCES = ("journeymap", MIME_ICON)


def application_icon() -> QIcon:
    """The Journeymap icon, with a PNG for every size desktops ask for."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path(f"icons/journeymap-{size}.png")))
    return icon


def render(source: Path, size: int) -> QImage:
    """``source`` (an SVG file) drawn on a transparent square of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(source)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def write_pngs(folder: Path) -> list[Path]:
    """Render every size of every source into ``folder``; returns the files."""
    written = []
    for stem in SOURCES:
        source = resource_path(f"icons/{stem}.svg")
        for size in ICON_SIZES:
            path = folder / f"{stem}-{size}.png"
            render(source, size).save(str(path))
            written.append(path)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for path in write_pngs(resource_path("icons")):
        print(path)


def apply_identity(app: QGuiApplication) -> None:
    """Give ``app`` its icon (every window and dialog inherits it) and its desktop id.

    The desktop id lets a Wayland compositor or a dock match the windows to the
    installed desktop entry (``journeymap desktop install``).
    """
    app.setWindowIcon(application_icon())
    app.setDesktopFileName(APP_ID)
