"""The raw PySide6 program the real-window benchmark compares the editor with.

    python bench/raw_window.py DATA.json

A whole process, as small as Qt allows: it reads the plain data that
`bench.baseline_qt.scene_data` wrote (card rectangles and titles, flow end
points, at the places our layout gives them), builds one item per card with
its own ``paint()`` (rectangle and word-wrapped title) and one
`QGraphicsPathItem` per flow, and shows them in a `QGraphicsView` in a
window of the editor's default size, at the same place on the screen.  It
imports nothing of the project but `bench.baseline_qt`'s item classes, and
registers the same font (DejaVu Sans) so that both draw the same glyphs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsScene, QGraphicsView

ROOT = Path(__file__).resolve().parent.parent
#: The editor's default window size (app.window.main_window.DEFAULT_SIZE).
WINDOW_SIZE = (1600, 980)


def main(data_path: str) -> int:
    """Show the baseline window and run the event loop."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.baseline_qt import ARROW, TextCard, curve  # no project code: plain items

    app = QApplication(sys.argv[:1])
    for font in sorted((ROOT / "resources" / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))
    TextCard.font = QFont("DejaVu Sans")
    TextCard.font.setPixelSize(13)
    with open(data_path, encoding="utf-8") as fh:
        data = json.load(fh)
    scene = QGraphicsScene()
    scene.setBspTreeDepth(10)
    scene.setSceneRect(QRectF(0, 0, data["width"] + 120, data["height"] + 120))
    cards = data["cards"]
    for x, y, w, h, title, _ in cards:
        scene.addItem(TextCard(x, y, w, h, title))
    pen = QPen(ARROW, 1.5)
    for a, b in data["flows"]:
        item = QGraphicsPathItem(curve(cards[a], cards[b]))
        item.setPen(pen)
        scene.addItem(item)
    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    view.setWindowTitle("raw Qt")
    view.resize(*WINDOW_SIZE)
    area = view.screen().availableGeometry()
    view.move(area.center() - view.rect().center())
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
